// The schedule editor: the standalone page (state in the URL) and the CyBorgBackup schedule form.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole, openPage } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });

const runTimes = () => ctx.page.getByTestId('next-run').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
const query = () => Object.fromEntries(new URL(ctx.page.url()).searchParams);

test('the standalone page reads its link, lists runs with offsets and writes edits back', async () => {
  await ctx.page.goto(`${ctx.sandbox.url}/schedule?cron=${encodeURIComponent('0 5 * * MON')}&tz=America/New_York&count=3&from=2026-11-25T00:00:00Z`);
  await ctx.page.getByTestId('next-run').first().waitFor();
  assert.equal(await ctx.page.getByTestId('cron-description').innerText(), 'At 05:00 on Monday');
  assert.deepEqual(await runTimes(), ['2026-11-30T05:00:00-05:00', '2026-12-07T05:00:00-05:00', '2026-12-14T05:00:00-05:00']);

  // Daylight saving: 02:30 does not exist in New York on 2026-03-08 and is skipped.
  await ctx.page.getByTestId('cron-input').fill('30 2 * * *');
  await ctx.page.getByTestId('from-input').fill('2026-03-06T12:00:00Z');
  await ctx.page.getByTestId('from-input').press('Enter');
  await ctx.page.waitForURL(/from=2026-03-06/);
  assert.deepEqual(await runTimes(), ['2026-03-07T02:30:00-05:00', '2026-03-09T02:30:00-04:00', '2026-03-10T02:30:00-04:00']);
  assert.equal(query().cron, '30 2 * * *');

  await ctx.page.getByTestId('tz-input').fill('Asia/Kolkata');
  await ctx.page.getByTestId('tz-input').press('Enter');
  await ctx.page.waitForURL(/tz=Asia%2FKolkata/);
  assert.equal((await runTimes())[0], '2026-03-07T02:30:00+05:30');

  await ctx.page.getByTestId('count-input').fill('7');
  await ctx.page.getByTestId('count-input').press('Enter');
  await ctx.page.waitForURL(/count=7/);
  assert.equal((await runTimes()).length, 7);

  // CyBorgBackup's dialect wants the year field and reads both day fields together.
  await ctx.page.getByTestId('dialect-select').selectOption('cyborgbackup');
  await ctx.page.waitForURL(/dialect=cyborgbackup/);
  assert.match(await ctx.page.getByTestId('cron-error').innerText(), /Found 5 fields; expected 6 fields/);
  await ctx.page.getByTestId('cron-input').fill('0 0 13 * FRI *');
  assert.equal(await ctx.page.getByTestId('cron-description').innerText(), 'At 00:00 on day 13 of the month, if it is a Friday');
  assert.match((await runTimes())[0], /^2026-03-13T00:00:00\+05:30$/);
  await ctx.page.getByTestId('dialect-select').selectOption('standard');

  // A mistake is pointed at, and no runs are listed.
  await ctx.page.getByTestId('cron-input').fill('30 2 * 13 *');
  assert.match(await ctx.page.getByTestId('cron-error').innerText(), /Month field \(at character 8\): 13 is out of range/);
  assert.equal(await ctx.page.getByTestId('next-run').count(), 0);
  assert.deepEqual(ctx.page.problems, []);
});

