// Rare-event estimators of the up/down structure of an HA system.
export type { Measure, RareEventService, RareEventSystem, RareEventZone } from './rare-event-system.js';
export { estimateRegenerative, type RegenerativeEstimate, type RegenerativeOptions, type UpDownEstimate } from './regenerative-availability.js';
