import { useEffect, useState } from 'react';
import { AUTH_CHANGED_EVENT, getUser, logout, type User } from '../api/auth.js';
import { GateError } from '../api/gate-client.js';
import { hrefTo } from './router.js';

/** Props of {@link Header}. */
export interface HeaderProps {
  /** The current route path, to mark the active link. */
  path: string;
}

const links = [
  { path: '/', label: 'Suite status' },
  { path: '/applications', label: 'Applications' },
] as const;

const isCurrent = (link: string, path: string) =>
  link === '/' ? path === '/' : path === link || path.startsWith(`${link}/`);

/** The signed-in user from gate, re-read after sign-in/out; undefined until known or when gate is down. */
function useUser(): User | undefined {
  const [user, setUser] = useState<User>();
  useEffect(() => {
    const read = () =>
      getUser().then(setUser, (err: unknown) =>
        // a gate that answers 401 to /auth/user: nobody is signed in
        setUser(err instanceof GateError && err.status === 401 ? {} : undefined),
      );
    read();
    window.addEventListener(AUTH_CHANGED_EVENT, read);
    return () => window.removeEventListener(AUTH_CHANGED_EVENT, read);
  }, []);
  return user;
}

/** Deck's top bar: the Genoa name, the navigation between screens, and who is signed in. */
export function Header({ path }: HeaderProps) {
  const user = useUser();
  return (
    <header className="app-header">
      <a className="app-header__brand" href={hrefTo('/')}>
        <img src="/favicon.svg" alt="" width="24" height="24" />
        <span>Genoa</span>
      </a>
      <nav aria-label="Main">
        <ul className="app-header__nav">
          {links.map((link) => (
            <li key={link.path}>
              <a href={hrefTo(link.path)} aria-current={isCurrent(link.path, path) ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="app-header__user" data-testid="current-user">
        {user?.username === 'anonymous' ? (
          <span className="muted">anonymous (authentication off)</span>
        ) : user?.username ? (
          <>
            <span>
              Signed in as <strong>{user.username}</strong>
            </span>{' '}
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                void logout().finally(() => {
                  window.dispatchEvent(new Event(AUTH_CHANGED_EVENT));
                  window.location.hash = hrefTo('/login');
                })
              }
            >
              Sign out
            </button>
          </>
        ) : user ? (
          <a href={`#/login?to=${encodeURIComponent(path === '/login' ? '/applications' : path)}`}>Sign in</a>
        ) : null}
      </div>
    </header>
  );
}
