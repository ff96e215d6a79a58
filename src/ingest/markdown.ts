import { stringify } from "yaml";
import { articleBody } from "./extract.js";

export interface ArticleForCorpus {
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  byline: string | null;
  /** Story paragraphs; written one per line with a blank line between, so the loader reads them back as they are. */
  paragraphs: string[];
}

/**
 * The Markdown file an article from a link is saved as: YAML front matter (title, outlet, url,
 * published, byline) and the paragraphs verbatim. No Markdown escaping: cited text must read
 * exactly as the outlet wrote it.
 */
export function articleMarkdown(a: ArticleForCorpus): string {
  const front: Record<string, string> = {};
  for (const key of ["title", "outlet", "url", "published", "byline"] as const) {
    const v = a[key];
    if (v) front[key] = v;
  }
  const yaml = Object.keys(front).length ? stringify(front, { lineWidth: 0 }) : "";
  return `---\n${yaml}---\n${articleBody(a.paragraphs)}`;
}
