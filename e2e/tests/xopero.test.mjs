// Xopero through the console: sign-in, organizations, repositories (filters, licences in bulk,
// removal, sync), plans (attach, detach, the whole-plan editor with its schedule and backup
// window), and the failures of a read and of a write.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole, openPage } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });

const guid = (kind, n) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const ACME = guid(0x0a, 1);
const repo = (n) => guid(0x0b, n);
const NIGHTLY = guid(0x0c, 1);
const ORG_PAGE = `/c/xopero/organizations/${ACME}`;
const REPOS = `${ORG_PAGE}/repositories`;
const PLAN = `${ORG_PAGE}/plans/${NIGHTLY}`;

const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const api = (part) => ctx.calls.filter((c) => new URL(c.url).pathname === `/xopero/${part}`);
const sent = (part, index = -1) => JSON.parse(api(part).at(index).body);
const banner = () => ctx.page.getByTestId('error-banner');
const notice = () => ctx.page.getByTestId('notice');
const rows = (scope) => ctx.page.locator(`[data-testid=${scope}] [data-testid=row]`);
const names = async (scope) => (await rows(scope).locator('td[data-col=name]').allInnerTexts());
const expire = async () => {
  const response = await fetch(`${ctx.sandbox.url}/xopero/__expire`, { method: 'POST' });
  assert.ok(response.ok);
};
/// The option at `index` of the plan's schedule.
const option = (index) => ctx.page.locator(`[data-testid=schedule-option][data-index="${index}"]`);

async function choose(...ids) {
  for (const id of ids) await ctx.page.locator(`[data-testid=repositories] tr[data-id="${id}"] [data-testid=select-row]`).check();
}

test('sign in with email and password after the token expired; the password is never kept', async () => {
  const page = ctx.page;
  await expire();
  await go('/c/xopero/organizations');
  await page.getByTestId('sign-in-dialog').waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'unauthorized');
  assert.match(await banner().innerText(), /last 30 days/);
  await page.getByTestId('sign-in-use-key').check();
  assert.equal(await page.getByTestId('sign-in-email').inputValue(), 'admin@example.com', 'prefilled from the connection');
  await page.getByTestId('sign-in-password').fill('not-the-password');
  await page.getByTestId('sign-in-submit').click();
  await page.locator('[data-testid=sign-in-dialog] [data-testid=error-banner]').filter({ hasText: 'Invalid email or password.' }).waitFor();
  await page.getByTestId('sign-in-password').fill('demo-password');
  await page.getByTestId('sign-in-remember').check();
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await rows('organizations').first().waitFor();
  assert.deepEqual(sent('account/login'), { email: 'admin@example.com', password: 'demo-password', rememberMe: true });
  const token = api('git/organizations/getmany').at(-1).headers.authorization;
  assert.match(token, /^Bearer xopero-\d+-/);
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  assert.ok(!stored.includes('demo-password'), 'the password is never stored');
  // The demo connection comes from console.json: like it, its new token lives in memory only.
  assert.ok(!stored.includes(token.slice('Bearer '.length)), 'the token is not copied into storage');
  assert.deepEqual(page.problems, []);
});

test('sign in with another account when asked, though the connection has a token', async () => {
  const page = ctx.page;
  await go('/c/xopero/organizations');
  await rows('organizations').first().waitFor();
  assert.equal(api('git/organizations/getmany').at(-1).headers.authorization, 'Bearer demo-token');
  await page.getByTestId('xopero-sign-in').click();
  await page.getByTestId('sign-in-dialog').waitFor();
  assert.match(await page.getByTestId('sign-in-why').innerText(), /Sign in to get a new token/);
  assert.ok(await page.getByTestId('sign-in-use-key').isChecked(), 'email and password come first when asked for');
  await page.getByTestId('sign-in-password').fill('demo-password');
  // The new token reloads the page's data with it.
  const reloaded = page.waitForRequest((r) => r.url().endsWith('/xopero/git/organizations/getmany') && /^Bearer xopero-\d+-/.test(r.headers().authorization ?? ''));
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await reloaded;
  assert.deepEqual(sent('account/login'), { email: 'admin@example.com', password: 'demo-password', rememberMe: false });
});

