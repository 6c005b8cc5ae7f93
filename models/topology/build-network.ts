// Wires the network of a topology: the zone latency matrix (`network`: same zone, cross-zone,
// cross-region, explicit pairs) and one NetworkLink per call edge that has a latency, a loss or
// crosses the matrix (or calls a service with locality-aware routing, which needs the caller's
// zone); the link from the workload's origin zones to the entry service (`workload.origins`); and
// the locality of each service that routes by it. An edge with none of them gets no link, so its
// calls schedule nothing.
import type { RunContext } from '../common/model.js';
import { LatencyMatrix, NetworkLink } from '../../src/components/network/index.js';
import { Locality } from '../../src/components/balancer/index.js';
import { makeSampler, type DistSpec } from '../../src/random/index.js';
import type { FailureWiring } from './build-failures.js';
import type { TopologyParams } from './schema.js';
import { regionOfZone } from './regions.js';
import { originZones } from './origins.js';

type CallParams = TopologyParams['services'][string]['calls'][number];

export interface NetworkWiring {
  /** The link of call `i` of service `caller` to `callee`, or undefined when the edge has no network. */
  link(caller: string, i: number, call: CallParams, callee: string): NetworkLink | undefined;
  /** The locality-aware routing of `service`, or undefined when it has none. */
  locality(service: string): Locality | undefined;
  /**
   * The link from the workload's origin zones to the entry service `entry` (caller index i: the
   * i-th origin zone), each origin's share and group (its key in `workload.origins`), or undefined
   * when the workload gives no origins.
   */
  origins(entry: string): { link: NetworkLink; shares: number[]; groupOf: Int32Array } | undefined;
}

/** The matrix's classes, in sampler order; pairs come after them. */
const CLASSES = ['sameZone', 'crossZone', 'crossRegion'] as const;

function buildMatrix(ctx: RunContext, p: TopologyParams, zoneNames: readonly string[]): LatencyMatrix | undefined {
  const net = p.network;
  if (net === undefined) return undefined;
  const samplers: (() => number)[] = [];
  const classIndex = CLASSES.map((c) => {
    const spec = net[c];
    if (spec === undefined) return -1;
    samplers.push(makeSampler(spec as DistSpec, ctx.streams.stream(`network.${c}`)));
    return samplers.length - 1;
  });
  const n = zoneNames.length;
  const index = new Map(zoneNames.map((z, i) => [z, i]));
  const region = zoneNames.map((z) => regionOfZone(p, z));
  const classOf = new Int32Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) classOf[a * n + b] = classIndex[a === b ? 0 : region[a] === region[b] ? 1 : 2]!;
  }
  net.pairs.forEach((pair, i) => {
    samplers.push(makeSampler(pair.latency as DistSpec, ctx.streams.stream(`network.pairs[${i}]`)));
    const a = index.get(pair.between[0])!;
    const b = index.get(pair.between[1])!;
    classOf[a * n + b] = classOf[b * n + a] = samplers.length - 1;
  });
  return new LatencyMatrix(n, classOf, samplers);
}

export function buildNetwork(ctx: RunContext, p: TopologyParams, failures: FailureWiring): NetworkWiring {
  const zoneNames = [...failures.zones.keys()];
  const matrix = buildMatrix(ctx, p, zoneNames);
  const zoneIndex = new Map(zoneNames.map((z, i) => [z, i]));
  const zonesOf = (service: string): Int32Array =>
    Int32Array.from(failures.services.get(service)!.replicas, (r) => (r.zone === undefined ? -1 : zoneIndex.get(r.zone)!));
  const placed = (service: string): boolean => p.services[service]!.zones !== undefined;
  return {
    link(caller, i, call, callee) {
      const latency = typeof call === 'string' ? undefined : call.latency;
      const loss = typeof call === 'string' ? 0 : call.loss;
      const crossesMatrix = matrix !== undefined && placed(caller) && placed(callee);
      // Locality needs the caller's zone, which travels with the link.
      const local = p.services[callee]!.locality !== undefined && placed(caller) && placed(callee);
      if (latency === undefined && loss === 0 && !crossesMatrix && !local) return undefined;
      const where = `${caller}.calls[${i}]`;
      return new NetworkLink({
        name: `${caller}_to_${callee}`,
        ...(latency !== undefined ? { latency: makeSampler(latency as DistSpec, ctx.streams.stream(`${where}.latency`)) } : {}),
        ...(crossesMatrix ? { matrix } : {}),
        ...(crossesMatrix || local ? { callerZones: zonesOf(caller), calleeZones: zonesOf(callee) } : {}),
        ...(loss > 0 ? { loss, lossRng: ctx.streams.stream(`${where}.loss`) } : {}),
      });
    },
    origins(entry) {
      const origins = originZones(p);
      if (origins.length === 0) return undefined;
      const link = new NetworkLink({
        name: `client_to_${entry}`,
        ...(matrix !== undefined ? { matrix } : {}),
        callerZones: Int32Array.from(origins, (o) => zoneIndex.get(o.zone)!),
        calleeZones: zonesOf(entry),
      });
      return { link, shares: origins.map((o) => o.share), groupOf: Int32Array.from(origins, (o) => o.group) };
    },
    locality(service) {
      const s = p.services[service]!;
      if (s.locality === undefined || !placed(service)) return undefined;
      const regionIndex = new Map(Object.keys(p.regions).map((r, i) => [r, i]));
      return new Locality({
        prefer: s.locality.prefer,
        saturation: s.locality.saturation ?? Infinity,
        capacity: s.capacity,
        replicaZones: zonesOf(service),
        zoneRegions: Int32Array.from(zoneNames, (z) => regionIndex.get(regionOfZone(p, z)) ?? -1),
      });
    },
  };
}
