// Failure paths: each kind of failure reads in the operator's words, and none panics the app.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

// Connections to other local origins (one that never answers, a sandbox without CORS): the
// console's policy must let them through to show what happens there.
const ctx = useConsole({ before, after, beforeEach }, { sandbox: { connectSrc: 'http://127.0.0.1:*' } });

const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const banner = () => ctx.page.getByTestId('error-banner');

/// Put connections in this tab's storage before the console starts, as if added earlier.
async function withTabConnections(connections) {
  await ctx.page.addInitScript((value) => {
    sessionStorage.setItem('backup-console.connections.v1', value);
  }, JSON.stringify(connections));
}

test('401: an expired token asks to sign in again and keeps unsaved input', async () => {
  await go('/c/cyborg/users/new');
  await ctx.page.getByTestId('field-email').fill('keep.me@example.com');
  await ctx.page.getByTestId('field-first_name').fill('Kept');
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/v1/users/', method: 'POST', status: 401, body: '{"detail": "Invalid token."}' });
  await ctx.page.getByTestId('form-submit').click();
  await ctx.page.getByTestId('sign-in-dialog').waitFor();
  assert.match(await ctx.page.getByTestId('sign-in-dialog').innerText(), /Sign in to CyBorgBackup demo/);
  assert.equal(await banner().getAttribute('data-kind'), 'unauthorized');
  await ctx.page.getByTestId('sign-in-token').fill('demo-token');
  await ctx.page.getByTestId('sign-in-submit').click();
  await ctx.page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  assert.equal(await ctx.page.getByTestId('field-email').inputValue(), 'keep.me@example.com');
  assert.equal(await ctx.page.getByTestId('field-first_name').inputValue(), 'Kept');
  await ctx.page.getByTestId('form-submit').click();
  await ctx.page.getByTestId('detail').waitFor();
  assert.match(await ctx.page.getByTestId('detail-title').innerText(), /keep\.me@example\.com/);
  assert.deepEqual(ctx.page.problems, []);
});

test('401: a wrong token on a list leads to sign-in, then the list loads', async () => {
  await withTabConnections([{ id: 'wrong', vendor: 'cyborgbackup', label: 'Wrong token', base_url: `${ctx.sandbox.url}/cyborgbackup`, token: 'not-the-token' }]);
  await go('/c/wrong/clients');
  await ctx.page.getByTestId('sign-in-dialog').waitFor();
  assert.match(await banner().innerText(), /did not accept your credentials/);
  await ctx.page.getByTestId('sign-in-token').fill('demo-token');
  await ctx.page.getByTestId('sign-in-submit').click();
  await ctx.page.getByTestId('row').first().waitFor();
  assert.equal(await ctx.page.getByTestId('row').count(), 6);
  assert.ok(ctx.calls.some((c) => c.headers.authorization === 'Token demo-token'));
  assert.ok(!ctx.page.url().includes('demo-token'), 'the token never appears in the URL');
});

test('404: an unknown id says what was not found', async () => {
  await go('/c/cyborg/users/999');
  await banner().waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'not-found');
  assert.equal(await banner().innerText(), 'Not found: user 999 does not exist (it may have been deleted).');
  await go('/c/cyborg/policies/999/edit');
  await banner().waitFor();
  assert.match(await banner().innerText(), /policy 999 does not exist/);
  await go('/c/cyborg/gadgets');
  await ctx.page.getByTestId('unknown-resource').waitFor();
  await go('/c/nobody/users');
  await ctx.page.getByTestId('unknown-connection').waitFor();
  assert.deepEqual(ctx.page.problems, []);
});