test('403: an account without the System Administrator role is told so', async () => {
  const page = ctx.page;
  await expire();
  await go('/c/xopero/organizations');
  await page.getByTestId('sign-in-use-key').check();
  await page.getByTestId('sign-in-email').fill('viewer@example.com');
  await page.getByTestId('sign-in-password').fill('demo-password');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await banner().filter({ hasText: 'System Administrator role' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'forbidden');
});

test('organizations: server paging and ordering kept in the URL, counts, badges, times in the operator\'s zone', async () => {
  const page = ctx.page;
  await go('/c/xopero/organizations?limit=2');
  await rows('organizations').first().waitFor();
  assert.equal(await page.getByTestId('page-status').innerText(), 'Page 1 of 2 · 4 total');
  assert.deepEqual(await names('organizations'), ['acme', 'platform-team']);
  assert.deepEqual(sent('git/organizations/getmany'), { limit: 2, Page: 1 });
  await page.getByTestId('page-next').click();
  await page.waitForURL(/page=2/);
  await page.getByTestId('page-status').filter({ hasText: 'Page 2 of 2' }).waitFor();
  // The address changes first; the rows follow when the second page arrives.
  await page.locator('[data-testid=organizations] tr[data-id]').first().filter({ hasText: 'mobile' }).waitFor();
  assert.deepEqual(await names('organizations'), ['mobile', 'research']);
  assert.equal(await page.locator('tr[data-id] td[data-col=driver]').last().innerText(), 'driver 4');

  await page.getByTestId('sort-name').click();
  await page.waitForURL(/order_by=Name/);
  await page.getByTestId('page-status').filter({ hasText: 'Page 1 of 2' }).waitFor();
  await page.getByTestId('sort-name').click();
  await page.waitForURL(/order_by=-Name/);
  await page.locator('[data-testid=organizations] tr[data-id]').first().filter({ hasText: 'research' }).waitFor();
  assert.deepEqual(sent('git/organizations/getmany'), { limit: 2, Page: 1, orderby: 'Name', ordertype: 'desc' });
  await page.getByTestId('sort-totalRepositories').click();
  await page.waitForURL(/order_by=TotalRepositories/);
  await page.locator('[data-testid=organizations] tr[data-id]').first().filter({ hasText: 'research' }).waitFor();
  await page.reload();
  await rows('organizations').first().waitFor();
  assert.deepEqual(await names('organizations'), ['research', 'mobile'], 'the order survives a reload');

  await go('/c/xopero/organizations');
  const acme = page.locator(`tr[data-id="${ACME}"]`);
  await acme.waitFor();
  assert.deepEqual(
    await Promise.all(['driver', 'protectedRepositories', 'totalRepositories', 'missingLicences', 'removedRepositories', 'synchronizationInProgress'].map((c) => acme.locator(`td[data-col=${c}]`).innerText())),
    ['GitHub', '8', '14', '5', '2', 'No'],
  );
  const badge = acme.locator('td[data-col=lastStatus] .badge');
  assert.equal(await badge.innerText(), 'Warnings', 'a badge says its status in words');
  assert.equal(await badge.getAttribute('data-tone'), 'warning');

  // Another operator in Tokyo reads the same instants in their own zone.
  const context = await ctx.browser.newContext({ timezoneId: 'Asia/Tokyo' });
  const tokyo = await context.newPage();
  await tokyo.goto(ctx.sandbox.url + '/c/xopero/organizations');
  const finished = tokyo.locator(`tr[data-id="${ACME}"] td[data-col=lastFinished] time`);
  await finished.waitFor();
  assert.match(await finished.innerText(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} JST$/);
  const instant = new Date(await finished.getAttribute('datetime'));
  const expected = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' }).format(instant);
  assert.equal((await finished.innerText()).slice(0, 16), expected);
  await context.close();
  assert.deepEqual(page.problems, []);
});

test('repositories: filters as controls in the URL, surviving a reload', async () => {
  const page = ctx.page;
  await go(REPOS);
  await rows('repositories').first().waitFor();
  assert.equal(await rows('repositories').count(), 14);
  await page.getByTestId('field-protected').selectOption('false');
  await page.waitForURL(/protected=false/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=repositories] [data-testid=row]').length === 6);
  await page.getByTestId('field-search').fill('mo');
  await page.waitForURL(/search=mo/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=repositories] [data-testid=row]').length === 2);
  assert.deepEqual(await names('repositories'), ['acme/mobile-app', 'acme/ml-models']);
  assert.deepEqual(api('git/repositories/getmany').map((c) => JSON.parse(c.body)).filter((b) => b.limit !== 1).at(-1).filters, [
    { operator: 'eq', value: false, property: 'IsProtected' },
    { operator: 'contains', value: 'mo', property: 'Name' },
  ]);
  await page.getByTestId('sort-name').click();
  await page.waitForURL(/order_by=Name/);
  await page.reload();
  await rows('repositories').first().waitFor();
  assert.equal(await page.getByTestId('field-protected').inputValue(), 'false');
  assert.equal(await page.getByTestId('field-search').inputValue(), 'mo');
  assert.deepEqual(await names('repositories'), ['acme/ml-models', 'acme/mobile-app']);
  // The table's own request (the synchronization state asks for one row).
  const body = api('git/repositories/getmany').map((c) => JSON.parse(c.body)).filter((b) => b.limit !== 1).at(-1);
  assert.deepEqual([body.id, body.orderby, body.ordertype, body.page], [ACME, 'Name', 'asc', 1]);

  await page.getByTestId('field-removed').selectOption('true');
  await page.getByTestId('field-search').fill('');
  await page.getByTestId('field-protected').selectOption('');
  await page.waitForURL((url) => url.search.includes('removed=true') && !url.search.includes('protected'));
  await page.locator(`[data-testid=repositories] tr[data-id="${repo(12)}"]`).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=repositories] [data-testid=row]').length === 2);
  assert.deepEqual(await names('repositories'), ['acme/legacy-portal', 'acme/old-wiki']);
  // Dates are epoch milliseconds; 0 reads as never.
  const oldWiki = page.locator(`tr[data-id="${repo(12)}"]`);
  assert.equal(await oldWiki.locator('td[data-col=lastBackup]').innerText(), '—');
  assert.match(await page.locator(`tr[data-id="${repo(11)}"] td[data-col=lastBackup]`).innerText(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+$/);
  assert.deepEqual(page.problems, []);
});

test('licences in bulk: activate three, then a result per repository with error codes in words', async () => {
  const page = ctx.page;
  await go(`${REPOS}?protected=false`);
  await rows('repositories').first().waitFor();
  await choose(repo(5), repo(6), repo(13));
  assert.equal(await page.getByTestId('chosen-count').innerText(), '3 chosen');
  await page.getByTestId('bulk-activate').click();
  await notice().filter({ hasText: '3 activated' }).waitFor();
  assert.deepEqual(sent('git/repositories/activate'), { Ids: [repo(5), repo(6), repo(13)] });
  const results = rows('bulk-results');
  assert.equal(await results.count(), 3);
  assert.deepEqual(await results.locator('td[data-col=result]').allInnerTexts(), ['Activated', 'Activated', 'Activated']);
  assert.deepEqual(await results.locator('td[data-col=repository]').allInnerTexts(), ['acme/mobile-app', 'acme/data-pipeline', 'acme/ml-models']);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=repositories] [data-testid=row]').length === 3);
  assert.equal(await page.getByTestId('chosen-count').innerText(), '0 chosen');

  // Two licences are left for three more: the third is refused, and says why.
  await choose(repo(10), repo(12), repo(14));
  await page.getByTestId('bulk-activate').click();
  await notice().filter({ hasText: '2 activated, 1 refused' }).waitFor();
  const refused = page.locator(`[data-testid=bulk-results] tr[data-id="${repo(14)}"]`);
  assert.equal(await refused.locator('td[data-col=result] .badge').innerText(), 'Refused');
  assert.equal(await refused.locator('td[data-col=detail]').innerText(), 'No free licence is left to activate this repository. (LI5020)');

  await go(ORG_PAGE);
  await page.locator('dd[data-field=protectedRepositories]').filter({ hasText: '13' }).waitFor();
  assert.equal(await page.locator('dd[data-field=missingLicences]').innerText(), '1');
  assert.deepEqual(page.problems, []);
});

