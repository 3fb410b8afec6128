// Connections: preconfigured by the host page, added, edited and removed by the operator.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, launchBrowser, openPage } from './harness.mjs';

let sandbox, browser, page;

before(async () => {
  sandbox = await startSandbox();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  sandbox?.stop();
});
beforeEach(async () => {
  page = await openPage(browser);
});

test('console.json preconfigures the demo connection', async () => {
  await page.goto(sandbox.url + '/');
  await page.getByTestId('overview-connections').filter({ hasText: 'CyBorgBackup demo' }).waitFor();
  await page.getByTestId('nav-cyborg-policies').click();
  await page.waitForURL(/\/c\/cyborg\/policies$/);
  await page.getByTestId('row').first().waitFor();
});

test('add, use, edit and remove a connection; it lasts for the tab, never in the URL', async () => {
  await page.goto(sandbox.url + '/connections');
  await page.getByTestId('conn-save').click();
  await page.getByTestId('conn-error-id').filter({ hasText: 'short name' }).waitFor();
  assert.match(await page.getByTestId('conn-error-base_url').innerText(), /base URL/);

  await page.getByTestId('conn-vendor').selectOption('cyborgbackup');
  await page.getByTestId('conn-id').fill('lab');
  await page.getByTestId('conn-label').fill('Lab backups');
  await page.getByTestId('conn-base_url').fill(`${sandbox.url}/cyborgbackup/`);
  await page.getByTestId('conn-token').fill('demo-token');
  await page.getByTestId('conn-save').click();
  const row = page.locator('[data-testid=connection-row][data-id=lab]');
  await row.waitFor();
  const rowText = await row.innerText();
  assert.match(rowText, /Lab backups/);
  assert.match(rowText, /This tab/);
  assert.ok(!rowText.includes('demo-token'), 'the token is masked');

  await page.getByTestId('nav-lab-users').click();
  await page.getByTestId('row').first().waitFor();
  await page.reload();
  await page.getByTestId('row').first().waitFor();
  assert.ok(!page.url().includes('token'));
  const stored = await page.evaluate(() => [sessionStorage.getItem('backup-console.connections.v1'), localStorage.getItem('backup-console.connections.v1')]);
  assert.match(stored[0], /"id":"lab"/);
  assert.equal(stored[1], null, 'nothing on the device unless asked');

  await page.goto(sandbox.url + '/connections');
  await row.getByTestId('connection-edit').click();
  assert.equal(await page.getByTestId('conn-token').inputValue(), '', 'a stored token is never shown');
  await page.getByTestId('conn-label').fill('Lab (renamed)');
  await page.getByTestId('conn-remember').check();
  await page.getByTestId('conn-save').click();
  await row.filter({ hasText: 'Lab (renamed)' }).waitFor();
  assert.match(await row.innerText(), /On this device/);
  const remembered = await page.evaluate(() => localStorage.getItem('backup-console.connections.v1'));
  assert.match(remembered, /Lab \(renamed\)/);

  await row.getByTestId('connection-remove').click();
  assert.match(await page.getByTestId('confirm-dialog').innerText(), /Remove the connection "Lab \(renamed\)"/);
  await page.getByTestId('confirm-ok').click();
  await row.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-console.connections.v1')), null);
  assert.deepEqual(page.problems, []);
});

test('a config element in the hosting page adds connections', async () => {
  await page.route('**/c/embedded', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</body>',
      `<script type="application/json" id="backup-console-config">{"connections":[{"id":"embedded","vendor":"cyborgbackup","label":"Embedded","base_url":"${sandbox.url}/cyborgbackup","token":"demo-token"}]}</script></body>`);
    await route.fulfill({ response, body: html });
  });
  await page.goto(sandbox.url + '/c/embedded');
  await page.getByTestId('me-email').filter({ hasText: 'admin@example.com' }).waitFor();
});
