// The members of a common cause's scope ("db" = every replica of db, "db[0]" = one replica), the
// checks of the `commonCause` section, and the beta-factor arithmetic: a member's independent
// failures run at (1 − β)·λ (its ttf is stretched by 1 / (1 − β)) and the common events at β·λ.
import type { z } from 'zod';
import { distMean, distSpecSchema, type DistSpec } from '../../src/random/index.js';

/** The parts of the topology parameters the scope checks read (the schema's output, before its refinement). */
interface ScopeParams {
  readonly services: Readonly<Record<string, { readonly replicas: number; readonly failure?: { readonly ttf: unknown } | undefined }>>;
  readonly commonCause: readonly { readonly scope: readonly string[]; readonly every?: unknown; readonly fraction?: number | undefined; readonly ttr?: unknown }[];
}

export interface ScopeMember {
  readonly service: string;
  readonly replica: number;
}

const ID = /^(.+)\[(\d+)\]$/;

/** The replicas named by one scope entry, or an error message. */
export function scopeEntry(p: ScopeParams, entry: string): ScopeMember[] | string {
  const m = ID.exec(entry);
  const service = m === null ? entry : m[1]!;
  const s = p.services[service];
  if (s === undefined) return `unknown service "${service}"; services are ${Object.keys(p.services).join(', ')}`;
  if (m === null) return Array.from({ length: s.replicas }, (_, i) => ({ service, replica: i }));
  const i = Number(m[2]);
  if (i >= s.replicas) return `replica ${i} does not exist (service "${service}" has ${s.replicas})`;
  return [{ service, replica: i }];
}

/** The distinct replicas of a scope, in order (entries already checked). */
export function scopeMembers(p: ScopeParams, scope: readonly string[]): ScopeMember[] {
  const out: ScopeMember[] = [];
  const seen = new Set<string>();
  for (const e of scope) {
    const members = scopeEntry(p, e);
    if (typeof members === 'string') throw new RangeError(`common cause scope "${e}": ${members}`);
    for (const m of members) {
      const key = `${m.service}[${m.replica}]`;
      if (!seen.has(key)) out.push(m);
      seen.add(key);
    }
  }
  return out;
}

/** The mean of a spec, NaN for an invalid one (which has its own issue: the checks run on the rest). */
const meanOf = (spec: unknown): number => (distSpecSchema.safeParse(spec).success ? distMean(spec as DistSpec) : NaN);

/** Mean time between the events of common cause `i` (the beta-factor value when `fraction` is given). */
export function commonCauseInterval(p: ScopeParams, i: number): number {
  const c = p.commonCause[i]!;
  if (c.every !== undefined) return meanOf(c.every);
  const first = scopeMembers(p, c.scope)[0]!;
  return meanOf(p.services[first.service]!.failure!.ttf) / c.fraction!;
}

/** The factor a replica's ttf is stretched by: 1 / (1 − β) for a member of a `fraction` common cause, else 1. */
export function ttfStretch(p: ScopeParams, service: string, replica: number): number {
  for (const c of p.commonCause) {
    if (c.fraction === undefined) continue;
    if (scopeMembers(p, c.scope).some((m) => m.service === service && m.replica === replica)) return 1 / (1 - c.fraction);
  }
  return 1;
}

export function checkCommonCauses(p: ScopeParams, ctx: z.core.$RefinementCtx): void {
  const inFraction = new Map<string, number>();
  p.commonCause.forEach((c, i) => {
    const at = ['commonCause', i];
    let ok = true;
    c.scope.forEach((e, j) => {
      const r = scopeEntry(p, e);
      if (typeof r === 'string') {
        ctx.addIssue({ code: 'custom', path: [...at, 'scope', j], message: r });
        ok = false;
      }
    });
    if ((c.every === undefined) === (c.fraction === undefined)) {
      ctx.addIssue({ code: 'custom', path: at, message: 'give either every (time between events) or fraction (beta factor), not both' });
      return;
    }
    if (c.every !== undefined && meanOf(c.every) <= 0) {
      ctx.addIssue({ code: 'custom', path: [...at, 'every'], message: 'the mean time between events must be > 0' });
    }
    if (!ok) return;
    const members = scopeMembers(p, c.scope);
    const lacking = members.find((m) => p.services[m.service]!.failure === undefined);
    if (lacking !== undefined && (c.fraction !== undefined || c.ttr === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, c.fraction !== undefined ? 'fraction' : 'scope'],
        message: `service "${lacking.service}" has no failure process: ${c.fraction !== undefined ? 'a beta factor splits the failure rate of its members' : 'give a ttr, or a failure process to crash'}`,
      });
      return;
    }
    if (c.fraction !== undefined) {
      const means = new Set(members.map((m) => meanOf(p.services[m.service]!.failure!.ttf)).filter((m) => !Number.isNaN(m)));
      if (means.size > 1) {
        ctx.addIssue({ code: 'custom', path: [...at, 'fraction'], message: `a beta factor needs members with the same mean ttf; they have ${[...means].join(', ')} s (give every instead)` });
      }
      for (const m of members) {
        const key = `${m.service}[${m.replica}]`;
        const prev = inFraction.get(key);
        if (prev !== undefined) ctx.addIssue({ code: 'custom', path: [...at, 'scope'], message: `${key} is already in commonCause[${prev}] with a fraction; a replica may be in one beta-factor group` });
        else inFraction.set(key, i);
      }
    }
  });
}