test('licences in bulk: deactivate, with a refusal for a repository that holds none', async () => {
  const page = ctx.page;
  await go(REPOS);
  await rows('repositories').first().waitFor();
  await choose(repo(1), repo(14));
  await page.getByTestId('bulk-deactivate').click();
  await notice().filter({ hasText: '1 deactivated, 1 refused' }).waitFor();
  assert.deepEqual(sent('git/repositories/deactivate'), { Ids: [repo(1), repo(14)] });
  assert.equal(await page.locator(`[data-testid=bulk-results] tr[data-id="${repo(1)}"] td[data-col=result]`).innerText(), 'Deactivated');
  assert.equal(
    await page.locator(`[data-testid=bulk-results] tr[data-id="${repo(14)}"] td[data-col=detail]`).innerText(),
    'This repository holds no licence to deactivate. (GT1001)',
  );
  await page.locator(`[data-testid=repositories] tr[data-id="${repo(1)}"] td[data-col=isProtected]`).filter({ hasText: 'No' }).waitFor();
  await page.getByTestId('bulk-dismiss').click();
  await page.getByTestId('bulk-results').waitFor({ state: 'detached' });
});

test('remove one repository, confirmed by name and with whether its data goes too', async () => {
  const page = ctx.page;
  await go(`${REPOS}?removed=true`);
  await rows('repositories').first().waitFor();
  await choose(repo(12));
  await page.getByTestId('remove-button').click();
  const dialog = page.getByTestId('confirm-dialog');
  assert.match(await dialog.innerText(), /Remove the repository "acme\/old-wiki" from Xopero\?/);
  assert.equal(await page.getByTestId('remove-consequence').innerText(), 'Its backed-up data is kept.');
  await page.getByTestId('confirm-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(api('git/repositories/remove').length, 0, 'cancelling sends nothing');

  await page.getByTestId('remove-button').click();
  await page.getByTestId('remove-data').check();
  assert.equal(await page.getByTestId('remove-consequence').innerText(), 'Its backed-up data is deleted too. This cannot be undone.');
  await page.getByTestId('confirm-ok').click();
  await notice().filter({ hasText: 'Removed acme/old-wiki. Its backed-up data is deleted too.' }).waitFor();
  assert.deepEqual(sent('git/repositories/remove'), { id: repo(12), removedata: true });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=repositories] [data-testid=row]').length === 1);
  assert.deepEqual(page.problems, []);
});

