import { useState } from 'preact/hooks';
import { createApiClient } from '../api/client.js';
import { signIn } from '../state/session.js';

const api = createApiClient({ getToken: () => null, onUnauthorized: () => {} });

export function LoginView() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.login(username.trim(), password);
      signIn({
        token: answer.token,
        role: answer.role,
        username: username.trim(),
        expiresAt: new Date(answer.expiresAt).getTime(),
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="login__card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title" class="login__title">
          <span class="brand-mark" aria-hidden="true" />
          Fraud alerts
        </h1>
        <p class="login__hint">Sign in to triage alerts raised by the scoring pipeline.</p>
        <label class="field">
          <span>Username</span>
          <input
            name="username"
            autocomplete="username"
            required
            autofocus
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="login__error" role="alert">
            {error}
          </p>
        )}
        <button class="button button--primary" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
