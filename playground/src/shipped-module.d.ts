// The module playground/build.mjs generates from experiments/*.yaml.
declare module 'playground:examples' {
  const shipped: Readonly<Record<string, string>>;
  export default shipped;
}
