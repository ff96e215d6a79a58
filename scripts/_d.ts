import { article } from "../test/helpers/corpus.js";
import { splitParagraphs } from "../src/corpus/paragraphs.js";
import { analyzeArticle } from "../src/quotes/analyze.js";
const texts = [
`Trump and Putin spoke by phone later on Wednesday, in a call the Kremlin said lasted nearly an hour and a half. A car bomb killed a general near Moscow, which the Kremlin blamed on Kyiv. The strike, which Kyiv denied, hit a fuel depot. Officials said the talks would resume. It was a threat the Kremlin said it was still weighing. Kremlin aide Yuri Ushakov, who had warned against haste, left early. The attack that Ukraine denied was the third this month. What Russian officials described as a drone swarm hit the port.`,
`Ushakov said the talks were useful, and Peskov added that no date had been set. The Kremlin, in a statement, said the sides had agreed to meet again. According to the Kremlin, the call lasted two hours. According to flight-tracking data, the plane landed at 10 a.m.`,
];
for (const t of texts) {
  const a = article("t.md", t);
  for (const p of analyzeArticle(a, splitParagraphs(a))) for (const u of p.units) console.log(u.kind, u.speaker, "|", u.text.slice(0, 90));
}
