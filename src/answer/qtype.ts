import { ROLE_NOUNS } from "../quotes/people.js";

/**
 * What kind of answer a question wants, from its first words, and whether a sentence has one:
 * "how long" wants a duration, "when" a date, "where" a place. A small nudge, not a filter.
 */
const CUES: [RegExp, RegExp][] = [
  [/^how\s+long\b/i, /\b(?:\d+|one|two|three|four|five|six|several|many)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/i],
  [/^how\s+(?:many|much)\b/i, /\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?|billions?)\b/i],
  [/^when\b|\bwhat\s+(?:day|date|time|year)\b/i, /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|\d{4}|yesterday|today|hours? (?:after|before)|weeks? (?:after|before)|earlier this|later this)\b/],
  [/^where\b/i, /\b(?:in|to|at|near|aboard)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)\p{Lu}\p{L}+/u],
  [/^who\s+(?:is|was)\s+\p{Lu}|\b(?:role|job|position)\s+(?:in|of)\b/iu, new RegExp(`\\b(?:${[...ROLE_NOUNS].join("|")}|billionaire|interlocutor|mediator|businessman|businesswoman)\\b`, "i")],
  [/^who\b|^whose\b/i, /\p{Lu}\p{L}+\s+\p{Lu}\p{L}+/u],
];

export function answerTypeBonus(question: string, text: string): number {
  for (const [q, a] of CUES) if (q.test(question.trim())) return a.test(text) ? 1 : 0;
  return 0;
}
