export const exp = (x: number): number => Math.exp(x);
export const expm1 = (x: number): number => Math.expm1(x);
