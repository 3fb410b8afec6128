// Rackspace Cloud Backup through the console: agents, configurations, backups, activity,
// and the failures each documents.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const api = (method, part) => ctx.calls.filter((c) => c.method === method && new URL(c.url).pathname.includes(`/v1.0/123456/${part}`));
const banner = () => ctx.page.getByTestId('error-banner');
const notice = () => ctx.page.getByTestId('notice');

test('agents: live status, wake up, lookup by host server', async () => {
  const page = ctx.page;
  await go('/c/rackspace/agents');
  await page.locator('tr[data-id="213564"] td[data-col=Status]').filter({ hasText: 'Online' }).waitFor();
  await page.locator('tr[data-id="213566"] td[data-col=Status]').filter({ hasText: 'Offline' }).waitFor();
  assert.match(await page.locator('tr[data-id="213564"] td[data-col=TimeOfLastSuccessfulBackup]').innerText(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  assert.equal(api('GET', 'user/agents')[0].headers['x-auth-token'], 'demo-token');
  await page.getByTestId('wake-up-agents').click();
  await notice().filter({ hasText: 'Wake-up sent' }).waitFor();
  await page.locator('tr[data-id="213566"] td[data-col=Status]').filter({ hasText: 'Online' }).waitFor({ timeout: 10000 });

  await page.getByTestId('host-lookup').fill('87c3b6e1-fb1a-41f9-91e5-313ae35a5a06');
  await page.getByTestId('host-lookup-submit').click();
  await page.waitForURL(/\/c\/rackspace\/agents\/213564$/);
  await page.getByTestId('detail-title').filter({ hasText: 'web-01' }).waitFor();
  await go('/c/rackspace/agents');
  await page.getByTestId('host-lookup').fill('no-such-server');
  await page.getByTestId('host-lookup-submit').click();
  assert.equal(await banner().getAttribute('data-kind'), 'not-found');
  assert.deepEqual(page.problems, []);
});

test('agent: disable and enable, behavior, log level, migrate preconditions, delete', async () => {
  const page = ctx.page;
  await go('/c/rackspace/agents/213564');
  await page.getByTestId('agent-toggle').filter({ hasText: 'Disable agent' }).click();
  await page.locator('dd[data-field=IsDisabled]').filter({ hasText: 'Yes' }).waitFor();
  assert.deepEqual(JSON.parse(api('POST', 'agent/enable')[0].body), { MachineAgentId: 213564, Enable: false });
  await page.getByTestId('agent-toggle').filter({ hasText: 'Enable agent' }).click();
  await page.locator('dd[data-field=IsDisabled]').filter({ hasText: 'No' }).waitFor();

  await page.getByTestId('data-center').selectOption('ORD');
  await page.getByTestId('service-net').uncheck();
  await page.getByTestId('behavior-save').click();
  await page.locator('dd[data-field=BackupDataCenter]').filter({ hasText: 'ORD' }).waitFor();
  assert.deepEqual(JSON.parse(api('POST', 'agent/213564')[0].body), { BackupDataCenter: 'ORD', UseServiceNet: false });

  await page.getByTestId('log-level').selectOption('6');
  await page.getByTestId('log-level-save').click();
  await notice().filter({ hasText: 'Log level changed' }).waitFor();
  assert.equal(api('PUT', 'agent/logging')[0].body, 'MachineAgentId=213564&LoggingLevelId=6');

  // db-01 has configurations of its own: refused before anything is sent.
  await page.getByTestId('migrate-destination').selectOption('213565');
  await page.getByTestId('migrate-submit').click();
  await page.getByTestId('migrate-problem').filter({ hasText: 'already has backup configurations' }).waitFor();
  assert.equal(api('PUT', 'agent/migratevault').length, 0);

  await page.getByTestId('delete-button').click();
  assert.match(await page.getByTestId('confirm-dialog').innerText(), /Delete agent "web-01"\? Its backup configurations and all of its backups are deleted too/);
  await page.getByTestId('confirm-ok').click();
  await page.waitForURL(/\/c\/rackspace\/agents$/);
  await page.locator('tr[data-id="213565"]').waitFor();
  assert.equal(await page.locator('tr[data-id="213564"]').count(), 0);
  assert.deepEqual(JSON.parse(api('POST', 'agent/delete')[0].body), { MachineAgentId: 213564 });
});

test('configurations: create with a schedule, edit, disable, run a backup and read its report', async () => {
  const page = ctx.page;
  await go('/c/rackspace/agents/213564');
  await page.getByTestId('create-button').click();
  await page.getByTestId('resource-form').waitFor();
  await page.getByTestId('field-agent').selectOption('213564');
  await page.getByTestId('field-name').fill('Site files');
  await page.getByTestId('field-frequency').selectOption('Weekly');
  await page.getByTestId('field-day').selectOption('5');
  await page.getByTestId('field-hour').selectOption('7');
  await page.getByTestId('field-minute').fill('30');
  await page.getByTestId('field-ampm').selectOption('PM');
  await page.getByTestId('field-timezone').selectOption('Eastern Standard Time');
  const first = await page.getByTestId('next-run').first().getAttribute('datetime');
  assert.match(first, /T19:30:00-0[45]:00$/, 'Friday 7:30 PM in New York');
  await page.getByTestId('field-inclusions').fill('/var/www\n/etc/nginx/nginx.conf');
  await page.getByTestId('field-recipients').fill('not-an-address');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-recipients').filter({ hasText: 'Not an email address' }).waitFor();
  assert.equal(api('POST', 'backup-configuration').length, 0);
  await page.getByTestId('field-recipients').fill('ops@example.com');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('detail').waitFor();
  const body = JSON.parse(api('POST', 'backup-configuration')[0].body);
  assert.deepEqual(
    [body.Frequency, body.DayOfWeekId, body.StartTimeHour, body.StartTimeMinute, body.StartTimeAmPm, body.HourInterval, body.TimeZoneId],
    ['Weekly', 5, 7, 30, 'PM', null, 'Eastern Standard Time'],
  );
  assert.deepEqual(body.Inclusions, [{ FilePath: '/var/www', FileItemType: 'Folder' }, { FilePath: '/etc/nginx/nginx.conf', FileItemType: 'File' }]);
  assert.equal(await page.locator('dd[data-field=Schedule]').innerText(), 'Every Friday at 19:30 (Eastern Standard Time)');

  // A second configuration with the same name on the agent is a conflict.
  const id = new URL(page.url()).pathname.split('/').pop();
  await page.getByTestId('edit-button').click();
  await page.getByTestId('field-frequency').selectOption('Hourly');
  await page.getByTestId('field-interval').selectOption('4');
  await page.getByTestId('form-submit').click();
  await page.locator('dd[data-field=Schedule]').filter({ hasText: 'Every 4 hours' }).waitFor();
  assert.equal(JSON.parse(api('PUT', `backup-configuration/${id}`)[0].body).HourInterval, 4);
  await page.getByTestId('config-toggle').filter({ hasText: 'Disable' }).click();
  await page.locator('dd[data-field=IsActive]').filter({ hasText: 'No' }).waitFor();

  await page.getByTestId('start-backup').click();
  await page.waitForURL(/\/c\/rackspace\/backups\/\d+$/);
  assert.deepEqual(JSON.parse(api('POST', 'backup/action-requested')[0].body), { Action: 'StartManual', Id: Number(id) });
  await page.getByTestId('backup-state').filter({ hasText: /StartRequested|Queued|InProgress/ }).waitFor();
  await page.getByTestId('backup-report').waitFor({ timeout: 15000 });
  assert.equal(await page.getByTestId('backup-state').innerText(), 'Completed');
  assert.equal(await page.locator('[data-testid=backup-report] dd[data-field=NumErrors]').innerText(), '0');
  assert.deepEqual(page.problems, []);
});

test('backups: stop a running backup; a report lists errors', async () => {
  const page = ctx.page;
  await go('/c/rackspace/configurations/148326');
  await page.getByTestId('start-backup').click();
  await page.getByTestId('stop-backup').click();
  await page.getByTestId('backup-state').filter({ hasText: 'Stopped' }).waitFor({ timeout: 10000 });
  assert.equal(JSON.parse(api('POST', 'backup/action-requested')[1].body).Action, 'StopManual');
  await go('/c/rackspace/backups/134333');
  await page.getByTestId('report-error').first().waitFor();
  assert.equal(await page.getByTestId('report-error').count(), 2);
  assert.equal(await page.locator('[data-testid=backup-report] dd[data-field=State]').innerText(), 'CompletedWithErrors');
});

test('activity filters by type and state', async () => {
  const page = ctx.page;
  await go('/c/rackspace/activity');
  await page.getByTestId('row').first().waitFor();
  assert.equal(await page.getByTestId('row').count(), 2);
  await page.getByTestId('activity-state').selectOption('CompletedWithErrors');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=row]').length === 1);
  assert.match(await page.getByTestId('row').innerText(), /Nightly Database Dump/);
  await page.getByTestId('activity-type').selectOption('Restore');
  await page.getByTestId('empty').waitFor();
});

test('failures: offline agent, conflict, unknown agent, expired token', async () => {
  const page = ctx.page;
  await go('/c/rackspace/configurations/148327');
  await page.getByTestId('start-backup').click();
  await banner().filter({ hasText: 'wake it up' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'validation');

  await go('/c/rackspace/configurations/new?agent=213564');
  await page.getByTestId('field-agent').selectOption('213564');
  await page.getByTestId('field-name').fill('weekly website backup');
  await page.getByTestId('field-inclusions').fill('/srv');
  await page.getByTestId('field-recipients').fill('ops@example.com');
  await page.getByTestId('form-submit').click();
  await banner().filter({ hasText: 'already has a configuration named' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'conflict');

  await go('/c/rackspace/agents/999');
  await banner().waitFor();
  assert.equal(await banner().innerText(), 'Not found: agent 999 does not exist (it may have been deleted).');

  await ctx.sandbox.fault({ path: '/rackspace/v1.0/123456/backup/availableforrestore', status: 500, body: '{"message": "Instance Fault", "code": 500}' });
  await go('/c/rackspace/restores');
  await banner().filter({ hasText: 'HTTP 500' }).waitFor();

  await ctx.sandbox.fault({ path: '/rackspace/v1.0/123456/activity', status: 503, body: '{"message": "Service Unavailable", "code": 503}', times: 4 });
  await go('/c/rackspace/activity');
  await banner().waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'server');
  assert.match(await banner().innerText(), /HTTP 503/);

  await ctx.sandbox.fault({ path: '/rackspace/v1.0/123456/backup-configuration', status: 401, body: '{"message": "expired"}' });
  await go('/c/rackspace/configurations');
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-token').fill('demo-token');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('row').first().waitFor();
  assert.deepEqual(page.problems, []);
});

test('sign in with username and API key through the identity service', async () => {
  const page = ctx.page;
  const conn = { id: 'rax', vendor: 'rackspace', label: 'Rax', base_url: `${ctx.sandbox.url}/rackspace`, identity_url: `${ctx.sandbox.url}/rackspace/identity`, token: 'stale' };
  await page.addInitScript((value) => sessionStorage.setItem('backup-console.connections.v1', value), JSON.stringify([conn]));
  await go('/c/rax/agents');
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-use-key').check();
  await page.getByTestId('sign-in-username').fill('demo');
  await page.getByTestId('sign-in-key').fill('wrong-key');
  await page.getByTestId('sign-in-submit').click();
  await page.locator('[data-testid=sign-in-dialog] [data-testid=error-banner]').waitFor();
  await page.getByTestId('sign-in-key').fill('demo-api-key');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await page.locator('tr[data-id="213564"]').waitFor();
  const identity = ctx.calls.filter((c) => c.url.includes('/identity/v2.0/tokens'));
  assert.equal(identity.length, 2);
  assert.deepEqual(JSON.parse(identity[1].body), { auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'demo', apiKey: 'demo-api-key' } } });
  const stored = await page.evaluate(() => sessionStorage.getItem('backup-console.connections.v1'));
  // The Cloudback demo connection's own key happens to be the same text: look past it.
  const others = JSON.parse(stored).filter((c) => c.vendor !== 'cloudback');
  assert.ok(!JSON.stringify(others).includes('demo-api-key'), 'the API key is never stored');
  assert.match(stored, /"tenant_id":"123456"/, 'the tenant comes from the token');
  assert.equal(ctx.calls.filter((c) => c.url.includes('/v1.0/123456/user/agents')).at(-1).headers['x-auth-token'], 'demo-token');
});

