// A configuration named in words for warnings and verdicts: its swept values as
// "name=value" pairs, each name the last segment of its dotted path (services.db.mode → mode),
// long values (a policy list) cut short. runs.csv keeps the full values.

/** A swept value as text: strings as written, numbers in their shortest form, the rest as JSON. */
export function sweptValueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === undefined || v === null) return '';
  return JSON.stringify(v);
}

export function configurationLabel(swept: Readonly<Record<string, unknown>>, max = 32): string {
  const entries = Object.entries(swept);
  if (entries.length === 0) return 'the configuration';
  return entries
    .map(([path, v]) => {
      const name = path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? path;
      const text = sweptValueText(v);
      return `${name}=${text.length <= max ? text : `${text.slice(0, max - 1)}…`}`;
    })
    .join(', ');
}
