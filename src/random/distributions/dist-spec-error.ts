import type { z } from 'zod';

/** Thrown by resolveDist/makeSampler for an invalid spec; one line per problem, "path: message". */
export class DistSpecError extends Error {
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
