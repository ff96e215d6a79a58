/**
 * Dev-only: writes, for every dev question the models handle, the question's vector, its
 * abstention signals, and the vectors (sentence and paragraph), features, labels and ranker
 * scores of its 60 best candidates (TOP=200 for more): for quick experiments with other learners
 * in numpy.
 * Dev half only.
 *   npx tsx scripts/dev/vectors-dump.ts /tmp/vecs   -> /tmp/vecs.json + /tmp/vecs.f32 (float32 rows of 512)
 */
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { analyzeQuestion } from "../../src/answer/analysis.js";
import { answeredByRule, rankCandidates } from "../../src/answer/answer.js";
import { FEATURES } from "../../src/answer/features.js";
import { abstainFeatures } from "../../src/answer/model.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { devSets } from "./sets.js";

const out = process.argv[2] ?? "/tmp/vecs";
const TOP = Number(process.env.TOP ?? 60);
const embedder = await loadUseLite();
const fd = openSync(`${out}.f32`, "w");
let rowsWritten = 0;
/** Appends a vector to the .f32 file; returns its row. */
const put = (v: Float32Array) => {
  writeSync(fd, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  return rowsWritten++;
};
const rows: unknown[] = [];
for await (const { name, questions, retrieval: r, story } of devSets(embedder)) {
  for (const q of questions) {
    const info = analyzeQuestion(q.q, r, story);
    if (answeredByRule(info)) continue;
    const [v] = await embedder.embed([info.embedText]);
    const all = rankCandidates({ retrieval: r, story }, info, v!);
    const wanted = q.expect.map((e) => e.toLowerCase());
    const cands = all.slice(0, TOP).map((c) => ({
      label: wanted.some((w) => c.unit.text.toLowerCase().includes(w)),
      score: c.score,
      f: FEATURES.map((k) => c.features[k]),
      unit: put(r.unitVector(c.unit) ?? new Float32Array(512)),
      chunk: put(r.chunkVector(c.unit.chunk)),
    }));
    rows.push({ id: q.id, set: name, type: q.type, answerable: q.answerable, q: put(v!), abs: abstainFeatures(info, all), wants: info.wants, speaker: !!info.speaker, date: !!info.date, cands });
  }
}
closeSync(fd);
writeFileSync(`${out}.json`, JSON.stringify({ features: FEATURES, rows }));
console.log(`wrote ${rows.length} questions, ${rowsWritten} vectors`);
