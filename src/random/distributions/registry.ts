// Maps each `dist` name to its family. Adding a family: write its file, add it here and to
// the discriminated union in schema.ts.
import type { DistFamily } from './family.js';
import { bernoulliFamily, type BernoulliSpec } from './bernoulli.js';
import { constantFamily, type ConstantSpec } from './constant.js';
import { empiricalFamily, type EmpiricalSpec } from './empirical.js';
import { erlangFamily, type ErlangSpec } from './erlang.js';
import { exponentialFamily, type ExponentialSpec } from './exponential.js';
import { gammaFamily, type GammaSpec } from './gamma.js';
import { lognormalFamily, type LognormalSpec } from './lognormal.js';
import { normalFamily, type NormalSpec } from './normal.js';
import { paretoFamily, type ParetoSpec } from './pareto.js';
import { uniformFamily, type UniformSpec } from './uniform.js';
import { weibullFamily, type WeibullSpec } from './weibull.js';

/** A resolved (canonical) distribution spec: numbers only, times in seconds. */
export type DistSpec =
  | ConstantSpec
  | UniformSpec
  | ExponentialSpec
  | NormalSpec
  | LognormalSpec
  | WeibullSpec
  | GammaSpec
  | ErlangSpec
  | ParetoSpec
  | BernoulliSpec
  | EmpiricalSpec;

export type DistName = DistSpec['dist'];

type Registry = { readonly [N in DistName]: DistFamily<Extract<DistSpec, { dist: N }>> };

export const distFamilies: Registry = Object.freeze({
  constant: constantFamily,
  uniform: uniformFamily,
  exponential: exponentialFamily,
  normal: normalFamily,
  lognormal: lognormalFamily,
  weibull: weibullFamily,
  gamma: gammaFamily,
  erlang: erlangFamily,
  pareto: paretoFamily,
  bernoulli: bernoulliFamily,
  empirical: empiricalFamily,
});

export const distNames: readonly DistName[] = Object.freeze(Object.keys(distFamilies) as DistName[]);

/** The family of a resolved spec, typed loosely for generic dispatch. */
export function familyOf(spec: DistSpec): DistFamily<DistSpec> {
  return distFamilies[spec.dist] as DistFamily<DistSpec>;
}
