// Names shown to a reader: a configuration by its swept values, a chart file name from a title.
import type { ResultConfig, SweptValue } from './read-results.js';

export function valueText(v: SweptValue | undefined): string {
  if (v === undefined || v === '') return '—';
  return typeof v === 'number' ? String(v) : v;
}

/** "servers=4, zone.count=2" (or the config id when nothing was swept). */
export function configLabel(cfg: ResultConfig, columns: readonly string[]): string {
  if (columns.length === 0) return cfg.id;
  return columns.map((c) => `${c}=${valueText(cfg.swept[c])}`).join(', ');
}

/** "4, 2": the swept values alone, for a legend whose title names the columns. */
export function configValues(cfg: ResultConfig, columns: readonly string[]): string {
  if (columns.length === 0) return cfg.id;
  return columns.map((c) => valueText(cfg.swept[c])).join(', ');
}

/** A file-name-safe form: letters, digits, ".", "_" and "-". */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
}
