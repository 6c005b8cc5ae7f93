// `hasim schema`: a JSON Schema (draft-07, which the YAML language server and VS Code read) of
// the experiment format. `model` is an enum of the registered models, and for each model an
// if/then clause gives `params` that model's parameter schema and `sweep` its dotted paths,
// so editors complete and check parameters per model.
import { z } from 'zod';
import type { Model } from './model.js';
import { dottedParamPaths } from './schema-walk.js';
import { experimentSchema } from './spec-schema.js';

type JsonObject = Record<string, unknown>;

const SWEEP_ENTRY_REF = { $ref: '#/definitions/sweepEntry' };

const sweepEntry: JsonObject = {
  description: 'Values of a swept parameter: a list, a range { from, to, step } (inclusive) or { values: [...] }',
  anyOf: [
    { type: 'array', minItems: 1 },
    {
      type: 'object',
      properties: { from: { type: 'number' }, to: { type: 'number' }, step: { type: 'number', not: { const: 0 } } },
      required: ['from', 'to', 'step'],
      additionalProperties: false,
    },
    { type: 'object', properties: { values: { type: 'array', minItems: 1 } }, required: ['values'], additionalProperties: false },
  ],
};

const zipGroup: JsonObject = {
  type: 'object',
  description: 'Parameters that vary together: lists of equal length (one sweep dimension)',
  minProperties: 1,
  additionalProperties: SWEEP_ENTRY_REF,
};

/** Moves a sub-schema's definitions to the top level under a prefix, rewriting its $refs. */
function relocate(schema: unknown, prefix: string, definitions: JsonObject): unknown {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node as JsonObject)) {
      if (k === '$schema') continue;
      if (k === '$ref' && typeof v === 'string') {
        out[k] = v.replace(/^#\/(definitions|\$defs)\//, `#/definitions/${prefix}`).replace(/^#$/, `#/definitions/${prefix}root`);
      } else if (k === 'definitions' || k === '$defs') {
        for (const [name, def] of Object.entries(v as JsonObject)) definitions[`${prefix}${name}`] = rewrite(def);
      } else out[k] = rewrite(v);
    }
    return out;
  };
  return rewrite(schema);
}

/**
 * A model's parameters as JSON Schema. `shared`: a schema used more than once (e.g. a policy
 * pipeline on every edge) goes into definitions once and is referenced (for `hasim schema`);
 * without it everything is inlined (for walking, as `hasim models` does).
 */
export function modelParamsJsonSchema(model: Model<any>, shared = false): JsonObject {
  return z.toJSONSchema(model.params, { io: 'input', target: 'draft-7', unrepresentable: 'any', ...(shared ? { reused: 'ref' as const } : {}) }) as JsonObject;
}

export function experimentJsonSchema(models: readonly Model<any>[]): JsonObject {
  const top = z.toJSONSchema(experimentSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as JsonObject;
  const definitions: JsonObject = { sweepEntry };
  const properties = { ...(top['properties'] as JsonObject) };
  properties['model'] = { ...(properties['model'] as JsonObject), enum: models.map((m) => m.name) };
  properties['sweep'] = {
    type: 'object',
    description: 'Parameters to vary: dotted path into params → values. The configurations are the cartesian product of the entries; `zip` groups vary together.',
    properties: { zip: { anyOf: [zipGroup, { type: 'array', items: zipGroup }] } },
    additionalProperties: SWEEP_ENTRY_REF,
  };
  const allOf = models.map((m) => {
    const params = relocate(modelParamsJsonSchema(m, true), `${m.name}.`, definitions);
    const sweepProps: JsonObject = {};
    for (const p of dottedParamPaths(m.params)) sweepProps[p] = SWEEP_ENTRY_REF;
    return {
      if: { properties: { model: { const: m.name } }, required: ['model'] },
      then: { properties: { params, sweep: { properties: sweepProps } } },
    };
  });
  const { definitions: ownDefs, ...rest } = relocate(top, '', definitions) as JsonObject;
  void ownDefs;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://hasim.dev/schema/experiment.json',
    title: 'hasim experiment',
    ...rest,
    properties,
    ...(allOf.length > 0 ? { allOf } : {}),
    definitions,
  };
}
