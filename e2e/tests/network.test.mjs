// Flaky networks: reads are asked again (the attempt shown), writes never by themselves but on
// "Try again", an offline browser is told so and catches up, and a service that answers
// without CORS headers is named as such rather than "unreachable".
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole, startSandbox } from './harness.mjs';

// Connections to other local origins (one that never answers, a sandbox without CORS): the
// console's policy must let them through to show what happens there.
const ctx = useConsole({ before, after, beforeEach }, { sandbox: { connectSrc: 'http://127.0.0.1:*' } });
const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const banner = () => ctx.page.getByTestId('error-banner');
const sent = (method, path) => ctx.calls.filter((c) => c.method === method && new URL(c.url).pathname === path);

test('a read is asked again after a 503 with Retry-After, a 429 and a dropped connection', async () => {
  const page = ctx.page;
  const users = '/cyborgbackup/api/v1/users/';
  await ctx.sandbox.fault({ path: users, method: 'GET', status: 503, retry_after: '1', body: '{"detail": "maintenance"}' });
  await ctx.sandbox.fault({ path: users, method: 'GET', status: 429, body: '{"detail": "slow down"}' });
  await ctx.sandbox.fault({ path: users, method: 'GET', drop: true });
  await go('/c/cyborg/users');
  await page.getByTestId('retrying').filter({ hasText: /trying again \(\d of 3\)/ }).waitFor();
  await page.getByTestId('row').first().waitFor({ timeout: 20000 });
  assert.equal(sent('GET', users).length, 4, 'three retries, then the answer');
  assert.equal(await page.getByTestId('retrying').count(), 0);
  assert.equal(await banner().count(), 0);
  assert.deepEqual(page.problems, []);
});

test('a write is sent once, and again only when the operator asks', async () => {
  const page = ctx.page;
  const launch = '/cyborgbackup/api/v1/policies/1/launch/';
  await go('/c/cyborg/policies/1');
  await page.getByTestId('launch-button').waitFor();
  await ctx.sandbox.fault({ path: launch, method: 'POST', status: 503, retry_after: '1', body: '{"detail": "busy"}' });
  await page.getByTestId('launch-button').click();
  await banner().filter({ hasText: 'HTTP 503' }).waitFor();
  assert.equal(sent('POST', launch).length, 1, 'never retried by itself');
  await page.getByTestId('action-retry').click();
  await page.getByTestId('notice').filter({ hasText: 'launched' }).waitFor();
  assert.equal(sent('POST', launch).length, 2);
});

test('offline: a banner says so, and what failed loads when the network is back', async () => {
  const page = ctx.page;
  await go('/c/cyborg/users');
  await page.getByTestId('row').first().waitFor();
  await page.context().setOffline(true);
  await page.getByTestId('offline').waitFor();
  await page.getByTestId('nav-cyborg-clients').click();
  await banner().waitFor({ timeout: 20000 });
  await page.context().setOffline(false);
  await page.getByTestId('offline').waitFor({ state: 'detached' });
  await page.locator('[data-testid=row]', { hasText: 'lab.example.com' }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('a service without CORS headers is named as such, not as unreachable', async () => {
  const page = ctx.page;
  const bare = await startSandbox({ noCors: true });
  try {
    const conn = { id: 'bare', vendor: 'cyborgbackup', label: 'No CORS', base_url: `${bare.url}/cyborgbackup`, token: 'demo-token', retries: 0 };
    await page.addInitScript((value) => {
      if (!sessionStorage.getItem('backup-console.connections.v1')) sessionStorage.setItem('backup-console.connections.v1', value);
    }, JSON.stringify([conn]));
    await go('/c/bare/users');
    await banner().waitFor();
    assert.equal(await banner().getAttribute('data-kind'), 'cors');
    assert.match(await banner().innerText(), /blocked the answer .* no CORS headers .* reverse proxy/);
    // A host nobody answers on is still called unreachable.
    const gone = { id: 'gone', vendor: 'cyborgbackup', label: 'Gone', base_url: 'http://127.0.0.1:9/cyborgbackup', token: 't', retries: 0 };
    await page.evaluate((value) => sessionStorage.setItem('backup-console.connections.v1', value), JSON.stringify([conn, gone]));
    await go('/c/gone/users');
    await banner().waitFor();
    assert.equal(await banner().getAttribute('data-kind'), 'unreachable');
  } finally {
    bare.stop();
  }
});
