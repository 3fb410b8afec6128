// Cloudback through the console: the subjects kept with the connection, each row's own
// definition, settings, adding and pasting subjects, bulk enable/disable, and each documented
// failure (400, 401, 402, 404, 422) in its own words.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useConsole } from './harness.mjs';

const ctx = useConsole({ before, after, beforeEach });
const go = (path) => ctx.page.goto(ctx.sandbox.url + path);
const row = (line) => ctx.page.locator(`[data-testid=row][data-id="${line}"]`);
const cell = (line, col) => row(line).locator(`td[data-col=${col}]`);
const banner = () => ctx.page.getByTestId('error-banner');
const api = (op) => ctx.calls.filter((c) => new URL(c.url).pathname.endsWith(`/definition/${op}`));
const STORAGE_KEY = 'backup-console.connections.v1';

async function withTabConnections(connections) {
  await ctx.page.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [STORAGE_KEY, JSON.stringify(connections)]);
}

async function select(line) {
  await row(line).getByTestId('select-row').check();
}

test('done means: each row loads its own definition; a repository\'s retention changes', async () => {
  const page = ctx.page;
  await go('/c/cloudback/definitions');
  await cell('GitHub acme/api', 'enabled').filter({ hasText: 'Enabled' }).waitFor();
  await cell('GitHub acme/docs', 'enabled').filter({ hasText: 'Disabled' }).waitFor();
  await cell('AzureDevOps contoso/Platform', 'enabled').filter({ hasText: 'Disabled' }).waitFor();
  await cell('AzureDevOps contoso/Platform/backend', 'enabled').filter({ hasText: 'Enabled' }).waitFor();
  assert.equal(await page.getByTestId('row').count(), 6);
  assert.equal(await cell('GitHub acme/web', 'schedule').innerText(), 'Daily at 3 am');
  assert.equal(await cell('GitHub acme/web', 'storage').innerText(), 'Cloudback US');
  assert.equal(await cell('AzureDevOps contoso/Platform/backend', 'platform').innerText(), 'Azure DevOps');
  // A retention the dashboard no longer offers is shown as it is.
  assert.equal(await cell('GitHub acme/legacy', 'retention').innerText(), 'Last 7 days');
  const get = api('get');
  assert.equal(get.length, 6, 'one call per row');
  assert.equal(new URL(get[0].url).pathname, '/cloudback/api/ops/definition/get');
  assert.equal(get[0].headers['x-api-key'], 'demo-api-key');
  assert.deepEqual(JSON.parse(get.find((c) => c.body.includes('"api"')).body), { platform: 'GitHub', account: 'acme', subjectName: 'api', subjectType: 'Repository' });

  await cell('GitHub acme/api', 'subjectName').locator('a').click();
  await page.waitForURL(/\/c\/cloudback\/definitions\/GitHub\/acme\/Repository\/api$/);
  await page.getByTestId('resource-form').waitFor();
  assert.equal(await page.getByTestId('field-retention').inputValue(), 'Last 30 days');
  assert.equal(await page.getByTestId('field-schedule').inputValue(), 'Daily at 9 pm');
  // Schedules seen in this connection's definitions are suggested.
  const suggested = await page.locator('#field-schedule-suggestions option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(suggested.includes('Every 12 hours') && suggested.includes('Daily at 3 am'), suggested.join(', '));
  await page.getByTestId('field-retention').selectOption('Last 90 days');
  await page.getByTestId('form-submit').click();
  await page.waitForURL(/\/c\/cloudback\/definitions$/);
  await cell('GitHub acme/api', 'retention').filter({ hasText: 'Last 90 days' }).waitFor();
  assert.deepEqual(JSON.parse(api('update')[0].body), {
    platform: 'GitHub', account: 'acme', subjectName: 'api', subjectType: 'Repository',
    settings: { enabled: true, schedule: 'Daily at 9 pm', storage: 'Cloudback EU', retention: 'Last 90 days' },
  });

  // The unknown retention is kept, first, when the form is saved untouched.
  await go('/c/cloudback/definitions/GitHub/acme/Repository/legacy');
  await page.getByTestId('resource-form').waitFor();
  assert.equal(await page.getByTestId('field-retention').inputValue(), 'Last 7 days');
  assert.match(await page.locator('[data-testid=field-retention] option').first().innerText(), /not one of the dashboard's choices/);
  await page.getByTestId('form-submit').click();
  await page.waitForURL(/\/definitions$/);
  assert.equal(JSON.parse(api('update')[1].body).settings.retention, 'Last 7 days');

  // An Azure DevOps repository's name keeps its '/' in one address part, and survives a reload.
  await cell('AzureDevOps contoso/Platform/backend', 'subjectName').locator('a').click();
  await page.waitForURL(/\/definitions\/AzureDevOps\/contoso\/Repository\/Platform%2Fbackend$/);
  await page.reload();
  await page.locator('dd[data-field=subjectName]').filter({ hasText: 'Platform/backend' }).waitFor();
  assert.equal(await page.getByTestId('detail-title').innerText(), 'AzureDevOps contoso/Platform/backend');
  assert.deepEqual(page.problems, []);
});

test('settings: enable with another schedule and storage; 422 names the field', async () => {
  const page = ctx.page;
  await go('/c/cloudback/definitions/GitHub/acme/Repository/docs');
  await page.getByTestId('resource-form').waitFor();
  await page.getByTestId('field-enabled').check();
  await page.getByTestId('field-schedule').fill('Hourly');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-schedule').filter({ hasText: 'Schedule "Hourly" not found' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'validation');
  assert.match(await banner().innerText(), /^Cloudback refused the settings\./);
  await page.getByTestId('field-schedule').fill('Weekly on Sunday');
  await page.getByTestId('field-storage').fill('Acme S3 archive');
  await page.getByTestId('form-submit').click();
  await page.waitForURL(/\/definitions$/);
  await cell('GitHub acme/docs', 'enabled').filter({ hasText: 'Enabled' }).waitFor();
  assert.equal(await cell('GitHub acme/docs', 'schedule').innerText(), 'Weekly on Sunday');
  assert.equal(await cell('GitHub acme/docs', 'storage').innerText(), 'Acme S3 archive');
  // A blank name is refused before anything is sent.
  await go('/c/cloudback/definitions/GitHub/acme/Repository/docs');
  await page.getByTestId('field-storage').fill(' ');
  await page.getByTestId('form-submit').click();
  await page.getByTestId('error-storage').filter({ hasText: 'storage' }).waitFor();
  assert.equal(api('update').length, 2);
});

test('subjects: add one (checked by fetching it), paste several, remove; the list survives a reload', async () => {
  const page = ctx.page;
  await go('/c/cloudback/definitions');
  await cell('GitHub acme/api', 'enabled').filter({ hasText: 'Enabled' }).waitFor();

  // The document's name format is checked before anything is sent.
  await page.getByTestId('field-account').fill('acme');
  await page.getByTestId('field-subjectName').fill('acme/mobile');
  await page.getByTestId('add-subject').click();
  await page.getByTestId('error-subjectName').filter({ hasText: 'without its account' }).waitFor();
  const before = ctx.calls.length;

  await page.getByTestId('field-subjectName').fill('nope');
  await page.getByTestId('add-subject').click();
  await banner().filter({ hasText: 'Cloudback does not know the repository or backup definition GitHub acme/nope' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'not-found');
  assert.equal(await row('GitHub acme/nope').count(), 0);
  assert.equal(ctx.calls.length, before + 1);

  await page.getByTestId('field-subjectName').fill('mobile');
  await page.getByTestId('add-subject').click();
  await page.getByTestId('notice').filter({ hasText: 'GitHub acme/mobile added' }).waitFor();
  await cell('GitHub acme/mobile', 'enabled').filter({ hasText: 'Disabled' }).waitFor();

  await select('GitHub acme/web');
  await select('GitHub acme/docs');
  await page.getByTestId('bulk-remove').click();
  await page.getByTestId('notice').filter({ hasText: 'Removed 2 from this list' }).waitFor();
  assert.equal(await row('GitHub acme/web').count(), 0);
  assert.equal(await page.getByTestId('row').count(), 5);

  await page.getByTestId('field-lines').fill('GitHub acme/web\nhttps://github.com/acme/docs\nGitHub acme/ghost\ngithub ACME/API\nnonsense');
  await page.getByTestId('paste-subjects').click();
  await page.locator('[data-testid=paste-result][data-kind=not-found]').waitFor();
  await page.locator('[data-testid=paste-result][data-kind=added]').nth(1).waitFor();
  const results = await page.getByTestId('paste-result').allInnerTexts();
  assert.equal(results.length, 5);
  assert.ok(results.some((r) => /^Line 5: nonsense: Write the platform/.test(r)), results.join('\n'));
  assert.ok(results.some((r) => /^GitHub ACME\/API: Already in the list/.test(r)), results.join('\n'));
  assert.ok(results.some((r) => /^GitHub acme\/ghost: Cloudback does not know/.test(r)), results.join('\n'));
  await cell('GitHub acme/docs', 'enabled').filter({ hasText: 'Disabled' }).waitFor();
  await cell('GitHub acme/web', 'enabled').filter({ hasText: 'Enabled' }).waitFor();

  await page.reload();
  await cell('GitHub acme/mobile', 'enabled').filter({ hasText: 'Disabled' }).waitFor();
  assert.equal(await page.getByTestId('row').count(), 7);
  // The demo connection comes from console.json: its subjects are kept beside it, its key never.
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  assert.match(stored, /\\"subjectName\\":\\"mobile\\"/);
  assert.ok(!stored.includes('demo-api-key'), 'the hosting page\'s key stays in memory');
  assert.deepEqual(page.problems, []);
});

test('bulk: enable and disable several, each with its own result; the plan limit (402)', async () => {
  const page = ctx.page;
  await go('/c/cloudback/definitions');
  await cell('GitHub acme/legacy', 'enabled').filter({ hasText: 'Disabled' }).waitFor();
  await cell('GitHub acme/docs', 'enabled').filter({ hasText: 'Disabled' }).waitFor();
  await select('GitHub acme/docs');
  await select('GitHub acme/legacy');
  await select('GitHub acme/api');
  await page.getByTestId('bulk-enable').click();
  const result = (line) => page.locator(`[data-testid=bulk-result][data-subject="${line}"]`);
  await result('GitHub acme/legacy').waitFor();
  assert.equal(await result('GitHub acme/api').getAttribute('data-kind'), 'skipped');
  assert.match(await result('GitHub acme/api').innerText(), /Already enabled/);
  assert.equal(await result('GitHub acme/docs').getAttribute('data-kind'), 'done');
  assert.equal(await result('GitHub acme/legacy').getAttribute('data-kind'), 'plan-limit');
  assert.match(await result('GitHub acme/legacy').innerText(), /Cloudback plan's limit is exceeded.*Plan limit exceeded/);
  await cell('GitHub acme/docs', 'enabled').filter({ hasText: 'Enabled' }).waitFor();
  assert.equal(await cell('GitHub acme/legacy', 'enabled').innerText(), 'Disabled');
  const sent = api('update').map((c) => JSON.parse(c.body));
  assert.deepEqual(sent.map((b) => [b.subjectName, b.settings.enabled]), [['docs', true], ['legacy', true]]);
  assert.equal(sent[1].settings.retention, 'Last 7 days', 'the other settings are sent as they were');

  await page.getByTestId('select-all').check();
  await page.getByTestId('select-all').uncheck();
  await select('GitHub acme/api');
  await select('GitHub acme/docs');
  await page.getByTestId('bulk-disable').click();
  await result('GitHub acme/docs').waitFor();
  await cell('GitHub acme/api', 'enabled').filter({ hasText: 'Disabled' }).waitFor();
  await cell('GitHub acme/docs', 'enabled').filter({ hasText: 'Disabled' }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('failures: 400, 401 (sign in with the key), 404 rows and pages, the /ops path', async () => {
  const page = ctx.page;
  // 400: a platform Cloudback does not support reaches the service, which refuses it.
  await go('/c/cloudback/definitions');
  await page.getByTestId('field-platform').fill('Bitbucket');
  await page.getByTestId('field-account').fill('team');
  await page.getByTestId('field-subjectName').fill('tools');
  await page.getByTestId('add-subject').click();
  await banner().filter({ hasText: 'Cloudback could not read the request' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'validation');
  assert.match(await banner().innerText(), /Unsupported platform "Bitbucket"/);

  // 402 from the settings form.
  await ctx.sandbox.fault({ path: '/cloudback/api/ops/definition/update', status: 402, body: '{"title":"Payment Required","status":402,"detail":"Plan limit exceeded: 4 of 4 repositories"}' });
  await go('/c/cloudback/definitions/GitHub/acme/Repository/docs');
  await page.getByTestId('field-enabled').check();
  await page.getByTestId('form-submit').click();
  await banner().filter({ hasText: 'disable another backup or upgrade the plan' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'plan-limit');
  assert.match(await banner().innerText(), /Plan limit exceeded: 4 of 4 repositories$/);

  // 404: a definition Cloudback does not know, on its page and as a row.
  await go('/c/cloudback/definitions/GitHub/acme/Repository/ghost');
  await banner().filter({ hasText: 'Cloudback does not know the repository or backup definition GitHub acme/ghost' }).waitFor();
  assert.equal(await banner().getAttribute('data-kind'), 'not-found');

  // 401: a wrong key; signing in with the right one replaces it. This connection uses /ops.
  await withTabConnections([{
    id: 'cbkey', vendor: 'cloudback', label: 'Cloudback /ops', base_url: `${ctx.sandbox.url}/cloudback`, api_key: 'wrong-key', api_path: '/ops',
    subjects: [{ platform: 'GitHub', account: 'acme', subjectName: 'api' }, { platform: 'GitHub', account: 'acme', subjectName: 'ghost', subjectType: 'Repository' }],
  }]);
  await go('/c/cbkey/definitions');
  await page.getByTestId('sign-in-dialog').waitFor();
  await cell('GitHub acme/api', 'enabled').filter({ hasText: 'did not accept the API key' }).waitFor();
  await page.getByTestId('sign-in-token').fill('demo-api-key');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await cell('GitHub acme/api', 'enabled').filter({ hasText: 'Enabled' }).waitFor();
  await cell('GitHub acme/ghost', 'enabled').filter({ hasText: 'Cloudback does not know' }).waitFor();
  const last = api('get').at(-1);
  assert.equal(new URL(last.url).pathname, '/cloudback/ops/definition/get');
  assert.equal(last.headers['x-api-key'], 'demo-api-key');
  const stored = await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY);
  assert.ok(!stored.includes('wrong-key'), 'the refused key is replaced');
  assert.deepEqual(page.problems, []);
});
