// Validation builds every configuration once, without running it: a component's constructor
// checks what the schema cannot express (a runbook step depending on an unknown step, a cycle, a
// failure probability that the untested-plan factors push to 1, ...). What would refuse to build
// at run time is refused by `hasim validate`, with the file named (exit 2), not after minutes of
// other runs with "run failed" (exit 1).
import { ComponentConfigError } from '../components/service/config-error.js';
import { Simulation } from '../engine/simulation.js';
import { PolicyConfigError } from '../policies/config.js';
import { DistSpecError } from '../random/distributions/dist-spec-error.js';
import { RandomStreams } from '../random/streams.js';
import { UnitError } from '../random/unit-error.js';
import type { Model } from './model.js';

/** Why `model` refuses to build a run from `resolved` parameters, or undefined when it builds. */
export function dryBuildRefusal(model: Model<any>, resolved: unknown, shape: { readonly duration: number; readonly warmup: number }): string | undefined {
  try {
    model.build({ sim: new Simulation(), streams: new RandomStreams('hasim-validate'), duration: shape.duration, warmup: shape.warmup, trace: undefined }, resolved);
    return undefined;
  } catch (err) {
    // Components reject a configuration with a RangeError or a ComponentConfigError, policies
    // with a PolicyConfigError, samplers with a DistSpecError, units with a UnitError; anything
    // else is a fault of hasim and stays one.
    const refusal = err instanceof RangeError || err instanceof ComponentConfigError || err instanceof PolicyConfigError || err instanceof DistSpecError || err instanceof UnitError;
    if (refusal) return err.message;
    throw err;
  }
}
