export { LatencyMatrix } from './latency-matrix.js';
export { NetworkLink, type NetworkLinkConfig } from './network-link.js';
