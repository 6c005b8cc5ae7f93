export const tanh = (x: number): number => Math.tanh(x);