async function createRestore(page, config, destination, path = '/srv/restore') {
  await go('/c/rackspace/restores');
  await page.getByTestId(`restore-config-${config}`).check();
  const point = page.getByTestId('restore-point');
  await point.locator('option').nth(1).waitFor({ state: 'attached' });
  await point.selectOption({ index: 1 });
  await page.getByTestId('restore-destination').selectOption(String(destination));
  await page.getByTestId('restore-path').fill(path);
  await page.getByTestId('restore-overwrite').check();
  await page.getByTestId('restore-create').click();
  await page.waitForURL(/\/c\/rackspace\/restores\/\d+$/);
  await page.getByTestId('restore-state').filter({ hasText: 'Creating' }).waitFor();
  return new URL(page.url()).pathname.split('/').pop();
}

test('restores: a guided restore with chosen paths, watched to its report; a stopped one', async () => {
  const page = ctx.page;
  const id = await createRestore(page, 148325, 213565);
  assert.deepEqual(JSON.parse(api('PUT', 'restore')[0].body), {
    BackupId: 134332, BackupMachineId: 213564, DestinationMachineId: 213565, DestinationPath: '/srv/restore', BackupDataCenter: 'DFW', OverwriteFiles: true,
  });
  await page.getByTestId('restore-file-path').fill('/var/www/index.html');
  await page.getByTestId('restore-file-folder').uncheck();
  await page.getByTestId('restore-file-add').click();
  await page.getByTestId('restore-file').filter({ hasText: 'Include /var/www/index.html (file)' }).waitFor();
  assert.deepEqual(JSON.parse(api('PUT', 'restore/files')[0].body), { FilePath: '/var/www/index.html', Filter: '1', ParentId: Number(id), FileItemType: '0' });
  await page.getByTestId('restore-new-path').fill('/srv/elsewhere');
  await page.getByTestId('restore-change-destination').click();
  await page.locator('dd[data-field=Destination]').filter({ hasText: '/srv/elsewhere' }).waitFor();
  assert.equal(JSON.parse(api('POST', 'restore')[0].body).DestinationPath, '/srv/elsewhere');
  await page.getByTestId('restore-start').click();
  await page.getByTestId('restore-report').waitFor({ timeout: 15000 });
  assert.equal(await page.getByTestId('restore-state').innerText(), 'Completed');
  assert.deepEqual(JSON.parse(api('POST', 'restore/action-requested')[0].body), { Action: 'StartManual', Id: Number(id) });

  await createRestore(page, 148325, 213564);
  await page.getByTestId('restore-start').click();
  await page.getByTestId('restore-stop').click();
  await page.getByTestId('restore-state').filter({ hasText: 'Stopped' }).waitFor({ timeout: 10000 });

  // A destination the agent cannot write to: the restore fails and its report says why.
  await createRestore(page, 148325, 213565, '/mnt/readonly');
  await page.getByTestId('restore-start').click();
  await page.getByTestId('restore-report').waitFor({ timeout: 15000 });
  assert.equal(await page.getByTestId('restore-state').innerText(), 'Failed');
  assert.deepEqual(page.problems, []);
});

