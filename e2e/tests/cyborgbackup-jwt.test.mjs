// CyBorgBackup: signing in with a username and password, and staying signed in while the
// short-lived access token is renewed behind the operator's back.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const PASSWORD = 'demo-password';
const refreshes = () => ctx.calls.filter((c) => c.url.endsWith('/api/token/refresh/'));

/// A connection with no token yet, as an operator adds one before signing in.
async function openWithoutToken(path) {
  const conn = { id: 'jwt', vendor: 'cyborgbackup', label: 'JWT', base_url: `${ctx.sandbox.url}/cyborgbackup` };
  await ctx.page.addInitScript((value) => {
    if (!sessionStorage.getItem('backup-console.connections.v1')) sessionStorage.setItem('backup-console.connections.v1', value);
  }, JSON.stringify([conn]));
  await ctx.page.goto(ctx.sandbox.url + path);
}

async function lifetimes(body) {
  const response = await fetch(`${ctx.sandbox.url}/cyborgbackup/__jwt`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
}

async function signIn(password = PASSWORD) {
  const page = ctx.page;
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-username').fill('admin@example.com');
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/// Wait until the access token the console last sent has expired (its own `exp` claim says
/// when). The console keeps it sealed in storage, so it is read from the request.
async function untilExpired() {
  const sent = ctx.calls.filter((c) => /^Bearer /.test(c.headers.authorization ?? '')).at(-1);
  assert.ok(sent, 'a request with the access token');
  const part = sent.headers.authorization.slice('Bearer '.length).split('.')[1];
  const { exp } = JSON.parse(Buffer.from(part, 'base64url').toString());
  await ctx.page.waitForFunction((at) => Date.now() / 1000 >= at, exp, { polling: 100, timeout: 15000 });
}

test('sign in with a password; a wrong one says so; the password is never kept', async () => {
  const page = ctx.page;
  await openWithoutToken('/c/jwt/users');
  await signIn('not-the-password');
  await page.locator('[data-testid=sign-in-dialog] [data-testid=error-banner]').filter({ hasText: 'No active account found' }).waitFor();
  await signIn();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('row').first().waitFor();
  const obtain = ctx.calls.filter((c) => c.url.endsWith('/api/token/obtain/'));
  assert.deepEqual(JSON.parse(obtain.at(-1).body), { username: 'admin@example.com', password: PASSWORD });
  assert.match(ctx.calls.at(-1).headers.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  const stored = await page.evaluate(() => JSON.stringify([{ ...sessionStorage }, { ...localStorage }]));
  assert.ok(!stored.includes(PASSWORD), 'the password is never stored');
  assert.ok(!page.url().includes('token'));
});

test('access tokens expire several times without a prompt; requests share each renewal', async () => {
  const page = ctx.page;
  await lifetimes({ access_seconds: 2 });
  await openWithoutToken('/c/jwt/users');
  await signIn();
  await page.getByTestId('row').first().waitFor();
  // Work on across three expiries: each renewal uses the refresh token the previous one gave.
  for (let expiry = 1; expiry <= 3; expiry += 1) {
    await untilExpired();
    const before = refreshes().length;
    // The home asks for three protected things at once: one renewal serves them all.
    await page.getByRole('link', { name: 'JWT', exact: true }).first().click();
    await page.getByTestId('me-email').waitFor();
    await page.getByTestId('api-root').filter({ hasText: 'policies' }).waitFor();
    assert.equal(refreshes().length, before + 1, `one renewal for expiry ${expiry}`);
    await page.getByTestId('nav-jwt-clients').click();
    await page.getByTestId('row').first().waitFor();
  }
  assert.equal(await page.getByTestId('sign-in-dialog').count(), 0, 'never asked to sign in');
  const bodies = refreshes().map((c) => JSON.parse(c.body).refresh);
  assert.equal(new Set(bodies).size, bodies.length, 'every refresh token is used once');
  assert.deepEqual(page.problems, []);
});

test('a refused renewal opens sign-in over the page, and the form keeps its input', async () => {
  const page = ctx.page;
  await lifetimes({ access_seconds: 2 });
  await openWithoutToken('/c/jwt/users');
  await signIn();
  await page.getByTestId('row').first().waitFor();
  await page.getByTestId('create-button').click();
  await page.getByTestId('field-email').fill('kept@example.com');
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/token/refresh/', status: 401, body: '{"detail": "Token is invalid or expired", "code": "token_not_valid"}' });
  await untilExpired();
  await page.getByTestId('form-submit').click();
  await signIn();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('field-email').inputValue(), 'kept@example.com');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('detail').waitFor();
  assert.match(await page.getByTestId('detail-title').innerText(), /kept@example\.com/);
});
