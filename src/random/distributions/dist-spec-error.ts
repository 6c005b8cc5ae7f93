import type { z } from 'zod';
import { ConfigError } from '../../base/config-error.js';

/** An invalid distribution spec (from resolveDist/makeSampler); one line per problem,
 *  "path: message". A ConfigError that keeps the zod issues, for callers that map them to a path. */
export class DistSpecError extends ConfigError {
  readonly issues: readonly z.core.$ZodIssue[];
  constructor(issues: readonly z.core.$ZodIssue[], where = 'distribution spec') {
    super(
      `invalid ${where}: ` +
        issues.map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; '),
    );
    this.name = 'DistSpecError';
    this.issues = issues;
  }
}
