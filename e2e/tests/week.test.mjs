// The week of schedules: every job's runs on one timeline in a zone, compared with core's own
// computation from the same demo data (the sandbox's /__sandbox/week), with backup windows,
// runs outside them, starts per hour, daylight-saving changes, keyboard use and the table.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const go = (path) => ctx.page.goto(ctx.sandbox.url + path);

/// Core's runs for that week: job key to RFC 3339 instants.
async function expected(query) {
  const answer = await fetch(`${ctx.sandbox.url}/__sandbox/week?${query}`);
  return answer.json();
}

/// The week's timeline once every connection answered.
async function week(query) {
  await go(`/schedule/week?${query}`);
  await ctx.page.getByTestId('week').waitFor();
  await ctx.page.waitForFunction(() => document.querySelectorAll('[data-testid=source-summary]').length === 5);
}

/// The runs drawn, by job key.
const drawn = () => ctx.page.getByTestId('week-row').evaluateAll((rows) => Object.fromEntries(rows.map((row) =>
  [row.dataset.key, [...row.querySelectorAll('[data-testid=week-run]')].map((r) => r.getAttribute('datetime'))])));

const sorted = (runs) => Object.fromEntries(Object.entries(runs).sort(([a], [b]) => a.localeCompare(b)));

test('a week across the autumn change in Berlin: the runs core computes, the change where it happens', async () => {
  const page = ctx.page;
  const query = 'zone=Europe/Berlin&from=2026-10-19';
  await week(query);
  const core = await expected(query);
  assert.deepEqual(sorted(await drawn()), sorted(core.runs));
  assert.equal(await page.getByTestId('week').getAttribute('data-from'), core.from);
  assert.equal(await page.getByTestId('week').getAttribute('data-to'), core.to);
  assert.match(await page.getByTestId('week-title').innerText(), /Mon 19 Oct to Sun 25 Oct 2026 \(Europe\/Berlin\)/);
  // Clocks go back on Sunday: one more hour that day, drawn where it happens.
  const changes = page.getByTestId('dst-change');
  assert.equal(await changes.count(), 1);
  assert.equal(await changes.getAttribute('data-at'), '2026-10-25T01:00:00Z');
  assert.match(await changes.innerText(), /Clocks go back 1 h: 03:00 CEST becomes 02:00 CET/);
  // An hour per slot, 169 of them; together they count every run.
  const slots = await page.getByTestId('density-slot').evaluateAll((s) => s.map((e) => Number(e.dataset.count)));
  assert.equal(slots.length, 169);
  const total = Object.values(core.runs).reduce((n, runs) => n + runs.length, 0);
  assert.equal(slots.reduce((a, b) => a + b, 0), total);
  assert.ok(Math.max(...slots) >= 2, 'collisions stand out');
  // Jobs without runs are listed with the reason.
  const left = page.getByTestId('week-left');
  assert.match(await left.locator('li[data-key="rackspace/148327"]').innerText(), /Manual App Backup — Manually: it runs only when started\./);
  assert.match(await left.locator('li[data-key^="sbackup/"]').first().innerText(), /weekly-web — Suspended/);
  assert.deepEqual(page.problems, []);
});

