/**
 * Method of batch means for a single long, autocorrelated output series: the series is cut into
 * `batches` contiguous batches of equal size and the batch averages are summarized as if they
 * were independent (Student-t interval over the batch means). When the length is not a multiple
 * of `batches`, the leading remainder is dropped (the oldest observations, most affected by
 * warm-up). Non-finite entries are rejected.
 */
import { summarize, type Summary } from './summarize.js';
import { quote } from '../base/config-error.js';
import { requireInteger } from './validate.js';

export interface BatchMeansResult extends Summary {
  /** Observations per batch. */
  readonly batchSize: number;
  /** The batch averages, oldest first. */
  readonly batchMeans: readonly number[];
}

export function batchMeans(series: readonly number[], batches = 20): BatchMeansResult {
  requireInteger('batchMeans', 'batches', batches, 2);
  const batchSize = Math.floor(series.length / batches);
  if (batchSize < 1) {
    throw new RangeError(`batchMeans: series length must be >= batches (${batches}), got ${series.length}`);
  }
  const start = series.length - batchSize * batches;
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = 0; i < batchSize; i++) {
      const v = series[start + b * batchSize + i] as number;
      if (!Number.isFinite(v)) {
        throw new RangeError(`batchMeans: series[${start + b * batchSize + i}] must be finite, got ${quote(v)}`);
      }
      sum += v;
    }
    means.push(sum / batchSize);
  }
  return { ...summarize(means), batchSize, batchMeans: means };
}
