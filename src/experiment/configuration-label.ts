// A configuration named in words for warnings and verdicts: its swept values as
// "name=value" pairs, each name the last segment of its dotted path (services.db.mode → mode),
// long values cut short. When one swept column with plain values (a zip's `variant`) tells every
// configuration apart, it alone names them; structured values (a policy list) are left out when
// plain ones exist. runs.csv keeps the full values.

/** A swept value as text: strings as written, numbers in their shortest form, the rest as JSON. */
export function sweptValueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === undefined || v === null) return '';
  return JSON.stringify(v);
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** The swept columns that name the configurations (see above). */
export function labelColumns(configurations: readonly { readonly swept: Readonly<Record<string, unknown>> }[]): string[] {
  const columns = Object.keys(configurations[0]?.swept ?? {});
  const plain = columns.filter((c) => configurations.every((cfg) => isPlain(cfg.swept[c])));
  const distinct = plain.find((c) => new Set(configurations.map((cfg) => sweptValueText(cfg.swept[c]))).size === configurations.length);
  if (distinct !== undefined) return [distinct];
  return plain.length > 0 ? plain : columns;
}

export function configurationLabel(swept: Readonly<Record<string, unknown>>, max = 32, columns?: readonly string[]): string {
  const entries = Object.entries(swept).filter(([k]) => columns === undefined || columns.includes(k));
  if (entries.length === 0) return 'the configuration';
  return entries
    .map(([path, v]) => {
      const name = path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? path;
      const text = sweptValueText(v);
      return `${name}=${text.length <= max ? text : `${text.slice(0, max - 1)}…`}`;
    })
    .join(', ');
}
