import { describe, expect, it } from "vitest";
import { fitLogistic } from "../../scripts/fit/logistic.js";
import { fitSoftmax, leastEffect, type Group, type Monotone } from "../../scripts/fit/softmax.js";

const top = (w: number[], g: Group) => g.X.map((x) => x.reduce((s, v, j) => s + v * w[j]!, 0)).reduce((best, s, i, all) => (s > all[best]! ? i : best), 0);

describe("the listwise ranker fit", () => {
  it("learns which signal puts a right candidate first", () => {
    // Feature 0 marks the right candidate; feature 1 varies without saying which.
    const groups: Group[] = [0, 1, 2, 3, 4].map((k) => ({
      X: [0, 1, 2, 3].map((i) => [i === k % 4 ? 1 : 0, ((i * 7 + k * 3) % 5) / 5]),
      right: [0, 1, 2, 3].map((i) => i === k % 4),
    }));
    const w = fitSoftmax(groups, { lambda: 0.1 });
    expect(w[0]).toBeGreaterThan(1);
    for (const g of groups) expect(g.right[top(w, g)]).toBe(true);
  });

  it("shrinks harder with a larger lambda, and with several right candidates still converges", () => {
    const groups: Group[] = [
      { X: [[1, 0], [1, 1], [0, 0]], right: [true, true, false] },
      { X: [[1, 0], [0, 1], [0, 0]], right: [true, false, false] },
    ];
    const loose = fitSoftmax(groups, { lambda: 0.01 });
    const tight = fitSoftmax(groups, { lambda: 10 });
    expect(loose.every(Number.isFinite)).toBe(true);
    expect(Math.hypot(...tight)).toBeLessThan(Math.hypot(...loose));
    for (const g of groups) expect(g.right[top(loose, g)]).toBe(true);
  });

  it("cares about the top where pairwise loss cares about every pair", () => {
    // Each question: one right candidate, one wrong one that signal A ranks above it, and many
    // wrong ones that only signal B tells from the right one. Pairwise loss, counting every pair,
    // leans on B and leaves the decoy first; the listwise loss puts the right one first.
    const groups: Group[] = [0, 1, 2, 3, 4, 5].map(() => ({
      X: [[1, 1], [0, 2], ...Array.from({ length: 30 }, () => [1, 0])],
      right: [true, false, ...Array.from({ length: 30 }, () => false)],
    }));
    const listwise = fitSoftmax(groups, { lambda: 0.1 });
    for (const g of groups) expect(top(listwise, g)).toBe(0);
    const X: number[][] = [];
    const y: number[] = [];
    const sw: number[] = [];
    for (const g of groups) {
      for (let i = 1; i < g.X.length; i++) {
        const d = g.X[0]!.map((v, j) => v - g.X[i]![j]!);
        X.push(d, d.map((v) => -v));
        y.push(1, 0);
        sw.push(1 / (g.X.length - 1), 1 / (g.X.length - 1));
      }
    }
    const pairwise = fitLogistic(X, y, { lambda: 0.1, sampleWeights: sw, fitBias: false }).slice(1);
    expect(top(pairwise, groups[0]!)).toBe(1);
  });

  it("keeps a monotone signal from being turned against the answer by a product", () => {
    // Inputs: a (the sentence holds the question's word), b (the title does), a x b. Where b is 0
    // the right candidate has a; where b is 1 the dev data happen to favour the one without it. An
    // unconstrained fit learns a x b strongly negative, so a lowers the score whenever b is 1.
    const groups: Group[] = [
      ...[0, 1, 2].map(() => ({ X: [[1, 0, 0], [0, 0, 0]], right: [true, false] })),
      ...[0, 1].map(() => ({ X: [[1, 1, 1], [0, 1, 0]], right: [false, true] })),
    ];
    const free = fitSoftmax(groups, { lambda: 0.1 });
    const mono: Monotone = { at: 0, products: [{ col: 2, lo: 0, hi: 1 }] };
    expect(free[0]! + free[2]!).toBeLessThan(-0.5);
    expect(leastEffect(free, mono)).toBeLessThan(-0.5);
    const kept = fitSoftmax(groups, { lambda: 0.1, monotone: [mono] });
    expect(leastEffect(kept, mono)).toBeGreaterThan(-0.05);
    // Still learns what it may: a counts where the title does not hold the word.
    expect(kept[0]).toBeGreaterThan(0.5);
  });
});
