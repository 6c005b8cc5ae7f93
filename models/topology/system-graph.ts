// Which services the system needs: the entry service (the workload's target, or every service
// nobody calls when there is no workload) and, transitively, every non-optional dependency.
import type { TopologyParams } from './schema.js';

export function entryService(p: TopologyParams): string {
  return p.workload?.target ?? Object.keys(p.services)[0]!;
}

export function requiredServices(p: TopologyParams): string[] {
  const called = new Set<string>();
  for (const s of Object.values(p.services)) for (const c of s.calls) called.add(typeof c === 'string' ? c : c.service);
  const roots = p.workload !== undefined ? [entryService(p)] : Object.keys(p.services).filter((n) => !called.has(n));
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const c of p.services[n]?.calls ?? []) {
      if (typeof c === 'string') stack.push(c);
      else if (!c.optional) stack.push(c.service);
    }
  }
  return Object.keys(p.services).filter((n) => seen.has(n));
}
