/**
 * The one size limit for articles, whichever way they enter: the corpus folder (checked before a
 * file is read), /corpus add, and links fetched by the ingester. Import it from here.
 */
export { DEFAULT_MAX_ARTICLE_BYTES, maxArticleBytes } from "../config.js";

/** Sizes as people read them, in the decimal units the limit is documented in. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
  if (bytes >= 1_000) return `${Number((bytes / 1_000).toFixed(1))} kB`;
  return `${bytes} bytes`;
}

/** Why an article is refused for its size; the same words everywhere it is checked. */
export function tooLargeReason(limit: number, size?: number): string {
  const what = size === undefined ? "larger than" : `${formatBytes(size)}, over`;
  return `too large (${what} the ${formatBytes(limit)} limit set by MAX_ARTICLE_BYTES)`;
}
