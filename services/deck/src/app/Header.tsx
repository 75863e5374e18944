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

/** Deck's top bar: the Genoa name and the navigation between screens. */
export function Header({ path }: HeaderProps) {
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
    </header>
  );
}
