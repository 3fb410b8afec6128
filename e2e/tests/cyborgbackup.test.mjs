// Every CyBorgBackup operation, driven through the console as an operator would.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });

const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const rows = () => ctx.page.getByTestId('row');
const apiPath = (url) => new URL(url).pathname.replace('/cyborgbackup', '');
const sent = (method, pathPrefix) => ctx.calls.filter((c) => c.method === method && apiPath(c.url).startsWith(pathPrefix));
function assertNoPanics() {
  assert.deepEqual(ctx.page.problems, []);
}

async function fill(values) {
  for (const [key, value] of Object.entries(values)) {
    const field = ctx.page.getByTestId(`field-${key}`);
    if (typeof value === 'boolean') {
      await field.setChecked(value);
    } else if (Array.isArray(value)) {
      for (const id of value) await ctx.page.getByTestId(`field-${key}-${id}`).check();
    } else if ((await field.evaluate((el) => el.tagName)) === 'SELECT') {
      await field.selectOption(String(value));
    } else {
      await field.fill(String(value));
    }
  }
}

test('the home shows API root, ping, config and the signed-in user', async () => {
  await go('/c/cyborg');
  await assert.doesNotReject(ctx.page.getByTestId('ping').filter({ hasText: 'pong' }).waitFor());
  // Each card loads on its own: wait for each before reading it.
  await ctx.page.getByTestId('config').filter({ hasText: '127.0.0.1' }).waitFor();
  await ctx.page.getByTestId('me-email').filter({ hasText: 'admin@example.com' }).waitFor();
  await ctx.page.getByTestId('api-root').filter({ hasText: 'policies → /api/v1/policies/' }).waitFor();
  for (const path of ['/api/v1/ping', '/api/v1/config', '/api/v1/me/', '/api/v1/']) {
    assert.ok(sent('GET', path).length > 0, `GET ${path} was sent`);
  }
  const me = sent('GET', '/api/v1/me/')[0];
  assert.equal(me.headers.authorization, 'Token demo-token');
  assertNoPanics();
});

test('every collection lists and every object opens', async () => {
  for (const [resource, first] of [
    ['users', 'admin@example.com'],
    ['clients', 'lab.example.com'],
    ['schedules', 'Each Monday'],
    ['repositories', 'Main Repo'],
    ['policies', 'Full Features'],
    ['catalogs', 'rootfs-web-01.example.com-2026-11-20_01-30'],
  ]) {
    await go(`/c/cyborg/${resource}`);
    await rows().first().waitFor();
    assert.match(await rows().first().innerText(), new RegExp(first.replace(/\./g, '\\.')));
    await rows().first().locator('a').click();
    await ctx.page.getByTestId('detail').waitFor();
    assert.equal(new URL(ctx.page.url()).pathname, `/c/cyborg/${resource}/1`);
    assert.equal(ctx.calls.filter((c) => c.method === 'GET' && apiPath(c.url) === `/api/v1/${resource}/1/`).length, 1, `GET ${resource}/1 sent`);
  }
  assertNoPanics();
});

