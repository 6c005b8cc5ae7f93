// The run length a configuration is simulated for, as a model's warnings and work estimate see it.
export interface RunShape {
  /** Measured simulated seconds per run. */
  readonly duration: number;
  readonly warmup: number;
  /** Replications of the configuration (the initial count when `precision:` adds more). */
  readonly replications: number;
}
