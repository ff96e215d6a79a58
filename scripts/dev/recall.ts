/** Dev-only: HNSW recall@10 of the kept synthetic index at several ef values (npm run bench -- --large-index=DIR first). */
import { readFileSync } from "node:fs";
import path from "node:path";
import hnswlib from "hnswlib-node";
import { loadCorpus } from "../../src/corpus/load.js";
import { loadUseLite } from "../../src/embed/use-lite.js";
import { parseArticleForIndex } from "../../src/index/parse.js";
import { EMPTY_STORY } from "../../src/story/story.js";
import { exactTopK, syntheticData } from "../bench/index-100k.js";
import { rng, seedSentences } from "../bench/synthetic.js";

const dir = process.argv[2]!;
const model = await loadUseLite();
const corpus = await loadCorpus("corpus");
const units = corpus.articles.flatMap((a) => parseArticleForIndex(a, model, EMPTY_STORY).units);
const bases = await model.embed(await seedSentences());
const { vectors } = syntheticData({ n: 100_000, bases, units });
const gold = JSON.parse(readFileSync("test/gold/questions.json", "utf8")) as { answerable: { q: string }[]; outOfScope: string[] };
const queries = [...(await model.embed([...gold.answerable.map((g) => g.q), ...gold.outOfScope]))];
const rand = rng(5);
while (queries.length < 200) {
  const i = Math.floor(rand() * 100_000);
  queries.push(vectors.slice(i * 512, (i + 1) * 512).map((x) => x + 0.02 * (rand() - 0.5)));
}
const truth = queries.map((q) => exactTopK(vectors, 512, q, 10));
const hnsw = new hnswlib.HierarchicalNSW("ip", 512);
await hnsw.readIndex(path.join(dir, readFileSync(path.join(dir, "CURRENT"), "utf8").trim(), "hnsw.bin"));
for (const ef of [512, 1024, 1536, 2048]) {
  hnsw.setEf(ef);
  let hits = 0;
  const t = performance.now();
  queries.forEach((q, i) => {
    const got = new Set(hnsw.searchKnn(Array.from(q), 10).neighbors);
    hits += truth[i]!.filter((id) => got.has(id)).length;
  });
  console.log(`ef ${ef}: recall@10 ${(hits / (queries.length * 10)).toFixed(4)}, ${((performance.now() - t) / queries.length).toFixed(2)} ms per search`);
}
// Where the misses are: real questions (first 57) or perturbed points, and how close the missed scores are.
hnsw.setEf(512);
let realHits = 0, pointHits = 0, tieHits = 0;
queries.forEach((q, i) => {
  const got = hnsw.searchKnn(Array.from(q), 10);
  const set = new Set(got.neighbors);
  const h = truth[i]!.filter((id) => set.has(id)).length;
  if (i < 57) realHits += h; else pointHits += h;
  const dot = (id: number) => { let s = 0; for (let j = 0; j < 512; j++) s += vectors[id * 512 + j]! * q[j]!; return s; };
  const tenth = dot(truth[i]![9]!);
  tieHits += got.neighbors.filter((id) => dot(id) >= tenth - 1e-5).length;
});
console.log(`real questions recall ${(realHits / 570).toFixed(4)}, perturbed points ${(pointHits / ((queries.length - 57) * 10)).toFixed(4)}, within a tie of the 10th ${(tieHits / (queries.length * 10)).toFixed(4)}`);
