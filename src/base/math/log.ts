export const log = (x: number): number => Math.log(x);
export const log1p = (x: number): number => Math.log1p(x);
export const log2 = (x: number): number => Math.log2(x);
export const log10 = (x: number): number => Math.log10(x);
