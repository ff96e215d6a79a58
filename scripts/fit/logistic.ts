import { Matrix, solve } from "ml-matrix";

/**
 * L2-regularised logistic regression by Newton's method (IRLS), with example weights. Small and
 * exact for a few dozen features; ml-matrix does the linear algebra. Returns [bias, ...weights];
 * `fitBias: false` fits through the origin (pairwise ranking data is symmetric).
 */
export function fitLogistic(X: number[][], y: number[], opts: { lambda: number; sampleWeights?: number[]; fitBias?: boolean; iterations?: number }): number[] {
  const fitBias = opts.fitBias ?? true;
  const rows = X.map((r) => (fitBias ? [1, ...r] : [0, ...r]));
  const d = rows[0]!.length;
  const sw = opts.sampleWeights ?? X.map(() => 1);
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < (opts.iterations ?? 50); it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Matrix.zeros(d, d);
    rows.forEach((x, i) => {
      const z = x.reduce((s, v, j) => s + v * w[j]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      const r = sw[i]! * (p - y[i]!);
      const h = sw[i]! * Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        grad[j]! += r * x[j]!;
        if (x[j] === 0) continue;
        for (let k = j; k < d; k++) hess.set(j, k, hess.get(j, k) + h * x[j]! * x[k]!);
      }
    });
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) hess.set(j, k, hess.get(k, j));
      // The bias is not shrunk; every weight is.
      const reg = j === 0 ? (fitBias ? 1e-6 : 1) : opts.lambda;
      grad[j]! += reg * w[j]!;
      hess.set(j, j, hess.get(j, j) + reg);
    }
    const step = solve(hess, Matrix.columnVector(grad)).to1DArray();
    let change = 0;
    w = w.map((v, j) => {
      change = Math.max(change, Math.abs(step[j]!));
      return v - step[j]!;
    });
    if (change < 1e-7) break;
  }
  if (!fitBias) w[0] = 0;
  return w;
}

export function logit(w: number[], x: number[]): number {
  return x.reduce((s, v, j) => s + v * w[j + 1]!, w[0]!);
}
