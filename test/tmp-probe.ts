import { loadCorpus } from "../src/corpus/load.js";
import { splitParagraphs } from "../src/corpus/paragraphs.js";
import { analyzeArticle } from "../src/quotes/analyze.js";
const c = await loadCorpus("../shared/seed-corpus");
for (const a of c.articles) {
  console.log("##", a.file, a.title);
  for (const ap of analyzeArticle(a, splitParagraphs(a))) {
    for (const u of ap.units) console.log(ap.paragraph.number, u.kind.padEnd(9), (u.speaker ?? "-") + " | " + (u.role ?? "-"), "::", u.text.slice(0, 90), u.quote ? "  Q=" + u.quote.slice(0, 40) : "");
  }
}
