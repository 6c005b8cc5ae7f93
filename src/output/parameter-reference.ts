// The parameter reference: every field an experiment file may hold (the file's top level, each
// model's `params`, distribution specs) as one row — dotted path, type, default, unit, whether
// it is required, description — read from the JSON Schema of the zod schemas. `hasim models`
// prints these rows and `npm run docs:reference` writes them to docs/reference.md, so both show
// the same thing and neither can go stale.
//
// Paths: `a.b` a field of an object, `a.<name>.b` a field of each entry of a record keyed by
// name (services, zones), `a[].b` a field of each item of a list, `a[type=retry].b` a field of
// the list items (or objects) whose `type` is `retry`, `a[with zone].b` a field of the variant
// that has a `zone` field. A distribution spec is one row of type `distribution` (its forms are
// listed once, under "Distributions").
import { z } from 'zod';
import { DURATION_UNITS, distSpecSchema } from '../random/index.js';
import type { Model } from '../experiment/model.js';
import { modelParamsJsonSchema } from '../experiment/json-schema.js';
import { experimentSchema } from '../experiment/spec-schema.js';
import { defOf } from '../experiment/schema-walk.js';

export interface FieldDoc {
  readonly path: string;
  readonly type: string;
  readonly default?: unknown;
  readonly unit?: string;
  readonly description?: string;
  readonly required: boolean;
}

type Json = Record<string, unknown>;

const DURATION_SUFFIX = ` (seconds, or a duration with a unit: ${DURATION_UNITS})`;
const RATE_SUFFIX = ' (per second, or a rate such as "200/s", "5/min")';
const DIST_SUFFIX = ' (a distribution spec; a bare duration such as "30m" is a constant)';

/** Units named by a field's own name (writeSizeKB, initialSizeGB, restoreThroughputMBps, maxHeapMB). */
const UNIT_BY_NAME: readonly (readonly [RegExp, string])[] = [
  [/MBps$/, 'MB/s'],
  [/KB$/, 'KB'],
  [/MB$/, 'MB'],
  [/GB$/, 'GB'],
];

function alternatives(s: Json): Json[] | undefined {
  const alts = (s['anyOf'] ?? s['oneOf']) as Json[] | undefined;
  return Array.isArray(alts) ? alts : undefined;
}

/** The alternatives of a union, nested unions flattened. */
function flatAlternatives(s: Json): Json[] {
  const alts = alternatives(s);
  return alts === undefined ? [s] : alts.flatMap(flatAlternatives);
}

function isObjectSchema(s: Json): boolean {
  return s['type'] === 'object' && (s['properties'] !== undefined || typeof s['additionalProperties'] === 'object');
}

/** A distribution spec: a union whose object alternatives are told apart by a `dist` constant. */
function isDistribution(s: Json): boolean {
  const objects = flatAlternatives(s).filter((a) => a['type'] === 'object');
  return objects.length > 1 && objects.every((o) => ((o['properties'] as Json | undefined)?.['dist'] as Json | undefined)?.['const'] !== undefined);
}

function describedAs(s: Json): 'duration' | 'rate' | undefined {
  const t = s['type'];
  if (!Array.isArray(t) || !t.includes('number') || !t.includes('string')) return undefined;
  const d = typeof s['description'] === 'string' ? s['description'] : '';
  if (/per second|rate such as/.test(d)) return 'rate';
  if (/second|duration/.test(d)) return 'duration';
  return undefined;
}

