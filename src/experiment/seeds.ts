// Seeds and identities of runs and configurations.
//
// - A configuration's identity is the canonical JSON of its swept values ({} without a sweep);
//   its config_id is a short hash of that, so it does not depend on the position in the grid.
// - A run's seed (the `seed` column) = deriveSeed(experiment seed, configuration key, replication).
//   Adding a value to a sweep therefore changes no other run's seed or row.
// - Common random numbers: the run's RandomStreams are seeded with
//   deriveSeed(experiment seed, replication), the same for every configuration, so replication r
//   of every configuration sees the same arrivals and failures (as far as the configurations
//   consume their streams alike). With `crn: false` the streams use the run seed instead.
import { createHash } from 'node:crypto';
import { deriveSeed } from '../random/seed.js';
import { canonicalJson } from '../base/canonical-json.js';

export function configKey(swept: Readonly<Record<string, unknown>>): string {
  return canonicalJson(swept);
}

/** "c" + 10 hex characters of SHA-256 of the configuration key (a letter first, so CSV readers keep it text). */
export function configId(swept: Readonly<Record<string, unknown>>): string {
  return `c${createHash('sha256').update(configKey(swept)).digest('hex').slice(0, 10)}`;
}

export function runSeed(experimentSeed: string | number, swept: Readonly<Record<string, unknown>>, replication: number): string {
  return deriveSeed(experimentSeed, configKey(swept), replication);
}

export function streamSeed(experimentSeed: string | number, replication: number, crn: boolean, seedOfRun: string): string {
  return crn ? deriveSeed(experimentSeed, replication) : seedOfRun;
}
