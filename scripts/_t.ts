import { loadCorpus } from "../src/corpus/load.js";
import { splitParagraphs } from "../src/corpus/paragraphs.js";
import { analyzeArticle } from "../src/attribution/analyze.js";
const c = await loadCorpus("eval/corpus");
let paras = 0;
const t0 = performance.now();
for (let i = 0; i < 3; i++) for (const a of c.articles) { const ps = splitParagraphs(a); paras += ps.length; analyzeArticle(a, ps); }
const ms = performance.now() - t0;
console.log(`${paras} paragraphs, ${(ms / paras).toFixed(2)} ms/paragraph`);