test('sync now: progress while the organization synchronizes, then done', async () => {
  const page = ctx.page;
  await go(ORG_PAGE);
  await page.locator('[data-testid=sync-state][data-syncing=false]').waitFor();
  await page.getByTestId('sync-now').click();
  await page.locator('[data-testid=sync-state][data-syncing=true]').waitFor();
  assert.ok(await page.getByTestId('sync-now').isDisabled(), 'no second sync while one runs');
  assert.deepEqual(sent('git/repositories/sync'), { id: ACME });
  await page.locator('[data-testid=sync-state][data-syncing=false]').waitFor({ timeout: 10000 });
  assert.ok(api('git/repositories/getmany').length >= 3, 'polled while it ran');
  assert.deepEqual(page.problems, []);
});

test('plans: listed with their last runs; attach a repository with the picker, detach one', async () => {
  const page = ctx.page;
  await go(ORG_PAGE);
  await rows('plans').first().waitFor();
  assert.deepEqual(await names('plans'), ['Docs weekly', 'Nightly']);
  assert.deepEqual(sent('plans/listassignedtoorganization'), { limit: 500, page: 1, organizationid: ACME });
  const nightly = page.locator(`[data-testid=plans] tr[data-id="${NIGHTLY}"]`);
  assert.equal(await nightly.locator('td[data-col=lastStatus]').innerText(), 'Succeeded');
  assert.equal(await nightly.locator('td[data-col=repositories]').innerText(), '6');
  await nightly.locator('td[data-col=name] a').click();
  await page.waitForURL(new RegExp(`/plans/${NIGHTLY}$`));
  await page.getByTestId('detail-title').filter({ hasText: 'Nightly' }).waitFor();

  await page.getByTestId('member').first().waitFor();
  assert.equal(await page.getByTestId('member').count(), 6);
  await page.getByTestId('picker-search').fill('doc');
  assert.equal(await page.getByTestId('candidate').count(), 1);
  await page.locator(`[data-testid=candidate][data-id="${repo(3)}"] [data-testid=attach]`).click();
  await notice().filter({ hasText: 'Attached acme/docs to the plan.' }).waitFor();
  assert.deepEqual(sent('plans/attachgitrepository'), { planid: NIGHTLY, repositoryid: repo(3) });
  await page.locator(`[data-testid=member][data-id="${repo(3)}"]`).waitFor();
  // The editor follows: the repository is ticked there too, as nothing was edited.
  await page.waitForFunction((id) => document.querySelector(`[data-testid="field-repositoriesIds-${id}"]`)?.checked, repo(3));

  await page.locator(`[data-testid=member][data-id="${repo(2)}"] [data-testid=detach]`).click();
  await notice().filter({ hasText: 'Detached acme/web from the plan.' }).waitFor();
  assert.deepEqual(sent('plans/detachgitrepository'), { planid: NIGHTLY, repositoryid: repo(2) });
  await page.locator(`[data-testid=member][data-id="${repo(2)}"]`).waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('member').count(), 6);
  assert.deepEqual(page.problems, []);
});

