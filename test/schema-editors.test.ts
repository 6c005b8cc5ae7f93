// `hasim schema` is what editors (the YAML language server) check experiment files against:
// every shipped experiment must validate, and a misspelt key must not.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { experimentJsonSchema } from '../src/experiment/json-schema.js';
import { models } from '../models/index.js';

const dir = join(import.meta.dirname, '..', 'experiments');

describe('JSON Schema of experiment files', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(experimentJsonSchema(models));

  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    it(`accepts experiments/${file}`, () => {
      const ok = validate(parse(readFileSync(join(dir, file), 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('rejects a misspelt service key and a misspelt policy field', () => {
    const base = { name: 'x', model: 'topology', duration: '1h' };
    expect(validate({ ...base, params: { services: { web: { replica: 3 } } } })).toBe(false);
    expect(validate({ ...base, params: { workload: { rate: '1/s', policies: [{ type: 'retry', maxAtempts: 3 }] }, services: { web: {} } } })).toBe(false);
    expect(validate({ ...base, params: { workload: { rate: '1/s', policies: [{ type: 'retry', maxAttempts: 3 }] }, services: { web: {} } } })).toBe(true);
  });
});
