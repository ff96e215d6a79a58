import { alternation, english } from "../lexicon/english.js";
import { closeSpelling, nameWords } from "../attribution/speakers.js";
import { wordRank } from "../text/wordfreq.js";

/** "What did X say (about Y)?" and its variants: the speaker asked about, and the topic. */
export interface SpeakerIntent {
  target: string;
  topic: string;
}

// The verbs people use when they ask what someone said: the speech verbs, plus the present forms.
const ASK_VERBS = alternation(new Set([...english.speechVerbs, "tell", "think", "thought", "mean", "meant", "believe", "feel", "felt", "respond", "react", "reacted", "reply", "comment", "post", "write", "announce", "describe", "warn", "argue", "claim", "predict", "state", "suggest", "reveal", "insist", "add", "report", "call", "tweet", "blame", "accuse", "deny", "confirm", "promise", "urge", "admit"]));

const PATTERNS: RegExp[] = [
  new RegExp(`^(?:(?:so|and|but|ok|okay|wait|wait so|hey|also)\\s+)*(?:what|how)\\s+(?:exactly\\s+)?(?:did|does|do|has|have|had|would)\\s+(?<target>.+?)\\s+(?:[a-z]+ly\\s+|even\\s+|just\\s+)?(?:have\\s+)?(?:to\\s+)?(?<verb>${ASK_VERBS})\\b(?<topic>.*)$`, "i"),
  // Chat drops the apostrophe ("what was smiths take"): one word of three letters or more, then "s".
  /^(?:(?:so|and|but|ok|okay|wait|wait so)\s+)*what\s+(?:was|is|were|are|'s|’s)\s+(?:(?<target>.+?)['’]s?|(?:the\s+)?(?<bare>[a-z]{3,})s)\s+(?:reaction|response|view|views|position|comment|comments|statement|statements|message|assessment|take|quote|quotes|words|answer|stance|line)\b(?<topic>.*)$/i,
  /^(?:(?:so|and|but|ok|okay|wait|wait so)\s+)*(?:what\s+)?(?:any\s+)?(?:quotes?|statements?|comments?|remarks?)\s+(?:from|by|of)\s+(?<target>.+?)(?<topic>\s+(?:about|on|regarding)\s+.*)?$/i,
  /^what\s+(?:was|has\s+been|were)\s+said\s+by\s+(?<target>.+?)(?<topic>\s+(?:about|on|regarding)\s+.*)?$/i,
  /^(?:did|has|have)\s+(?<target>.+?)\s+(?<verb>say|said|comment|commented|respond|responded|react|reacted|speak|spoken)\b(?<topic>.*)$/i,
  // "How did Novak take the ruling?" asks for his reaction, as "react" does.
  /^how\s+did\s+(?<target>.+?)\s+(?<verb>react|respond|reply|take(?!\s+place)|view|see)\b(?<topic>.*)$/i,
];

/**
 * "why'd smith drop the summit, what did he say": the "he" asked about is the one the question
 * opened with, named in its first clause.
 */
