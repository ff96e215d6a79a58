import { article } from "../test/helpers/corpus.js";
import { splitParagraphs } from "../src/corpus/paragraphs.js";
import { analyzeArticle } from "../src/attribution/analyze.js";
const t = `Kremlin spokesman Dmitry Peskov spoke on Monday.\n\nUPDATE: Peskov said the meeting would take place on Friday.\n\nCORRECTION: An earlier version gave the wrong date.\n`;
const a = article("t.md", t);
for (const u of analyzeArticle(a, splitParagraphs(a)).flatMap((p) => p.units)) console.log(u.kind, u.speaker, "|", u.text);
