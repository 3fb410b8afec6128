// The console hosted below a base path, as an admin page would embed it: links, deep links and
// reloads all stay under the base.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole, baseDist } from './harness.mjs';

const BASE = '/admin/backups';
const ctx = useConsole({ before, after, beforeEach }, { sandbox: { dist: baseDist, consolePath: BASE } });

test('links, deep links and reloads stay under the base path', async () => {
  const page = ctx.page;
  const wasm = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.endsWith('.wasm')) wasm.push(new URL(req.url()).pathname);
  });
  await page.goto(`${ctx.sandbox.url}${BASE}/c/cyborg/users?order_by=-email`);
  await page.getByTestId('row').first().waitFor();
  assert.match(await page.getByTestId('row').first().innerText(), /operator@example\.com/, 'the deep link kept its ordering');
  assert.equal(await page.getByTestId('nav-cyborg-policies').getAttribute('href'), `${BASE}/c/cyborg/policies`);
  // The console's own navigations (sorting, saving) stay under the base too.
  await page.getByTestId('sort-email').click();
  await page.waitForURL(new RegExp(`^${ctx.sandbox.url}${BASE}/c/cyborg/users\\?order_by=email$`));
  await page.goto(`${ctx.sandbox.url}${BASE}/c/cyborg/schedules/new`);
  await page.getByTestId('field-name').fill('Under a base path');
  await page.getByTestId('form-submit').click();
  await page.waitForURL(new RegExp(`^${ctx.sandbox.url}${BASE}/c/cyborg/schedules/\\d+$`));
  await page.getByTestId('detail').waitFor();
  await page.getByTestId('nav-cyborg-policies').click();
  await page.waitForURL(new RegExp(`${BASE}/c/cyborg/policies$`));
  await page.getByTestId('row').first().locator('a').click();
  await page.waitForURL(new RegExp(`${BASE}/c/cyborg/policies/1$`));
  await page.reload();
  await page.getByTestId('detail-title').filter({ hasText: 'Full Features' }).waitFor();
  await page.goto(`${ctx.sandbox.url}${BASE}/schedule?cron=${encodeURIComponent('0 5 * * MON')}`);
  await page.waitForURL(new RegExp(`^${ctx.sandbox.url}${BASE}/schedule\\?cron=`));
  assert.equal(await page.getByTestId('cron-description').innerText(), 'At 05:00 on Monday');
  // The vendor's chunk came from below the base too.
  assert.ok(wasm.some((p) => /\/snippets\/split-[0-9a-f]+\/split_cyborgbackup_pages\.wasm$/.test(p)), wasm.join(', '));
  assert.ok(wasm.every((p) => p.startsWith(`${BASE}/`)), wasm.join(', '));
  assert.deepEqual(page.problems, []);
});
