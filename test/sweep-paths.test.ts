// Swept paths must name something the base parameters have or the model's schema allows there.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sweepPathIssue } from '../src/experiment/sweep-paths.js';

const service = z.strictObject({
  replicas: z.int().default(1),
  failover: z.strictObject({ coverage: z.number().default(1), detection: z.number().optional() }).optional(),
});
const schema = z.strictObject({
  rate: z.number().default(1),
  services: z.record(z.string(), service),
  zones: z.record(z.string(), z.strictObject({ outage: z.number() })).default({ main: { outage: 0 } }),
  tiers: z.array(z.strictObject({ size: z.number() })).default([]),
  pair: z.tuple([z.number(), z.number()]).optional(),
  extra: z.looseObject({ known: z.number().optional() }).optional(),
  blob: z.unknown().optional(),
  weights: z.record(z.enum(['low', 'high']), z.number()).optional(),
});
const params = { services: { api: { replicas: 2 }, db: {} }, tiers: [{ size: 1 }, { size: 2 }] };
const resolved = schema.parse(params);
const check = (column: string) => sweepPathIssue(schema, params, resolved, column, ['sweep', column]);

describe('swept paths', () => {
  it('accepts what the base has, optional fields and fields with defaults, entries filled by defaults', () => {
    for (const ok of [
      'rate',
      'services.api.replicas',
      'services.db.replicas', // not written, defaulted
      'services.api.failover', // optional, not given
      'services.api.failover.coverage', // inside an optional object not given
      'zones.main.outage', // an entry that only the default has
      'tiers.1.size',
      'pair.1',
      'extra.anything', // a loose object takes any key
      'blob.x.y', // unknown: nothing more can be checked
      'weights.high', // a key of an enum-keyed record
    ]) expect(check(ok), ok).toBeUndefined();
  });

  it('rejects a record entry the base does not have, naming it and suggesting the closest existing one', () => {
    expect(check('services.apii.replicas')).toEqual({
      path: ['sweep', 'services.apii.replicas'],
      message:
        'sweep path "services.apii.replicas": the base experiment has no entry "apii" in services (it has: api, db); ' +
        'a sweep varies existing entries and cannot add one: add "apii" under params to sweep it',
      suggestion: 'services.api.replicas',
      unknownKey: true,
    });
    // A new entry on purpose is rejected as well, without a suggestion when nothing is close.
    const added = check('services.payments.replicas');
    expect(added?.message).toContain('no entry "payments" in services');
    expect(added?.suggestion).toBeUndefined();
    expect(check('zones.west.outage')?.message).toContain('no entry "west" in zones (it has: main)');
    expect(check('weights.medium')?.message).toContain('no entry "medium" in weights (it has none)');
  });

  it('rejects a list index beyond the base list, a misspelt field and a key below a single value', () => {
    expect(check('tiers.2.size')?.message).toBe(
      'sweep path "tiers.2.size": tiers has 2 entries (indices 0 to 1); a sweep varies existing entries and cannot add one: expected an index below 2, got "2"',
    );
    expect(check('pair.2')?.message).toContain('pair has no entries');
    expect(check('services.api.replicaz')).toMatchObject({
      message: 'sweep path "services.api.replicaz": unknown key "replicaz" in services.api (valid keys: replicas, failover)',
      suggestion: 'services.api.replicas',
    });
    expect(check('services.api.failover.coverag')?.suggestion).toBe('services.api.failover.coverage');
    expect(check('rat')?.suggestion).toBe('rate');
    expect(check('rate.x')?.message).toBe('sweep path "rate.x": rate is a single value, not a mapping with a key "x"');
  });

  it('without a parsed base (it needs the swept values to parse), entries come from the params as written', () => {
    expect(sweepPathIssue(schema, params, undefined, 'services.api.replicas', ['sweep', 'x'])).toBeUndefined();
    expect(sweepPathIssue(schema, params, undefined, 'zones.main.outage', ['sweep', 'x'])?.message).toContain('no entry "main" in zones (it has none)');
  });
});
