// The overview: every demo connection's jobs at once, counted by health as core counts them
// (the sandbox's /__sandbox/jobs), ordered and filtered through the URL, exported as CSV,
// refreshed on a timer the operator can pause, and every time in the operator's display zone.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const rows = () => ctx.page.getByTestId('row');
const HEALTHS = ['failed', 'overdue', 'running', 'healthy', 'suspended', 'unknown'];
const RESULT_ORDER = ['Failed', 'Warnings', 'Running', 'Succeeded', 'Unknown'];

/// What core says of the demo jobs now.
async function expected() {
  const answer = await fetch(`${ctx.sandbox.url}/__sandbox/jobs`);
  return answer.json();
}

/// The overview with every connection's card answered.
async function loaded(path = '/') {
  await go(path);
  await ctx.page.waitForFunction(() => document.querySelectorAll('[data-testid=source-summary]').length === 5);
}

const column = (name) => ctx.page.locator(`[data-testid=row] td[data-col=${name}]`).allInnerTexts();
const times = (name) => ctx.page.locator(`[data-testid=row] td[data-col=${name}]`).evaluateAll((cells) =>
  cells.map((c) => c.querySelector('time')?.getAttribute('datetime') ?? null));

test('every connection loads in parallel; counts and rows are what core computes', async () => {
  const page = ctx.page;
  await loaded();
  const core = await expected();
  for (const health of HEALTHS) {
    assert.equal(Number(await page.getByTestId(`count-${health}`).getAttribute('data-count')), core.counts[health], health);
  }
  for (const health of ['failed', 'overdue', 'running', 'healthy']) assert.ok(core.counts[health] >= 2, health);
  assert.equal(await rows().count(), core.jobs.length);
  assert.equal(await page.getByTestId('jobs-shown').innerText(), `${core.jobs.length} of ${core.jobs.length} jobs`);
  for (const job of core.jobs) {
    const health = await page.locator(`tr[data-id="${job.key}"] td[data-col=health] [data-tone]`).innerText();
    assert.equal(health.toLowerCase().split(' ')[0], job.health, job.key);
  }
  // Each row links to the job's page; the vendors' ids go in the route.
  assert.equal(await page.locator('tr[data-id="cyborg/2"] td[data-col=name] a').getAttribute('href'), '/c/cyborg/policies/2');
  assert.equal(await page.locator('tr[data-id="rackspace/148328"] td[data-col=name] a').getAttribute('href'), '/c/rackspace/configurations/148328');
  assert.match(await page.locator('tr[data-id^="cloudback/"] td[data-col=name] a').first().getAttribute('href'), /^\/c\/cloudback\/definitions\//);
  // The vendor's next run when it says (CyBorgBackup), computed otherwise: the same instants.
  for (const job of core.jobs.filter((j) => j.next_run)) {
    const shown = await page.locator(`tr[data-id="${job.key}"] td[data-col=next_run] time`).getAttribute('datetime');
    assert.equal(shown, job.next_run, job.key);
  }
  await page.locator('tr[data-id="cyborg/2"] td[data-col=name] a').click();
  await page.waitForURL(/\/c\/cyborg\/policies\/2$/);
  await page.getByTestId('detail').waitFor();
  assert.deepEqual(page.problems, []);
});

test('ordered by last result, last run and next run, the order kept in the URL', async () => {
  const page = ctx.page;
  await loaded();
  await page.getByTestId('sort-last_result').click();
  await page.waitForURL(/\?order=last_result$/);
  const ranks = (await column('last_result')).map((r) => RESULT_ORDER.indexOf(r));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  assert.equal(ranks[0], 0, 'failures first');
  await page.getByTestId('sort-last_result').click();
  await page.waitForURL(/\?order=-last_result$/);
  const down = (await column('last_result')).map((r) => RESULT_ORDER.indexOf(r));
  assert.deepEqual(down, [...down].sort((a, b) => b - a));

  const ordered = (list, descending) => {
    const known = list.filter((t) => t !== null);
    const sorted = [...known].sort();
    if (descending) sorted.reverse();
    // Jobs without the time come last either way.
    assert.deepEqual(list, [...sorted, ...list.filter((t) => t === null)]);
  };
  await page.getByTestId('sort-last_run').click();
  await page.waitForURL(/\?order=last_run$/);
  ordered(await times('last_run'), false);
  await page.getByTestId('sort-next_run').click();
  await page.getByTestId('sort-next_run').click();
  await page.waitForURL(/\?order=-next_run$/);
  ordered(await times('next_run'), true);
  assert.equal(await page.locator('th:has([data-testid=sort-next_run])').getAttribute('aria-sort'), 'descending');
  // A reload keeps the order.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=source-summary]').length === 5);
  ordered(await times('next_run'), true);
});

test('filters by vendor, connection and health live in the URL', async () => {
  const page = ctx.page;
  await loaded();
  const core = await expected();
  await page.getByTestId('field-vendor').selectOption('rackspace');
  await page.waitForURL(/\?vendor=rackspace$/);
  const rackspace = core.jobs.filter((j) => j.vendor === 'rackspace');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=row]').length === n, rackspace.length);
  assert.deepEqual([...new Set(await column('vendor'))], ['Rackspace Cloud Backup']);

  await page.getByTestId('count-failed').click();
  await page.waitForURL(/\?vendor=rackspace&health=failed$/);
  const failed = rackspace.filter((j) => j.health === 'failed');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=row]').length === n, failed.length);
  assert.equal(await page.getByTestId('count-failed').getAttribute('aria-current'), 'true');

  // A shared link opens on the same view.
  await loaded('/?connection=sbackup&health=healthy');
  assert.equal(await page.getByTestId('field-connection').inputValue(), 'sbackup');
  assert.equal(await page.getByTestId('field-health').inputValue(), 'healthy');
  const healthy = core.jobs.filter((j) => j.connection === 'sbackup' && j.health === 'healthy');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=row]').length === n, healthy.length);
  assert.deepEqual((await rows().evaluateAll((r) => r.map((e) => e.dataset.id))), healthy.map((j) => j.key));
  await page.getByTestId('field-health').selectOption('');
  await page.waitForURL(/\/\?connection=sbackup$/);
  await page.getByTestId('field-connection').selectOption('');
  await page.waitForURL((url) => url.search === '');
  assert.equal(await rows().count(), core.jobs.length);
});

