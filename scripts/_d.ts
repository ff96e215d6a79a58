import { article } from "../test/helpers/corpus.js";
import { splitParagraphs } from "../src/corpus/paragraphs.js";
import { analyzeArticle } from "../src/attribution/analyze.js";
const intro = `Kremlin aide Yuri Ushakov and spokesman Dmitry Peskov spoke. Steve Witkoff met Vladimir Putin. Donald Trump watched. Kirill Dmitriev was there.\n\n`;
const probes = [
`Russia's sovereign wealth fund chief Kirill Dmitriev told CNN: "The dialogue is moving forward."`,
`"We had a very good meeting," Peskov told reporters, according to Interfax.`,
`Witkoff told a podcast host that Putin "is not a bad guy at all".`,
`Vladimir Putin's foreign policy adviser said the talks had been "useful and constructive".`,
`Putin himself was upbeat. Speaking to reporters in the Kremlin, the Russian leader said that "progress has been made".`,
`The envoy later told Fox News: "I was impressed with how candid he was."`,
`"We don't comment on leaks," a Kremlin official told the paper on condition of anonymity.`,
`Trump, asked about the meeting, said: "It went very well, I hear."`,
`Witkoff's account was different. "They want peace," he told Fox.`,
`"Nobody is being held hostage here," Putin joked, turning to Witkoff.`,
`"We are ready," Peskov said. Asked about Crimea, he added: "That question is closed."`,
`Trump hailed the call as "excellent" and said a summit was "very possible".`,
`Ushakov told reporters that Witkoff had brought "important signals" from Trump, and Putin had asked him to pass on "a clear answer".`,
];
for (const t of probes) {
  const a = article("t.md", intro + t);
  const us = analyzeArticle(a, splitParagraphs(a)).flatMap((p) => p.units).slice(-3).filter((u) => t.includes(u.text.slice(0, 15)));
  console.log(t.slice(0, 70).padEnd(72), "=>", us.map((u) => `${u.kind}:${u.speaker}`).join(", "));
}
