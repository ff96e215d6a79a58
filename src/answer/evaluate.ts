import type { Answer } from "./types.js";

export interface GoldQuestion {
  q: string;
  expect: string[];
}

export interface EvalReport {
  questions: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  outOfScope: number;
  abstention: number;
  misses: { q: string; got: string[] }[];
  falseAnswers: string[];
}

/** The rank (1-based) of the first item containing an expected passage, or 0. */
export function firstHit(answer: Answer, expect: string[]): number {
  const wanted = expect.map((e) => e.toLowerCase());
  const i = answer.items.findIndex((item) => wanted.some((w) => item.text.toLowerCase().includes(w)));
  return answer.answered && i >= 0 ? i + 1 : 0;
}

export function scoreAnswers(gold: GoldQuestion[], answers: Answer[], outOfScope: Answer[]): EvalReport {
  let h1 = 0;
  let h3 = 0;
  let rr = 0;
  const misses: EvalReport["misses"] = [];
  gold.forEach((g, i) => {
    const rank = firstHit(answers[i]!, g.expect);
    if (rank === 1) h1++;
    if (rank >= 1 && rank <= 3) h3++;
    if (rank >= 1) rr += 1 / rank;
    if (rank !== 1) misses.push({ q: g.q, got: answers[i]!.items.slice(0, 3).map((x) => x.text.slice(0, 100)) });
  });
  const abstained = outOfScope.filter((a) => !a.answered).length;
  return {
    questions: gold.length,
    hitAt1: h1 / gold.length,
    hitAt3: h3 / gold.length,
    mrr: rr / gold.length,
    outOfScope: outOfScope.length,
    abstention: outOfScope.length ? abstained / outOfScope.length : 1,
    misses,
    falseAnswers: outOfScope.filter((a) => a.answered).map((a) => a.question),
  };
}
