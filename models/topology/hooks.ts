// The topology model's optional hooks: headline by question, metric specs, configuration warnings.
import type { Model } from '../../src/experiment/model.js';
import type { TopologyParams } from './schema.js';
import { topologyHeadline } from './headline.js';
import { topologyMetricSpec } from './metric-specs.js';
import { topologyWarnings } from './warnings.js';
import { topologyEstimateEvents } from './estimate.js';

export const topologyHooks: Required<Pick<Model<TopologyParams>, 'headlineFor' | 'metricSpec' | 'warnings' | 'estimateEvents'>> = {
  headlineFor: topologyHeadline,
  metricSpec: topologyMetricSpec,
  warnings: topologyWarnings,
  estimateEvents: topologyEstimateEvents,
};
