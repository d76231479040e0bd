/** What a value becomes in JSON: a Date travels as its ISO string, everything else as it is. */
export type WireForm<T> = T extends Date
  ? string
  : T extends readonly (infer E)[]
    ? WireForm<E>[]
    : T extends object
      ? { [K in keyof T]: WireForm<T[K]> }
      : T;
