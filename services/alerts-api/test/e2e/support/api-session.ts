/** A logged-in API client for checking, beside the browser, what the server holds. */
export async function apiSession(baseUrl: string, username: string, password: string) {
  const login = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login as ${username} failed: HTTP ${login.status}`);
  const { token } = (await login.json()) as { token: string };

  async function get<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  return { token, get };
}
