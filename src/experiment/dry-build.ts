// Validation builds every configuration once, without running it: a component's constructor
// checks what the schema cannot express (a runbook step depending on an unknown step, a cycle, a
// failure probability that the untested-plan factors push to 1, ...). What would refuse to build
// at run time is refused by `hasim validate`, with the file named (exit 2), not after minutes of
// other runs with "run failed" (exit 1).
import { ConfigError } from '../base/config-error.js';
import { Simulation } from '../engine/simulation.js';
import { RandomStreams } from '../random/streams.js';
import type { Estimator, Model } from './model.js';

/** Why `model` refuses to build a run from `resolved` parameters, or undefined when it builds. */
export function dryBuildRefusal(
  model: Model<any>,
  resolved: unknown,
  shape: { readonly duration: number; readonly warmup: number; readonly estimator?: Estimator },
): string | undefined {
  try {
    model.build(
      {
        sim: new Simulation(),
        streams: new RandomStreams('hasim-validate'),
        duration: shape.duration,
        warmup: shape.warmup,
        trace: undefined,
        ...(shape.estimator !== undefined && shape.estimator.kind !== 'plain' ? { estimator: shape.estimator } : {}),
      },
      resolved,
    );
    return undefined;
  } catch (err) {
    // Components, policies, samplers and units reject a configuration with a ConfigError;
    // anything else is a fault of hasim and stays one.
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
}