function scalarType(s: Json): string {
  if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (s['const'] !== undefined) return JSON.stringify(s['const']);
  if (isDistribution(s)) return 'distribution';
  const alts = alternatives(s);
  if (alts !== undefined) return [...new Set(alts.map(scalarType))].join(' | ');
  const as = describedAs(s);
  if (as !== undefined) return as;
  const t = s['type'];
  if (Array.isArray(t)) return t.join(' | ');
  if (t === 'integer') {
    const min = s['minimum'] === -Number.MAX_SAFE_INTEGER ? undefined : s['minimum'];
    const max = s['maximum'] === Number.MAX_SAFE_INTEGER ? undefined : s['maximum'];
    return `integer${min !== undefined ? ` ≥ ${String(min)}` : ''}${max !== undefined ? ` ≤ ${String(max)}` : ''}`;
  }
  if (t === 'number') {
    const min = s['minimum'] !== undefined ? ` ≥ ${String(s['minimum'])}` : s['exclusiveMinimum'] !== undefined ? ` >${String(s['exclusiveMinimum'])}` : '';
    const max = s['maximum'] !== undefined ? ` ≤ ${String(s['maximum'])}` : '';
    return `number${min}${max}`;
  }
  if (t === 'array') {
    const items = s['items'];
    if (items !== null && typeof items === 'object' && !Array.isArray(items)) {
      const inner = items as Json;
      const kinds = [...new Set(flatAlternatives(inner).map((a) => (isObjectSchema(a) ? 'object' : scalarType(a))))];
      if (kinds.length === 1 && kinds[0] === 'object') return 'list of objects';
      if (isDistribution(inner) || kinds.length === 1) return `list of ${scalarType(inner)}`;
      return `list of (${kinds.join(' | ')})`;
    }
    return 'list';
  }
  if (t === 'null') return 'null';
  return typeof t === 'string' ? t : 'any';
}

function unitOf(key: string, s: Json, type: string): string | undefined {
  if (typeof s['unit'] === 'string') return s['unit'];
  if (type.split(' | ').some((t) => t === 'duration' || t === 'distribution')) return 's';
  if (type.split(' | ').includes('rate')) return '1/s';
  for (const [re, unit] of UNIT_BY_NAME) if (re.test(key)) return unit;
  return undefined;
}

/** The description without the boilerplate on how durations and rates are written (the unit column says it). */
function cleanDescription(d: unknown): string | undefined {
  if (typeof d !== 'string') return undefined;
  const out = d
    .replace(DURATION_SUFFIX, '')
    .replace(RATE_SUFFIX, '')
    .replace(DIST_SUFFIX, '')
    .replace(/^\w+: (seconds as a number, or a string with a unit|seconds, or a duration string such as|events per second, or a string such as) .*$/, '')
    .trim();
  return out === '' ? undefined : out;
}

/**
 * How each object alternative of a union is named in a path: by its constant fields (those
 * constant in more alternatives first: `type=circuitBreaker,profile=polly`), else by a field
 * only it has (`with zone`).
 */
function variantLabels(objects: readonly Json[]): string[] {
  const propsOf = (o: Json) => (o['properties'] as Record<string, Json> | undefined) ?? {};
  const constCount = new Map<string, number>();
  for (const o of objects) for (const [k, p] of Object.entries(propsOf(o))) if (p['const'] !== undefined) constCount.set(k, (constCount.get(k) ?? 0) + 1);
  return objects.map((o, i) => {
    const props = propsOf(o);
    const consts = Object.entries(props)
      .filter(([, p]) => p['const'] !== undefined)
      .sort(([a], [b]) => (constCount.get(b) ?? 0) - (constCount.get(a) ?? 0));
    if (consts.length > 0) return consts.map(([k, p]) => `${k}=${typeof p['const'] === 'string' ? p['const'] : JSON.stringify(p['const'])}`).join(',');
    const required = (o['required'] as string[] | undefined) ?? Object.keys(props);
    const own = required.find((k) => objects.every((other, j) => j === i || !(k in propsOf(other))));
    return own !== undefined ? `with ${own}` : `variant ${i + 1}`;
  });
}

/**
 * Every field below a JSON Schema node, depth first, in declaration order. A distribution spec
 * is one row, its forms not expanded, unless it is the root itself (`distributionRoot`).
 */
