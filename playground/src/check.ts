// The checks of `hasim validate` in the page: the same parsing (src/experiment/source.ts), the same
// resolution against the built-in models (spec.ts, with the dry build of every configuration) and
// the same budget check (estimate.ts), so the page shows the same messages, paths and
// suggestions, each at its line and column.
import { budgetedEstimate } from '../../src/experiment/estimate.js';
import { parseSource } from '../../src/experiment/source.js';
import { resolveExperiment, type Experiment } from '../../src/experiment/spec.js';
import { formatIssue, SpecError, UsageError } from '../../src/experiment/spec-error.js';
import { models } from '../../models/index.js';

export interface Problem {
  /** The line `hasim validate` prints (without its "hasim: " prefix). */
  readonly text: string;
  readonly line?: number;
  readonly column?: number;
}

export type Checked = { readonly ok: true; readonly exp: Experiment } | { readonly ok: false; readonly problems: readonly Problem[] };

export function check(file: string, text: string): Checked {
  try {
    const exp = resolveExperiment(parseSource(file, text), models);
    budgetedEstimate(exp);
    return { ok: true, exp };
  } catch (err) {
    if (err instanceof SpecError) {
      return { ok: false, problems: err.issues.map((i) => ({ text: formatIssue(file, i), ...(i.line !== undefined ? { line: i.line, column: i.column ?? 1 } : {}) })) };
    }
    if (err instanceof UsageError) return { ok: false, problems: [{ text: err.message }] };
    return { ok: false, problems: [{ text: `internal error: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}
