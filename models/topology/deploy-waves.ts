// A service's deploy waves as cumulative replica counts, and the checks of its `deploys` section.
import type { z } from 'zod';
import { distMean, distSpecSchema, type DistSpec } from '../../src/random/index.js';

interface DeployParams {
  readonly services: Readonly<Record<string, { readonly replicas: number; readonly deploys?: { readonly every: unknown; readonly waves: readonly number[] } | undefined }>>;
}

/** Replicas updated by the end of each wave: ⌈n × cumulative share⌉, the last exactly n. */
export function waveCounts(replicas: number, waves: readonly number[]): number[] {
  let cum = 0;
  return waves.map((w, i) => {
    cum += w;
    return i === waves.length - 1 ? replicas : Math.min(replicas, Math.ceil(replicas * cum - 1e-9));
  });
}

export function checkDeploys(p: DeployParams, ctx: z.core.$RefinementCtx): void {
  for (const [name, s] of Object.entries(p.services)) {
    const d = s.deploys;
    if (d === undefined) continue;
    const total = d.waves.reduce((a, w) => a + w, 0);
    if (Math.abs(total - 1) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['services', name, 'deploys', 'waves'], message: `wave shares must sum to 1; they sum to ${Number(total.toPrecision(6))}` });
    }
    // An invalid spec has its own issue already (the refinement runs on the rest of the object).
    if (distSpecSchema.safeParse(d.every).success && !(distMean(d.every as DistSpec) > 0)) {
      ctx.addIssue({ code: 'custom', path: ['services', name, 'deploys', 'every'], message: 'the mean time between deploys must be > 0' });
    }
  }
}
