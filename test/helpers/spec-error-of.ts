// The message of the SpecError that loading `text` (as exp.yaml, with the built-in models) throws;
// fails the test if it loads, or throws anything else.
import { models } from '../../models/index.js';
import { parseSource } from '../../src/experiment/source.js';
import { resolveExperiment } from '../../src/experiment/spec.js';
import { SpecError } from '../../src/experiment/spec-error.js';

export function specErrorOf(text: string): string {
  try {
    resolveExperiment(parseSource('exp.yaml', text), models);
  } catch (err) {
    if (err instanceof SpecError) return err.message;
    throw err;
  }
  throw new Error('expected a SpecError');
}
