import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { formatAnswer } from "../../src/cli/format.js";
import { sanitizeForTerminal, terminalJson } from "../../src/cli/sanitize.js";

const ESC = "\u001b";
/** Anything a terminal could act on: C0 but tab and newline, DEL, C1, bidi controls. */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe("sanitizeForTerminal", () => {
  it("removes whole escape sequences: colours, screen clearing, titles, hyperlinks", () => {
    expect(sanitizeForTerminal(`a ${ESC}[31mred${ESC}[0m word`)).toBe("a red word");
    expect(sanitizeForTerminal(`${ESC}[2J${ESC}[Hcleared`)).toBe("cleared");
    expect(sanitizeForTerminal(`${ESC}]0;pwned\u0007title`)).toBe("title");
    expect(sanitizeForTerminal(`${ESC}]8;;https://evil.test\u0007click${ESC}]8;;\u0007`)).toBe("click");
    expect(sanitizeForTerminal("\u009b2Jone-byte CSI")).toBe("one-byte CSI");
  });

  it("removes other C0 and C1 controls and DEL but keeps newline and tab", () => {
    expect(sanitizeForTerminal("bell\u0007 back\bspace\u007f nul\u0000 c1\u0085\u008d end")).toBe("bell backspace nul c1 end");
    expect(sanitizeForTerminal("line one\n\tindented")).toBe("line one\n\tindented");
    // A carriage return could overwrite what was printed before it on the line.
    expect(sanitizeForTerminal("safe text\rFAKE")).toBe("safe text\nFAKE");
    expect(sanitizeForTerminal("windows\r\nline")).toBe("windows\nline");
  });

  it("removes bidi overrides and isolates that reorder a line on screen", () => {
    expect(sanitizeForTerminal("file\u202Etxt.exe")).toBe("filetxt.exe");
    expect(sanitizeForTerminal("a\u2066b\u2067c\u2068d\u2069e\u202Af\u202Bg\u202Ch\u202Di")).toBe("abcdefghi");
  });

  it("leaves ordinary text alone: accents, curly quotes, dashes, emoji, other scripts", () => {
    const text = "“Ça va,” Zelenskyy’s aide said — Кремль, 東京, مرحبا 🇺🇦 (5%)";
    expect(sanitizeForTerminal(text)).toBe(text);
  });

  it("leaves nothing a terminal could act on, whatever the input", () => {
    let all = "";
    for (let c = 0; c < 0x250; c++) all += String.fromCharCode(c);
    all += "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(sanitizeForTerminal(all)).not.toMatch(UNSAFE);
  });
});

describe("terminalJson", () => {
  it("prints no raw control character yet parses back to the verbatim value", () => {
    const value = { text: `red ${ESC}[31m\u009b\u202Eevil\u007f “quoted” \u2028`, n: 1 };
    const line = terminalJson(value);
    expect(line).not.toMatch(UNSAFE);
    expect(JSON.parse(line)).toEqual(value);
  });
});

describe("the terminal answer", () => {
  const evil: Answer = {
    question: `What did ${ESC}[2J${ESC}]0;owned\u0007Trump say?`,
    answered: true,
    reason: "answered",
    items: [
      {
        text: `The envoy\u202E said ${ESC}[8mhidden${ESC}[0m it went well.`,
        kind: "statement",
        speaker: `Donald ${ESC}[31mTrump`,
        role: "US\u0007 President",
        score: 0.9,
        sources: [{ article: `evil${ESC}[1m.md`, title: `Title\u009b2J`, outlet: `Out\u0085let`, url: `https://x.test/${ESC}]8;;a\u0007`, paragraph: 1 }],
      },
    ],
  };

  it("sanitizes the echoed question, the answer text, speakers, titles and file names", () => {
    const out = formatAnswer(evil);
    expect(out).not.toMatch(UNSAFE);
    expect(out).toContain("Q: What did Trump say?");
    expect(out).toContain("The envoy said hidden it went well.");
    expect(out).toContain("— reported: Donald Trump, US President [1]");
    expect(out).toContain("[1] Title (Outlet) [evil.md], paragraph 1");
  });

  it("sanitizes an unanswered reply too", () => {
    const out = formatAnswer({ question: `Capital ${ESC}[5mof France?`, answered: false, reason: "not-covered", message: "The articles don't cover that.", items: [] });
    expect(out).toBe("Q: Capital of France?\n\nThe articles don't cover that.");
  });
});
