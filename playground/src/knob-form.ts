// The form view's fields: the common knobs of a `model: topology` experiment, read from its YAML
// text and written back into it with the `yaml` Document API (setIn), so comments and layout
// elsewhere in the file stay as they are.
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';

export const MODES = ['active-active', 'active-passive', 'quorum'] as const;

export interface KnobField {
  /** The input's id, stable for the same path: `form-services-db-replicas`. */
  readonly id: string;
  readonly label: string;
  /** The path inside the YAML document. */
  readonly path: readonly (string | number)[];
  readonly kind: 'number' | 'text' | 'mode';
  /** The value in the YAML ('' where the path does not exist or holds no scalar). */
  readonly value: string;
  /** Shown while the value is empty: `swept` where the sweep sets the path, else the default. */
  readonly hint: string;
}

export interface KnobGroup {
  readonly title: string;
  readonly fields: readonly KnobField[];
}

function scalarText(doc: Document, path: readonly (string | number)[]): string {
  const v: unknown = doc.getIn(path);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function idOf(path: readonly (string | number)[]): string {
  return `form-${path.slice(1).map((p) => String(p).replace(/[^A-Za-z0-9_-]/g, '_')).join('-')}`;
}

/** The parameter paths the file's sweep sets (`services.db.mode`), zipped ones included. */
function sweptPaths(doc: Document): Set<string> {
  const sweep: unknown = doc.toJS()?.['sweep'];
  const out = new Set<string>();
  if (sweep === null || typeof sweep !== 'object') return out;
  for (const [key, value] of Object.entries(sweep as Record<string, unknown>)) {
    if (key === 'zip' && value !== null && typeof value === 'object') for (const k of Object.keys(value)) out.add(k);
    else out.add(key);
  }
  return out;
}

const DEFAULT_HINTS: Record<string, string> = { mode: 'active-active' };

function field(doc: Document, label: string, path: (string | number)[], kind: KnobField['kind'], swept: Set<string>): KnobField {
  const dotted = path.slice(1).join('.');
  const last = String(path[path.length - 1]);
  const hint = swept.has(dotted) ? 'swept' : (DEFAULT_HINTS[last] ?? '');
  return { id: idOf(path), label, path, kind, value: scalarText(doc, path), hint };
}

/** The retry and circuit breaker knobs of a policy list at `path`, where it is a list in the file. */
function policyFields(doc: Document, path: (string | number)[], prefix: string, swept: Set<string>): KnobField[] {
  const list = doc.getIn(path, true);
  if (!isSeq(list)) return [];
  return list.items.flatMap((item, i) => {
    if (!isMap(item)) return [];
    const type = item.get('type');
    if (type === 'retry') return [field(doc, `${prefix}retry maxAttempts`, [...path, i, 'maxAttempts'], 'number', swept)];
    if (type === 'circuitBreaker') return [field(doc, `${prefix}circuit breaker failureRateThreshold (%)`, [...path, i, 'failureRateThreshold'], 'number', swept)];
    return [];
  });
}

/** The form's groups for a topology experiment; none for other models or text that does not parse. */
export function knobGroups(text: string): KnobGroup[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || doc.get('model') !== 'topology') return [];
  const groups: KnobGroup[] = [];
  const swept = sweptPaths(doc);
  const workload = policyFields(doc, ['params', 'workload', 'policies'], '', swept);
  if (workload.length > 0) groups.push({ title: 'workload', fields: workload });
  const services = doc.getIn(['params', 'services'], true);
  if (!isMap(services)) return groups;
  for (const pair of services.items) {
    const name = isScalarKey(pair.key);
    if (name === undefined) continue;
    const s = ['params', 'services', name];
    const fields = [
      field(doc, 'replicas', [...s, 'replicas'], 'number', swept),
      field(doc, 'mode', [...s, 'mode'], 'mode', swept),
      field(doc, 'failure ttf mean', [...s, 'failure', 'ttf', 'mean'], 'text', swept),
      field(doc, 'failure ttr mean', [...s, 'failure', 'ttr', 'mean'], 'text', swept),
      field(doc, 'heartbeat interval', [...s, 'failover', 'heartbeat', 'interval'], 'text', swept),
    ];
    const calls = doc.getIn([...s, 'calls'], true);
    if (isSeq(calls)) {
      calls.items.forEach((call, j) => {
        const to = isMap(call) ? call.get('service') : undefined;
        fields.push(...policyFields(doc, [...s, 'calls', j, 'policies'], `calls → ${typeof to === 'string' ? to : j}: `, swept));
      });
    }
    groups.push({ title: `services.${name}`, fields });
  }
  return groups;
}

function isScalarKey(key: unknown): string | undefined {
  const v = key !== null && typeof key === 'object' && 'value' in key ? (key as { value: unknown }).value : key;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/**
 * The text with the value at `path` set to what the form holds: a number where it reads as one,
 * else the string; an empty value removes the key. An existing scalar is replaced in place (the
 * rest of the text byte for byte); a new key is added with setIn, which keeps the comments.
 */
export function setKnob(text: string, path: readonly (string | number)[], value: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  const v = value.trim();
  const typed = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  const node = doc.getIn(path, true);
  if (v !== '' && isScalar(node) && node.range) {
    const written = typeof typed === 'number' || /^[A-Za-z0-9_.-]+$/.test(typed) ? String(typed) : JSON.stringify(typed);
    return text.slice(0, node.range[0]) + written + text.slice(node.range[1]);
  }
  if (v === '') {
    if (!doc.hasIn(path)) return text;
    doc.deleteIn(path);
  } else doc.setIn(path, typed);
  return doc.toString({ lineWidth: 0 });
}
