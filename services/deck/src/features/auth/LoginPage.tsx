import { useEffect, useState, type FormEvent } from 'react';
import {
  AUTH_CHANGED_EVENT,
  deckUrlOf,
  detectLoginMode,
  login,
  oidcLoginUrl,
  type LoginMode,
} from '../../api/auth.js';
import { GateError } from '../../api/gate-client.js';
import { hrefTo } from '../../app/router.js';
import { useHashQuery } from '../../app/useHashPath.js';

/** OIDC: a full-page navigation to gate, which sends the browser to the issuer and back to `to`. */
function OidcLogin({ to }: { to: string }) {
  const href = oidcLoginUrl(deckUrlOf(to, window.location));
  useEffect(() => window.location.assign(href), [href]);
  return (
    <>
      <h1 tabIndex={-1}>Sign in</h1>
      <p>
        Gate signs you in with your identity provider.{' '}
        <a className="button" href={href}>
          Continue to single sign-on
        </a>
      </p>
    </>
  );
}

/**
 * `#/login?to=<path>`: asks gate how it signs people in; OIDC goes to the issuer through gate,
 * Basic shows the username/password form (→ session). Either way back to `to`.
 */
export function LoginPage() {
  const asked = useHashQuery().get('to') ?? '/applications';
  const to = asked.startsWith('/') && !asked.startsWith('/login') ? asked : '/applications';
  const [mode, setMode] = useState<LoginMode>();
  useEffect(() => {
    let live = true;
    void detectLoginMode().then((found) => live && setMode(found));
    return () => {
      live = false;
    };
  }, []);
  if (mode === undefined) return <p className="muted">Checking how gate signs you in…</p>;
  if (mode === 'oidc') return <OidcLogin to={to} />;
  return <BasicLogin to={to} />;
}

/** Gate's Basic login form. */
function BasicLogin({ to }: { to: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(undefined);
    login(username, password).then(
      () => {
        window.dispatchEvent(new Event(AUTH_CHANGED_EVENT));
        window.location.hash = hrefTo(to);
      },
      (err: unknown) => {
        setBusy(false);
        setError(
          err instanceof GateError && err.status === 401
            ? 'Wrong username or password.'
            : err instanceof Error
              ? err.message
              : String(err),
        );
      },
    );
  };
  return (
    <>
      <h1 tabIndex={-1}>Sign in</h1>
      <form
        className="form login-form"
        onSubmit={submit}
        noValidate
        aria-describedby={error ? 'login-error' : undefined}
      >
        <div className="field">
          <label htmlFor="login-username">Username</label>
          <input
            id="login-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error ? (
          <p id="login-error" className="field__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </>
  );
}
