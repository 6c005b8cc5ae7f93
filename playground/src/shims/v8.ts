// node:v8 for the browser bundles. A page cannot read its heap use, so the memory guard of a run
// (limits.maxHeapMB, src/experiment/execute-run.ts) sees no growth; the browser ends a tab that
// runs out of memory instead.
export function getHeapStatistics(): { used_heap_size: number; external_memory: number } {
  return { used_heap_size: 0, external_memory: 0 };
}
