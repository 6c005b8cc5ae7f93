// The `autoscaling` section of a topology service: how many replicas serve, between `min` and
// `max`, decided every `interval` from utilisation or queue length (the rule is in
// src/components/service/autoscaler.ts and docs/architect.md, "Autoscaling").
import { z } from 'zod';
import { duration, int } from '../common/params.js';
import { dist } from './schema-fields.js';

export const autoscalingSchema = z
  .strictObject({
    min: int('fewest replicas the autoscaler keeps', 1, 10_000),
    max: int('most replicas the autoscaler starts', 1, 10_000),
    metric: z
      .enum(['utilisation', 'queue'])
      .default('utilisation')
      .meta({ description: 'what is compared with the target: utilisation (busy slots / slots of the serving replicas) or queue (requests at the serving replicas, in service and waiting, per serving replica); averaged over `window` before each evaluation' }),
    target: z.number().gt(0).meta({ description: 'the target value of the metric: a utilisation in (0, 1], or requests per replica' }),
    tolerance: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .meta({ description: 'no change while observed / target is within 1 ± tolerance (Kubernetes HPA default 0.1): keeps a load near the target from flapping' }),
    interval: duration('time between two evaluations (the first at interval)').default(30),
    window: duration(
      'the metric is averaged over [t − window, t] before the evaluation at t (time integrals over the serving replicas, as metrics-server averages CPU over a window); default interval; 0 samples it at the instant t; at most interval',
    ).optional(),
    cooldown: duration('after a scale-out, no further scale-out for this long; likewise for scale-in').default(300),
    provisioning: dist('time a new replica takes before it serves (billed from its start)').prefault(0),
    scaleOutStep: int('most replicas added by one evaluation', 1).default(1),
    scaleInStep: int('most replicas removed by one evaluation', 1).default(1),
  })
  .meta({ description: 'autoscaling (request level, active-active): desired = ceil(current × observed / target), clamped to [min, max]; `replicas` is the initial count' });

export type AutoscalingParams = z.output<typeof autoscalingSchema>;

/** The most replicas a service can run at once: `autoscaling.max`, else its fixed `replicas`. */
export function mostReplicas(s: { readonly replicas: number; readonly autoscaling?: AutoscalingParams | undefined }): number {
  return s.autoscaling?.max ?? s.replicas;
}
