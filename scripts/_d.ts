import { article } from "../test/helpers/corpus.js";
import { splitParagraphs } from "../src/corpus/paragraphs.js";
import { analyzeArticle } from "../src/quotes/analyze.js";
const intro = `Kremlin aide Yuri Ushakov and spokesman Dmitry Peskov spoke. Steve Witkoff met Vladimir Putin. Donald Trump watched.\n\n`;
const probes = [
`12:30 GMT — "The talks were constructive and useful," Ushakov tells TASS.`,
`Ushakov, speaking to reporters at the Kremlin: "We discussed Ukraine at length."`,
`Asked whether Crimea was discussed, Ushakov replied: "No, not at all."`,
`Peskov on Witkoff's visit: "We welcome it, of course."`,
`"Constructive and very useful" — that was how Ushakov described the talks.`,
`The talks were "constructive and very useful", Ushakov told reporters.`,
`Witkoff, Ushakov said, "understood our position very well".`,
`In Ushakov's words, the talks were "useful and very frank".`,
`"We are ready for this," Peskov was quoted as saying by RIA Novosti.`,
`"We are ready for that," RIA Novosti quoted Peskov as saying.`,
`Peskov later clarified that "no date has been set yet".`,
`"That is fake news again," fumed Trump.`,
`"I think we are close," Trump, 79, said.`,
`"He was very gracious to me," Witkoff, who has met Putin four times, told Fox News.`,
`Putin's aide was upbeat. "It was a good, businesslike conversation," Ushakov said of the call.`,
`"It was a good day," Ushakov said after the talks. "We agreed on a lot of things."`,
`Trump's envoy was in a good mood. "Great meeting today with President Putin," Witkoff posted.`,
`Peskov was asked about the tape. "Someone is trying to derail the process," he told reporters.`,
`"There will be no deal without Crimea" was the message from Moscow on Friday.`,
`The Kremlin's readout said Putin had called the conversation "frank and useful".`,
`A Kremlin statement said the two leaders agreed "to continue contacts at all levels".`,
`"The ball is now in Kyiv's court," the Kremlin said in a statement.`,
`Putin told Witkoff that Russia was "ready for a ceasefire without preconditions", Ushakov said.`,
];
for (const t of probes) {
  const a = article("t.md", intro + t);
  const us = analyzeArticle(a, splitParagraphs(a)).flatMap((p) => p.units).filter((u) => u.start >= intro.length + (a.bodyStart ?? 0) - 2 && u.kind !== "passage" || (u.kind === "passage" && u.text.includes(t.slice(0, 20))));
  console.log(t.slice(0, 70).padEnd(72), "=>", us.map((u) => `${u.kind}:${u.speaker}`).join(", "));
}
