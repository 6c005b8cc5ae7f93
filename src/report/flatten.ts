// Nested parameters → dotted paths ("failover.timeout" → 30), for the parameter table.
// Arrays of plain values stay whole; arrays of objects are indexed ("zones.0.name").

export function flattenParams(value: unknown, prefix = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return prefix ? [[prefix, {}]] : [];
    return entries.flatMap(([k, v]) => flattenParams(v, prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    return value.flatMap((v, i) => flattenParams(v, `${prefix}.${i}`));
  }
  return [[prefix, value]];
}