test('backup windows shaded, runs they block marked, in the agents\' zone', async () => {
  const page = ctx.page;
  const query = 'zone=UTC&from=2026-11-23';
  await week(query);
  const platform = page.locator('[data-testid=week-row]', { hasText: 'Platform daily' });
  assert.ok(await platform.locator('.window').count() >= 1);
  // Wednesday's noon full backup (Warsaw) falls outside the weeknights-and-weekends window.
  const outside = await platform.locator('[data-testid=week-run][data-outside=true]').evaluateAll((r) => r.map((e) => e.getAttribute('datetime')));
  assert.deepEqual(outside, ['2026-11-25T11:00:00Z']);
  assert.match(await platform.locator('[data-outside=true]').getAttribute('aria-label'), /^Platform daily: Wed 25 Nov 11:00 UTC, outside the backup window$/);
  assert.equal(await page.locator('[data-testid=week-run][data-outside=true]').count(), 1);

  // The same week as a table: every run once, the blocked one said in words.
  await page.getByTestId('week-as-table').click();
  await page.waitForURL(/view=table/);
  const core = await expected(query);
  const total = Object.values(core.runs).reduce((n, runs) => n + runs.length, 0);
  assert.equal(await page.getByTestId('week-table-run').count(), total);
  const blocked = page.locator('[data-testid=week-table-run][data-outside=true]');
  assert.equal(await blocked.count(), 1);
  assert.match(await blocked.innerText(), /2026-11-25 11:00 UTC\s+Platform daily\s+Xopero demo\s+Outside: it will not start/);
  const instants = await page.locator('[data-testid=week-table-run] time').evaluateAll((t) => t.map((e) => e.getAttribute('datetime')));
  assert.deepEqual(instants, [...instants].sort(), 'in time order');
  assert.equal(await page.getByTestId('week-as-table').getAttribute('aria-pressed'), 'true');
});

test('the keyboard moves along a job\'s runs and between jobs', async () => {
  const page = ctx.page;
  await week('zone=UTC&from=2026-11-23');
  const rows = page.getByTestId('week-row');
  const first = rows.first().getByTestId('week-run');
  const focused = () => page.evaluate(() => [document.activeElement.closest('[data-testid=week-row]')?.dataset.key, document.activeElement.getAttribute('datetime')]);
  await first.first().focus();
  const key = await rows.first().getAttribute('data-key');
  const runs = await first.evaluateAll((r) => r.map((e) => e.getAttribute('datetime')));
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await focused(), [key, runs[1]]);
  await page.keyboard.press('End');
  assert.deepEqual(await focused(), [key, runs.at(-1)]);
  await page.keyboard.press('Home');
  assert.deepEqual(await focused(), [key, runs[0]]);
  await page.keyboard.press('ArrowDown');
  const second = rows.nth(1);
  assert.deepEqual(await focused(), [await second.getAttribute('data-key'), await second.getByTestId('week-run').first().getAttribute('datetime')]);
  await page.keyboard.press('ArrowUp');
  assert.deepEqual(await focused(), [key, runs[0]]);
  // One stop per job for Tab; each run named for screen readers.
  assert.equal(await rows.first().locator('[data-testid=week-run][tabindex="0"]').count(), 1);
  assert.match(await first.first().getAttribute('aria-label'), / UTC/);
});

test('the viewer\'s display zone by default, another picked, weeks stepped through', async () => {
  const page = ctx.page;
  await page.addInitScript(() => localStorage.setItem('backup-console.preferences.v1', JSON.stringify({ zone: 'Asia/Tokyo' })));
  await week('from=2026-11-23');
  assert.equal(await page.getByTestId('week').getAttribute('data-zone'), 'Asia/Tokyo');
  assert.equal(await page.getByTestId('week').getAttribute('data-from'), '2026-11-22T15:00:00Z');
  const tokyo = await expected('zone=Asia/Tokyo&from=2026-11-23');
  assert.deepEqual(sorted(await drawn()), sorted(tokyo.runs));
  await page.getByTestId('week-zone').selectOption('America/New_York');
  await page.waitForURL(/zone=America%2FNew_York/);
  await page.getByTestId('week').and(page.locator('[data-zone="America/New_York"]')).waitFor();
  await page.getByTestId('week-next').click();
  await page.waitForURL(/from=2026-11-30/);
  const york = await expected('zone=America/New_York&from=2026-11-30');
  await page.getByTestId('week').and(page.locator(`[data-from="${york.from}"]`)).waitFor();
  assert.deepEqual(sorted(await drawn()), sorted(york.runs));
  assert.deepEqual(page.problems, []);
});
