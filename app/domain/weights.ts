/**
 * Weights of siblings (the pillars of a plan, the objectives of a pillar) feed weighted means:
 * a negative weight would subtract, and a set of all-zero weights leaves the mean undefined.
 * An empty set is fine: nothing to average yet.
 *
 * Returns the problem in Spanish (without the field's label; the caller adds it), or null.
 */
export function siblingWeightsProblem(weights: readonly number[], siblings = "los elementos"): string | null {
  if (weights.some((weight) => !Number.isFinite(weight))) return "debe ser un número";
  if (weights.some((weight) => weight < 0)) return "no puede ser negativo";
  if (weights.length > 0 && weights.every((weight) => weight === 0)) {
    return `al menos uno de ${siblings} debe tener un peso mayor que cero`;
  }
  return null;
}

/** Each weight's share of its siblings' total (0–1); null when the total is zero. */
export function weightShare(weight: number, weights: readonly number[]): number | null {
  const total = weights.reduce((sum, value) => sum + value, 0);
  return total > 0 ? weight / total : null;
}
