// Checks of the `autoscaling` sections across the topology: the bounds and the initial count, and
// what autoscaling cannot be combined with (each refused with the reason). Autoscaling runs at
// request level on an active-active group whose balancer sees replicas come and go at once.
import type { TopologyParams } from './schema.js';

type IssueSink = { addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void };
type Checked = Pick<TopologyParams, 'services' | 'fidelity' | 'workload' | 'commonCause'>;

/** Whether a common-cause scope entry ("svc" or "svc[i]") names service `name`. */
function scopeNames(entry: string, name: string): boolean {
  return entry === name || entry.startsWith(`${name}[`);
}

export function checkAutoscaling(p: Checked, ctx: IssueSink): void {
  for (const [name, s] of Object.entries(p.services)) {
    const a = s.autoscaling;
    if (a === undefined) continue;
    const at = (...rest: (string | number)[]) => ['services', name, ...rest];
    if (a.min > a.max) ctx.addIssue({ code: 'custom', path: at('autoscaling', 'min'), message: `min ${a.min} exceeds max ${a.max}` });
    else if (s.replicas < a.min || s.replicas > a.max) {
      ctx.addIssue({ code: 'custom', path: at('replicas'), message: `replicas ${s.replicas} (the initial count) must lie within autoscaling [min, max] = [${a.min}, ${a.max}]` });
    }
    if (!(a.interval > 0)) ctx.addIssue({ code: 'custom', path: at('autoscaling', 'interval'), message: 'the evaluation interval must be > 0' });
    else if (a.window !== undefined && a.window > a.interval) {
      ctx.addIssue({ code: 'custom', path: at('autoscaling', 'window'), message: `the averaging window ${a.window} s exceeds the evaluation interval ${a.interval} s: it must lie within [0, interval]` });
    }
    if (a.metric === 'utilisation' && a.target > 1) {
      ctx.addIssue({ code: 'custom', path: at('autoscaling', 'target'), message: `a utilisation target is in (0, 1]; got ${a.target}` });
    }
    if (s.minReplicas > a.min) {
      ctx.addIssue({ code: 'custom', path: at('minReplicas'), message: `minReplicas ${s.minReplicas} exceeds autoscaling.min ${a.min}` });
    }
    const stateLevel = p.fidelity === 'state' || (p.fidelity === 'auto' && p.workload === undefined);
    if (stateLevel) {
      ctx.addIssue({ code: 'custom', path: at('autoscaling'), message: 'autoscaling acts on load: it needs request level (a workload, fidelity auto or request)' });
    }
    const refuse = (field: string, why: string) => ctx.addIssue({ code: 'custom', path: at(field), message: `not supported together with autoscaling: ${why}` });
    if (s.mode !== 'active-active') refuse('mode', 'autoscaling scales an active-active group');
    if (s.healthCheck !== undefined) refuse('healthCheck', 'health checks would keep a removed replica in rotation until detected');
    if (s.coverage !== undefined) refuse('coverage', 'imperfect coverage of a varying replica set is not modelled');
    if (s.deploys !== undefined) refuse('deploys', 'deploy waves are sized for a fixed replica set');
    p.commonCause.forEach((c, i) => {
      if (c.scope.some((e) => scopeNames(e, name))) {
        ctx.addIssue({ code: 'custom', path: ['commonCause', i, 'scope'], message: `service "${name}" autoscales: common causes over a varying replica set are not modelled` });
      }
    });
  }
}
