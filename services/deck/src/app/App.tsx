import { Suspense, useEffect, useRef } from 'react';
import { Header } from './Header.js';
import { NotFoundPage } from './NotFoundPage.js';
import { resolveRoute } from './routes.js';
import { useHashPath } from './useHashPath.js';

/**
 * Deck's shell: a skip link, the header, and the screen for the current hash route. On navigation
 * the document title follows the screen and focus moves to its heading, so screen readers
 * announce the new page.
 */
export function App() {
  const path = useHashPath();
  const match = resolveRoute(path);
  const title = match ? match.route.title : 'Page not found';
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${title} · Genoa`;
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    (main.current?.querySelector<HTMLElement>('h1') ?? main.current)?.focus();
  }, [path, title]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <Header path={path} />
      <main id="main" ref={main} tabIndex={-1} className="app-main">
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {match ? match.route.render(match.params) : <NotFoundPage path={path} />}
        </Suspense>
      </main>
    </>
  );
}
