// The schedule editor: the standalone page (state in the URL) and the CyBorgBackup schedule form.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, launchBrowser, openPage, recordApiCalls } from './harness.mjs';

let sandbox, browser, page, calls;

before(async () => {
  sandbox = await startSandbox();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  sandbox?.stop();
});
beforeEach(async () => {
  await sandbox.reset();
  page = await openPage(browser);
  calls = recordApiCalls(page);
});

const runTimes = () => page.getByTestId('next-run').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
const query = () => Object.fromEntries(new URL(page.url()).searchParams);

test('the standalone page reads its link, lists runs with offsets and writes edits back', async () => {
  await page.goto(`${sandbox.url}/schedule?cron=${encodeURIComponent('0 5 * * MON')}&tz=America/New_York&count=3&from=2026-11-25T00:00:00Z`);
  await page.getByTestId('next-run').first().waitFor();
  assert.equal(await page.getByTestId('cron-description').innerText(), 'At 05:00 on Monday');
  assert.deepEqual(await runTimes(), ['2026-11-30T05:00:00-05:00', '2026-12-07T05:00:00-05:00', '2026-12-14T05:00:00-05:00']);

  // Daylight saving: 02:30 does not exist in New York on 2026-03-08 and is skipped.
  await page.getByTestId('cron-input').fill('30 2 * * *');
  await page.getByTestId('from-input').fill('2026-03-06T12:00:00Z');
  await page.getByTestId('from-input').press('Enter');
  await page.waitForURL(/from=2026-03-06/);
  assert.deepEqual(await runTimes(), ['2026-03-07T02:30:00-05:00', '2026-03-09T02:30:00-04:00', '2026-03-10T02:30:00-04:00']);
  assert.equal(query().cron, '30 2 * * *');

  await page.getByTestId('tz-input').fill('Asia/Kolkata');
  await page.getByTestId('tz-input').press('Enter');
  await page.waitForURL(/tz=Asia%2FKolkata/);
  assert.equal((await runTimes())[0], '2026-03-07T02:30:00+05:30');

  await page.getByTestId('count-input').fill('7');
  await page.getByTestId('count-input').press('Enter');
  await page.waitForURL(/count=7/);
  assert.equal((await runTimes()).length, 7);

  // CyBorgBackup's dialect wants the year field and reads both day fields together.
  await page.getByTestId('dialect-select').selectOption('cyborgbackup');
  await page.waitForURL(/dialect=cyborgbackup/);
  assert.match(await page.getByTestId('cron-error').innerText(), /Found 5 fields; expected 6 fields/);
  await page.getByTestId('cron-input').fill('0 0 13 * FRI *');
  assert.equal(await page.getByTestId('cron-description').innerText(), 'At 00:00 on day 13 of the month, if it is a Friday');
  assert.match((await runTimes())[0], /^2026-03-13T00:00:00\+05:30$/);
  await page.getByTestId('dialect-select').selectOption('standard');

  // A mistake is pointed at, and no runs are listed.
  await page.getByTestId('cron-input').fill('30 2 * 13 *');
  assert.match(await page.getByTestId('cron-error').innerText(), /Month field \(at character 8\): 13 is out of range/);
  assert.equal(await page.getByTestId('next-run').count(), 0);
  assert.deepEqual(page.problems, []);
});

test('the backup window is painted with mouse and keyboard, flags runs and lives in the link', async () => {
  await page.goto(`${sandbox.url}/schedule?cron=${encodeURIComponent('0 12,23 * * 1')}&tz=UTC&count=2&from=2026-11-25T00:00:00Z`);
  await page.getByTestId('window-preset').selectOption('Weeknights 22:00-06:00');
  await page.getByTestId('window-summary').filter({ hasText: 'Mon-Fri 22:00-06:00' }).waitFor();
  assert.equal(await page.getByTestId('window-run-blocked').count(), 1);
  assert.equal(await page.getByTestId('window-run-blocked').getAttribute('datetime'), '2026-11-30T12:00:00Z');

  // Drag across Monday 11:00-13:00 to allow those hours: the midday run is inside now.
  await page.getByTestId('window-cell-1-13').scrollIntoViewIfNeeded();
  const box = async (id) => (await page.getByTestId(id).boundingBox());
  const from = await box('window-cell-1-11');
  const to = await box('window-cell-1-13');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('window-run-blocked').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('window-cell-1-12').getAttribute('aria-selected'), 'true');

  // Keyboard: Down to Tuesday 13:00 (blocked), Space allows it, Shift+Left extends back to 11:00.
  assert.equal(await page.getByTestId('window-cell-2-11').getAttribute('aria-selected'), 'false');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await page.getByTestId('window-cell-2-11').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByTestId('window-cell-2-12').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByTestId('window-cell-2-10').getAttribute('aria-selected'), 'false');
  assert.match(await page.getByTestId('window-summary').innerText(), /Tue 11:00-14:00/);

  await page.waitForURL(/window=/);
  const link = page.url();
  const summary = await page.getByTestId('window-summary').innerText();
  const fresh = await openPage(browser);
  await fresh.goto(link);
  await fresh.getByTestId('window-summary').filter({ hasText: summary }).waitFor();
  assert.equal(await fresh.getByTestId('window-cell-1-12').getAttribute('aria-selected'), 'true');
  assert.deepEqual(page.problems, []);
});

test('the CyBorgBackup schedule form uses the editor and sends what it shows', async () => {
  await page.goto(`${sandbox.url}/c/cyborg/schedules/new`);
  await page.getByTestId('field-name').fill('Weekday nights');
  await page.getByTestId('cron-preset').selectOption('0 22 * * 1-5');
  await page.getByTestId('cron-description').filter({ hasText: 'At 22:00 on Monday through Friday' }).waitFor();
  // The builder changes one field; the text follows.
  await page.getByTestId('cron-field-minute').fill('45');
  await page.getByTestId('cron-field-minute').press('Tab');
  assert.equal(await page.getByTestId('field-crontab').inputValue(), '45 22 * * 1-5 *');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('detail').waitFor();
  const post = calls.find((c) => c.method === 'POST');
  assert.deepEqual(JSON.parse(post.body), { name: 'Weekday nights', crontab: '45 22 * * 1-5 *', enabled: true });
  assert.equal(await page.locator('dd[data-field=crontab]').innerText(), '45 22 * * 1-5 *');

  // Editing the seeded six-field schedule keeps its year field.
  await page.goto(`${sandbox.url}/c/cyborg/schedules/1/edit`);
  await page.getByTestId('cron-field-year').waitFor();
  await page.getByTestId('cron-field-hour').fill('6');
  await page.getByTestId('cron-field-hour').press('Tab');
  assert.equal(await page.getByTestId('cron-description').innerText(), 'At 06:00 on Monday');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('detail').waitFor();
  const patch = calls.find((c) => c.method === 'PATCH');
  assert.equal(JSON.parse(patch.body).crontab, '0 6 * * MON *');
  assert.deepEqual(page.problems, []);
});
