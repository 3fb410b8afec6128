// Scheduled Backup API v2.0 through the console: plans (marker paging, filters, create, edit
// with only the changes, suspend, resume, delete), checkpoints (paging, filters, refresh, delete
// one or a chain), restores, Keystone sign-in, and each documented failure in its own words.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const BASE = '/scheduled-backup/data-protect/v2';
const api = (method, path) => ctx.calls.filter((c) => c.method === method && new URL(c.url).pathname === BASE + path);
const rows = () => ctx.page.getByTestId('row');
const banner = () => ctx.page.getByTestId('error-banner');
const VOLUME = {
  db: '5a1c0e2b-0d6f-4b7e-9c1a-0000000000d1',
  logs: '5a1c0e2b-0d6f-4b7e-9c1a-0000000000a2',
};
const TYPE = 'OS::Cinder::Volume';

async function rowCount(n) {
  await ctx.page.waitForFunction((n) => document.querySelectorAll('[data-testid=row]').length === n, n);
}

async function openPlan(name) {
  await go('/c/sbackup/plans');
  await rows().locator('td[data-col=name] a', { hasText: name }).click();
  await ctx.page.getByTestId('detail-title').filter({ hasText: name }).waitFor();
  return decodeURIComponent(new URL(ctx.page.url()).pathname.split('/').pop());
}

test('done means: a crontab plan for two volumes, its first checkpoint available, restored', async () => {
  const page = ctx.page;
  await go('/c/sbackup/plans/new');
  await page.getByTestId('resource-form').waitFor();
  await page.getByTestId('field-name').fill('two-volumes');
  await page.getByTestId('field-description').fill('Database and logs every half hour');
  await page.getByTestId('field-max_backups').fill('3');
  // Volumes seen in the project are suggested; an id seen before needs no name.
  await page.locator(`[data-testid=volume-suggestion][data-id="${VOLUME.db}"]`).click();
  await page.getByTestId('field-volume_lines').fill(VOLUME.logs);
  await page.getByTestId('volume-paste-add').click();
  await page.locator(`[data-testid=volume][data-id="${VOLUME.logs}"]`).filter({ hasText: 'app-logs' }).waitFor();
  await page.getByTestId('field-schedule_type').selectOption('crontab');
  await page.getByTestId('field-schedule_pattern').fill('*/30 * * * *');
  await page.getByTestId('cron-description').filter({ hasText: 'Every 30 minutes' }).waitFor();
  assert.equal(await page.getByTestId('next-run').count(), 5);
  await page.getByTestId('form-submit').click();
  await page.waitForURL(/\/c\/sbackup\/plans\/(?!new$)[^/]+$/);
  await page.getByTestId('detail-title').filter({ hasText: 'two-volumes' }).waitFor();
  assert.deepEqual(JSON.parse(api('POST', '/plans/')[0].body), {
    backup_mode: 'full', description: 'Database and logs every half hour', max_backups: 3, name: 'two-volumes',
    resources: [{ id: VOLUME.db, name: 'db-data', type: TYPE }, { id: VOLUME.logs, name: 'app-logs', type: TYPE }],
    schedule_pattern: '*/30 * * * *', schedule_type: 'crontab',
  });
  assert.equal(api('POST', '/plans/')[0].headers['x-auth-token'], 'demo-token');

  // The page waits for the first checkpoint and refreshes until it is available.
  const checkpoints = page.getByTestId('plan-checkpoints');
  await checkpoints.locator('td[data-col=status]').filter({ hasText: 'available' }).waitFor({ timeout: 15000 });
  assert.equal(await checkpoints.locator('td[data-col=volumes]').first().innerText(), 'db-data, app-logs');
  assert.ok(ctx.calls.filter((c) => c.url.includes('/checkpoints/?') && c.url.includes('plan_name=two-volumes')).length >= 2);

  await checkpoints.locator('td[data-col=created_at] a').first().click();
  await page.waitForURL(/\/c\/sbackup\/checkpoints\/[^/]+$/);
  await page.getByTestId('checkpoint-status').filter({ hasText: 'available' }).waitFor();
  assert.equal(await page.locator('[data-testid=detail] [data-field=plan]').innerText(), 'two-volumes');
  assert.equal(await rows().count(), 2);
  await page.getByTestId('field-checkpoint_item_id').selectOption({ label: 'db-data (full backup)' });
  assert.equal(await page.getByTestId('field-restore_name').inputValue(), 'db-data-restored');
  await page.getByTestId('field-restore_name').fill('db-data-copy');
  await page.getByTestId('restore-submit').click();
  await page.locator('[data-testid=restore-status][data-status=in_progress]').waitFor();
  await page.locator('[data-testid=restore-status][data-status=success]').waitFor({ timeout: 10000 });
  const sent = JSON.parse(api('POST', '/restores/')[0].body);
  assert.equal(sent.restore_name, 'db-data-copy');
  assert.ok(sent.checkpoint_item_id);
  assert.ok(ctx.calls.some((c) => c.method === 'GET' && new URL(c.url).pathname.startsWith(`${BASE}/restores/`)), 'the restore is watched');
  assert.deepEqual(page.problems, []);
});

