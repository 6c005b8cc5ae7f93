import { z } from 'zod';
import type { Rng } from '../rng.js';
import type { DistFamily } from './family.js';
import { ParamReader, distLiteral, specObject, timeParam } from './params.js';

/** Always `value`. Also the meaning of a bare number or duration string used as a spec. */
export interface ConstantSpec {
  readonly dist: 'constant';
  readonly value: number;
}

export const constantSchema = specObject(
  'constant',
  { dist: distLiteral('constant'), value: timeParam('constant', 'value') },
  'constant: always `value` (seconds, a duration string, or any number)',
).transform((o, ctx): ConstantSpec => {
  const r = new ParamReader('constant', o, ctx);
  const value = r.time('value');
  return r.failed ? z.NEVER : { dist: 'constant', value };
});

export const constantFamily: DistFamily<ConstantSpec> = {
  name: 'constant',
  schema: constantSchema,
  sampler: (s: ConstantSpec, _rng: Rng) => {
    const v = s.value;
    return () => v;
  },
  mean: (s) => s.value,
  variance: () => 0,
};
