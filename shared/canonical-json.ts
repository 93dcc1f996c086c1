/**
 * JSON with object keys sorted, so that the same event always has the same bytes and the same
 * hash on every desk, whatever order its body was built in.
 */
export function canonicalJson(value: unknown, sorted = keysSorted(value)): string {
  // Bodies read from the log or from a peer are sorted already: skip copying them (replication's hot path).
  return JSON.stringify(sorted ? value : sortKeys(value));
}

/** Whether every object's keys are in canonical order already (then `canonicalJson` copies nothing). */
export function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (value && typeof value === 'object') {
    let previous: string | null = null;
    for (const key in value) {
      if (previous !== null && previous >= key) return false;
      previous = key;
      if (!keysSorted((value as Record<string, unknown>)[key])) return false;
    }
  }
  return true;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    // No prototype, so a "__proto__" key (JSON.parse makes it an own field) stays a field.
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
