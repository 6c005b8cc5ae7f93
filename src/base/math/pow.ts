export const pow = (x: number, y: number): number => Math.pow(x, y);
export const powInt = (x: number, n: number): number => Math.pow(x, n);