test('the backup window is painted with mouse and keyboard, flags runs and lives in the link', async () => {
  await ctx.page.goto(`${ctx.sandbox.url}/schedule?cron=${encodeURIComponent('0 12,23 * * 1')}&tz=UTC&count=2&from=2026-11-25T00:00:00Z`);
  await ctx.page.getByTestId('window-preset').selectOption('Weeknights 22:00-06:00');
  await ctx.page.getByTestId('window-summary').filter({ hasText: 'Mon-Fri 22:00-06:00' }).waitFor();
  assert.equal(await ctx.page.getByTestId('window-run-blocked').count(), 1);
  assert.equal(await ctx.page.getByTestId('window-run-blocked').getAttribute('datetime'), '2026-11-30T12:00:00Z');

  // Drag across Monday 11:00-13:00 to allow those hours: the midday run is inside now.
  await ctx.page.getByTestId('window-cell-1-13').scrollIntoViewIfNeeded();
  const box = async (id) => (await ctx.page.getByTestId(id).boundingBox());
  const from = await box('window-cell-1-11');
  const to = await box('window-cell-1-13');
  await ctx.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await ctx.page.mouse.down();
  await ctx.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await ctx.page.mouse.up();
  await ctx.page.getByTestId('window-run-blocked').waitFor({ state: 'detached' });
  assert.equal(await ctx.page.getByTestId('window-cell-1-12').getAttribute('aria-selected'), 'true');

  // Keyboard: Down to Tuesday 13:00 (blocked), Space allows it, Shift+Left extends back to 11:00.
  assert.equal(await ctx.page.getByTestId('window-cell-2-11').getAttribute('aria-selected'), 'false');
  await ctx.page.keyboard.press('ArrowDown');
  await ctx.page.keyboard.press('Space');
  await ctx.page.keyboard.press('Shift+ArrowLeft');
  await ctx.page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await ctx.page.getByTestId('window-cell-2-11').getAttribute('aria-selected'), 'true');
  assert.equal(await ctx.page.getByTestId('window-cell-2-12').getAttribute('aria-selected'), 'true');
  assert.equal(await ctx.page.getByTestId('window-cell-2-10').getAttribute('aria-selected'), 'false');
  assert.match(await ctx.page.getByTestId('window-summary').innerText(), /Tue 11:00-14:00/);

  await ctx.page.waitForURL(/window=/);
  const link = ctx.page.url();
  const summary = await ctx.page.getByTestId('window-summary').innerText();
  const fresh = await openPage(ctx.browser);
  await fresh.goto(link);
  await fresh.getByTestId('window-summary').filter({ hasText: summary }).waitFor();
  assert.equal(await fresh.getByTestId('window-cell-1-12').getAttribute('aria-selected'), 'true');
  assert.deepEqual(ctx.page.problems, []);
});

test('the CyBorgBackup schedule form uses the editor and sends what it shows', async () => {
  await ctx.page.goto(`${ctx.sandbox.url}/c/cyborg/schedules/new`);
  await ctx.page.getByTestId('field-name').fill('Weekday nights');
  await ctx.page.getByTestId('cron-preset').selectOption('0 22 * * 1-5');
  await ctx.page.getByTestId('cron-description').filter({ hasText: 'At 22:00 on Monday through Friday' }).waitFor();
  // The builder changes one field; the text follows.
  await ctx.page.getByTestId('cron-field-minute').fill('45');
  await ctx.page.getByTestId('cron-field-minute').press('Tab');
  assert.equal(await ctx.page.getByTestId('field-crontab').inputValue(), '45 22 * * 1-5 *');
  await ctx.page.getByTestId('form-submit').click();
  await ctx.page.getByTestId('detail').waitFor();
  const post = ctx.calls.find((c) => c.method === 'POST');
  assert.deepEqual(JSON.parse(post.body), { name: 'Weekday nights', crontab: '45 22 * * 1-5 *', enabled: true });
  assert.equal(await ctx.page.locator('dd[data-field=crontab]').innerText(), '45 22 * * 1-5 *');

  // Editing the seeded six-field schedule keeps its year field.
  await ctx.page.goto(`${ctx.sandbox.url}/c/cyborg/schedules/1/edit`);
  await ctx.page.getByTestId('cron-field-year').waitFor();
  await ctx.page.getByTestId('cron-field-hour').fill('6');
  await ctx.page.getByTestId('cron-field-hour').press('Tab');
  assert.equal(await ctx.page.getByTestId('cron-description').innerText(), 'At 06:00 on Monday');
  await ctx.page.getByTestId('form-submit').click();
  await ctx.page.getByTestId('detail').waitFor();
  const patch = ctx.calls.find((c) => c.method === 'PATCH');
  assert.equal(JSON.parse(patch.body).crontab, '0 6 * * MON *');
  assert.deepEqual(ctx.page.problems, []);
});
