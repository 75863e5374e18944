import { ExpressionError } from '../errors.js';
import { defineHelper, type HelperCall } from './define-helper.js';
import { stringArg } from './support.js';

/** Fetches `url` as text through the injected guarded fetcher (the async driver performs the I/O). */
export function fetchText(call: HelperCall, helper: string, url: unknown): string {
  const target = stringArg(url, helper);
  const fetcher = call.ctx.services?.fetchUrl;
  if (!fetcher) throw new ExpressionError('URL', `#${helper} is not available: no URL fetcher is configured`);
  const body = call.io.get(`url:${target}`, () => fetcher(target));
  if (typeof body !== 'string') throw new ExpressionError('URL', `#${helper} got no text from ${target}`);
  call.budget.string(body.length);
  return body;
}

/** `#fromUrl(url)`: the body of an HTTP GET as text. */
export const fromUrlHelper = defineHelper({
  name: 'fromUrl',
  description: 'Returns the contents of the specified URL as a String',
  minArgs: 1,
  maxArgs: 1,
  call: ([url], call) => fetchText(call, 'fromUrl', url),
});
