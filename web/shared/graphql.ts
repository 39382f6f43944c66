/**
 * Requests to the gateway: POST /graphql with a JSON body (which Apollo's CSRF prevention
 * accepts), the bearer token and the declared purpose. Failures become a GatewayError carrying
 * the gateway's `extensions.code`; the page shows a human message for it, never a raw stack.
 */
import type { Auth } from './session';

export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ message?: string; extensions?: { code?: unknown; requestId?: unknown } }>;
}

export function authHeaders(auth: Auth): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.purpose) headers['x-purpose'] = auth.purpose;
  return headers;
}

/** Runs one operation; resolves to its data, or throws a GatewayError (the first error's code). */
export async function graphqlRequest<T>(auth: Auth, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authHeaders(auth) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GatewayError('NETWORK', 'network error', null);
  }
  return readGraphQL<T>(response);
}

async function readGraphQL<T>(response: Response): Promise<T> {
  const headerId = response.headers.get('x-request-id');
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new GatewayError(response.ok ? 'INTERNAL_SERVER_ERROR' : `HTTP_${response.status}`, response.statusText, headerId);
  }
  const first = body.errors?.[0];
  if (first || body.data == null) {
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    const requestId = typeof first?.extensions?.requestId === 'string' ? first.extensions.requestId : headerId;
    throw new GatewayError(code, first?.message ?? 'no data', requestId);
  }
  return body.data;
}

/** Reads an error body of a non-GraphQL endpoint (the CSV export answers errors the same way). */
export async function errorFrom(response: Response): Promise<GatewayError> {
  try {
    await readGraphQL<never>(response);
  } catch (error) {
    if (error instanceof GatewayError) return error;
  }
  return new GatewayError(`HTTP_${response.status}`, response.statusText, response.headers.get('x-request-id'));
}
