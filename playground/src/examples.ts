// The shipped experiments (experiments/*.yaml), embedded by playground/build.mjs: name → YAML text.
import shipped from 'playground:examples';

export const examples: Readonly<Record<string, string>> = shipped;
