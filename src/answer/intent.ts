/** "What did X say (about Y)?" and its variants: the speaker asked about, and the topic. */
export interface SpeakerIntent {
  target: string;
  topic: string;
}

const VERBS = "say|said|tell|told|claim|claimed|think|thought|write|wrote|post|posted|announce|announced|describe|described|call|called|comment|commented|argue|argued|warn|warned|mean|meant|believe|predict|respond|responded|react|reacted|reply|replied|add|added|report|reported|state|stated|suggest|suggested|reveal|revealed|insist|insisted";

const PATTERNS: RegExp[] = [
  new RegExp(`^(?:so\\s+|and\\s+)?(?:what|how)\\s+(?:did|does|do|has|have|had|was|is|were|would)\\s+(?<target>.+?)\\s+(?:have\\s+)?(?:to\\s+)?(?<verb>${VERBS})\\b(?<topic>.*)$`, "i"),
  /^what\s+(?:was|is|were|are)\s+(?<target>.+?)['’]s?\s+(?:reaction|response|view|views|position|comment|comments|statement|statements|message|assessment|take|quote|quotes|words)\b(?<topic>.*)$/i,
  /^(?:what\s+)?(?:quotes?|statements?|comments?|remarks?)\s+(?:from|by|of)\s+(?<target>.+)$/i,
  /^what\s+(?:was|has\s+been|were)\s+said\s+by\s+(?<target>.+?)(?<topic>\s+(?:about|on|regarding)\s+.*)?$/i,
  /^did\s+(?<target>.+?)\s+(?<verb>say|comment|respond|react)\b(?<topic>.*)$/i,
];

const NOT_SPEAKERS = /^(?:they|he|she|it|we|you|i|people|anyone|someone|anybody|everyone|the articles?|the story|the reports?|the two sides|both sides|officials)$/i;
const PLAIN_SPEECH = /^(?:say|said|tell|told)$/i;
/** Whom something was said to is not what it was about. */
const AUDIENCE = /\b(?:reporters|journalists|the press|the media)\b/gi;

export function speakerIntent(question: string): SpeakerIntent | null {
  const q = question.trim().replace(/[?!.\s]+$/, "");
  for (const re of PATTERNS) {
    const g = re.exec(q)?.groups;
    if (!g) continue;
    const target = g.target!.replace(/^(?:the|a|an)\s+/i, "").replace(/['’]s$/, "").trim();
    if (!target || NOT_SPEAKERS.test(target) || target.split(/\s+/).length > 6) return null;
    const rest = (g.topic ?? "").replace(AUDIENCE, "").trim();
    // The verb tells what is asked about ("call for", "warn"), unless it is plain "say".
    const verb = g.verb && !PLAIN_SPEECH.test(g.verb) ? g.verb : "";
    return { target, topic: `${verb} ${rest}`.trim() };
  }
  return null;
}

/** Words that name the same speaker: "Russia" is answered by the Kremlin, "US" by U.S. officials. */
const ALIASES: Record<string, string[]> = {
  russia: ["kremlin", "moscow", "russian"],
  moscow: ["kremlin", "russia", "russian"],
  kremlin: ["kremlin"],
  ukraine: ["kyiv", "kiev", "ukrainian"],
  kyiv: ["ukraine", "ukrainian"],
  us: ["us", "washington", "american", "white house"],
  america: ["us", "washington", "american"],
  washington: ["us", "washington", "american"],
};

export function normalizeToken(t: string): string {
  return t.toLowerCase().replace(/['’]s$/, "").replace(/\./g, "");
}

const FILLER = new Set(["the", "of", "a", "an", "and", "s"]);

export function tokensOf(text: string): string[] {
  return text.split(/[\s,;:/()-]+/).map(normalizeToken).filter((t) => t && !FILLER.has(t));
}

function close(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  if (n < 4) return false;
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i >= 5 ? i / n >= 0.8 : i === n;
}

/** Does a speaker (name and role) answer to the target? Every target word must match one of theirs. */
export function speakerMatches(target: string, speaker: string | null, role: string | null): boolean {
  if (!speaker) return false;
  const theirs = tokensOf(`${speaker} ${role ?? ""}`);
  const wanted = tokensOf(target);
  if (!wanted.length) return false;
  return wanted.every((w) => {
    const options = [w, ...(ALIASES[w] ?? [])];
    return options.some((o) => (o.includes(" ") ? `${speaker} ${role ?? ""}`.toLowerCase().includes(o) : theirs.some((t) => close(o, t))));
  });
}
