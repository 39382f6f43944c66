/**
 * Field masks (Apache Ranger's column masks, per field and per grant): the value a role sees in
 * place of the real one. Masks apply in the field's resolver, after the row was read with its
 * real keys, so links keyed by a masked field (a citizen's personal ID) still resolve.
 */
import { createHmac } from 'node:crypto';
import { type GraphQLFieldResolver, type GraphQLSchema, defaultFieldResolver } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { assertNever } from '../lib/assert-never.js';
import type { MaskKind, Policy } from './policy/policy.types.js';
import type { AuthorizedContext } from './request-auth.js';

/** Keeps the first and last three characters: 001079000262 → 001******262. */
export function maskPartial(value: string): string {
  if (value.length <= 6) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 6)}${value.slice(-3)}`;
}

/** A date reduced to its year (ISO 8601 reduced precision): 1979-05-17 → 1979. */
export function maskYearOnly(value: string): string {
  return value.slice(0, 4);
}

/**
 * A stable pseudonym: the same value gives the same pseudonym for the same agency, so an
 * agency can still count and join on it, but two agencies' pseudonyms cannot be joined with
 * each other, and without the gateway's secret none can be reversed by trying every ID.
 */
export function maskHash(value: string, agency: string, secret: Uint8Array): string {
  return `p_${createHmac('sha256', secret).update(agency).update('\0').update(value).digest('base64url').slice(0, 20)}`;
}

export function applyMask(kind: MaskKind, value: unknown, agency: string, secret: Uint8Array): unknown {
  if (value === null || value === undefined) return value;
  switch (kind) {
    case 'partial':
      return maskPartial(String(value));
    case 'yearOnly':
      return maskYearOnly(String(value));
    case 'hash':
      return maskHash(String(value), agency, secret);
    case 'null':
      return null;
    default:
      return assertNever(kind);
  }
}

/**
 * The schema with a masking resolver on every coordinate that some grant of the policy masks;
 * every other field keeps its resolver untouched, so unmasked reads cost nothing extra.
 */
export function withMasks(schema: GraphQLSchema, policy: Policy, secret: Uint8Array): GraphQLSchema {
  const maskable = new Set<string>();
  for (const agency of policy.agencies.values()) for (const grant of agency.grants.values()) for (const coordinate of grant.masks.keys()) maskable.add(coordinate);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      const coordinate = `${typeName}.${fieldName}`;
      if (!maskable.has(coordinate)) return config;
      const resolve: GraphQLFieldResolver<unknown, AuthorizedContext> = config.resolve ?? defaultFieldResolver;
      return {
        ...config,
        resolve: (source, args, ctx, info) => {
          const value = resolve(source, args, ctx, info);
          const kind = ctx.auth.grant.masks.get(coordinate);
          if (kind === undefined) return value;
          const agency = ctx.auth.principal.agency;
          return value instanceof Promise ? value.then((v) => applyMask(kind, v, agency, secret)) : applyMask(kind, value, agency, secret);
        },
      };
    },
  });
}
