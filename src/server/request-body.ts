/**
 * Reading a GraphQL request's body within its size limit: past it, 413 at once, and the rest of
 * the upload is read and dropped (up to a bound) so the client sees the answer, not a reset.
 */
import type http from 'node:http';
import { sendJson } from './http.js';

/** How much of a refused body is read and dropped before the connection is cut. */
const DISCARD_LIMIT_BYTES = 32 * 1024 * 1024;

export const BODY_REFUSED = Symbol('refused');
const TOO_LARGE = Symbol('too large');

/** The body's chunks, or TOO_LARGE as soon as it passes `max` bytes (the rest is then dropped). */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer[] | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max + DISCARD_LIMIT_BYTES) req.destroy();
      else if (size > max) resolve(TOO_LARGE);
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > max ? TOO_LARGE : chunks));
    req.on('error', reject);
  });
}

/** Reads a JSON body up to `max` bytes; answers 413/400 itself and returns BODY_REFUSED. */
export async function readJsonBody(req: http.IncomingMessage, res: http.ServerResponse, max: number): Promise<unknown> {
  const chunks = await readBody(req, max);
  if (chunks === TOO_LARGE) {
    // Answer now, and let the client finish sending into the void (up to a bound) before the
    // connection closes: destroying the socket mid-upload makes clients see a reset, not 413.
    res.setHeader('connection', 'close');
    sendJson(res, 413, { errors: [{ message: `Request body larger than ${max} bytes`, extensions: { code: 'BAD_REQUEST' } }] });
    return BODY_REFUSED;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    return BODY_REFUSED;
  }
}