test('tables paginate, sort and filter on the server, and the URL keeps the view', async () => {
  await go('/c/cyborg/catalogs');
  await rows().first().waitFor();
  assert.equal(await rows().count(), 25);
  assert.match(await ctx.page.getByTestId('page-status').innerText(), /Page 1 of 2 · 40 total/);
  await ctx.page.getByTestId('page-next').click();
  await ctx.page.getByTestId('page-status').filter({ hasText: 'Page 2 of 2' }).waitFor();
  // The status follows the address at once; the rows follow when page 2 has arrived.
  await ctx.page.waitForFunction(() => document.querySelectorAll('[data-testid=row]').length === 15);
  assert.ok(sent('GET', '/api/v1/catalogs/').some((c) => c.url.includes('page=2')));

  await ctx.page.getByTestId('sort-size').click();
  await ctx.page.waitForURL(/order_by=size/);
  await ctx.page.getByTestId('sort-size').click();
  await ctx.page.waitForURL(/order_by=-size/);
  await ctx.page.getByTestId('page-status').filter({ hasText: 'Page 1 of 2' }).waitFor();
  const firstSize = await rows().first().locator('[data-col=size]').innerText();
  assert.equal(firstSize, '96.0 KiB', 'largest file first');
  assert.equal(await ctx.page.locator('th[aria-sort=descending]').count(), 1);

  await ctx.page.getByTestId('filter-input').fill('sshd');
  await ctx.page.waitForURL(/search=sshd/);
  await ctx.page.getByTestId('page-status').filter({ hasText: '5 total' }).waitFor();
  assert.equal(await rows().count(), 5);

  // A reload (or a shared link) shows the same view.
  await ctx.page.reload();
  await ctx.page.getByTestId('page-status').filter({ hasText: '5 total' }).waitFor();
  assert.equal(await ctx.page.getByTestId('filter-input').inputValue(), 'sshd');
  assert.equal(await ctx.page.locator('th[aria-sort=descending]').count(), 1);
  assertNoPanics();
});

const crud = [
  {
    resource: 'users',
    create: { email: 'new.operator@example.com', first_name: 'New', last_name: 'Operator', is_superuser: false },
    label: 'new.operator@example.com',
    edit: { last_name: 'Renamed' },
    check: (body) => assert.deepEqual(body, { email: 'new.operator@example.com', first_name: 'New', last_name: 'Operator', is_superuser: false }),
  },
  {
    resource: 'clients',
    create: { hostname: 'backup-test.example.com', ip: '10.9.9.9', version: '1.2.4', ready: true },
    label: 'backup-test.example.com',
    edit: { hypervisor_name: 'kvm' },
    check: (body) => assert.deepEqual(body, { hostname: 'backup-test.example.com', ip: '10.9.9.9', version: '1.2.4', ready: true, hypervisor_ready: false, hypervisor_name: '', enabled: true }),
  },
  {
    resource: 'schedules',
    create: { name: 'Every Monday', crontab: '0 5 * * MON *' },
    label: 'Every Monday',
    edit: { enabled: false },
    check: (body) => assert.deepEqual(body, { name: 'Every Monday', crontab: '0 5 * * MON *', enabled: true }),
  },
  {
    resource: 'repositories',
    create: { name: 'Archive', path: 'borg@archive:/srv/borg', repository_key: 'fedcba9876543210' },
    label: 'Archive',
    edit: { path: 'borg@archive2:/srv/borg' },
    check: (body) => assert.deepEqual(body, { name: 'Archive', path: 'borg@archive:/srv/borg', repository_key: 'fedcba9876543210', ready: false, enabled: true }),
  },
  {
    resource: 'policies',
    create: { name: 'Mail server', policy_type: 'mail', clients: [5], repository: 2, schedule: 2, keep_daily: 14 },
    label: 'Mail server',
    edit: { keep_weekly: 8 },
    check: (body) => {
      assert.equal(body.name, 'Mail server');
      assert.deepEqual(body.clients, [5]);
      assert.equal(body.repository, 2);
      assert.equal(body.schedule, 2);
      assert.equal(body.keep_daily, 14);
      assert.equal(body.keep_hourly, null);
    },
  },
];

