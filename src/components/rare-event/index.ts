// Rare-event estimators of the up/down structure of an HA system.
export {
  estimateRegenerative,
  type Measure,
  type RareEventService,
  type RareEventSystem,
  type RareEventZone,
  type RegenerativeEstimate,
  type RegenerativeOptions,
  type UpDownEstimate,
} from './regenerative-availability.js';
