import { hrefTo } from './router.js';

/** Props of {@link NotFoundPage}. */
export interface NotFoundPageProps {
  path: string;
}

/** Shown for a hash path no route matches. */
export function NotFoundPage({ path }: NotFoundPageProps) {
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        Deck has no screen at <code>{path}</code>. <a href={hrefTo('/')}>Go to the suite status</a>.
      </p>
    </>
  );
}
