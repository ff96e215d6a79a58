import { article } from "../test/helpers/corpus.js";
import { splitParagraphs } from "../src/corpus/paragraphs.js";
import { analyzeArticle } from "../src/quotes/analyze.js";
import { findPeople } from "../src/quotes/people.js";
const texts = [
`Even the length of the call is disputed. U.S. officials described a conversation of roughly 90 minutes; Kremlin spokesman Dmitry Peskov put it on Wednesday at around two hours, and some Russian commentators spoke of two and a half. White House deputy chief of staff Dan Scavino posted midway through that "the call is going well, and still in progress."`,
];
for (const t of texts) {
  console.log(findPeople(t));
  const a = article("t.md", t);
  for (const p of analyzeArticle(a, splitParagraphs(a))) for (const u of p.units) console.log(u.kind, u.speaker, "|", u.text.slice(0, 60));
}
