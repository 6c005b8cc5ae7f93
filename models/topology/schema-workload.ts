// The `topology` schema's workload section: open or closed loop arrivals, a time-varying rate
// profile, and request classes.
import { z } from 'zod';
import { duration, rate, int } from '../common/params.js';
import { dist, policies } from './schema-fields.js';

const profileSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('steps'),
      steps: z
        .array(z.strictObject({ at: duration('when the rate changes'), rate: rate('the rate from then on') }))
        .min(1)
        .meta({ description: 'rate changes; before the first one the rate is workload.rate' }),
    }),
    z.strictObject({
      kind: z.literal('ramp'),
      points: z
        .array(z.strictObject({ at: duration('time of the point'), rate: rate('rate at that time') }))
        .min(1)
        .meta({ description: 'piecewise-linear rate through these points (constant before the first and after the last)' }),
    }),
    z.strictObject({
      kind: z.literal('spike'),
      at: duration('spike start'),
      for: duration('spike length'),
      rate: rate('rate during the spike (workload.rate before and after)'),
    }),
    z.strictObject({
      kind: z.literal('daily'),
      amplitude: z.number().min(0).max(1).meta({ description: 'relative amplitude of the daily cycle around workload.rate (0–1)' }),
      peakAt: duration('time of day of the peak').prefault('14h'),
    }),
  ])
  .meta({ description: 'time-varying rate: steps, a ramp, a spike or a daily cycle around workload.rate' });

export const requestClassSchema = z.strictObject({
  share: z.number().gt(0).max(1).meta({ description: 'share of the requests' }),
  critical: z.boolean().default(false).meta({ description: 'critical (kept) or optional (shed or degraded first)' }),
  slo: duration('latency SLO of a successful request').optional(),
});

export const workloadSchema = z
  .strictObject({
    target: z.string().optional().meta({ description: 'entry service (default: the first service)' }),
    rate: rate('mean arrival rate of the open-loop workload').optional(),
    interarrival: dist('inter-arrival distribution (default: exponential, i.e. Poisson)').optional(),
    profile: profileSchema.optional(),
    clients: z
      .strictObject({
        count: int('clients in the closed loop', 1),
        thinkTime: dist('think time between a response and the next request'),
      })
      .optional()
      .meta({ description: 'closed-loop client population (instead of rate)' }),
    timeout: duration('client timeout: the client gives up (server work continues)').optional(),
    policies: policies('on the client edge').optional(),
    classes: z.record(z.string(), requestClassSchema).optional().meta({ description: 'request classes by name' }),
    origins: z
      .record(z.string(), z.number().gt(0).max(1).meta({ description: 'share of the requests from this zone or region' }))
      .optional()
      .meta({
        description:
          "where the requests come from: shares by zone or region (a region's share split evenly over its zones; shares summing to 1). Each request draws its origin zone and pays the network latency between it and the entry replica's zone on the request and again on the response; the entry service's locality routes it by that zone. With two keys or more, each key's requests are also reported apart (origin_<key>_latency_p99_ms, origin_<key>_request_availability_pct, …). Needs the entry service placed in zones; a zone is named at most once (itself or through its region)",
      }),
  })
  .meta({ description: 'the workload entering the entry service' });
