/**
 * Deck's routing, Spinnaker style: the route lives in the URL hash (`/#/applications/cargo`), so
 * every deep link is served by the one HTML shell and never collides with the server's own paths
 * (`/gate`, `/health`, `/version`).
 */

/** A route's path parameters (`/applications/:application` → `{ application }`). */
export type RouteParams = Readonly<Record<string, string>>;

/** The route path in a location hash: `#/a/b?x=1` → `/a/b`; empty → `/`. */
export function pathFromHash(hash: string): string {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/** The `href` that navigates to `path`. */
export const hrefTo = (path: string): string => `#${path.startsWith('/') ? path : `/${path}`}`;

/**
 * Matches `path` against `pattern` (`:name` segments capture, the rest compare exactly; a trailing
 * slash is ignored). Returns the captured, decoded params, or undefined when it does not match.
 */
export function matchPath(pattern: string, path: string): RouteParams | undefined {
  const split = (value: string) => value.split('/').filter((segment) => segment !== '');
  const expected = split(pattern);
  const actual = split(path);
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}

/**
 * Moves a path-style deep link into the hash (`/applications/cargo` → `/#/applications/cargo`):
 * deck's server answers such paths with the shell, and the router reads only the hash.
 */
export function adoptPathIntoHash(location: Location, history: History): void {
  if (location.pathname === '/' || location.hash !== '') return;
  history.replaceState(history.state, '', `/${hrefTo(location.pathname)}${location.search}`);
}

/** The query of a location hash (`#/a?x=1&y=2` → `x=1&y=2` as URLSearchParams). */
export function queryFromHash(hash: string): URLSearchParams {
  const index = hash.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : hash.slice(index + 1));
}

/**
 * The hash for `path` with `query` (entries whose value is empty or an empty list are left out, so
 * clearing a filter clears it from the URL). Lists are joined with commas.
 */
export function hashWithQuery(
  path: string,
  query: Readonly<Record<string, string | readonly string[] | undefined>>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const text = Array.isArray(value) ? value.join(',') : (value as string | undefined);
    if (text) params.set(key, text);
  }
  const search = params.toString();
  return `${hrefTo(path)}${search ? `?${search}` : ''}`;
}
