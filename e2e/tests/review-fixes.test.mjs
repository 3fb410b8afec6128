// The defects an independent review found in the views and calls, each driven the way it
// showed, so that it fails if the defect comes back.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const banner = () => ctx.page.getByTestId('error-banner');
const rax = (part) => ctx.calls.filter((c) => new URL(c.url).pathname.includes(`/v1.0/123456/${part}`));

async function signInWithToken() {
  await ctx.page.getByTestId('sign-in-dialog').waitFor();
  await ctx.page.getByTestId('sign-in-token').fill('demo-token');
  await ctx.page.getByTestId('sign-in-submit').click();
  await ctx.page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
}

test('leaving a list while the search waits for a pause does not panic (item 4)', async () => {
  const page = ctx.page;
  await go('/c/cyborg/users');
  await page.getByTestId('row').first().waitFor();
  await page.getByTestId('filter-input').fill('adm');
  await page.getByTestId('nav-cyborg-clients').click();
  await page.getByTestId('row').first().waitFor();
  // The new list's own search fires 300 ms after its typing, so by the time it has, the old
  // list's (typed earlier, on a page that is gone) would have fired too.
  await page.getByTestId('filter-input').fill('lab');
  await page.waitForURL(/\/clients\?search=lab$/);
  assert.deepEqual(page.problems, []);
});

test('a backup in progress recovers after signing in again and after a failed poll (item 5)', async () => {
  const page = ctx.page;
  await go('/c/rackspace/configurations/148326');
  await page.getByTestId('start-backup').click();
  await page.waitForURL(/\/backups\/\d+$/);
  await page.getByTestId('backup-state').waitFor();
  const id = new URL(page.url()).pathname.split('/').pop();
  // One poll is refused (an expired token), one fails: polling goes on after both.
  await ctx.sandbox.fault({ path: `/rackspace/v1.0/123456/backup/${id}`, method: 'GET', status: 401, body: '{"message": "expired"}' });
  await signInWithToken();
  await ctx.sandbox.fault({ path: `/rackspace/v1.0/123456/backup/${id}`, method: 'GET', status: 500, body: '{"message": "Instance Fault"}' });
  await page.getByTestId('backup-report').waitFor({ timeout: 20000 });
  assert.match(await page.getByTestId('backup-state').innerText(), /^Completed/);

  // The edit form of a configuration, refused once, loads after signing in.
  await ctx.sandbox.fault({ path: '/rackspace/v1.0/123456/backup-configuration/148326', method: 'GET', status: 401, body: '{"message": "expired"}' });
  await go('/c/rackspace/configurations/148326/edit');
  await signInWithToken();
  await page.getByTestId('field-name').waitFor();
  assert.notEqual(await page.getByTestId('field-name').inputValue(), '');
  assert.deepEqual(page.problems, []);
});

test('a restore page runs one poller, whatever is started and stopped (item 6)', async () => {
  const page = ctx.page;
  await go('/c/rackspace/restores');
  await page.getByTestId('restore-config-148325').check();
  const point = page.getByTestId('restore-point');
  await point.locator('option').nth(1).waitFor({ state: 'attached' });
  await point.selectOption({ index: 1 });
  await page.getByTestId('restore-destination').selectOption('213564');
  await page.getByTestId('restore-path').fill('/srv/once');
  await page.getByTestId('restore-create').click();
  await page.waitForURL(/\/restores\/\d+$/);
  const id = new URL(page.url()).pathname.split('/').pop();
  await page.getByTestId('restore-start').click();
  await page.getByTestId('restore-stop').click();
  await page.getByTestId('restore-state').filter({ hasText: 'Stopped' }).waitFor({ timeout: 10000 });
  const times = (method, path) => ctx.calls
    .filter((c) => c.method === method && new URL(c.url).pathname.endsWith(path))
    .map((c) => c.at);
  const polls = times('GET', `/restore/${id}`);
  const writes = times('POST', '/restore/action-requested');
  // A write reloads at once; apart from that, polls are a second apart: two pollers would
  // interleave theirs.
  const afterWrite = (t) => writes.some((w) => t >= w && t - w < 400);
  const own = polls.filter((t) => !afterWrite(t));
  for (let i = 1; i < own.length; i += 1) {
    assert.ok(own[i] - own[i - 1] >= 700, `polls ${own[i - 1]} and ${own[i]} are too close: ${own.join(', ')}`);
  }
  assert.ok(own.length >= 2, `it polled while running: ${polls.length}`);
});

