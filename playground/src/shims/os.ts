// node:os for the browser bundles: the cores the browser reports.
export function availableParallelism(): number {
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1;
}
