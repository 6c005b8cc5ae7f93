// A Service for scripted request-level tests: `replicas` replicas in a StaticReplicaGroup behind
// round-robin, one slot each, every request taking 1 s and no local errors, unless `over` says
// otherwise.
import type { Simulation } from '../../src/engine/simulation.js';
import { RoundRobinBalancer } from '../../src/components/balancer/index.js';
import { Service, type ServiceConfig } from '../../src/components/service/index.js';
import { StaticReplicaGroup } from './static-replica-group.js';

export function staticService(sim: Simulation, name: string, replicas: number, over: Partial<ServiceConfig> = {}): { svc: Service; group: StaticReplicaGroup } {
  const group = new StaticReplicaGroup(sim, name, replicas);
  const svc = new Service(sim, {
    name,
    group,
    balancer: new RoundRobinBalancer(),
    capacity: 1,
    serviceTime: () => 1,
    errorRng: () => 0.5,
    ...over,
  });
  return { svc, group };
}
