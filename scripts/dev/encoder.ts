/**
 * Dev-only: how well the sentence encoder alone ranks the right sentence, for several ways of
 * writing the question for it (as typed, embedText, ...): MRR and Hit@1 by sentence and by
 * paragraph cosine over the same candidates.
 */
import { analyzeQuestion, type QuestionInfo } from "../../src/answer/analysis.js";
import { answeredByRule } from "../../src/answer/answer.js";
import { computeFeatures } from "../../src/answer/features.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { devSets } from "./sets.js";

const FILLER = /\b(?:lol|lmao|tbh|btw|yeah|ya|idk|basically|literally|anyway|anyways|gonna|kinda|imo|hey|guys|pls|plz|please|ok|okay|wait so|wait|anyone know|does anyone know|so like|like)\b[,]?/gi;
const variants: Record<string, (q: string, i: QuestionInfo) => string> = {
  typed: (q) => q,
  embedText: (_q, i) => i.embedText,
  typedCap1: (q) => q.replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
  noFiller: (_q, i) => i.embedText.replace(FILLER, " ").replace(/\s+/g, " ").trim(),
  cap1: (_q, i) => i.embedText.replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
  cap1NoQ: (_q, i) => i.embedText.replace(/^\p{Ll}/u, (c) => c.toUpperCase()).replace(/[?!.\s]+$/, ""),
  cap1Dot: (_q, i) => i.embedText.replace(/^\p{Ll}/u, (c) => c.toUpperCase()).replace(/[?!.\s]+$/, "") + ".",
  cap1NoFiller: (_q, i) => i.embedText.replace(FILLER, " ").replace(/\s+/g, " ").trim().replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
  noQ: (_q, i) => i.embedText.replace(/[?!.\s]+$/, ""),
  stripWhDot: (_q, i) => dot(i.embedText.replace(/^(?:(?:wait so|ok but|so|lol|anyone know|does anyone know)\s+)*(?:what|who|whom|when|where|why|which|how(?: long| many| much| old| big| far)?)\b(?:\s+\w+)?\s+(?:did|does|do|was|were|is|are|has|have|had|will|would|can|could)\s+/i, "")),
  stripFillDot: (_q, i) => dot(i.embedText.replace(/^(?:(?:wait so|ok but|so|lol|anyone know|does anyone know)\s+)+/i, "")),
  qmark: (_q, i) => (/[?.!]$/.test(i.embedText.trim()) ? i.embedText : `${i.embedText.trim()}?`),
};
const dot = (t: string) => t.replace(/^\p{Ll}/u, (c) => c.toUpperCase()).replace(/[?!.\s]+$/, "") + ".";
const embedder = await loadUseLite();
const stats: Record<string, { n: number; rrU: number; rrC: number; h1U: number }> = {};
for await (const { questions, retrieval: r, story } of devSets(embedder)) {
  for (const q of questions.filter((x) => x.answerable)) {
    const info = analyzeQuestion(q.q, r, story);
    if (answeredByRule(info)) continue;
    const [v0] = await embedder.embed([info.embedText]);
    const cands = computeFeatures(r, info, v0!);
    const wanted = q.expect.map((e) => e.toLowerCase());
    const right = new Set(cands.filter((c) => wanted.some((w) => c.unit.text.toLowerCase().includes(w))).map((c) => c.unit.id));
    if (!right.size) continue;
    for (const [name, f] of Object.entries(variants)) {
      const [v] = await embedder.embed([f(q.q, info)]);
      const su = cands.map((c) => ({ id: c.unit.id, s: r.unitCos(c.unit, v!), c: r.chunkCos(c.unit.chunk, v!) }));
      const rank = (key: "s" | "c") => {
        const sorted = [...su].sort((a, b) => b[key] - a[key]);
        return sorted.findIndex((x) => right.has(x.id)) + 1;
      };
      const st = (stats[name] ??= { n: 0, rrU: 0, rrC: 0, h1U: 0 });
      st.n++;
      const ru = rank("s");
      st.rrU += 1 / ru;
      st.h1U += ru === 1 ? 1 : 0;
      st.rrC += 1 / rank("c");
    }
  }
}
for (const [name, s] of Object.entries(stats)) console.log(name.padEnd(10), `n ${s.n} sentence MRR ${(s.rrU / s.n).toFixed(3)} Hit@1 ${(s.h1U / s.n).toFixed(3)} paragraph MRR ${(s.rrC / s.n).toFixed(3)}`);
