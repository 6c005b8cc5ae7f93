// The experiment's parameters as its author wrote them (meta.json experiment.params: "mean: 7d",
// "20ms cv 0.5"), one row per setting: a distribution on one line ("lognormal mean 6h cv 1"), a
// list entry that has a name under that name, and every swept parameter with its swept values.
import { sweptValueText } from '../experiment/configuration-label.js';

export interface WrittenRow {
  readonly path: string;
  readonly text: string;
  readonly swept: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A value on one line: a distribution as "lognormal mean 6h cv 1", other objects as "k: v, …". */
export function inlineText(v: unknown): string {
  if (Array.isArray(v)) return v.map(inlineText).join(', ');
  if (!isObject(v)) return sweptValueText(v);
  if (typeof v['dist'] === 'string') {
    return [v['dist'], ...Object.entries(v).filter(([k]) => k !== 'dist').map(([k, x]) => `${k} ${inlineText(x)}`)].join(' ');
  }
  return Object.entries(v).map(([k, x]) => `${k}: ${isObject(x) || Array.isArray(x) ? `{${inlineText(x)}}` : inlineText(x)}`).join(', ');
}

function rows(value: unknown, prefix: string, out: [string, string][]): void {
  if (isObject(value) && typeof value['dist'] !== 'string' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) rows(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isObject)) {
    value.forEach((item, i) => {
      const name = typeof item['name'] === 'string' ? item['name'] : undefined;
      const rest = Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'name' || name === undefined));
      out.push([`${prefix}.${name ?? i}`, inlineText(rest)]);
    });
    return;
  }
  out.push([prefix, inlineText(value)]);
}

/**
 * Rows of the parameters as written; a swept parameter shows its values in sweep order and
 * replaces the written row of the same path (or is added where the sweep alone sets it).
 */
export function writtenParams(params: unknown, sweptValues: ReadonlyMap<string, readonly unknown[]>): WrittenRow[] {
  const flat: [string, string][] = [];
  if (params !== undefined) rows(params, '', flat);
  const out: WrittenRow[] = flat.map(([path, text]) => {
    const values = sweptValues.get(path);
    return values ? { path, text: `swept: ${values.map(inlineText).join(' | ')}`, swept: true } : { path, text, swept: false };
  });
  for (const [path, values] of sweptValues) {
    if (!out.some((r) => r.path === path)) out.push({ path, text: `swept: ${values.map(inlineText).join(' | ')}`, swept: true });
  }
  return out;
}
