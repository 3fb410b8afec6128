// Each vendor's pages are a wasm chunk of their own, fetched the first time one of its pages is
// shown; a chunk that cannot be fetched is an error the operator can retry, never a crash.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });

/// The split modules (one per vendor) the page fetched, by name: `cyborgbackup_pages`.
function splitsFetched(page) {
  const names = [];
  page.on('request', (req) => {
    const match = new URL(req.url()).pathname.match(/\/snippets\/split-[0-9a-f]+\/split_(\w+)\.wasm$/);
    if (match) names.push(match[1]);
  });
  return names;
}

test('a vendor\'s pages are fetched when one of them is first shown, and only that vendor\'s', async () => {
  const page = ctx.page;
  const fetched = splitsFetched(page);
  await page.goto(`${ctx.sandbox.url}/`);
  await page.getByTestId('overview-connections').waitFor();
  assert.deepEqual(fetched, ['overview_pages'], 'the overview needs its own chunk and no vendor\'s');
  await page.goto(`${ctx.sandbox.url}/schedule`);
  await page.getByTestId('cron-description').waitFor();
  assert.deepEqual(fetched, ['overview_pages'], 'the schedule editor needs no chunk');
  await page.goto(`${ctx.sandbox.url}/c/cyborg/users`);
  await page.getByTestId('row').first().waitFor();
  assert.deepEqual(fetched, ['overview_pages', 'cyborgbackup_pages']);
  // Another page of the same vendor: nothing more to fetch.
  await page.getByTestId('nav-cyborg-policies').click();
  await page.getByTestId('row').first().waitFor();
  assert.deepEqual(fetched, ['overview_pages', 'cyborgbackup_pages']);
  await page.getByTestId('nav-rackspace-agents').click();
  await page.getByTestId('row').first().waitFor();
  assert.deepEqual(fetched, ['overview_pages', 'cyborgbackup_pages', 'rackspace_pages']);
  assert.deepEqual(page.problems, []);
});

test('a chunk that cannot be fetched is an error with Try again, and the page comes after', async () => {
  const page = ctx.page;
  const blocked = '**/split_cyborgbackup_pages.wasm';
  await page.route(blocked, (route) => route.abort('internetdisconnected'));
  await page.goto(`${ctx.sandbox.url}/c/cyborg/users`);
  const banner = page.getByTestId('error-banner');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('data-kind'), 'chunk');
  assert.match(await banner.innerText(), /could not load its CyBorgBackup pages/);
  // The rest of the console still works.
  await page.getByTestId('nav-connections').click();
  await page.getByTestId('connection-row').first().waitFor();
  await page.goBack();
  await page.getByTestId('error-banner').waitFor();
  await page.unroute(blocked);
  await page.getByTestId('retry').click();
  await page.getByTestId('row').first().waitFor();
  assert.equal(await page.getByTestId('error-banner').count(), 0);
  assert.deepEqual(page.problems, []);
});
