/**
 * A query value `a,b,c` as a list, each item trimmed and said once: repeats would only lengthen the
 * array that reaches SQL. Used with `@Transform`, before an `@ArrayMaxSize` and per-item checks.
 */
export const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? [...new Set(value.split(',').map((v) => v.trim()))] : value;
