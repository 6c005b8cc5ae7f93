// A count given on the command line (--workers, --replications), read as the text typed so that
// a mistake is quoted back as written ("abc", not NaN).
import { UsageError } from '../experiment/spec-error.js';

export function countOption(name: string, raw: string | number | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name}: expected an integer ≥ 1, got "${String(raw).slice(0, 80)}"`);
  return n;
}