test('plans: the list, marker paging and filters kept in the address', async () => {
  const page = ctx.page;
  await go('/c/sbackup/plans');
  await rowCount(4);
  assert.equal(await page.getByTestId('project-id').innerText(), 'demo-project');
  assert.equal(await page.locator('[data-testid=row]', { hasText: 'weekly-web' }).locator('td[data-col=status]').innerText(), 'suspended');
  assert.equal(await page.locator('[data-testid=row]', { hasText: 'workday-logs' }).locator('td[data-col=schedule]').innerText(),
    'Monday, Tuesday, Wednesday, Thursday, Friday at 09:00, 18:00');

  await go('/c/sbackup/plans?limit=3');
  await rowCount(3);
  const lastOnFirst = await rows().last().getAttribute('data-id');
  await page.getByTestId('page-next').click();
  await rowCount(1);
  assert.match(page.url(), new RegExp(`limit=3&marker=${lastOnFirst}`));
  const next = api('GET', '/plans/').at(-1);
  assert.equal(new URL(next.url).searchParams.get('marker'), lastOnFirst);
  assert.match(await page.getByTestId('page-status').innerText(), /Page 2 · 4 in all/);
  await page.reload();
  await rowCount(1);
  assert.match(await rows().innerText(), /monthly-db/);
  await page.getByTestId('page-prev').click();
  await rowCount(3);
  assert.ok(!page.url().includes('marker='));

  await go('/c/sbackup/plans');
  await rowCount(4);
  await page.getByTestId('field-volume_name').fill('app-logs');
  await page.getByTestId('filter-apply').click();
  await rowCount(2);
  assert.match(page.url(), /\?volume_name=app-logs$/);
  assert.equal(new URL(api('GET', '/plans/').at(-1).url).searchParams.get('volume_name'), 'app-logs');
  await page.getByTestId('field-volume_name').fill('');
  await page.getByTestId('field-name').fill('nightly-db');
  await page.getByTestId('filter-apply').click();
  await rowCount(1);
  await page.reload();
  await rowCount(1);
  assert.equal(await page.getByTestId('field-name').inputValue(), 'nightly-db');
  assert.deepEqual(page.problems, []);
});

