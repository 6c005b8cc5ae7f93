// Canonical JSON: object keys sorted, no whitespace, so equal values give equal strings
// whatever order their keys were written in. Used for seeds, configuration ids and hashes.
// Non-finite numbers become the strings "NaN", "Infinity", "-Infinity"; functions and
// undefined become null (or are left out as object members).

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
    if (typeof value === 'bigint') return JSON.stringify(String(value));
    return 'null';
  }
  if (value instanceof Map) return canonicalJson(Object.fromEntries(value));
  if (value instanceof Set) return canonicalJson([...value]);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
