/**
 * The sources the gateway serves. In production each is a different agency's database on a
 * different server; the gateway joins them by personal ID and never copies one into another.
 * `gateway` is the gateway's own store (agencies, access log).
 */
export const SOURCE_NAMES = ['population', 'records', 'civil', 'land', 'business', 'gateway'] as const;

export type SourceName = (typeof SOURCE_NAMES)[number];

/** `LAND_DATABASE_URL` for `land`: the variable that sends one source to its own server. */
export function sourceUrlVariable(source: SourceName): string {
  return `${source.toUpperCase()}_DATABASE_URL`;
}