test('plan editor: change the schedule and the backup window, see the JSON, save, reload and see the change', async () => {
  const page = ctx.page;
  await go(PLAN);
  await page.getByTestId('plan-json').waitFor();
  assert.match(await page.getByTestId('plan-source').innerText(), /the plan as the server listed it/);
  assert.match(await page.getByTestId('replace-warning').innerText(), /replaces this plan's whole configuration/);
  assert.equal(await option(0).getByTestId('option-sentence').innerText(), 'Incremental backup every Monday, Tuesday, Wednesday, Thursday and Friday at 01:30.');
  assert.equal(await option(1).getByTestId('option-sentence').innerText(), 'Full backup on the 1st of every month at 02:00.');
  await page.getByTestId('window-summary').filter({ hasText: /^Mon-Sun 22:00-06:00$/ }).waitFor();
  await page.getByTestId('schedule-zone').fill('UTC');
  await page.getByTestId('schedule-zone').press('Enter');
  assert.equal(api('plans/modifygitplan').length, 0, 'Enter in the zone picks the zone; it does not save');
  await page.getByTestId('schedule-run').first().waitFor();
  assert.equal(await page.locator('[data-testid=schedule-run][data-outside=true]').count(), 0);

  // Weekdays but Friday, and a second start time at noon, which the window blocks.
  await option(0).getByTestId('option-day-5').uncheck();
  await option(0).getByTestId('option-add-time').click();
  await option(0).getByTestId('option-sentence').filter({ hasText: 'every Monday, Tuesday, Wednesday and Thursday at 01:30 and 12:00' }).waitFor();
  await page.locator('[data-testid=schedule-run][data-outside=true]').first().waitFor();
  assert.match(await page.getByTestId('window-check').innerText(), /fall outside the window/);
  // Allow noon on Monday to Thursday in the grid.
  for (const day of [1, 2, 3, 4]) await page.getByTestId(`window-cell-${day}-12`).click();
  await page.getByTestId('window-summary').filter({ hasText: '12:00-13:00' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=schedule-run][data-outside=true]').length === 0);

  // A number that is not one is refused beside its field, before anything is sent.
  await page.getByTestId('field-advancedOptions.maxConcurrentTasks').fill('many');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-advancedOptions.maxConcurrentTasks').filter({ hasText: 'Tasks at once must be a whole number.' }).waitFor();
  assert.match(await page.getByTestId('plan-json-blocked').innerText(), /advancedOptions\.maxConcurrentTasks/);
  assert.equal(api('plans/modifygitplan').length, 0);
  await page.getByTestId('field-advancedOptions.maxConcurrentTasks').fill('8');
  await page.getByTestId('plan-json').filter({ hasText: '"maxConcurrentTasks": "8"' }).waitFor();

  const shown = JSON.parse(await page.getByTestId('plan-json').innerText());
  await page.getByTestId('form-submit').click();
  await notice().filter({ hasText: 'Plan saved' }).waitFor();
  const body = sent('plans/modifygitplan');
  assert.deepEqual(body, shown, 'exactly the JSON shown is sent');
  assert.deepEqual(body.schedule.options[0].days, [1, 2, 3, 4]);
  assert.deepEqual(body.schedule.options[0].startAt, [{ hour: 1, minute: 30 }, { hour: 12, minute: 0 }]);
  assert.equal(body.schedule.backupWindow[1][12], 0, 'allowed is 0');
  assert.equal(body.schedule.backupWindow[5][12], 1, 'blocked is 1');
  assert.equal(body.advancedOptions.maxConcurrentTasks, '8', 'numbers stay text on the wire');
  assert.equal(body.advancedOptions.useVss, 'True');
  assert.equal(body.storageId, guid(0x0e, 1), 'what was not edited goes back as it came');
  const stored = await page.evaluate(() => sessionStorage.getItem('backup-console.connections.v1'));
  assert.ok(JSON.parse(stored).find((c) => c.id === 'xopero').xopero_saved_plans[NIGHTLY], 'the saved body is kept with the connection');

  await page.reload();
  await page.getByTestId('plan-json').waitFor();
  await option(0).getByTestId('option-sentence').filter({ hasText: 'every Monday, Tuesday, Wednesday and Thursday at 01:30 and 12:00' }).waitFor();
  await page.locator('[data-testid=window-cell-1-12][aria-selected=true]').waitFor();
  assert.equal(await page.getByTestId('window-cell-5-12').getAttribute('aria-selected'), 'false');
  assert.equal(await page.getByTestId('field-advancedOptions.maxConcurrentTasks').inputValue(), '8');
  assert.deepEqual(page.problems, []);
});

test('plan editor: start from a pasted plan JSON; unknown fields are kept', async () => {
  const page = ctx.page;
  await go(PLAN);
  await page.getByTestId('plan-json').waitFor();
  await page.getByTestId('paste').locator('summary').click();
  await page.getByTestId('paste-json').fill('{"name": "Nightly"');
  await page.getByTestId('paste-apply').click();
  await page.getByTestId('paste-error').filter({ hasText: 'not valid JSON' }).waitFor();
  await page.getByTestId('paste-json').fill(JSON.stringify({ id: 'another-plan', name: 'From elsewhere', futureSetting: { level: 3 }, schedule: { options: [{ type: 1, trigger: 1, frequency: 2, days: [], startAt: [{ hour: 4, minute: 15 }], interval: 0, nthDayOfWeek: 0 }] } }));
  await page.getByTestId('paste-apply').click();
  await page.getByTestId('paste-note').waitFor();
  await page.getByTestId('plan-source').filter({ hasText: 'the plan JSON you pasted' }).waitFor();
  assert.equal(await page.getByTestId('field-name').inputValue(), 'From elsewhere');
  assert.equal(await page.getByTestId('option-sentence').innerText(), 'Full backup every day at 04:15.');
  await page.getByTestId('form-submit').click();
  await notice().filter({ hasText: 'Plan saved' }).waitFor();
  const body = sent('plans/modifygitplan');
  assert.equal(body.id, NIGHTLY, 'the ids stay this plan\'s');
  assert.deepEqual(body.futureSetting, { level: 3 }, 'a field the console does not know is sent as given');
  assert.equal(body.name, 'From elsewhere');
  await page.getByTestId('plan-source').filter({ hasText: 'the plan as the server listed it' }).waitFor();
});

test('a server that lists only the document\'s fields: defaults at first, then the body last saved here', async () => {
  const page = ctx.page;
  const minimal = JSON.stringify({
    currentPage: 1, pageCount: 1, totalEntries: 1,
    result: [{ id: NIGHTLY, name: 'Nightly', includeAllRepositories: false, repositoryIds: [repo(1), repo(2)] }],
  });
  await ctx.sandbox.fault({ path: '/xopero/plans/listassignedtoorganization', status: 200, body: minimal, times: 100 });
  await go(PLAN);
  await page.getByTestId('plan-source').filter({ hasText: 'default values' }).waitFor();
  assert.equal(await page.getByTestId('field-storageId').inputValue(), '', 'the document\'s placeholder storage is not guessed');
  assert.equal(await page.getByTestId('field-workerId').inputValue(), guid(0x0d, 1), 'the organization\'s default worker');
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Nightly');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-storageId').filter({ hasText: 'Enter the id of the storage' }).waitFor();
  await page.getByTestId('field-storageId').fill(guid(0x0e, 1));
  await option(1).getByTestId('option-frequency').selectOption('2');
  await option(1).getByTestId('option-sentence').filter({ hasText: 'every day at 17:25' }).waitFor();
  await page.getByTestId('form-submit').click();
  await notice().filter({ hasText: 'Plan saved' }).waitFor();
  assert.deepEqual(sent('plans/modifygitplan').repositoriesIds, [repo(1), repo(2)]);

  await page.reload();
  await page.getByTestId('plan-source').filter({ hasText: 'the configuration this console last saved for this plan' }).waitFor();
  assert.equal(await page.getByTestId('field-storageId').inputValue(), guid(0x0e, 1));
  assert.equal(await option(1).getByTestId('option-sentence').innerText(), 'Incremental backup every day at 17:25.');
  assert.deepEqual(page.problems, []);
});

test('failures on reads: 400, 404, 500, 401, 403 and a timeout', async () => {
  const page = ctx.page;
  await ctx.sandbox.fault({ path: '/xopero/git/organizations/getmany', status: 400, body: '{"message": "Limit must be positive."}' });
  await go('/c/xopero/organizations');
  await banner().waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'validation');
  assert.match(await banner().innerText(), /Limit must be positive\./);

  await go('/c/xopero/organizations/no-such-org');
  await page.locator('[data-testid=plans] [data-testid=error-banner]').waitFor();
  assert.equal(await page.locator('[data-testid=plans] [data-testid=error-banner]').getAttribute('data-kind'), 'not-found');
  assert.match(await page.locator('[data-testid=plans] [data-testid=error-banner]').innerText(), /organization no-such-org does not exist/);

  await ctx.sandbox.fault({ path: '/xopero/git/repositories/getmany', status: 500, body: '{"message": "Database offline"}', times: 2 });
  await go(REPOS);
  await page.locator('[data-testid=repositories] [data-testid=error-banner]').filter({ hasText: 'HTTP 500' }).waitFor();
  assert.match(await page.locator('[data-testid=repositories] [data-testid=error-banner]').innerText(), /Database offline/);
  await page.locator('[data-testid=repositories] [data-testid=retry]').click();
  await rows('repositories').first().waitFor();

  await ctx.sandbox.fault({ path: '/xopero/plans/listassignedtoorganization', status: 403 });
  await go(ORG_PAGE);
  await page.locator('[data-testid=plans] [data-testid=error-banner]').filter({ hasText: 'System Administrator role' }).waitFor();

  await ctx.sandbox.fault({ path: '/xopero/git/organizations/getmany', status: 401 });
  await go('/c/xopero/organizations');
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-token').fill('demo-token');
  await page.getByTestId('sign-in-submit').click();
  await rows('organizations').first().waitFor();

  const slow = { id: 'slow', vendor: 'xopero', label: 'Slow Xopero', base_url: `${ctx.sandbox.url}/xopero`, token: 'demo-token', timeout_seconds: 1 };
  const other = await openPage(ctx.browser);
  await other.addInitScript((value) => sessionStorage.setItem('backup-console.connections.v1', value), JSON.stringify([slow]));
  await ctx.sandbox.fault({ path: '/xopero/git/organizations/getmany', delay_ms: 3000 });
  await other.goto(ctx.sandbox.url + '/c/slow/organizations');
  await other.getByTestId('error-banner').waitFor();
  assert.equal(await other.getByTestId('error-banner').getAttribute('data-kind'), 'timeout');
  await other.context().close();
  assert.deepEqual(page.problems, []);
});

