import type { ValueTransformer } from 'typeorm';

/** numeric columns arrive from pg as strings (to keep precision); ours are small and fit a JS number. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