test('the table shown downloads as CSV', async () => {
  const page = ctx.page;
  await loaded('/?vendor=cyborgbackup&order=name');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=row]').length === 3);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  assert.match(download.suggestedFilename(), /^backup-jobs-\d{8}-\d{4}\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'connection,vendor,job,health,last_result,last_run,duration_seconds,next_run,next_run_from,enabled,schedule,zone,window,route');
  assert.equal(lines.length, 5, 'a header, three jobs, the final line end');
  const [databases, full, web] = lines.slice(1, 4).map((l) => l.split(','));
  assert.deepEqual(databases.slice(0, 5), ['cyborg', 'cyborgbackup', 'Databases', 'running', 'running']);
  assert.deepEqual(full.slice(0, 5), ['cyborg', 'cyborgbackup', 'Full Features', 'overdue', 'success']);
  assert.equal(full[6], '2520', 'took 42 minutes');
  assert.deepEqual(web.slice(0, 5), ['cyborg', 'cyborgbackup', 'Web servers', 'failed', 'failure']);
  assert.equal(web[8], 'vendor', 'CyBorgBackup says its next run');
  assert.equal(web[7], await page.locator('tr[data-id="cyborg/2"] td[data-col=next_run] time').getAttribute('datetime'));
  assert.equal(web.at(-1), '/c/cyborg/policies/2');
  assert.equal(web.at(-3), 'UTC');
});

test('a refused credential stops only its own card', async () => {
  const page = ctx.page;
  await page.addInitScript((value) => sessionStorage.setItem('backup-console.connections.v1', value),
    JSON.stringify([{ id: 'wrong', vendor: 'cyborgbackup', label: 'Wrong token', base_url: `${ctx.sandbox.url}/cyborgbackup`, token: 'not-the-token' }]));
  await go('/');
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-cancel').click();
  const wrong = page.locator('[data-testid=source-card][data-connection=wrong]');
  await wrong.getByTestId('error-banner').waitFor();
  assert.equal(await wrong.getByTestId('error-banner').getAttribute('data-kind'), 'unauthorized');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=source-summary]').length === 5);
  const core = await expected();
  assert.equal(await rows().count(), core.jobs.length, 'every other connection\'s jobs');
  assert.deepEqual(page.problems, []);
});

test('refreshes every minute unless paused, or now on demand', async () => {
  const page = ctx.page;
  await page.clock.install();
  await loaded();
  const policies = (req) => new URL(req.url()).pathname === '/cyborgbackup/api/v1/policies/' && req.method() === 'GET';
  const asked = () => ctx.calls.filter((c) => new URL(c.url).pathname === '/cyborgbackup/api/v1/policies/').length;
  assert.equal(asked(), 1);
  await Promise.all([page.waitForRequest(policies), page.clock.runFor(61_000)]);
  assert.equal(asked(), 2);
  await page.getByTestId('refresh-pause').click();
  assert.equal(await page.getByTestId('refresh-pause').getAttribute('aria-pressed'), 'true');
  await page.clock.runFor(130_000);
  // Asking now is the only new request: the paused timer sent none.
  await Promise.all([page.waitForRequest(policies), page.getByTestId('refresh-now').click()]);
  assert.equal(asked(), 3);
  await page.getByTestId('refresh-pause').click();
  assert.equal(await page.getByTestId('refresh-pause').getAttribute('aria-pressed'), 'false');
});

test('times read in the display zone chosen in the top bar, kept on this device', async () => {
  const page = ctx.page;
  await loaded('/?order=name');
  const cell = page.locator('tr[data-id="cyborg/2"] td[data-col=next_run] time');
  const instant = await cell.getAttribute('datetime');
  await page.getByTestId('display-zone').selectOption('Asia/Tokyo');
  await cell.filter({ hasText: / JST$/ }).waitFor();
  const tokyo = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));
  assert.equal((await cell.innerText()).slice(0, 16), tokyo);
  assert.equal(await cell.getAttribute('datetime'), instant, 'the exact instant stays');
  assert.match(await cell.getAttribute('title'), /^in .+ · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  assert.match(await page.locator('tr[data-id="cyborg/2"] td[data-col=last_run] time').getAttribute('title'), / ago · /);
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-console.preferences.v1')), '{"zone":"Asia/Tokyo"}');
  // Another page, after a reload: the same zone.
  await go('/c/rackspace/configurations/148325');
  await page.locator('[data-testid=detail] time').first().filter({ hasText: / JST$/ }).waitFor();
  await page.getByTestId('display-zone').selectOption('UTC');
  await page.locator('[data-testid=detail] time').first().filter({ hasText: / UTC$/ }).waitFor();
  await page.getByTestId('display-zone').selectOption('browser');
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-console.preferences.v1')), '{}');
  assert.deepEqual(page.problems, []);
});
