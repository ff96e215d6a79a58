import { Matrix, solve } from "ml-matrix";

/** One question's candidates: their inputs, and which of them are right. */
export interface Group {
  X: number[][];
  right: boolean[];
}

/**
 * "Input `at` never lowers the score, whatever the others": its weight plus the least that each
 * product it takes part in can add, over the range [lo, hi] its partner takes in the data, is at
 * least 0.
 */
export interface Monotone {
  at: number;
  products: { col: number; lo: number; hi: number }[];
}

/** The least marginal effect of a monotone input over the box of its partners (at least 0 when the constraint holds). */
export function leastEffect(w: number[], m: Monotone): number {
  return m.products.reduce((v, p) => v + Math.min(w[p.col]! * p.lo, w[p.col]! * p.hi), w[m.at]!);
}

/**
 * Enforced as a steep quadratic penalty on any shortfall below 0, one per corner of the partners'
 * box (the effect is linear in the partners, so it is least at a corner): a sum of squared hinges
 * of linear forms is smooth enough for Newton steps, where a penalty on leastEffect's minimum,
 * with its kinks, stalled them (held-out Hit@1 0.56 against 0.63).
 */
const MONOTONE_PENALTY = 100;

/** Each corner of a monotone input's box as a sparse linear form over the weights: [index, coefficient][]. */
function corners(m: Monotone): [number, number][][] {
  let rows: [number, number][][] = [[[m.at, 1]]];
  for (const p of m.products) rows = rows.flatMap((r) => (p.lo === p.hi ? [[...r, [p.col, p.lo] as [number, number]]] : [[...r, [p.col, p.lo] as [number, number]], [...r, [p.col, p.hi] as [number, number]]]));
  return rows;
}

/**
 * A listwise ranker: weights w maximising, summed over questions, the softmax probability that
 * the best-scored candidate is a right one, log(sum over right e^(w.x)) - log(sum over all e^(w.x)),
 * minus lambda/2 |w|^2. Pairwise logistic loss counts every wrong candidate ranked above a right
 * one; this loss cares about the top, which is what Hit@1 and the first item shown measure.
 *
 * Newton steps with the Hessian of the all-candidates term (positive definite with the L2 term;
 * with several right candidates the objective is not convex, so each step is checked by
 * backtracking). No bias: it would not change any order within a question.
 *
 * With `monotone`, inputs that should only ever raise a score (more of the question's words, a
 * closer vector) are kept so (see Monotone): a learned product may temper such a signal, never
 * turn it against the answer.
 */
export function fitSoftmax(groups: Group[], opts: { lambda: number; iterations?: number; monotone?: Monotone[] }): number[] {
  const d = groups[0]?.X[0]?.length ?? 0;
  const rows = (opts.monotone ?? []).flatMap(corners);
  const form = (v: number[], r: [number, number][]) => r.reduce((s, [j, a]) => s + a * v[j]!, 0);
  let w = new Array<number>(d).fill(0);
  const loss = (v: number[]) => {
    let l = (opts.lambda / 2) * v.reduce((s, x) => s + x * x, 0);
    for (const r of rows) l += MONOTONE_PENALTY * Math.min(0, form(v, r)) ** 2;
    for (const g of groups) {
      const s = g.X.map((x) => dot(v, x));
      l += logSumExp(s) - logSumExp(s.filter((_, i) => g.right[i]));
    }
    return l;
  };
  let current = loss(w);
  for (let it = 0; it < (opts.iterations ?? 40); it++) {
    const grad = w.map((x) => opts.lambda * x);
    // Upper triangle, flat: Matrix.get/set per candidate would dominate the time.
    const h = new Float64Array(d * d);
    for (const g of groups) {
      const s = g.X.map((x) => dot(w, x));
      const all = softmax(s);
      const right = softmax(s.map((x, i) => (g.right[i] ? x : -Infinity)));
      const mean = new Array<number>(d).fill(0);
      g.X.forEach((x, i) => {
        const a = all[i]!;
        const r = right[i]!;
        if (a === 0 && r === 0) return;
        for (let j = 0; j < d; j++) {
          grad[j]! += (a - r) * x[j]!;
          mean[j]! += a * x[j]!;
          if (a < 1e-12 || x[j] === 0) continue;
          const ax = a * x[j]!;
          for (let k = j; k < d; k++) h[j * d + k]! += ax * x[k]!;
        }
      });
      for (let j = 0; j < d; j++) for (let k = j; k < d; k++) h[j * d + k]! -= mean[j]! * mean[k]!;
    }
    for (const r of rows) {
      const value = form(w, r);
      if (value >= 0) continue;
      for (const [j, gj] of r) {
        grad[j]! += 2 * MONOTONE_PENALTY * value * gj;
        for (const [k, gk] of r) if (k >= j) h[j * d + k]! += 2 * MONOTONE_PENALTY * gj * gk;
      }
    }
    const hess = new Matrix(d, d);
    for (let j = 0; j < d; j++) {
      for (let k = j; k < d; k++) {
        const v = h[j * d + k]! + (j === k ? opts.lambda : 0);
        hess.set(j, k, v);
        hess.set(k, j, v);
      }
    }
    const step = solve(hess, Matrix.columnVector(grad)).to1DArray();
    let t = 1;
    let next = w.map((v, j) => v - t * step[j]!);
    let value = loss(next);
    while (value > current && t > 1e-4) {
      t /= 2;
      next = w.map((v, j) => v - t * step[j]!);
      value = loss(next);
    }
    if (value > current) break;
    const change = Math.max(...step.map((s) => Math.abs(t * s)));
    w = next;
    current = value;
    if (change < 1e-7) break;
  }
  return w;
}

function dot(w: number[], x: number[]): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += w[j]! * x[j]!;
  return s;
}

function logSumExp(s: number[]): number {
  const m = Math.max(...s);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(s.reduce((acc, x) => acc + Math.exp(x - m), 0));
}

function softmax(s: number[]): number[] {
  const z = logSumExp(s);
  return s.map((x) => (x === -Infinity ? 0 : Math.exp(x - z)));
}
