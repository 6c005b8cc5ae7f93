export type { QueueMetrics } from './queue-metrics.js';
export { erlangB, erlangC } from './erlang.js';
export { mm1, type Mm1Params } from './mm1.js';
export { mmc, type MmcParams } from './mmc.js';
export { mmck, type MmckParams, type MmckMetrics } from './mmck.js';
export { mg1, md1, type Mg1Params, type Md1Params } from './mg1.js';
export {
  renewalAvailability,
  kOfN,
  kOfNUnavailability,
  nines,
  downtimePerYear,
  SECONDS_PER_YEAR,
} from './availability.js';
export { Ctmc, type StateId, type Transition, type CtmcOptions } from './ctmc.js';
export {
  repairableGroupChain,
  type RepairableGroupParams,
  type RepairableGroupResult,
} from './repairable-group-chain.js';
export { coldStandbyChain, type ColdStandbyParams, type ColdStandbyResult } from './cold-standby-chain.js';
export { supermarketMeanSojourn, supermarketTail } from './supermarket.js';
export { retrySuccess, retryExpectedAttempts } from './retry.js';
export type {
  AvailabilitySystem,
  ServiceStructure,
  ServiceMode,
  ZoneStructure,
  CrewPool,
  ReplicaFailure,
  Timing,
  TimingKind,
} from './availability-system.js';
export { exactAvailability, type ExactAvailability, type ExactAvailabilityOptions, type UpDownMeasures } from './exact-availability.js';
export { independentGroupAvailability, type IndependentGroup } from './insensitive-availability.js';
export { sparseStationary, type SparseTransition } from './sparse-stationary.js';
