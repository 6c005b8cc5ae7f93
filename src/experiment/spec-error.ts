// Errors found while reading an experiment file: each names the file, the path inside it,
// the line when known, what was expected and, for a misspelt key or name, the closest valid one.
import { clipQuoted, clipText } from './clip-text.js';
import { formatPath, type PathSegment } from './dotted-path.js';

export interface SpecIssue {
  /** Path inside the file, e.g. ['sweep', 'services.db.replicas', 2]. */
  readonly path: readonly PathSegment[];
  /** What is wrong and what was expected. */
  readonly message: string;
  /** Closest valid name, for a misspelt key or name. */
  readonly suggestion?: string;
  /** 1-based line and column in the file, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** One line: file, line, path, what is wrong; long quoted values and path segments clipped. */
export function formatIssue(file: string, issue: SpecIssue): string {
  const where = issue.line !== undefined ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  const hint = issue.suggestion !== undefined ? `; did you mean "${clipText(issue.suggestion)}"?` : '';
  const path = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  return `${where}: ${path}${clipQuoted(issue.message).replace(/\n/g, ' ')}${hint}`;
}

/** Bad input: an experiment file (or shard directory) that cannot be run. CLI exit code 2. */
export class SpecError extends Error {
  readonly file: string;
  readonly issues: readonly SpecIssue[];

  constructor(file: string, issues: readonly SpecIssue[]) {
    const lines = issues.map((i) => formatIssue(file, i));
    super(lines.length === 1 ? (lines[0] as string) : `${issues.length} problems:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    this.name = 'SpecError';
    this.file = file;
    this.issues = issues;
  }
}

/** Bad usage that is not about a file's contents (options, directories). CLI exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
