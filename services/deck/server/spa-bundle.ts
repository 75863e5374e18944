import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { ServiceUnavailableError } from '@genoa/shared';
import type { HealthCheck } from '@genoa/shared/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The message `/health` and page requests carry while `dist/index.html` is missing. */
export const BUNDLE_MISSING_MESSAGE = 'deck bundle not built: run pnpm --filter @genoa/deck build';

/** Folder (inside the bundle) where Vite writes content-hashed files; they never change. */
const ASSETS_PREFIX = '/assets/';
/** Cache-Control for HTML and other un-hashed files: always revalidate (ETag / Last-Modified). */
const REVALIDATE = 'no-cache';

/**
 * Security headers for the HTML shell. The bundle has no inline script or style, so a strict
 * same-origin policy holds; gate is reached through deck's own `/gate` proxy.
 */
const documentHeaders: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
});

/** Options for {@link registerSpaBundle}. */
export interface SpaBundleOptions {
  /** Absolute path of the built SPA (`vite build` output). */
  distDir: string;
  /** Path prefixes that belong to the server, never to the SPA (e.g. `/gate/`). */
  reservedPrefixes?: readonly string[];
}

/** Readiness check that fails, with {@link BUNDLE_MISSING_MESSAGE}, while `index.html` is absent. */
export function bundleHealthCheck(distDir: string): HealthCheck {
  return {
    name: 'bundle',
    async check() {
      if (!(await isFile(join(distDir, 'index.html')))) throw new Error(BUNDLE_MISSING_MESSAGE);
    },
  };
}

/**
 * Serves the built SPA from `distDir`: hashed files under `/assets/` with a one-year immutable
 * cache (a missing one is a 404, never the shell), other files in the bundle with `no-cache`, and
 * the HTML shell (`index.html`, `no-cache`) for every other GET/HEAD that accepts HTML, so deep
 * links survive a reload. The bundle is looked up per request: building it while deck runs works.
 */
export async function registerSpaBundle(app: FastifyInstance, options: SpaBundleOptions): Promise<void> {
  const { distDir } = options;
  const reserved = options.reservedPrefixes ?? [];
  if (!(await isFile(join(distDir, 'index.html')))) {
    app.log.warn({ distDir }, 'deck bundle not built: run pnpm --filter @genoa/deck build');
  }
  await app.register(fastifyStatic, {
    root: distDir,
    serve: false,
    cacheControl: false,
    dotfiles: 'deny',
    index: false,
  });

  const sendShell = async (reply: FastifyReply): Promise<FastifyReply> => {
    if (!(await isFile(join(distDir, 'index.html'))))
      throw new ServiceUnavailableError(BUNDLE_MISSING_MESSAGE);
    return reply.headers(documentHeaders).header('cache-control', REVALIDATE).sendFile('index.html');
  };

  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const pathname = decodePathname(request.url);
    if (pathname === undefined || reserved.some((prefix) => pathname.startsWith(prefix))) {
      return notFound(reply);
    }
    if (pathname.startsWith(ASSETS_PREFIX)) {
      // send resolves the path inside the root and refuses traversal and dotfiles.
      return reply.sendFile(pathname, { cacheControl: true, maxAge: '365d', immutable: true });
    }
    if (pathname === '/' || pathname === '/index.html') return sendShell(reply);
    const file = resolveInside(distDir, pathname);
    if (file !== undefined && (await isFile(file))) {
      return reply.header('cache-control', REVALIDATE).sendFile(pathname);
    }
    if (acceptsHtml(request)) return sendShell(reply);
    return notFound(reply);
  };

  app.get('/', serve);
  app.get('/*', serve);
}

/** Answers with the app's 404 (the suite's error body). */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** The decoded path of a request URL, or undefined when it is malformed or names a dotfile. */
function decodePathname(url: string): string | undefined {
  const raw = url.split('?')[0] ?? '/';
  let pathname: string;
  try {
    pathname = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.split('/').some((segment) => segment.startsWith('.'))) {
    return undefined;
  }
  return pathname;
}

/** The absolute file for `pathname` when it stays inside `root`; undefined otherwise. */
function resolveInside(root: string, pathname: string): string | undefined {
  const file = resolve(root, `.${pathname}`);
  const rel = relative(root, file);
  return rel === '' || rel.startsWith('..') || rel.startsWith(sep) ? undefined : file;
}

/** True when the client asked for an HTML document (a browser navigation), not data or a script. */
function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
