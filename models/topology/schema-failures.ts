// The `topology` schema's failure sections: how a replica fails and is repaired (failure, modes),
// how the failure is noticed and handled (healthCheck, failover, coverage), and the failures that
// come from outside a replica (deploys, commonCause).
import { z } from 'zod';
import { duration, int, probability } from '../common/params.js';
import { dist } from './schema-fields.js';

const failureModesSchema = z
  .strictObject({
    crash: z.number().min(0).default(1).meta({ description: 'relative weight of crash failures (replica down until repaired)' }),
    slow: z
      .strictObject({
        weight: z.number().min(0).meta({ description: 'relative weight of slow failures' }),
        factor: z.number().min(1).default(5).meta({ description: 'latency multiplier while slow' }),
      })
      .optional(),
    erroring: z
      .strictObject({
        weight: z.number().min(0).meta({ description: 'relative weight of erroring failures' }),
        errorRate: probability('probability that a request fails while erroring').default(0.5),
      })
      .optional(),
  })
  .meta({ description: 'failure modes and their relative weights (default: crash only)' });

export const failureSchema = z
  .strictObject({
    ttf: dist('time to failure of each replica (e.g. { dist: weibull, shape: 1.2, mean: 30d })'),
    ttr: dist('time to repair (e.g. { dist: lognormal, mean: 20m, cv: 1 })'),
    modes: failureModesSchema.optional(),
  })
  .meta({ description: 'independent failures of each replica: alternating time-to-failure and time-to-repair' });

export const healthCheckSchema = z
  .strictObject({
    interval: duration('time between health checks').prefault('5s'),
    unhealthyThreshold: int('consecutive failed checks before a replica leaves rotation', 1).default(3),
    healthyThreshold: int('consecutive passed checks before it returns', 1).default(2),
  })
  .meta({ description: 'load-balancer health checks: a dead replica receives traffic until detected' });

export const failoverSchema = z
  .strictObject({
    detection: dist('failure-detection delay, drawn afresh at each failure of the primary (alternative to heartbeat)').optional(),
    heartbeat: z
      .strictObject({
        interval: duration('heartbeat interval').prefault('1s'),
        missed: int('missed heartbeats that declare the primary dead', 1).default(3),
      })
      .optional()
      .meta({ description: 'failure detection by heartbeat (interval × missed beats)' }),
    promotion: dist('time to promote a standby once the failure is detected').prefault(0),
    coverage: probability('probability that an automatic failover works (else manual recovery)').default(1),
    manualRecovery: dist('time to restore service by hand after a failed failover').prefault('1h'),
    standby: z.enum(['hot', 'warm', 'cold']).default('hot').meta({ description: 'hot: ready; warm/cold: add startup time; cold standbys do not fail while idle' }),
    startup: dist('extra start-up time of a warm or cold standby at promotion').prefault(0),
    failback: z.enum(['none', 'auto']).default('none').meta({ description: 'none: the repaired old primary becomes a standby; auto: it takes over again' }),
  })
  .meta({ description: 'active-passive failover (ignored in other modes, so that a sweep can vary the mode)' });

export const coverageSchema = z
  .strictObject({
    probability: probability('c: probability that a replica crash is detected and handled automatically'),
    uncovered: z
      .enum(['silent', 'fatal'])
      .default('fatal')
      .meta({ description: 'what an uncovered crash does. silent: the dead replica keeps receiving traffic, unrepaired, until found after `detection`; fatal: the whole group is down until `manualRecovery` reconfigures it' }),
    detection: dist('silent: time until an uncovered crash is found (then the replica leaves rotation and its repair starts)').prefault('10m'),
    manualRecovery: dist('fatal: time to reconfigure the group by hand after an uncovered crash').prefault('1h'),
  })
  .meta({ description: 'imperfect failure detection of an active-active or quorum group (the Dugan–Trivedi coverage model); ignored in active-passive mode, where failover.coverage plays this role' });

export const deploysSchema = z
  .strictObject({
    every: dist('time from the end of one deploy to the start of the next (e.g. { dist: exponential, mean: 7d })'),
    badProbability: probability('probability that a deploy is bad'),
    waves: z
      .array(z.number().gt(0).max(1))
      .min(1)
      .default([1])
      .meta({ description: 'share of the replicas each wave updates, in order, summing to 1 (e.g. [0.1, 0.9]: a canary of 10%, then the rest); wave k updates up to ⌈n × (share of waves 0..k)⌉ replicas' }),
    waveInterval: duration('time between the starts of successive waves').prefault(0),
    detection: dist('time from the start of a bad deploy until it is detected (later waves are not started)'),
    rollback: dist('time from detection until every updated replica is restored'),
  })
  .meta({ description: 'change-induced failures: deploys rolled out in waves; a bad one takes each updated replica down until detected and rolled back' });

export const commonCauseSchema = z
  .strictObject({
    scope: z
      .array(z.string())
      .min(1)
      .meta({ description: 'what one event takes down: service names (every replica) or replica ids like "db[0]"' }),
    every: dist('time between common-cause events (e.g. { dist: exponential, mean: 1y })').optional(),
    fraction: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .meta({ description: 'beta factor: the share of each member\'s failure rate λ that is common. Events come at rate β·λ (Poisson) and each member\'s own failures at (1 − β)·λ (its ttf stretched by 1/(1 − β)); the members need failures with the same mean ttf' }),
    ttr: dist('outage of every member at once after an event; omitted: each member crashes and is repaired as usual').optional(),
  })
  .meta({ description: 'a common cause: each event takes every replica in scope down at once' });
