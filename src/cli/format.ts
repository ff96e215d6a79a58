import type { Answer, AnswerItem, Source } from "../answer/types.js";
import { sanitizeForTerminal } from "./sanitize.js";

function sourceLabel(s: Source): string {
  const about = [s.outlet, s.published].filter(Boolean).join(", ");
  const outlet = about ? ` (${about})` : "";
  const url = s.url ? ` ${s.url}` : "";
  const name = s.title ? `${s.title}${outlet} [${s.article}]` : `${s.article}${outlet}`;
  return `${name}, paragraph ${s.paragraph}${url}`;
}

export function attribution(item: Pick<AnswerItem, "speaker" | "role">): string | null {
  if (!item.speaker) return null;
  return item.role ? `${item.speaker}, ${item.role}` : item.speaker;
}

/** Who said it, the way each kind reads: a quote is said, a statement reported, narration nobody's. */
function byline(item: AnswerItem): string {
  const who = attribution(item);
  if (!who || item.kind === "passage") return "";
  return item.kind === "statement" ? `— reported: ${who} ` : `— ${who} `;
}

/**
 * Quote marks go around a quote only when it has none of its own: a short quote is shown inside
 * its sentence ('Brandt said they had "a very good meeting."'), and marks around that whole
 * sentence would put the narration in the speaker's mouth.
 *
 * The terminal answer: numbered items, who said them, then numbered sources. A refusal says why,
 * then may list the nearest passages, apart from any answer. Everything in it came from the asker
 * or the articles, so the whole text is sanitized before it reaches the terminal.
 */
export function formatAnswer(answer: Answer): string {
  const lines = [`Q: ${answer.question}`, ""];
  const sources: string[] = [];
  const sourceNo = (s: Source) => {
    const label = sourceLabel(s);
    let i = sources.indexOf(label);
    if (i < 0) i = sources.push(label) - 1;
    return i + 1;
  };
  const list = (items: AnswerItem[]) =>
    items.forEach((item, i) => {
      const refs = item.sources.map((s) => `[${sourceNo(s)}]`).join("");
      const body = item.kind === "quote" && !/["“”«»]/.test(item.text) ? `“${item.text}”` : item.text;
      lines.push(`${i + 1}. ${body}`);
      lines.push(`   ${byline(item)}${refs}`);
      // Once, under the first of the items whose figures differ.
      if (item.differs && item.differs.with.every((k) => k > i)) lines.push(`   Outlets differ: ${differsLine(items, i)}`);
    });
  if (!answer.answered) {
    lines.push(answer.message ?? "The articles don't cover that.");
    if (!answer.nearest?.length) return sanitizeForTerminal(lines.join("\n"));
    lines.push("", "Closest passages (not an answer):");
    list(answer.nearest);
  } else list(answer.items);
  lines.push("", "Sources:");
  sources.forEach((s, i) => lines.push(`[${i + 1}] ${s}`));
  return sanitizeForTerminal(lines.join("\n"));
}

/** "“just over two hours” here; “three-hour” in item 2 (Panorama-Inform)": the figures outlets give for one fact. */
export function differsLine(items: AnswerItem[], index: number): string {
  const item = items[index]!;
  const others = (item.differs?.with ?? []).map((k) => {
    const other = items[k];
    const outlets = [...new Set((other?.sources ?? []).map((s) => s.outlet ?? s.article))].join(", ");
    return `“${other?.differs?.figure ?? "?"}” in item ${k + 1}${outlets ? ` (${outlets})` : ""}`;
  });
  const mine = [...new Set(item.sources.map((s) => s.outlet ?? s.article))].join(", ");
  return [`“${item.differs?.figure ?? ""}” here${mine ? ` (${mine})` : ""}`, ...others].join("; ");
}
