// No lost input: forms keep a draft as the operator types (never a secret), restored after a
// reload, a failed save or a trip elsewhere, and gone once saved. And a crash ends on a
// screen with a way back, not on a dead page.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const field = (key) => ctx.page.getByTestId(`field-${key}`);
const drafts = () => ctx.page.evaluate(() => Object.entries(sessionStorage).filter(([k]) => k.startsWith('backup-console.draft')));

test('a CyBorgBackup form comes back after a reload and a trip elsewhere, and can be discarded', async () => {
  const page = ctx.page;
  await go('/c/cyborg/users/new');
  await field('email').fill('draft@example.com');
  await field('first_name').fill('Dora');
  await page.reload();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await field('email').inputValue(), 'draft@example.com');
  assert.equal(await field('first_name').inputValue(), 'Dora');

  await page.getByTestId('nav-cyborg-clients').click();
  await page.getByTestId('row').first().waitFor();
  await page.goBack();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await field('email').inputValue(), 'draft@example.com');

  await page.getByTestId('draft-discard').click();
  assert.equal(await field('email').inputValue(), '');
  assert.deepEqual(await drafts(), []);
});

test('a failed save keeps the draft; a successful one drops it', async () => {
  const page = ctx.page;
  await go('/c/cyborg/users/new');
  await field('email').fill('kept.after.500@example.com');
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/v1/users/', method: 'POST', status: 500, body: '{"detail": "database is locked"}' });
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-banner').filter({ hasText: 'HTTP 500' }).waitFor();
  await page.reload();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await field('email').inputValue(), 'kept.after.500@example.com');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('detail').waitFor();
  assert.deepEqual(await drafts(), []);
  await go('/c/cyborg/users/new');
  await field('email').waitFor();
  assert.equal(await field('email').inputValue(), '');
  assert.equal(await page.getByTestId('draft-restored').count(), 0);
});

test('secrets are never kept in a draft', async () => {
  const page = ctx.page;
  await go('/c/cyborg/repositories/new');
  await field('name').fill('Vaulted');
  await field('repository_key').fill('very-secret-key-123');
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith('backup-console.draft')));
  const stored = JSON.stringify(await drafts());
  assert.match(stored, /Vaulted/);
  assert.ok(!stored.includes('very-secret-key-123'), 'the repository key is not in the draft');
  await page.reload();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await field('name').inputValue(), 'Vaulted');
  assert.equal(await field('repository_key').inputValue(), '');
});

test('a Rackspace configuration form keeps its draft, schedule included', async () => {
  const page = ctx.page;
  await go('/c/rackspace/configurations/new?agent=213564');
  await field('name').fill('Draft backup');
  await field('frequency').selectOption('Weekly');
  await field('day').selectOption('5');
  await field('inclusions').fill('/srv/draft');
  await page.reload();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await field('name').inputValue(), 'Draft backup');
  assert.equal(await field('day').inputValue(), '5');
  assert.equal(await field('inclusions').inputValue(), '/srv/draft');
});

test('a panic ends on a screen that offers a reload', async () => {
  const page = ctx.page;
  await go('/__test/panic');
  await page.getByTestId('crash-screen').waitFor();
  assert.match(await page.getByTestId('crash-screen').innerText(), /stopped working/);
  assert.equal(await page.getByTestId('crash-reload').getAttribute('href'), `${ctx.sandbox.url}/__test/panic`);
  assert.ok(page.problems.some((p) => /a test of the crash screen/.test(p)), 'the panic was logged');
});