test('400: the server\'s field errors appear beside the fields', async () => {
  await go('/c/cyborg/users/new');
  await ctx.page.getByTestId('field-email').fill('operator@example.com');
  await ctx.page.getByTestId('form-submit').click();
  await ctx.page.getByTestId('error-email').filter({ hasText: 'User with this email already exists.' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'validation');
  assert.match(await banner().innerText(), /check email/);
  assert.equal(await ctx.page.getByTestId('field-email').getAttribute('aria-invalid'), 'true');
  // Fixing the field clears its message and the save goes through.
  await ctx.page.getByTestId('field-email').fill('fresh@example.com');
  await ctx.page.getByTestId('form-submit').click();
  await ctx.page.getByTestId('detail').waitFor();
});

test('client-side validation stops bad input before it is sent', async () => {
  await go('/c/cyborg/clients/new');
  await ctx.page.getByTestId('field-hostname').fill('not a host');
  await ctx.page.getByTestId('field-ip').fill('10.0.0.300');
  await ctx.page.getByTestId('form-submit').click();
  await ctx.page.getByTestId('error-hostname').filter({ hasText: 'letters, digits' }).waitFor();
  assert.match(await ctx.page.getByTestId('error-ip').innerText(), /Not an IP address: 10\.0\.0\.300/);
  assert.equal(ctx.calls.filter((c) => c.method === 'POST').length, 0);
});

test('500: a server fault is reported and the page recovers on retry', async () => {
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/v1/repositories/', status: 500, body: '{"detail": "database is locked"}' });
  await go('/c/cyborg/repositories');
  await banner().waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'server');
  assert.equal(await banner().innerText(), 'The service failed (HTTP 500). Try again later. database is locked');
  await ctx.page.reload();
  await ctx.page.getByTestId('row').first().waitFor();
  assert.deepEqual(ctx.page.problems, []);
});

test('unreachable: a service that does not answer is named as such', async () => {
  await withTabConnections([{ id: 'gone', vendor: 'cyborgbackup', label: 'Gone', base_url: 'http://127.0.0.1:9', token: 't', retries: 0 }]);
  await go('/c/gone/schedules');
  await banner().waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'unreachable');
  assert.match(await banner().innerText(), /The service is unreachable/);
});

test('malformed JSON: an unreadable answer is an error, not a crash', async () => {
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/v1/policies/', status: 200, body: '{"count": 1, "results": [{"id": 1,' });
  await go('/c/cyborg/policies');
  await banner().waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'malformed');
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/v1/users/1/', status: 200, body: '[1, 2, 3]' });
  await go('/c/cyborg/users/1');
  await banner().waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'malformed');
  assert.deepEqual(ctx.page.problems, []);
});

test('timeout: a slow service is reported after the connection\'s timeout', async () => {
  await withTabConnections([{ id: 'slow', vendor: 'cyborgbackup', label: 'Slow', base_url: `${ctx.sandbox.url}/cyborgbackup`, token: 'demo-token', timeout_seconds: 1, retries: 0 }]);
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/v1/users/', delay_ms: 4000 });
  await go('/c/slow/users');
  await ctx.page.getByTestId('loading').waitFor();
  await banner().waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'timeout');
  assert.equal(await banner().innerText(), 'The service did not answer within 1 seconds.');
});

test('leaving a page cancels what it was still loading', async () => {
  const page = ctx.page;
  // The abort is reported asynchronously: wait for the event itself.
  const users = (r) => r.url().includes('/api/v1/users/');
  const aborted = page.waitForEvent('requestfailed', {
    predicate: (r) => users(r) && /ABORTED/i.test(r.failure()?.errorText ?? ''),
  });
  // Leave only once the read is on the wire: before that there is nothing to cancel, and on a
  // slow machine the spinner shows while the page's chunk is still being fetched.
  const sent = page.waitForRequest(users);
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/v1/users/', delay_ms: 4000 });
  await go('/c/cyborg/users');
  await sent;
  await page.getByTestId('loading').waitFor();
  await page.getByTestId('nav-cyborg-clients').click();
  await page.getByTestId('row').first().waitFor();
  await aborted;
  assert.deepEqual(page.problems, []);
});
