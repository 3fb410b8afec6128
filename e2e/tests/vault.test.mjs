// The credential store: no secret is ever in Web Storage in the clear, whichever way it is
// kept; the vault locks and unlocks, refuses a wrong passphrase without harm, locks itself when
// idle, migrates credentials an older version kept in plain text, and can be forgotten.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const PASSPHRASE = 'correct horse battery staple';
const TOKEN = 'demo-token';

/// Everything Web Storage holds, as one text to search.
const storageText = () => ctx.page.evaluate(() => JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage } }));

async function addConnection(id, keep) {
  const page = ctx.page;
  await page.goto(`${ctx.sandbox.url}/connections`);
  await page.getByTestId('conn-vendor').selectOption('cyborgbackup');
  await page.getByTestId('conn-id').fill(id);
  await page.getByTestId('conn-base_url').fill(`${ctx.sandbox.url}/cyborgbackup`);
  await page.getByTestId('conn-token').fill(TOKEN);
  await page.getByTestId(`conn-keep-${keep}`).check();
  if (keep === 'remembered' && (await page.getByTestId('conn-vault_pass').count()) > 0) {
    await page.getByTestId('conn-vault_pass').fill(PASSPHRASE);
    if ((await page.getByTestId('conn-vault_again').count()) > 0) await page.getByTestId('conn-vault_again').fill(PASSPHRASE);
  }
  await page.getByTestId('conn-save').click();
  await page.locator(`[data-testid=connection-row][data-id=${id}]`).waitFor();
}

/// Go to a connection's users without reloading the console (the sidebar link).
async function listUsers(id) {
  await ctx.page.getByTestId(`nav-${id}-users`).click();
  await ctx.page.getByTestId('row').first().waitFor();
}

/// Wait until the tab's sealed secrets are written (sealing runs in the background).
async function sealed() {
  await ctx.page.waitForFunction(() => sessionStorage.getItem('backup-console.secrets.v1') !== null);
}

test('a tab connection works after a reload, with its token sealed, never in the clear', async () => {
  await addConnection('tabbed', 'tab');
  await listUsers('tabbed');
  await sealed();
  await ctx.page.reload();
  await ctx.page.getByTestId('row').first().waitFor();
  const stored = await storageText();
  assert.match(stored, /tabbed/, 'the connection is kept');
  assert.ok(!stored.includes(TOKEN), 'no token in Web Storage');
  assert.match(stored, /backup-console\.secrets\.v1/, 'its secrets are kept sealed');
});

test('memory only: nothing is stored, and a reload asks for the token again', async () => {
  await addConnection('fleeting', 'memory');
  await listUsers('fleeting');
  assert.ok(!(await storageText()).includes(TOKEN));
  await ctx.page.reload();
  await ctx.page.getByTestId('sign-in-dialog').waitFor();
  // Without a token, the dialog offers the service's own sign-in first; a token works too.
  await ctx.page.getByTestId('sign-in-use-key').uncheck();
  await ctx.page.getByTestId('sign-in-token').fill(TOKEN);
  await ctx.page.getByTestId('sign-in-submit').click();
  await ctx.page.getByTestId('row').first().waitFor();
});