test('failures on writes: 400 beside the field, 401 keeps the input, 403, 404, 500 and a timeout', async () => {
  const page = ctx.page;
  await go(PLAN);
  await page.getByTestId('plan-json').waitFor();
  await page.getByTestId('field-name').fill('Nightly renamed');
  const problem = { title: 'One or more validation errors occurred.', status: 400, errors: { name: ['A plan with this name exists.'] } };
  await ctx.sandbox.fault({ path: '/xopero/plans/modifygitplan', status: 400, body: JSON.stringify(problem) });
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-name').filter({ hasText: 'A plan with this name exists.' }).waitFor();
  assert.equal(await page.locator('[data-testid=resource-form] [data-testid=error-banner]').getAttribute('data-kind'), 'validation');

  await ctx.sandbox.fault({ path: '/xopero/plans/modifygitplan', status: 401 });
  await page.getByTestId('form-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-token').fill('demo-token');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('field-name').inputValue(), 'Nightly renamed', 'unsaved input stays');
  await page.getByTestId('form-submit').click();
  await notice().filter({ hasText: 'Plan saved' }).waitFor();
  assert.equal(sent('plans/modifygitplan').name, 'Nightly renamed');
  await page.getByTestId('detail-title').filter({ hasText: 'Nightly renamed' }).waitFor();

  await ctx.sandbox.fault({ path: '/xopero/plans/attachgitrepository', status: 404, body: '{"message": "Plan was not found."}' });
  await page.locator(`[data-testid=candidate][data-id="${repo(3)}"] [data-testid=attach]`).click();
  await page.locator('[data-testid=plan-members] [data-testid=error-banner]').filter({ hasText: 'acme/docs does not exist' }).waitFor();
  assert.equal(await page.locator('[data-testid=plan-members] [data-testid=error-banner]').getAttribute('data-kind'), 'not-found');

  await ctx.sandbox.fault({ path: '/xopero/git/repositories/sync', status: 403 });
  await go(ORG_PAGE);
  await page.getByTestId('sync-now').click();
  await page.locator('[data-testid=sync] [data-testid=error-banner]').filter({ hasText: 'System Administrator role' }).waitFor();

  await go(REPOS);
  await rows('repositories').first().waitFor();
  await ctx.sandbox.fault({ path: '/xopero/git/repositories/activate', status: 500, body: '{"message": "Licence server down"}' });
  await choose(repo(5));
  await page.getByTestId('bulk-activate').click();
  await page.locator('[data-testid=repositories] [data-testid=error-banner]').filter({ hasText: 'Licence server down' }).waitFor();
  assert.equal(await page.locator('[data-testid=repositories] [data-testid=error-banner]').getAttribute('data-kind'), 'server');

  const slow = { id: 'slow', vendor: 'xopero', label: 'Slow Xopero', base_url: `${ctx.sandbox.url}/xopero`, token: 'demo-token', timeout_seconds: 1 };
  const other = await openPage(ctx.browser);
  await other.addInitScript((value) => sessionStorage.setItem('backup-console.connections.v1', value), JSON.stringify([slow]));
  await other.goto(`${ctx.sandbox.url}/c/slow/organizations/${ACME}`);
  await other.locator('[data-testid=sync-state]').waitFor();
  await ctx.sandbox.fault({ path: '/xopero/git/repositories/sync', delay_ms: 3000 });
  await other.getByTestId('sync-now').click();
  await other.locator('[data-testid=sync] [data-testid=error-banner]').waitFor();
  assert.equal(await other.locator('[data-testid=sync] [data-testid=error-banner]').getAttribute('data-kind'), 'timeout');
  await other.context().close();
  assert.deepEqual(page.problems, []);
});
