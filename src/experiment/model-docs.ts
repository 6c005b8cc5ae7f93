// `hasim models`: each model's parameters (dotted path, type, default, unit, description),
// read from the JSON Schema of its zod schema (descriptions and .meta({ unit }) included).
import type { Model } from './model.js';
import { modelParamsJsonSchema } from './json-schema.js';

export interface ParamDoc {
  readonly path: string;
  readonly type: string;
  readonly default?: unknown;
  readonly unit?: string;
  readonly description?: string;
  readonly required: boolean;
}

type Json = Record<string, unknown>;

function typeOf(s: Json): string {
  if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (s['const'] !== undefined) return JSON.stringify(s['const']);
  const alts = (s['anyOf'] ?? s['oneOf']) as Json[] | undefined;
  if (Array.isArray(alts)) return [...new Set(alts.map(typeOf))].join(' | ');
  const t = s['type'];
  if (Array.isArray(t)) return t.join(' | ');
  if (t === 'integer') {
    const min = s['minimum'] === -Number.MAX_SAFE_INTEGER ? undefined : s['minimum'];
    const max = s['maximum'] === Number.MAX_SAFE_INTEGER ? undefined : s['maximum'];
    return `integer${min !== undefined ? ` ≥ ${String(min)}` : ''}${max !== undefined ? ` ≤ ${String(max)}` : ''}`;
  }
  if (t === 'number') {
    const min = s['minimum'] ?? (s['exclusiveMinimum'] !== undefined ? `>${String(s['exclusiveMinimum'])}` : undefined);
    return `number${min !== undefined ? (String(min).startsWith('>') ? ` ${String(min)}` : ` ≥ ${String(min)}`) : ''}`;
  }
  if (t === 'array') return 'list';
  return typeof t === 'string' ? t : 'any';
}

export function paramDocs(model: Model<any>): ParamDoc[] {
  const out: ParamDoc[] = [];
  const walk = (schema: Json, prefix: string, required: readonly string[]): void => {
    const props = schema['properties'] as Record<string, Json> | undefined;
    if (!props) return;
    for (const [key, s] of Object.entries(props)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      const isObject = s['type'] === 'object' && s['properties'] !== undefined;
      const doc: ParamDoc = {
        path,
        type: isObject ? 'object' : typeOf(s),
        required: required.includes(key) && s['default'] === undefined,
        ...(s['default'] !== undefined && !isObject ? { default: s['default'] } : {}),
        ...(typeof s['unit'] === 'string' ? { unit: s['unit'] } : {}),
        ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
      };
      out.push(doc);
      if (isObject) walk(s, path, (s['required'] as string[] | undefined) ?? []);
      // A record (e.g. services by name): document the fields of its values under <name>.
      const values = s['additionalProperties'];
      if (s['type'] === 'object' && values !== null && typeof values === 'object' && (values as Json)['properties'] !== undefined) {
        walk(values as Json, `${path}.<name>`, ((values as Json)['required'] as string[] | undefined) ?? []);
      }
    }
  };
  const root = modelParamsJsonSchema(model);
  walk(root, '', (root['required'] as string[] | undefined) ?? []);
  return out;
}
