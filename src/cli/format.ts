import type { Answer, AnswerItem, Source } from "../answer/types.js";
import { sanitizeForTerminal } from "./sanitize.js";

function sourceLabel(s: Source): string {
  const outlet = s.outlet ? ` (${s.outlet})` : "";
  const url = s.url ? ` ${s.url}` : "";
  const name = s.title ? `${s.title}${outlet} [${s.article}]` : `${s.article}${outlet}`;
  return `${name}, paragraph ${s.paragraph}${url}`;
}

export function attribution(item: Pick<AnswerItem, "speaker" | "role">): string | null {
  if (!item.speaker) return null;
  return item.role ? `${item.speaker}, ${item.role}` : item.speaker;
}

/**
 * The terminal answer: numbered items, who said them, then numbered sources. Everything in it came
 * from the asker or the articles, so the whole text is sanitized before it reaches the terminal.
 */
export function formatAnswer(answer: Answer): string {
  const lines = [`Q: ${answer.question}`, ""];
  if (!answer.answered) {
    lines.push(answer.message ?? "The articles don't cover that.");
    return sanitizeForTerminal(lines.join("\n"));
  }
  const sources: string[] = [];
  const sourceNo = (s: Source) => {
    const label = sourceLabel(s);
    let i = sources.indexOf(label);
    if (i < 0) i = sources.push(label) - 1;
    return i + 1;
  };
  answer.items.forEach((item, i) => {
    const refs = item.sources.map((s) => `[${sourceNo(s)}]`).join("");
    const body = item.kind === "quote" && !/^["“]/.test(item.text) ? `“${item.text}”` : item.text;
    lines.push(`${i + 1}. ${body}`);
    const who = attribution(item);
    lines.push(`   ${who ? `— ${who} ` : ""}${refs}`);
    // Once, under the first of the items whose figures differ.
    if (item.differs && item.differs.with.every((k) => k > i)) lines.push(`   Outlets differ: ${differsLine(answer, i)}`);
  });
  lines.push("", "Sources:");
  sources.forEach((s, i) => lines.push(`[${i + 1}] ${s}`));
  return sanitizeForTerminal(lines.join("\n"));
}

/** "“just over two hours” here; “three-hour” in item 2 (Panorama-Inform)": the figures outlets give for one fact. */
export function differsLine(answer: Answer, index: number): string {
  const item = answer.items[index]!;
  const others = (item.differs?.with ?? []).map((k) => {
    const other = answer.items[k];
    const outlets = [...new Set((other?.sources ?? []).map((s) => s.outlet ?? s.article))].join(", ");
    return `“${other?.differs?.figure ?? "?"}” in item ${k + 1}${outlets ? ` (${outlets})` : ""}`;
  });
  const mine = [...new Set(item.sources.map((s) => s.outlet ?? s.article))].join(", ");
  return [`“${item.differs?.figure ?? ""}” here${mine ? ` (${mine})` : ""}`, ...others].join("; ");
}
