/** Verbs that report speech or writing; a subject before them is a speaker. */
export const SPEECH_VERBS =
  "said|says|say|told|tells|wrote|writes|added|adds|stated|states|noted|notes|explained|warned|warns|argued|argues|claimed|claims|insisted|insists|asked|replied|posted|tweeted|announced|announces|declared|described|describes|commented|called|calls|stressed|emphasised|emphasized|acknowledged|admitted|denied|suggested|predicted|complained|blamed|accused|urged|vowed|pledged|promised|conceded|confirmed|briefed|reported|reiterated|dismissed|praised|criticised|criticized|welcomed";

const VERB_RE = new RegExp(`\\b(?:${SPEECH_VERBS})\\b`, "g");
const PARTICIPLE_RE = /,\s+(?:saying|adding|writing|telling|calling|noting|warning|arguing|claiming)\b/;

export interface VerbHit {
  index: number;
  verb: string;
  /** "…, saying that…": the subject is the clause's subject, not the words before. */
  participle: boolean;
}

export function findSpeechVerbs(text: string): VerbHit[] {
  const hits: VerbHit[] = [];
  for (const m of text.matchAll(VERB_RE)) hits.push({ index: m.index!, verb: m[0], participle: false });
  const p = PARTICIPLE_RE.exec(text);
  if (p) hits.push({ index: p.index, verb: p[0], participle: true });
  return hits.sort((a, b) => a.index - b.index);
}

/** A quote followed by its attribution: `"...," he said` / `"..." Trump wrote` / `, said Ushakov`. */
export const AFTER_SUBJECT_VERB = new RegExp(
  `^[\\s,.!?;:—–-]*((?:[\\p{L}'’.-]+\\s+){0,6}?[\\p{L}'’.-]+)\\s+(?:\\p{Ll}+ly\\s+|also\\s+|later\\s+)?(?:${SPEECH_VERBS})\\b`,
  "u",
);
export const AFTER_VERB_SUBJECT = new RegExp(
  `^[\\s,.!?;:—–-]*(?:${SPEECH_VERBS})\\s+((?:the\\s+)?(?:[\\p{L}'’.-]+\\s+){0,5}\\p{Lu}[\\p{L}'’.-]*|he|she)(?=[\\s,.;:]|$)`,
  "u",
);
export const ACCORDING_TO = /\baccording to\s+((?:the\s+)?(?:[\p{L}'’.-]+\s+){0,5}\p{Lu}[\p{L}'’.-]*|him|her)/u;

export const PRONOUNS = new Set(["he", "she", "him", "her"]);
