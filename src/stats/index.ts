export { studentTQuantile, studentTCdf } from './student-t.js';
export { normalQuantile, normalCdf } from './normal.js';
export { lnGamma, lnBeta, incompleteBeta, upperIncompleteGamma, erfc } from './special-functions.js';
export { summarize, type Summary } from './summarize.js';
export { Welford } from './welford.js';
export { TimeWeighted } from './time-weighted.js';
export { batchMeans, type BatchMeansResult } from './batch-means.js';
export { wilsonEffective, type ProportionInterval } from './wilson.js';
