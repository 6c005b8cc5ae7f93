// Scheduled events of a topology run, read from meta.json's resolved parameters
// (configurations[].params): each scheduled fault (`faults[]`: at, for) and a workload spike
// (`workload.profile` of kind spike: at, for), as time windows in simulated seconds. Only the
// windows every configuration has (same start and length) are returned, so that one shaded
// band on a chart of all configurations is true of each of them.

export interface ScheduledWindow {
  /** "fault: zone a", "fault: recs slow", "spike to 1000/s". */
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The windows of one configuration's resolved parameters. */
export function windowsOf(params: unknown): ScheduledWindow[] {
  const p = obj(params);
  const out: ScheduledWindow[] = [];
  const faults = Array.isArray(p['faults']) ? p['faults'] : [];
  for (const f of faults.map(obj)) {
    if (!finite(f['at']) || !finite(f['for']) || f['for'] <= 0) continue;
    const where = typeof f['zone'] === 'string' ? `zone ${f['zone']}` : typeof f['service'] === 'string' ? f['service'] : 'scheduled';
    const mode = typeof f['mode'] === 'string' && f['mode'] !== 'crash' ? ` ${f['mode']}` : '';
    out.push({ label: `fault: ${where}${mode}`, start: f['at'], end: f['at'] + f['for'] });
  }
  const profile = obj(obj(p['workload'])['profile']);
  if (profile['kind'] === 'spike' && finite(profile['at']) && finite(profile['for']) && profile['for'] > 0) {
    out.push({ label: finite(profile['rate']) ? `spike to ${profile['rate']}/s` : 'spike', start: profile['at'], end: profile['at'] + profile['for'] });
  }
  return out;
}

/** Windows common to every configuration recorded in meta.json (none where it records none). */
export function scheduledWindows(meta: Readonly<Record<string, unknown>> | undefined): ScheduledWindow[] {
  const configs = Array.isArray(meta?.['configurations']) ? (meta['configurations'] as unknown[]).map(obj) : [];
  if (configs.length === 0) return [];
  const key = (w: ScheduledWindow) => `${w.label}\u0000${w.start}\u0000${w.end}`;
  const [first, ...rest] = configs.map((c) => windowsOf(c['params']));
  const others = rest.map((ws) => new Set(ws.map(key)));
  const seen = new Set<string>();
  return first!.filter((w) => {
    const k = key(w);
    if (seen.has(k) || !others.every((s) => s.has(k))) return false;
    seen.add(k);
    return true;
  });
}
