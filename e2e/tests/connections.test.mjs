// Connections: preconfigured by the host page, added, edited and removed by the operator.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach }, { reset: false });

test('console.json preconfigures the demo connection', async () => {
  await ctx.page.goto(ctx.sandbox.url + '/');
  await ctx.page.getByTestId('overview-connections').filter({ hasText: 'CyBorgBackup demo' }).waitFor();
  await ctx.page.getByTestId('nav-cyborg-policies').click();
  await ctx.page.waitForURL(/\/c\/cyborg\/policies$/);
  await ctx.page.getByTestId('row').first().waitFor();
});

test('add, use, edit and remove a connection; it lasts for the tab, never in the URL', async () => {
  await ctx.page.goto(ctx.sandbox.url + '/connections');
  await ctx.page.getByTestId('conn-save').click();
  await ctx.page.getByTestId('conn-error-id').filter({ hasText: 'short name' }).waitFor();
  assert.match(await ctx.page.getByTestId('conn-error-base_url').innerText(), /base URL/);

  await ctx.page.getByTestId('conn-vendor').selectOption('cyborgbackup');
  await ctx.page.getByTestId('conn-id').fill('lab');
  await ctx.page.getByTestId('conn-label').fill('Lab backups');
  await ctx.page.getByTestId('conn-base_url').fill(`${ctx.sandbox.url}/cyborgbackup/`);
  await ctx.page.getByTestId('conn-token').fill('demo-token');
  await ctx.page.getByTestId('conn-save').click();
  const row = ctx.page.locator('[data-testid=connection-row][data-id=lab]');
  await row.waitFor();
  const rowText = await row.innerText();
  assert.match(rowText, /Lab backups/);
  assert.match(rowText, /This tab/);
  assert.ok(!rowText.includes('demo-token'), 'the token is masked');

  await ctx.page.getByTestId('nav-lab-users').click();
  await ctx.page.getByTestId('row').first().waitFor();
  await ctx.page.reload();
  await ctx.page.getByTestId('row').first().waitFor();
  assert.ok(!ctx.page.url().includes('token'));
  const stored = await ctx.page.evaluate(() => [sessionStorage.getItem('backup-console.connections.v1'), localStorage.getItem('backup-console.connections.v1')]);
  assert.match(stored[0], /"id":"lab"/);
  assert.equal(stored[1], null, 'nothing on the device unless asked');

  await ctx.page.goto(ctx.sandbox.url + '/connections');
  await row.getByTestId('connection-edit').click();
  assert.equal(await ctx.page.getByTestId('conn-token').inputValue(), '', 'a stored token is never shown');
  await ctx.page.getByTestId('conn-label').fill('Lab (renamed)');
  await ctx.page.getByTestId('conn-keep-remembered').check();
  // The first remembered connection makes the vault its credentials are sealed in.
  await ctx.page.getByTestId('conn-vault_pass').fill('a long vault passphrase');
  await ctx.page.getByTestId('conn-vault_again').fill('a long vault passphrase');
  await ctx.page.getByTestId('conn-save').click();
  await row.filter({ hasText: 'Lab (renamed)' }).waitFor();
  assert.match(await row.innerText(), /On this device/);
  const remembered = await ctx.page.evaluate(() => localStorage.getItem('backup-console.connections.v1'));
  assert.match(remembered, /Lab \(renamed\)/);

  await row.getByTestId('connection-remove').click();
  assert.match(await ctx.page.getByTestId('confirm-dialog').innerText(), /Remove the connection "Lab \(renamed\)"/);
  await ctx.page.getByTestId('confirm-ok').click();
  await row.waitFor({ state: 'detached' });
  assert.equal(await ctx.page.evaluate(() => localStorage.getItem('backup-console.connections.v1')), null);
  assert.deepEqual(ctx.page.problems, []);
});

test('a config element in the hosting page adds connections', async () => {
  await ctx.page.route('**/c/embedded', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</body>',
      `<script type="application/json" id="backup-console-config">{"connections":[{"id":"embedded","vendor":"cyborgbackup","label":"Embedded","base_url":"${ctx.sandbox.url}/cyborgbackup","token":"demo-token"}]}</script></body>`);
    await route.fulfill({ response, body: html });
  });
  await ctx.page.goto(ctx.sandbox.url + '/c/embedded');
  await ctx.page.getByTestId('me-email').filter({ hasText: 'admin@example.com' }).waitFor();
});
