import type { ArticleRecord } from "../../index/schema.js";
import type { SpeakerSummary } from "../../engine.js";

/** Discord shows at most 25 choices, each name and value at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_LEN = 100;

export interface Choice {
  name: string;
  value: string;
}

const clip = (s: string) => (s.length <= MAX_LEN ? s : `${s.slice(0, MAX_LEN - 1)}…`);
const fold = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/** Speakers whose name, other spellings or role contain what was typed; names first, then roles. */
export function speakerChoices(speakers: SpeakerSummary[], typed: string): Choice[] {
  const q = fold(typed.trim());
  const byName = speakers.filter((s) => !q || s.spellings.some((x) => fold(x).includes(q)));
  const byRole = q ? speakers.filter((s) => !byName.includes(s) && s.role && fold(s.role).includes(q)) : [];
  return [...byName, ...byRole].slice(0, MAX_CHOICES).map((s) => ({
    name: clip(`${s.name}${s.role ? ` — ${s.role}` : ""} (${s.count})`),
    value: s.name.slice(0, MAX_LEN),
  }));
}

/** Articles whose file name, title or outlet contain what was typed; the value is the file name. */
export function articleChoices(articles: ArticleRecord[], typed: string, titleOf: (file: string) => string | null): Choice[] {
  const q = fold(typed.trim());
  return articles
    .map((a) => ({ a, title: titleOf(a.file) ?? a.file }))
    .filter(({ a, title }) => !q || fold(`${a.file} ${title} ${a.outlet ?? ""}`).includes(q))
    .slice(0, MAX_CHOICES)
    .map(({ a, title }) => {
      // The file name is what gets removed: it is never the part cut off.
      const tail = ` · ${a.file}`;
      const head = `${title}${a.outlet ? ` (${a.outlet})` : ""}`;
      const room = MAX_LEN - tail.length;
      if (room < 10) return { name: clip(a.file), value: a.file.slice(0, MAX_LEN) };
      return { name: `${head.length <= room ? head : `${head.slice(0, room - 1)}…`}${tail}`, value: a.file.slice(0, MAX_LEN) };
    })
    .filter((c) => c.value.length > 0);
}
