// hasim/engine: the public kernel, in SimPy's terms: the Simulation (clock, scheduling, run),
// events and processes, resources, priorities and errors. The event queue is internal to the
// library (not exported here); the Simulation's fast paths for components are members tagged
// internal in their doc comments, which the build leaves out of the published types
// (tsconfig.json, stripInternal).

export { Simulation, type SimulationOptions, type RunOptions } from './simulation.js';
export { Priority, MAX_PRIORITY, type PriorityName } from './priorities.js';
export { SimulationError, LimitError, Interrupt } from './errors.js';
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
