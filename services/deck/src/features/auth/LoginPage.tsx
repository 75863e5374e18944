import { useState, type FormEvent } from 'react';
import { AUTH_CHANGED_EVENT, login } from '../../api/auth.js';
import { GateError } from '../../api/gate-client.js';
import { hrefTo } from '../../app/router.js';
import { useHashQuery } from '../../app/useHashPath.js';

/** `#/login?to=<path>`: gate's Basic login (username and password → session), then back to `to`. */
export function LoginPage() {
  const to = useHashQuery().get('to') ?? '/applications';
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
        window.location.hash = hrefTo(to.startsWith('/') ? to : '/applications');
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
