export { Simulation, describeComponent, type SimulationOptions, type RunOptions } from './simulation.js';
export { EventQueue, type EventFn } from './event-queue.js';
export { Priority, MAX_PRIORITY, type PriorityName } from './priorities.js';
export { SimulationError, Interrupt } from './errors.js';
export { SimEvent, Timeout, anyOf, allOf, type AnyOfValue, type EventCallback } from './events.js';
export { Process, type ProcessGenerator, type Yieldable } from './process.js';
export {
  Resource,
  Request,
  Preempted,
  type ResourceOptions,
  type RequestOptions,
  type RequestStatus,
  type QueueDiscipline,
  type PreemptMode,
} from './resource.js';
export { TimeAverage } from './time-average.js';
