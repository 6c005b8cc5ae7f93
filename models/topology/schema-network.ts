// The `topology` schema's placement and network sections: the zone latency matrix, locality-aware
// routing, zones and regions with their outages, and the scheduled faults that take them down.
import { z } from 'zod';
import { duration, int, probability } from '../common/params.js';
import { dist } from './schema-fields.js';

export const networkSchema = z
  .strictObject({
    sameZone: dist('one-way latency between replicas in the same zone').optional(),
    crossZone: dist('one-way latency between zones of the same region (or between any two zones when no regions are declared)').optional(),
    crossRegion: dist('one-way latency between zones of different regions').optional(),
    pairs: z
      .array(
        z.strictObject({
          between: z.tuple([z.string(), z.string()]).meta({ description: 'two zones (either order)' }),
          latency: dist('one-way latency between them (overrides the classes above)'),
        }),
      )
      .default([])
      .meta({ description: 'explicit latencies between pairs of zones' }),
  })
  .meta({
    description:
      'zone latency matrix: a call between two services pays the latency between the caller replica\'s zone and the callee replica\'s zone, on the request and again on the response (omitted classes: 0)',
  });

export const localitySchema = z
  .strictObject({
    prefer: z.enum(['zone', 'region']).meta({ description: "zone: the caller's zone first, then its region, then the rest; region: the caller's region first, then the rest" }),
    saturation: z
      .number()
      .gt(0)
      .optional()
      .meta({ description: 'spill to the next tier when the outstanding requests of a tier reach this fraction of its slots (capacity × routable replicas); omitted: spill only when a tier has no routable replica' }),
  })
  .meta({
    description:
      "locality-aware routing (Envoy zone-aware routing, priority levels): calls from a replica of a placed caller go to the nearest tier of routable replicas that is not saturated; the balancer picks within it. Needs zones on both sides; the workload's calls are routed by their origin zone (workload.origins), or not restricted without origins",
  });

export const zoneSchema = z
  .strictObject({
    outage: z
      .strictObject({
        ttf: dist('time between zone outages'),
        ttr: dist('duration of a zone outage'),
      })
      .optional(),
  })
  .meta({ description: 'an availability zone; its outages take down every replica placed in it' });

export const regionSchema = z
  .union([
    z.array(z.string()).min(1).meta({ description: 'the zones of the region' }),
    z.strictObject({
      zones: z.array(z.string()).min(1).meta({ description: 'the zones of the region' }),
      outage: z
        .strictObject({
          ttf: dist('time between region outages'),
          ttr: dist('duration of a region outage'),
        })
        .optional()
        .meta({ description: 'outages of the whole region: every zone in it is out at once' }),
    }),
  ])
  .meta({ description: 'a region: a group of zones (a list, or { zones, outage })' });

const zoneFault = z.strictObject({
  at: duration('when the fault starts (simulated time from the start, warm-up included)'),
  zone: z.string().meta({ description: 'zone to take down' }),
  for: duration('how long it lasts'),
});
const regionFault = z.strictObject({
  at: duration('when the fault starts'),
  region: z.string().meta({ description: 'region to take down (every zone in it)' }),
  for: duration('how long it lasts'),
});
const replicaFault = z.strictObject({
  at: duration('when the fault starts'),
  service: z.string().meta({ description: 'service of the replica' }),
  replica: z
    .union([int('replica index (0-based)', 0), z.array(int('replica index (0-based)', 0)).min(1)])
    .optional()
    .meta({ description: 'replica index (0-based) or a list of them; omitted: every replica of the service' }),
  mode: z.enum(['crash', 'slow', 'erroring']).default('crash'),
  factor: z.number().min(1).default(5).meta({ description: 'latency multiplier (mode slow)' }),
  errorRate: probability('error probability (mode erroring)').default(1),
  for: duration('how long it lasts'),
});
export const faultSchema = z.union([zoneFault, regionFault, replicaFault]).meta({ description: 'a scheduled fault' });
