// --budget and --max-runs (hasim run, hasim validate): the budgets that override the file's limits:.
import { parseBudgetOption, parseMaxRunsOption, type BudgetOverrides } from '../experiment/limits.js';
import { UsageError } from '../experiment/spec-error.js';
import { UnitError } from '../random/unit-error.js';

export function budgetOverrides(args: { budget?: string; 'max-runs'?: string }): BudgetOverrides {
  const out: { budgetS?: number; maxRuns?: number } = {};
  if (args.budget !== undefined) {
    try {
      out.budgetS = parseBudgetOption(String(args.budget));
    } catch (err) {
      if (err instanceof UnitError) throw new UsageError(`--budget: expected a CPU time such as 8h or 30m, or unlimited; got "${String(args.budget).slice(0, 80)}"`);
      throw err;
    }
  }
  if (args['max-runs'] !== undefined) {
    const n = parseMaxRunsOption(String(args['max-runs']));
    if (n === undefined) throw new UsageError(`--max-runs: expected an integer ≥ 1 or unlimited, got "${String(args['max-runs']).slice(0, 80)}"`);
    out.maxRuns = n;
  }
  return out;
}
