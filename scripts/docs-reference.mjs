// npm run docs:reference: writes docs/reference.md from the schemas of the experiment file and
// the built-in models (the generator is src/output/parameter-reference.ts; run after the build).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceMarkdown } from '../dist/src/output/parameter-reference.js';
import { models } from '../dist/models/index.js';

const out = join(import.meta.dirname, '..', 'docs', 'reference.md');
writeFileSync(out, referenceMarkdown(models));
console.log(`wrote ${out}`);
