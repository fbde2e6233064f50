/**
 * Are two JSON values equal as JSON, key order ignored? The same answer as comparing their
 * `stableStringify` texts (keys whose value is undefined count as absent, as in JSON), without
 * building the strings: pushes compare every row with its validated copy and with masters.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    // undefined prints as null (in arrays); anything else unequal by identity is unequal.
    return (a ?? null) === (b ?? null);
  }
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => sameJson(v, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k of Object.keys(x)) {
    const v = x[k];
    if (v === undefined) continue;
    defined += 1;
    if (!Object.hasOwn(y, k) || !sameJson(v, y[k])) return false;
  }
  let other = 0;
  for (const k of Object.keys(y)) if (y[k] !== undefined) other += 1;
  return defined === other;
}