export function fieldDocs(root: Json, distributionRoot = false): FieldDoc[] {
  const out: FieldDoc[] = [];
  const join = (prefix: string, key: string) => (prefix === '' ? key : `${prefix}.${key}`);

  // The fields of an object-valued node (object, record, list, union of objects) at `path`.
  const children = (path: string, s: Json): void => {
    if (isDistribution(s) && !(distributionRoot && s === root)) return;
    const alts = alternatives(s);
    if (alts !== undefined) {
      const objects = flatAlternatives(s).filter(isObjectSchema);
      if (objects.length === 1) children(path, objects[0]!);
      else if (objects.length > 1) {
        const labels = variantLabels(objects);
        objects.forEach((o, i) => {
          const p = `${path}[${labels[i]!}]`;
          out.push({ path: p, type: 'object', required: false, ...(cleanDescription(o['description']) ? { description: cleanDescription(o['description'])! } : {}) });
          children(p, o);
        });
      }
      return;
    }
    if (s['type'] === 'array' && s['items'] !== null && typeof s['items'] === 'object' && !Array.isArray(s['items'])) {
      const items = s['items'] as Json;
      const objects = flatAlternatives(items).filter(isObjectSchema);
      // A list of a union of objects names each item kind in brackets ([type=retry]); a list of one kind of object is `[]`.
      if (objects.length > 1) children(path, { anyOf: objects });
      else if (objects.length === 1) children(`${path}[]`, objects[0]!);
      return;
    }
    if (s['type'] !== 'object') return;
    const props = s['properties'] as Record<string, Json> | undefined;
    const required = (s['required'] as string[] | undefined) ?? [];
    for (const [key, child] of Object.entries(props ?? {})) {
      // An alias (`waitDuration`: "alias of initialInterval") is read like the field it stands for.
      const target = /^alias of (\w+)/.exec(typeof child['description'] === 'string' ? child['description'] : '')?.[1];
      const like = target !== undefined ? props?.[target] : undefined;
      field(join(path, key), key, child, required.includes(key), like);
    }
    const values = s['additionalProperties'];
    if (values !== null && typeof values === 'object' && Object.keys(values).length > 0) {
      const v = values as Json;
      if (isObjectSchema(v) || flatAlternatives(v).some(isObjectSchema)) children(join(path, '<name>'), v);
      else field(join(path, '<name>'), '<name>', v, false);
    }
  };

  const field = (path: string, key: string, s: Json, isRequired: boolean, like?: Json): void => {
    const objectAlts = isDistribution(s) ? [] : flatAlternatives(s).filter(isObjectSchema);
    const plainObject = s['type'] === 'object' && alternatives(s) === undefined;
    const type = plainObject ? 'object' : like !== undefined && describedAs(s) === undefined && describedAs(like) !== undefined ? describedAs(like)! : scalarType(s);
    const unit = unitOf(key, s, type);
    const description = cleanDescription(s['description']);
    out.push({
      path,
      type,
      required: isRequired && s['default'] === undefined,
      ...(s['default'] !== undefined ? { default: s['default'] } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(description !== undefined ? { description } : {}),
    });
    if (plainObject || objectAlts.length > 0 || s['type'] === 'array') children(path, s);
  };

  children('', root);
  return out;
}

const JSON_SCHEMA_OPTIONS = { io: 'input', target: 'draft-7', unrepresentable: 'any' } as const;

/** A model's parameters (the `params:` of an experiment file). */
export function modelFieldDocs(model: Model<any>): FieldDoc[] {
  return fieldDocs(modelParamsJsonSchema(model));
}

/**
 * Durations of the experiment file's top level whose descriptions (set after the duration
 * schema's own) do not say so: the JSON Schema of a duration is only `number | string`.
 */
const EXPERIMENT_DURATIONS: ReadonlySet<string> = new Set(['duration', 'warmup', 'drain', 'limits.budget']);

/** The top level of an experiment file (`params` and `sweep` are described by the model and by the sweep rules). */
export function experimentFieldDocs(): FieldDoc[] {
  const shape = experimentSchema.shape as Record<string, z.ZodType>;
  return fieldDocs(z.toJSONSchema(experimentSchema, JSON_SCHEMA_OPTIONS) as Json).map((d) => {
    const duration = EXPERIMENT_DURATIONS.has(d.path) ? { type: d.type.replace('number | string', 'duration'), unit: 's' } : {};
    // The JSON Schema of a duration with a default (a transform) loses the default; zod keeps it.
    const zodDef = shape[d.path] !== undefined ? defOf(shape[d.path]!) : undefined;
    const dflt = d.default === undefined && zodDef?.type === 'default' ? { default: (zodDef as unknown as { defaultValue: unknown }).defaultValue } : {};
    return { ...d, ...duration, ...dflt, ...('default' in dflt ? { required: false } : {}) };
  });
}

/** The forms of a distribution spec, one variant per `dist`. */
export function distributionFieldDocs(): FieldDoc[] {
  const s = z.toJSONSchema(distSpecSchema, JSON_SCHEMA_OPTIONS) as Json;
  const objects = flatAlternatives(s).filter(isObjectSchema);
  return fieldDocs({ anyOf: objects }, true).map((d) => ({ ...d, path: d.path.replace(/^\[dist=([^\]]+)\]/, '$1') }));
}

