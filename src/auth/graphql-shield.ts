/**
 * graphql-shield 7.6.5, loaded so that it runs on every Node.js LTS. Its ES module build imports
 * `isUndefined` from `util`, which Node.js 23 removed, so on Node.js 24 the import itself fails.
 * Its CommonJS build reads `util.isUndefined` only when a rule runs; it is loaded instead, after
 * giving `util` back that one-line function where it is missing. graphql-middleware comes from
 * the same CommonJS world: shield's middleware is recognised by `instanceof` against the copy of
 * graphql-middleware that shield itself loaded. graphql-shield is barely maintained (see
 * STACK.md): drop this when a release fixes it.
 */
import { createRequire } from 'node:module';
import util from 'node:util';

type ShieldModule = typeof import('graphql-shield');
type MiddlewareModule = typeof import('graphql-middleware');

if (typeof (util as { isUndefined?: unknown }).isUndefined !== 'function') {
  Object.defineProperty(util, 'isUndefined', { value: (value: unknown) => value === undefined, configurable: true, writable: true });
}

const require = createRequire(import.meta.url);
const graphqlShield = require('graphql-shield') as ShieldModule;
const graphqlMiddleware = require('graphql-middleware') as MiddlewareModule;

export const { deny, rule, shield } = graphqlShield;
export const { applyMiddleware } = graphqlMiddleware;
export type { IRule, IRules } from 'graphql-shield';
