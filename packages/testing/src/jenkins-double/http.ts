import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Writes a JSON (or plain text) answer with Jenkins' headers. */
export const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain;charset=utf-8' : 'application/json;charset=utf-8',
    'x-jenkins': '2.440.3',
    ...headers,
  });
  res.end(text);
};

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Whether a request carries HTTP Basic auth for `username:apiToken` (always true without a user). */
export function basicAuthOk(
  req: IncomingMessage,
  username: string | undefined,
  apiToken: string | undefined,
): boolean {
  if (!username) return true;
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  return equal(Buffer.from(header.slice(6), 'base64').toString('utf8'), `${username}:${apiToken ?? ''}`);
}