test('a new plan: every problem named before sending; volumes added, pasted, removed; weekdays and times', async () => {
  const page = ctx.page;
  await go('/c/sbackup/plans/new');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-name').filter({ hasText: 'Give the plan a name.' }).waitFor();
  await page.getByTestId('error-resources').filter({ hasText: 'Add at least one volume' }).waitFor();
  assert.equal(api('POST', '/plans/').length, 0);

  await page.getByTestId('field-volume_id').fill('vol-x');
  await page.getByTestId('volume-add').click();
  await page.getByTestId('error-volume_name').filter({ hasText: 'Enter the name of volume vol-x.' }).waitFor();
  await page.getByTestId('field-volume_name').fill('scratch');
  await page.getByTestId('volume-add').click();
  await page.locator('[data-testid=volume][data-id=vol-x]').waitFor();
  await page.getByTestId('field-volume_lines').fill('vol-y data y\nvol-z');
  await page.getByTestId('volume-paste-add').click();
  await page.getByTestId('volume-paste-problems').filter({ hasText: 'Line 2: Write the name of volume vol-z after its id.' }).waitFor();
  await page.locator('[data-testid=volume][data-id=vol-y]').waitFor();
  await page.locator('[data-testid=volume][data-id=vol-x]').getByTestId('volume-remove').click();
  await page.locator('[data-testid=volume][data-id=vol-x]').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('error-resources').innerText(), '');

  await page.getByTestId('field-name').fill('workdays');
  await page.getByTestId('weekday-workdays').click();
  await page.getByTestId('time-input').fill('06:30');
  await page.getByTestId('time-add').click();
  await page.locator('[data-testid=calendar-time][data-time="00:00"]').getByTestId('time-remove').click();
  await page.getByTestId('calendar-pattern').filter({ hasText: '30 6 * * 1,2,3,4,5' }).waitFor();
  assert.equal(await page.getByTestId('calendar-description').innerText(),
    'Monday, Tuesday, Wednesday, Thursday, Friday at 06:30 (UTC) 30 6 * * 1,2,3,4,5');
  assert.equal(await page.getByTestId('next-run').count(), 5);
  // Times that are not every chosen hour with every chosen minute cannot be one calendar.
  await page.getByTestId('time-input').fill('18:00');
  await page.getByTestId('time-add').click();
  await page.getByTestId('error-schedule_pattern').filter({ hasText: 'cannot be one schedule' }).waitFor();
  await page.getByTestId('form-submit').click();
  assert.equal(api('POST', '/plans/').length, 0);
  await page.locator('[data-testid=calendar-time][data-time="18:00"]').getByTestId('time-remove').click();
  await page.getByTestId('form-submit').click();
  await page.waitForURL(/\/c\/sbackup\/plans\/(?!new$)[^/]+$/);
  assert.deepEqual(JSON.parse(api('POST', '/plans/')[0].body), {
    backup_mode: 'full', description: '', max_backups: 7, name: 'workdays',
    resources: [{ id: 'vol-y', name: 'data y', type: TYPE }],
    schedule_pattern: '30 6 * * 1,2,3,4,5', schedule_type: 'calendar',
  });
  await page.locator('dd[data-field=schedule]').filter({ hasText: 'Monday, Tuesday, Wednesday, Thursday, Friday at 06:30' }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('edit sends only what changed; suspend, resume and delete a plan', async () => {
  const page = ctx.page;
  const id = await openPlan('nightly-db');
  await page.locator('dd[data-field=schedule]').filter({ hasText: 'Every day at 02:00' }).waitFor();
  await page.getByTestId('edit-button').click();
  await page.getByTestId('resource-form').waitFor();
  assert.match(await page.getByTestId('backup-mode').innerText(), /full/);
  assert.equal(await page.getByTestId('field-backup_mode').count(), 0, 'the mode cannot change');
  await page.getByTestId('weekday-0').uncheck();
  await page.getByTestId('weekday-6').uncheck();
  await page.getByTestId('time-input').fill('14:00');
  await page.getByTestId('time-add').click();
  await page.getByTestId('calendar-pattern').filter({ hasText: '0 2,14 * * 1,2,3,4,5' }).waitFor();
  await page.getByTestId('field-max_backups').fill('5');
  await page.getByTestId('form-submit').click();
  await page.waitForURL(new RegExp(`/plans/${id}$`));
  await page.locator('dd[data-field=max_backups]').filter({ hasText: '5' }).waitFor();
  assert.deepEqual(JSON.parse(api('PATCH', `/plans/${id}`)[0].body), { max_backups: 5, schedule_pattern: '0 2,14 * * 1,2,3,4,5' });

  // Saved unchanged: nothing is sent.
  await page.getByTestId('edit-button').click();
  await page.getByTestId('resource-form').waitFor();
  await page.getByTestId('form-submit').click();
  await page.waitForURL(new RegExp(`/plans/${id}$`));
  await page.getByTestId('detail').waitFor();
  assert.equal(api('PATCH', `/plans/${id}`).length, 1);

  // The calendar becomes a crontab with the same pattern.
  await page.getByTestId('edit-button').click();
  await page.getByTestId('field-schedule_type').selectOption('crontab');
  assert.equal(await page.getByTestId('field-schedule_pattern').inputValue(), '0 2,14 * * 1,2,3,4,5');
  await page.getByTestId('field-schedule_pattern').fill('0 3 * * *');
  await page.getByTestId('form-submit').click();
  await page.waitForURL(new RegExp(`/plans/${id}$`));
  await page.getByTestId('schedule-pattern').filter({ hasText: '0 3 * * *' }).waitFor();
  assert.deepEqual(JSON.parse(api('PATCH', `/plans/${id}`)[1].body), { schedule_pattern: '0 3 * * *', schedule_type: 'crontab' });

  await page.getByTestId('plan-toggle').filter({ hasText: 'Suspend' }).click();
  await page.locator('dd[data-field=status]').filter({ hasText: 'suspended' }).waitFor();
  assert.deepEqual(JSON.parse(api('PATCH', `/plans/${id}`)[2].body), { status: 'suspended' });
  await page.getByTestId('plan-toggle').filter({ hasText: 'Resume' }).click();
  await page.locator('dd[data-field=status]').filter({ hasText: 'started' }).waitFor();

  await page.getByTestId('delete-button').click();
  assert.match(await page.getByTestId('confirm-dialog').innerText(), /Delete backup plan "nightly-db"\?/);
  await page.getByTestId('confirm-ok').click();
  await page.waitForURL(/\/c\/sbackup\/plans$/);
  await rowCount(3);
  assert.equal(api('DELETE', `/plans/${id}`).length, 1);
  assert.deepEqual(page.problems, []);
});

test('checkpoints: filters, paging, a chain\'s full backup (409), delete a chain, delete one', async () => {
  const page = ctx.page;
  await go('/c/sbackup/checkpoints');
  await rowCount(8);
  assert.equal(await page.locator('td[data-col=status] [data-tone=bad]').count(), 1);
  await go('/c/sbackup/checkpoints?limit=4');
  await rowCount(4);
  const firstPage = await rows().allInnerTexts();
  await page.getByTestId('page-next').click();
  await page.getByTestId('page-status').filter({ hasText: 'Page 2 · 8 in all' }).waitFor();
  await rowCount(4);
  assert.notDeepEqual(await rows().allInnerTexts(), firstPage);
  assert.equal(new URL(api('GET', '/checkpoints/').at(-1).url).searchParams.get('limit'), '4');
  assert.ok(await page.getByTestId('page-next').isDisabled(), 'a full last page has no next');

  await go('/c/sbackup/checkpoints');
  await page.getByTestId('field-plan_name').fill('weekly-web');
  await page.getByTestId('filter-apply').click();
  await rowCount(3);
  assert.match(page.url(), /\?plan_name=weekly-web$/);
  assert.equal(await rows().first().locator('td[data-col=kind]').innerText(), 'incremental');

  // The oldest is the full backup the others build on: only its chain can go.
  await rows().last().locator('td[data-col=created_at] a').click();
  await page.getByTestId('checkpoint-status').filter({ hasText: 'available' }).waitFor();
  await page.getByTestId('delete-button').click();
  await page.getByTestId('confirm-ok').click();
  await banner().filter({ hasText: 'delete its chain instead' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'conflict');

  await page.locator('[data-testid=chain]', { hasText: 'web-root' }).getByTestId('delete-chain').click();
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.filter({ hasText: 'Delete 3 checkpoints of volume web-root?' }).waitFor();
  await page.getByTestId('confirm-ok').click();
  await page.waitForURL(/\/c\/sbackup\/checkpoints$/);
  const chain = api('DELETE', '/checkpoints/')[0];
  assert.ok(new URL(chain.url).searchParams.get('chain_id'));
  await go('/c/sbackup/checkpoints?plan_name=weekly-web');
  await rowCount(3);
  assert.deepEqual(await page.locator('td[data-col=volumes]').allInnerTexts(), ['app-logs', 'app-logs', 'app-logs']);

  await go('/c/sbackup/checkpoints?plan_name=nightly-db');
  await rowCount(3);
  await rows().first().locator('td[data-col=created_at] a').click();
  await page.getByTestId('checkpoint-status').filter({ hasText: 'available' }).waitFor();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  await page.getByTestId('delete-button').click();
  assert.match(await page.getByTestId('confirm-dialog').innerText(), /with its 1 volume backup/);
  await page.getByTestId('confirm-ok').click();
  await page.waitForURL(/\/c\/sbackup\/checkpoints$/);
  assert.equal(api('DELETE', `/checkpoints/${id}`).length, 1);
  // It shows as deleting, then goes.
  await rowCount(7);
  assert.deepEqual(page.problems, []);
});

test('sign in through Keystone; the token\'s project is kept and shown, the password never', async () => {
  const page = ctx.page;
  const conn = {
    id: 'sb', vendor: 'scheduled-backup', label: 'Pool', base_url: `${ctx.sandbox.url}${BASE}`,
    identity_url: `${ctx.sandbox.url}/scheduled-backup/identity/v3`, token: 'expired',
  };
  await page.addInitScript((value) => sessionStorage.setItem('backup-console.connections.v1', value), JSON.stringify([conn]));
  await go('/c/sb/plans');
  await page.getByTestId('sign-in-dialog').waitFor();
  assert.match(await banner().first().innerText(), /Keystone tokens expire/);
  await page.getByTestId('sign-in-use-key').check();
  await page.getByTestId('sign-in-user').fill('demo');
  await page.getByTestId('sign-in-password').fill('not-it');
  await page.getByTestId('sign-in-domain').fill('demo');
  await page.getByTestId('sign-in-project').fill('demo-project');
  await page.getByTestId('sign-in-submit').click();
  await page.locator('[data-testid=sign-in-dialog] [data-testid=error-banner]').waitFor();
  await page.getByTestId('sign-in-password').fill('demo-password');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await rowCount(4);
  assert.equal(await page.getByTestId('project-id').innerText(), 'demo-project');
  const identity = ctx.calls.filter((c) => c.url.endsWith('/identity/v3/auth/tokens'));
  assert.equal(identity.length, 2);
  assert.deepEqual(JSON.parse(identity[1].body).auth.scope, { project: { name: 'demo-project', domain: { name: 'demo' } } });
  assert.equal(api('GET', '/plans/').at(-1).headers['x-auth-token'], 'demo-token');
  const stored = await page.evaluate(() => sessionStorage.getItem('backup-console.connections.v1'));
  assert.ok(!stored.includes('demo-password') && !stored.includes('not-it'), 'the password is never stored');
  assert.match(stored, /"project_id":"demo-project"/);
  assert.deepEqual(page.problems, []);
});

test('failures: 400, 401, 403, 404, 409 and 422 each in their own words', async () => {
  const page = ctx.page;
  // 400: a marker that is not in the list.
  await go('/c/sbackup/plans?marker=nope');
  await banner().filter({ hasText: 'The marker nope is not a plan of this list.' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'validation');

  // 401: the token was refused; pasting a new one continues.
  await ctx.sandbox.fault({ path: `${BASE}/plans/`, method: 'GET', status: 401, body: '{"code":"401","details":{},"error_key":"unauthorized","message":"Token expired","title":"Unauthorized"}' });
  await go('/c/sbackup/plans');
  await page.getByTestId('sign-in-dialog').waitFor();
  assert.match(await banner().first().innerText(), /Sign in again, or paste a new token/);
  await page.getByTestId('sign-in-token').fill('demo-token');
  await page.getByTestId('sign-in-submit').click();
  await rowCount(4);

  // 403: a token of another project.
  await ctx.sandbox.fault({ path: `${BASE}/checkpoints/`, status: 403, body: '{"code":"403","details":{},"error_key":"forbidden","message":"Project mismatch","title":"Forbidden"}' });
  await go('/c/sbackup/checkpoints');
  await banner().filter({ hasText: 'check that the token is scoped to the right project' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'forbidden');
  assert.match(await banner().innerText(), /Project mismatch$/);

  // 404: an unknown plan and checkpoint.
  await go('/c/sbackup/plans/nope');
  await banner().filter({ hasText: 'plan nope does not exist' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'not-found');
  await go('/c/sbackup/checkpoints/nope');
  await banner().filter({ hasText: 'checkpoint nope does not exist' }).waitFor();

  // 409: a plan name already used.
  await go('/c/sbackup/plans/new');
  await page.getByTestId('field-name').fill('nightly-db');
  await page.locator(`[data-testid=volume-suggestion][data-id="${VOLUME.db}"]`).click();
  await page.getByTestId('form-submit').click();
  await banner().filter({ hasText: 'A plan named nightly-db already exists.' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'conflict');

  // 422: the service's own field checks appear beside the fields.
  await ctx.sandbox.fault({
    path: `${BASE}/plans/`, method: 'POST', status: 422,
    body: '{"code":"422","details":{"max_backups":["must be at most 100"]},"error_key":"validation_error","message":"Invalid value for: max_backups.","title":"Unprocessable Entity"}',
  });
  await page.getByTestId('field-name').fill('many');
  await page.getByTestId('field-max_backups').fill('500');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-max_backups').filter({ hasText: 'must be at most 100' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'validation');
  assert.deepEqual(page.problems, []);
});