test('the console starts when console.json never answers (item 7)', async () => {
  const page = ctx.page;
  await page.route('**/console.json', () => {});
  await go('/schedule');
  await page.getByTestId('notice').filter({ hasText: 'console.json: no answer within 5 seconds' }).waitFor();
  await page.getByTestId('cron-editor').waitFor();
});

test('unsaved agent settings survive the agent reloading (item 8)', async () => {
  const page = ctx.page;
  await go('/c/rackspace/agents/213564');
  await page.getByTestId('data-center').selectOption('SYD');
  await page.getByTestId('agent-toggle').filter({ hasText: 'Disable agent' }).click();
  await page.locator('dd[data-field=IsDisabled]').filter({ hasText: 'Yes' }).waitFor();
  assert.equal(await page.getByTestId('data-center').inputValue(), 'SYD');
});

test('one unreadable stored connection does not cost the others (item 9)', async () => {
  const page = ctx.page;
  const good = { id: 'kept', vendor: 'cyborgbackup', label: 'Kept', base_url: `${ctx.sandbox.url}/cyborgbackup`, token: 'demo-token' };
  const bad = { id: 'odd', vendor: 'no-such-vendor', base_url: 'x' };
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('backup-console.connections.v1', value);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify([bad, good]));
  await go('/c/kept/users');
  await page.getByTestId('row').first().waitFor();
  assert.match(await page.getByTestId('notice').innerText(), /Stored connection 1 \("odd"\) was left out/);
  // Saving another connection keeps the entry this build could not read.
  await go('/connections');
  await page.getByTestId('connection-row').first().waitFor();
  await page.getByTestId('conn-vendor').selectOption('cyborgbackup');
  await page.getByTestId('conn-id').fill('more');
  await page.getByTestId('conn-base_url').fill(`${ctx.sandbox.url}/cyborgbackup`);
  await page.getByTestId('conn-token').fill('demo-token');
  await page.getByTestId('conn-save').click();
  await page.locator('[data-testid=connection-row][data-id=more]').waitFor();
  const stored = JSON.parse(await page.evaluate(() => sessionStorage.getItem('backup-console.connections.v1')));
  assert.deepEqual(stored.map((c) => c.id).sort(), ['kept', 'more', 'odd']);
});

test('activity rows open the backup or the restore they are about (item 10)', async () => {
  const page = ctx.page;
  await go('/c/rackspace/activity');
  await page.getByTestId('row').first().waitFor();
  for (const row of await page.getByTestId('row').all()) {
    const id = await row.getAttribute('data-id');
    const type = await row.locator('td[data-col=Type]').innerText();
    const href = await row.locator('a').first().getAttribute('href');
    assert.equal(href, `/c/rackspace/${type === 'Restore' ? 'restores' : 'backups'}/${id}`);
  }
});

test('a host id with reserved characters stays one path segment (item 11)', async () => {
  const page = ctx.page;
  await go('/c/rackspace/agents');
  await page.getByTestId('host-lookup').fill('a/b?c#d e');
  await page.getByTestId('host-lookup-submit').click();
  await banner().waitFor();
  const lookup = rax('agent/server/').at(-1);
  assert.ok(new URL(lookup.url).pathname.endsWith('/agent/server/a%2Fb%3Fc%23d%20e'), lookup.url);
  assert.equal(await banner().getAttribute('data-kind'), 'not-found');
});

test('the published identity URL (with /v2.0) signs in, and the token\'s tenant wins (item 12)', async () => {
  const page = ctx.page;
  const conn = {
    id: 'raxv2', vendor: 'rackspace', label: 'Rax v2', base_url: `${ctx.sandbox.url}/rackspace`,
    identity_url: `${ctx.sandbox.url}/rackspace/identity/v2.0/`, tenant_id: '999', token: 'stale',
  };
  await page.addInitScript((value) => sessionStorage.setItem('backup-console.connections.v1', value), JSON.stringify([conn]));
  await go('/c/raxv2/agents');
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-use-key').check();
  await page.getByTestId('sign-in-username').fill('demo');
  await page.getByTestId('sign-in-key').fill('demo-api-key');
  await page.getByTestId('sign-in-submit').click();
  await page.locator('tr[data-id="213564"]').waitFor();
  const identity = ctx.calls.filter((c) => c.url.includes('/identity/'));
  assert.equal(new URL(identity.at(-1).url).pathname, '/rackspace/identity/v2.0/tokens');
  const stored = await page.evaluate(() => sessionStorage.getItem('backup-console.connections.v1'));
  assert.match(stored, /"tenant_id":"123456"/);
});
