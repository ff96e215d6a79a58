/** How much two sets of terms (the shared tokenizer's) have in common. */

/** Shared terms over all terms; 0 when either set is empty. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const t of a) if (b.has(t)) n++;
  return n / (a.size + b.size - n);
}

/** Share of the smaller set's terms that the other holds: a short sentence inside a longer one scores 1. */
export function overlapOfSmaller(a: Set<string>, b: Set<string>): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (!small.size) return 0;
  let n = 0;
  for (const t of small) if (large.has(t)) n++;
  return n / small.size;
}
