/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  content: 2000,
} as const;

export interface EmbedData {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  timestamp?: string;
}

export function embedLength(e: EmbedData): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function fitsLimits(e: EmbedData): boolean {
  return (
    (e.title?.length ?? 0) <= LIMITS.title &&
    (e.description?.length ?? 0) <= LIMITS.description &&
    (e.footer?.text.length ?? 0) <= LIMITS.footer &&
    (e.fields ?? []).every((f) => f.name.length <= LIMITS.fieldName && f.value.length <= LIMITS.fieldValue && f.value.length > 0) &&
    embedLength(e) <= LIMITS.embedTotal
  );
}

/** Shortens text that is not a quote (a question, a title) at a word boundary. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