test('remembered: sealed in the vault, locked and unlocked, a wrong passphrase destroys nothing', async () => {
  const page = ctx.page;
  await addConnection('kept', 'remembered');
  const stored = await storageText();
  assert.match(stored, /backup-console\.vault\.v1/);
  assert.ok(!stored.includes(TOKEN), 'no token in Web Storage');
  assert.ok(!stored.includes(PASSPHRASE), 'nor the passphrase');
  const vault = JSON.parse(await page.evaluate(() => localStorage.getItem('backup-console.vault.v1')));
  assert.ok(vault.iterations >= 600000, `PBKDF2 rounds: ${vault.iterations}`);
  await listUsers('kept');

  // A fresh IV each time the vault is written.
  const before = vault.secrets;
  await page.goto(`${ctx.sandbox.url}/connections`);
  await page.locator('[data-testid=connection-row][data-id=kept]').getByTestId('connection-edit').click();
  await page.getByTestId('conn-label').fill('Kept (renamed)');
  await page.getByTestId('conn-save').click();
  await page.locator('[data-testid=connection-row][data-id=kept]').filter({ hasText: 'Kept (renamed)' }).waitFor();
  await page.waitForFunction((old) => JSON.parse(localStorage.getItem('backup-console.vault.v1')).secrets !== old, before);

  await page.getByTestId('vault-lock').click();
  await page.locator('[data-testid=vault-state][data-state=locked]').waitFor();
  await page.getByTestId('nav-kept-users').click();
  await page.getByTestId('vault-dialog').waitFor();
  assert.equal(ctx.calls.filter((c) => c.url.includes('/users/') && !c.headers.authorization).length, 0, 'nothing sent without credentials');
  await page.getByTestId('vault-passphrase').fill('not the passphrase');
  await page.getByTestId('vault-unlock').click();
  await page.getByTestId('vault-error').filter({ hasText: 'not the vault' }).waitFor();
  assert.ok(await page.evaluate(() => localStorage.getItem('backup-console.vault.v1') !== null), 'the vault is intact');
  await page.getByTestId('vault-passphrase').fill(PASSPHRASE);
  await page.getByTestId('vault-unlock').click();
  await page.getByTestId('vault-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('row').first().waitFor();
  // Unlocked once per tab: a reload keeps it unlocked.
  await page.reload();
  await page.getByTestId('row').first().waitFor();
});

test('the vault locks itself after the idle time the operator set', async () => {
  const page = ctx.page;
  await addConnection('idle', 'remembered');
  // The shortest idle time, set as the preference the panel writes (seconds).
  await page.evaluate(() => localStorage.setItem('backup-console.preferences.v1', JSON.stringify({ vault_idle_seconds: 2 })));
  await page.locator('[data-testid=vault-state][data-state=locked]').waitFor({ timeout: 10000 });
  // Locked for good in this tab: a reload does not unlock it.
  await page.reload();
  await page.getByTestId('nav-idle-users').click();
  await page.getByTestId('vault-dialog').waitFor();
});

test('credentials an older version remembered in plain text move into the vault', async () => {
  const page = ctx.page;
  const legacy = [{ id: 'old', vendor: 'cyborgbackup', label: 'Old', base_url: `${ctx.sandbox.url}/cyborgbackup`, token: TOKEN }];
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('backup-console.connections.v1', value);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(legacy));
  await page.goto(`${ctx.sandbox.url}/c/old/users`);
  await page.getByTestId('row').first().waitFor();
  await page.goto(`${ctx.sandbox.url}/connections`);
  await page.getByTestId('vault-legacy').waitFor();
  await addConnection('fresh', 'remembered');
  await page.waitForFunction((token) => !JSON.stringify({ ...localStorage }).includes(token), TOKEN);
  await page.getByTestId('vault-legacy').waitFor({ state: 'detached' });
  await listUsers('old');
  assert.ok(!(await storageText()).includes(TOKEN));
});

test('forget this device erases the vault and the remembered connections', async () => {
  const page = ctx.page;
  await addConnection('gone', 'remembered');
  await page.getByTestId('vault-forget').click();
  await page.getByTestId('confirm-ok').click();
  await page.locator('[data-testid=connection-row][data-id=gone]').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-console.vault.v1')), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-console.connections.v1')), null);
  await page.locator('[data-testid=vault-state][data-state=absent]').waitFor();
});

test('the demo tokens of the hosting page are never written to storage', async () => {
  const page = ctx.page;
  for (const path of ['/c/cyborg/users', '/c/rackspace/agents', '/c/xopero/organizations', '/c/cloudback/definitions', '/c/sbackup/plans']) {
    await page.goto(ctx.sandbox.url + path);
    await page.getByTestId('row').first().waitFor();
  }
  await addConnection('another', 'tab');
  const stored = await storageText();
  for (const secret of ['demo-token', 'demo-api-key']) {
    assert.ok(!stored.includes(secret), `${secret} is not in Web Storage`);
  }
});