const MAX_DEFAULT_CHARS = 60;

function defaultText(d: FieldDoc, clip: boolean): string | undefined {
  if (d.default === undefined) return undefined;
  const text = JSON.stringify(d.default);
  return clip && text.length > MAX_DEFAULT_CHARS ? `${text.slice(0, MAX_DEFAULT_CHARS - 1)}…` : text;
}

/** Paths longer than this are not padded: the facts follow after two spaces. */
const TEXT_PATH_WIDTH = 40;

/** One model as plain text, one line per field (what `hasim models` prints). */
export function modelReferenceText(model: Model<any>): string {
  const lines = [`${model.name} — ${model.description}`, `  headline metrics: ${model.headline.join(', ') || '(none)'}`, '  parameters:'];
  const docs = modelFieldDocs(model);
  const width = Math.min(TEXT_PATH_WIDTH, Math.max(0, ...docs.map((d) => d.path.length)));
  for (const d of docs) {
    const dflt = defaultText(d, true);
    const facts = [d.type, d.unit !== undefined ? `unit ${d.unit}` : undefined, dflt !== undefined ? `default ${dflt}` : d.required ? 'required' : undefined].filter(
      (x) => x !== undefined,
    );
    lines.push(`    ${d.path.padEnd(width)}  ${facts.join(', ')}${d.description ? ` — ${d.description}` : ''}`);
  }
  return lines.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownTable(docs: readonly FieldDoc[]): string {
  const rows = ['| field | type | default | unit | description |', '|---|---|---|---|---|'];
  for (const d of docs) {
    const dflt = defaultText(d, true);
    rows.push(
      `| \`${cell(d.path)}\` | ${cell(d.type)} | ${dflt !== undefined ? `\`${cell(dflt)}\`` : d.required ? '**required**' : ''} | ${d.unit ?? ''} | ${cell(d.description ?? '')} |`,
    );
  }
  return rows.join('\n');
}

/** docs/reference.md: the experiment file, distribution specs and every model's parameters. */
export function referenceMarkdown(models: readonly Model<any>[]): string {
  const parts = [
    '# Reference: every field of an experiment file',
    '',
    '<!-- Generated by `npm run docs:reference` from the schemas (src/output/parameter-reference.ts); do not edit by hand. test/docs-reference.test.ts fails when it is out of date. -->',
    '',
    '`hasim models NAME` prints the same table for one model in the terminal.',
    '',
    'How to read a path: `a.b` is field `b` of object `a`; `a.<name>.b` is field `b` of every entry of a record keyed by a name of your choosing (`services.web.replicas`); `a[].b` is field `b` of every item of list `a`; `a[type=retry].b` is a field of the items whose `type` is `retry`; `a[with zone].b` is a field of the variant that has a `zone` field.',
    '',
    `Units: a **duration** (unit s) is a number of seconds or a string with a unit (\`250ms\`, \`30s\`, \`2h\`, \`7d\`, \`1y\`; units ${DURATION_UNITS}); a **rate** (unit 1/s) is a number per second or a string (\`200/s\`, \`5/min\`, \`3/d\`); a **distribution** is a spec described under [Distributions](#distributions) (a bare duration is a constant). A default too long for the table ends in …; \`hasim models --json\` prints it whole.`,
    '',
    '## Contents',
    '',
    '- [The experiment file](#the-experiment-file)',
    '- [Distributions](#distributions)',
    ...models.map((m) => `- [Model \`${m.name}\`](#model-${m.name})`),
    '',
    '## The experiment file',
    '',
    'The top level of every experiment file. `params` holds the model\'s parameters (below, per model); `sweep` maps a dotted path into `params` to a list of values, a range `{ from, to, step }`, `{ values: [...] }`, or a `zip:` group of lists that vary together.',
    '',
    markdownTable(experimentFieldDocs()),
    '',
    '## Distributions',
    '',
    'Wherever the type column says **distribution**, write a number or duration (a constant) or one of these objects, chosen by `dist`:',
    '',
    markdownTable(distributionFieldDocs()),
    '',
  ];
  for (const m of models) {
    parts.push(`## Model \`${m.name}\``, '', m.description, '', `Headline metrics: ${m.headline.map((h) => `\`${h}\``).join(', ') || '(none)'}.`, '', markdownTable(modelFieldDocs(m)), '');
  }
  return parts.join('\n');
}
