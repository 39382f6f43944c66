/** Compile-time exhaustiveness check for tagged unions; throws if reached at run time. */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
