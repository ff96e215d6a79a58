/**
 * A message as Discord would show it, in plain text for a terminal: content, embeds (title,
 * description, fields, footer) and buttons. Markdown is rendered the way Discord reads it:
 * escapes removed, links as "text <url>", timestamps as dates, bold in ANSI when asked.
 */
import type { FakeMessage } from "./server.js";

export interface RenderOptions {
  /** Bold and dim with ANSI escapes (for a terminal); plain text otherwise. */
  ansi?: boolean;
  /** Names for user and channel mentions. */
  names?: Map<string, string>;
}

const BAR = "│ ";

export function renderMarkdown(text: string, opts: RenderOptions = {}): string {
  const bold = (s: string) => (opts.ansi ? `\x1b[1m${s}\x1b[22m` : s);
  const italic = (s: string) => (opts.ansi ? `\x1b[3m${s}\x1b[23m` : s);
  const placeholders: string[] = [];
  // Escaped characters are literal: park them so the markup passes below do not see them.
  let out = text.replace(/\\([\\*_~`|>[\]()#:-])/g, (_m, c: string) => {
    placeholders.push(c);
    return `\u0000${placeholders.length - 1}\u0000`;
  });
  out = out
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, "$1 <$2>")
    .replace(/<t:(\d+)(?::[a-zA-Z])?>/g, (_m, s: string) => new Date(Number(s) * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC")
    .replace(/<@!?(\d+)>/g, (_m, id: string) => `@${opts.names?.get(id) ?? id}`)
    .replace(/<#(\d+)>/g, (_m, id: string) => `#${opts.names?.get(id) ?? id}`)
    .replace(/\*\*(.+?)\*\*/gs, (_m, s: string) => bold(s))
    .replace(/(^|[\s(])\*(?!\s)(.+?)\*(?=[\s).,:;!?]|$)/gm, (_m, pre: string, s: string) => pre + italic(s))
    .replace(/`([^`]+)`/g, "$1");
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => placeholders[Number(i)]!);
}

export function renderMessage(m: FakeMessage, opts: RenderOptions = {}): string {
  const lines: string[] = [];
  const who = m.visibleTo ? `${m.author.username} (only you can see this)` : m.author.username;
  lines.push(`── ${who} ${"─".repeat(Math.max(3, 60 - who.length))}`);
  if (m.thinking) lines.push(`${m.author.username} is thinking…`);
  if (m.content) lines.push(renderMarkdown(m.content, opts));
  for (const e of m.embeds) {
    const body: string[] = [];
    if (e.title) body.push(renderMarkdown(`**${e.title}**`, opts) + (e.url ? ` <${e.url}>` : ""));
    if (e.description) body.push(...renderMarkdown(e.description, opts).split("\n"));
    for (const f of e.fields ?? []) body.push("", renderMarkdown(`**${f.name}**`, opts), ...renderMarkdown(f.value, opts).split("\n"));
    if (e.footer?.text) body.push("", renderMarkdown(e.footer.text, opts));
    lines.push(...body.map((l) => BAR + l));
  }
  for (const row of m.components ?? []) {
    const buttons = (row.components ?? []).map((c: { type?: number; label?: string; placeholder?: string; options?: unknown[]; disabled?: boolean }) =>
      // A select menu: its placeholder and how many choices it holds.
      c.type === 3 ? `[ ${c.placeholder ?? "Choose"} ▾ (${c.options?.length ?? 0} choices) ]` : `[ ${c.label ?? "?"}${c.disabled ? " (disabled)" : ""} ]`,
    );
    if (buttons.length) lines.push(buttons.join(" "));
  }
  for (const f of m.attachments) lines.push(`📎 ${f.filename} (${f.content.length} bytes)`);
  for (const r of m.reactions) lines.push(`(reacted ${decodeURIComponent(r)})`);
  return lines.join("\n");
}