const PRONOUN_ASK = new RegExp(`^(?<before>.+?)[,?!.;]+\\s*(?:(?:so|and|but|ok|okay|wait)\\s+)*(?:what|how)\\s+(?:exactly\\s+)?(?:did|does|has|had)\\s+(?:he|she)\\s+(?:[a-z]+ly\\s+|even\\s+|just\\s+)?(?<verb>${ASK_VERBS})\\b(?<rest>.*)$`, "i");
const OPENERS = /^(?:(?:so|and|but|ok|okay|wait|why|why'd|why’d|did|does|has|had|was|is|how come)\s+)*/i;

function pronounIntent(q: string): SpeakerIntent | null {
  const g = PRONOUN_ASK.exec(q)?.groups;
  if (!g) return null;
  const [first, ...after] = g.before!.replace(OPENERS, "").trim().split(/\s+/);
  const target = (first ?? "").replace(/['’]s?$/, "");
  // A name, not an everyday word ("the deal fell apart, what did he say" names no one).
  if (!/^\p{L}[\p{L}-]+$/u.test(target) || (wordRank(target) ?? Infinity) <= EVERYDAY_RANK) return null;
  return { target, topic: topicOf(g.verb, `${after.join(" ")} ${g.rest!}`) };
}

/** What is asked about: the verb ("warn", "blame") unless it is plain "say", then the words after it, less whom it was said to. */
function topicOf(verb: string | undefined, words: string): string {
  const rest = words.replace(AUDIENCE, "").replace(/^\s*(?:about|on|regarding|of)\b/i, "").trim();
  return `${verb && !PLAIN_SPEECH.test(verb) ? verb : ""} ${rest}`.replace(/\s+/g, " ").trim();
}

const NOT_SPEAKERS = /^(?:they|he|she|it|we|you|i|people|anyone|someone|anybody|everyone|everybody|the articles?|the story|the reports?|the two sides|both sides|the sides|officials|them|this|that|the media|the press)$/i;
const PLAIN_SPEECH = /^(?:say|said|says|tell|told|tells|comment|commented|speak|spoken)$/i;
/** Whom something was said to is not what it was about. */
const AUDIENCE = /\b(?:to\s+)?(?:reporters|journalists|the press|the media)\b/gi;

export function speakerIntent(question: string): SpeakerIntent | null {
  const q = question.trim().replace(/[?!.\s]+$/, "");
  for (const re of PATTERNS) {
    const g = re.exec(q)?.groups;
    if (!g) continue;
    const target = (g.target ?? g.bare!).replace(/^(?:the|a|an)\s+/i, "").replace(/['’]s$/, "").trim();
    // A plural everyday noun ("the news line", "the leaders view") is no one's possessive.
    if (g.bare && (wordRank(`${g.bare}s`) ?? Infinity) <= EVERYDAY_RANK) return null;
    if (!target || NOT_SPEAKERS.test(target) || target.split(/\s+/).length > 6) return null;
    return { target, topic: topicOf(g.verb, g.topic ?? "") };
  }
  return pronounIntent(q);
}

/**
 * The people a target names: "witkoff and kushner", "witkoff n kushner", "rubio, lavrov" are two,
 * each answered by their own quotes (no one speaker is both).
 */
export function targetParts(target: string): string[] {
  const parts = target.split(/\s*,\s*|\s+(?:and|n|&|\+|or)\s+/i).map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? parts : [target];
}

/** Words this common in everyday English are not names: "guy", "side", "people". */
export const EVERYDAY_RANK = 2_000;

/**
 * Does a speaker (name, role, spellings) answer to the target? Every word of the target must match
 * one of theirs, spelled alike or a letter or two apart, or through the story's aliases
 * (a country's name for its government's spokesman, from the corpus's dossier.yaml).
 */
export function speakerMatches(target: string, speaker: { name: string; role: string | null; spellings?: string[] }, aliases: ReadonlyMap<string, string[]> = new Map()): boolean {
  const all = nameWords(target).filter((w) => !["the", "of", "a", "an", "and", "s"].includes(w));
  // Everyday words around a name ("the ministry guy", "the president's people") need not match.
  const nameLike = all.filter((w) => (wordRank(w) ?? Infinity) > EVERYDAY_RANK);
  const wanted = nameLike.length ? nameLike : all;
  if (!wanted.length) return false;
  const names = [speaker.name, ...(speaker.spellings ?? [])];
  const theirs = new Set(names.flatMap(nameWords));
  // "Novak's special envoy" is not Novak: names in the possessive are left out of a role.
  const role = (speaker.role ?? "").replace(/(?:\p{Lu}[\p{L}.-]*\s+)*\p{Lu}[\p{L}.-]*['’]s?(?=\s|$)/gu, " ");
  const roleWords = new Set(nameWords(role));
  const everything = `${names.join(" ")} ${role}`;
  const folded = ` ${nameWords(everything).join(" ")} `;
  const whole = all.join(" ");
  const options = [whole, ...(aliases.get(whole) ?? [])];
  // A multi-word alias or target ("foreign ministry") matches as a phrase.
  if (options.some((o) => o.includes(" ") && folded.includes(` ${o} `))) return true;
  return wanted.every((w) => {
    const forms = [w, ...(aliases.get(w) ?? [])].filter((f) => !f.includes(" "));
    return forms.some((f) => roleWords.has(f) || [...theirs].some((t) => closeSpelling(f, t)));
  });
}