test('encryption: turned on with warnings, passphrase changed, needed to restore', async () => {
  const page = ctx.page;
  await go('/c/rackspace/agents/213565');
  await page.getByTestId('encryption').waitFor();
  assert.match(await page.getByTestId('encryption').innerText(), /cannot be turned off/);
  await page.getByTestId('pass-new').fill('correct horse battery');
  await page.getByTestId('pass-again').fill('correct horse battery');
  await page.getByTestId('encryption-submit').click();
  await page.getByTestId('encryption-problem').filter({ hasText: 'cannot be turned off' }).waitFor();
  assert.equal(api('POST', 'agent/encrypt').length, 0);
  await page.getByTestId('pass-new').fill('correct horse battery');
  await page.getByTestId('pass-again').fill('correct horse battery');
  await page.getByTestId('encryption-understood').check();
  await page.getByTestId('encryption-submit').click();
  await notice().filter({ hasText: 'Encryption enabled.' }).waitFor();
  const sent = JSON.parse(api('POST', 'agent/encrypt')[0].body);
  assert.match(sent.EncryptedPasswordHex, /^[0-9a-f]{256}$/, 'RSA-encrypted in the browser, as hex');
  assert.ok(!JSON.stringify(ctx.calls).includes('correct horse'), 'the passphrase never travels in clear');

  await page.getByTestId('pass-old').fill('wrong passphrase');
  await page.getByTestId('pass-new').fill('staple battery horse');
  await page.getByTestId('pass-again').fill('staple battery horse');
  await page.getByTestId('encryption-submit').click();
  await banner().filter({ hasText: 'not allowed' }).waitFor();
  await page.getByTestId('pass-old').fill('correct horse battery');
  await page.getByTestId('pass-new').fill('staple battery horse');
  await page.getByTestId('pass-again').fill('staple battery horse');
  await page.getByTestId('encryption-submit').click();
  await notice().filter({ hasText: 'Passphrase changed.' }).waitFor();

  await createRestore(page, 148326, 213565);
  await page.getByTestId('restore-passphrase').fill('correct horse battery');
  await page.getByTestId('restore-start').click();
  await banner().filter({ hasText: 'not allowed' }).waitFor();
  await page.getByTestId('restore-passphrase').fill('staple battery horse');
  await page.getByTestId('restore-start').click();
  await page.getByTestId('restore-state').filter({ hasText: /StartRequested|Queued|InProgress|Completed/ }).waitFor();
  assert.deepEqual(page.problems, []);
});
