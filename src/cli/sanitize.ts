import { stripVTControlCharacters } from "node:util";

/**
 * Text that came from users or articles must not drive the terminal it is printed to: an escape
 * sequence can recolour, retitle or clear the screen, hide text or forge a link, and a bidi
 * override can make a line read differently from what it holds.
 */

/** C0 controls except tab and newline, DEL, and the C1 controls (U+0080–U+009F; U+009B is a one-character CSI). */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * What may be printed to a terminal: whole escape sequences removed (not only their ESC, so no
 * "[31m" residue for the common ones), then any control left but tab and newline, then bidi
 * controls. Carriage returns become newlines, so a line cannot be overwritten. Pure.
 */
export function sanitizeForTerminal(text: string): string {
  return stripVTControlCharacters(text.replace(/\r\n?/g, "\n"))
    .replace(CONTROLS, "")
    .replace(BIDI, "");
}

const UNSAFE_IN_JSON = /[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * One JSON line that is safe to print and parses to exactly `value`: JSON.stringify already writes
 * C0 controls (ESC included) as \u escapes; DEL, C1 and bidi controls are escaped the same way, so
 * consumers still get the verbatim text.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
