// The run length a configuration is simulated for, as a model's warnings and work estimate see it.
export interface RunShape {
  /** Measured simulated seconds per run. */
  readonly duration: number;
  readonly warmup: number;
  /** Replications of the configuration (the initial count when `precision:` adds more). */
  readonly replications: number;
  /**
   * Regenerative cycles per run when the estimator simulates cycles instead of time
   * (`estimator: importance-sampling`); absent for plain runs, which simulate `duration`.
   */
  readonly cycles?: number;
}
