// The outcome vocabulary, for the policies and their users: it lives in src/base/outcome.ts,
// below the metrics that count outcomes.
export * from '../base/outcome.js';