for (const c of crud) {
  test(`${c.resource}: create, edit and delete with confirmation`, async () => {
    await go(`/c/cyborg/${c.resource}`);
    await ctx.page.getByTestId('create-button').click();
    await ctx.page.getByTestId('resource-form').waitFor();
    if (c.resource === 'policies') {
      await ctx.page.getByTestId('field-clients-5').waitFor();
    }
    await fill(c.create);
    await ctx.page.getByTestId('form-submit').click();
    await ctx.page.getByTestId('detail').waitFor();
    assert.match(await ctx.page.getByTestId('detail-title').innerText(), new RegExp(c.label));
    const created = sent('POST', `/api/v1/${c.resource}/`);
    assert.equal(created.length, 1);
    c.check(JSON.parse(created[0].body));
    const id = new URL(ctx.page.url()).pathname.split('/').pop();

    await ctx.page.getByTestId('edit-button').click();
    await ctx.page.getByTestId('resource-form').waitFor();
    const [key, value] = Object.entries(c.edit)[0];
    if (typeof value !== 'boolean') {
      assert.notEqual(await ctx.page.getByTestId(`field-${key}`).inputValue(), String(value));
    }
    await fill(c.edit);
    await ctx.page.getByTestId('form-submit').click();
    await ctx.page.getByTestId('detail').waitFor();
    const patch = sent('PATCH', `/api/v1/${c.resource}/${id}/`);
    assert.equal(patch.length, 1);
    assert.deepEqual(JSON.parse(patch[0].body)[key], value);
    const shown = typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value);
    assert.equal(await ctx.page.locator(`dd[data-field="${key}"]`).innerText(), shown);

    // Delete asks first, naming the object; cancelling sends nothing.
    await ctx.page.getByTestId('delete-button').click();
    const dialog = ctx.page.getByTestId('confirm-dialog');
    assert.match(await dialog.innerText(), new RegExp(`Delete .*${c.label.replace(/\./g, '\\.')}.*cannot be undone`));
    await ctx.page.getByTestId('confirm-cancel').click();
    assert.equal(sent('DELETE', `/api/v1/${c.resource}/`).length, 0);
    await ctx.page.getByTestId('delete-button').click();
    await ctx.page.getByTestId('confirm-ok').click();
    await ctx.page.waitForURL(new RegExp(`/c/cyborg/${c.resource}$`));
    await rows().first().waitFor();
    assert.equal(sent('DELETE', `/api/v1/${c.resource}/${id}/`).length, 1);
    assert.equal(await ctx.page.locator(`tr[data-id="${id}"]`).count(), 0);
    assertNoPanics();
  });
}

test('policies: launch a backup job and read the month calendar', async () => {
  await go('/c/cyborg/policies/2');
  await ctx.page.getByTestId('calendar-run').first().waitFor();
  assert.equal(await ctx.page.locator('dd[data-field=repository]').innerText(), 'Main Repo (#1)');
  assert.equal(await ctx.page.locator('dd[data-field=schedule]').innerText(), 'Nightly (#2)');
  const runs = await ctx.page.getByTestId('calendar-run').count();
  assert.ok(runs >= 28 && runs <= 31, `nightly policy runs every day: ${runs}`);
  const datetime = await ctx.page.getByTestId('calendar-run').first().getAttribute('datetime');
  assert.match(datetime, /^\d{4}-\d{2}-01T01:30:00Z$/);

  await ctx.page.getByTestId('launch-button').click();
  await ctx.page.getByTestId('notice').filter({ hasText: /Backup job \d+ launched/ }).waitFor();
  assert.equal(sent('POST', '/api/v1/policies/2/launch/').length, 1);
  assert.ok(sent('GET', '/api/v1/policies/2/calendar/').length >= 1);

  // The launched job's archives are in the catalog.
  await go('/c/cyborg/catalogs');
  await ctx.page.getByTestId('page-status').filter({ hasText: '42 total' }).waitFor();
  assertNoPanics();
});

test('schedules: the crontab explains itself and refuses mistakes before sending', async () => {
  await go('/c/cyborg/schedules/new');
  const cron = ctx.page.getByTestId('field-crontab');
  await cron.fill('*/15 9-17 * * 1-5 *');
  assert.equal(await ctx.page.getByTestId('cron-description').innerText(),
    'Every 15 minutes, between 09:00 and 17:59 on Monday through Friday');
  await cron.fill('0 25 * * * *');
  assert.match(await ctx.page.getByTestId('cron-error').innerText(), /Hour field \(at character 3\): 25 is out of range/);
  await ctx.page.getByTestId('field-name').fill('Broken');
  await ctx.page.getByTestId('form-submit').click();
  await ctx.page.getByTestId('error-crontab').filter({ hasText: 'Hour field' }).waitFor();
  assert.equal(sent('POST', '/api/v1/schedules/').length, 0, 'nothing sent while invalid');
  assertNoPanics();
});
