// Embedding, both ways an admin page does it, driven through the sample admin page in e2e/host/
// (README, "Embed"): in an iframe with postMessage, and mounted into the page's elements with
// BackupConsole.mount; the page's aggressive global styles, theming, and the dark scheme.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startSandbox, launchBrowser, openPage, startHost, baseDist, readmeSnippet, root } from './harness.mjs';

const ctx = {};
before(async () => {
  ctx.host = await startHost();
  ctx.sandbox = await startSandbox({ dist: baseDist, consolePath: '/admin/backups', embedOrigins: [ctx.host.url] });
  ctx.host.proxyTo(ctx.sandbox.url);
  ctx.browser = await launchBrowser();
});
after(async () => {
  await ctx.browser?.close();
  ctx.sandbox?.stop();
  ctx.host?.stop();
});
beforeEach(async () => {
  await ctx.sandbox.reset();
  ctx.page = await openPage(ctx.browser);
});

/// The admin page, its framed console at `route` (served by the sandbox's own origin).
async function openAdmin({ route = '/', token, origin = ctx.host.url } = {}) {
  const params = new URLSearchParams({ console: `${ctx.sandbox.url}/admin/backups${route}` });
  if (token) params.set('token', token);
  await ctx.page.goto(`${origin}/host/admin.html?${params}`);
}
const frame = () => ctx.page.frameLocator('#backup-console');
const events = (where) => ctx.page.getByTestId(`events-${where}`).locator('li');
const event = (where, type, attrs = {}) => {
  let selector = `li[data-type="${type}"]`;
  for (const [k, v] of Object.entries(attrs)) selector += `[data-${k}="${v}"]`;
  return ctx.page.getByTestId(`events-${where}`).locator(selector);
};
const consoleA = () => ctx.page.getByTestId('backups');
const consoleB = () => ctx.page.getByTestId('backups-b');

test('iframe: connections and credentials arrive by message and stay in memory', async () => {
  const page = ctx.page;
  await openAdmin({ route: '/c/cyborg-host/users' });
  await event('frame', 'ready').waitFor();
  await frame().locator('[data-testid=row]', { hasText: 'admin@example.com' }).waitFor();
  await event('frame', 'navigated', { route: '/c/cyborg-host/users' }).waitFor();
  // Nothing the host gave is written to the console's storage.
  const consoleFrame = page.frames().find((f) => f.url().startsWith(ctx.sandbox.url));
  await frame().getByTestId('nav-connections').click();
  const row = frame().locator('[data-testid=connection-row][data-id=cyborg-host]');
  await row.waitFor();
  assert.match(await row.innerText(), /Memory \(given by the hosting page\)/);
  const stored = await consoleFrame.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  assert.ok(!stored.includes('demo-token'), stored);
  assert.ok(!stored.includes('cyborg-host'), stored);
  await event('frame', 'navigated', { route: '/connections' }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('iframe: a refused token is reported to the host, whose new credentials are used', async () => {
  await openAdmin({ route: '/c/cyborg-host/users', token: 'expired-token' });
  await event('frame', 'credentials-refused', { connection: 'cyborg-host' }).waitFor();
  // The sample page answers with a fresh token from its own back end.
  await frame().locator('[data-testid=row]', { hasText: 'admin@example.com' }).waitFor();
  await frame().getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  assert.deepEqual(ctx.page.problems, []);
});

test('iframe: the host navigates the console', async () => {
  await openAdmin();
  await event('frame', 'ready').waitFor();
  await frame().getByTestId('overview-connections').waitFor();
  await ctx.page.getByTestId('frame-users').click();
  await frame().locator('[data-testid=row]', { hasText: 'operator@example.com' }).waitFor();
  await event('frame', 'navigated', { route: '/c/cyborg-host/users' }).waitFor();
  await ctx.page.getByTestId('frame-connections').click();
  await frame().getByTestId('connections-table').waitFor();
  await event('frame', 'navigated', { route: '/connections' }).waitFor();
});

test('iframe: messages from an origin the console does not list are ignored', async () => {
  const page = ctx.page;
  await openAdmin({ route: '/connections' });
  await event('frame', 'ready').waitFor();
  await frame().locator('[data-testid=connection-row][data-id=cyborg-host]').waitFor();
  const before = await events('frame').count();
  await page.frameLocator('#rogue').locator('#attack').click();
  await page.waitForTimeout(1500);
  assert.equal(await frame().locator('[data-testid=connection-row][data-id=rogue]').count(), 0, 'no connection from the rogue');
  assert.equal(await frame().getByTestId('connections-table').count(), 1, 'still on the connections page');
  assert.equal(await events('frame').count(), before, 'nothing happened, nothing was told');
  // The credentials it tried to set were not taken: the host's connection still works.
  await page.getByTestId('frame-users').click();
  await frame().locator('[data-testid=row]', { hasText: 'admin@example.com' }).waitFor();
  assert.equal(await event('frame', 'credentials-refused').count(), 0);
});

test('iframe: frame-ancestors follows the list, so a page of another origin cannot frame it', async () => {
  const other = ctx.host.url.replace('127.0.0.1', 'localhost');
  await openAdmin({ origin: other });
  // The mounted consoles of that page work (they are its own); the framed one never starts.
  await event('backups', 'ready').waitFor();
  await ctx.page.waitForTimeout(2000);
  assert.equal(await events('frame').count(), 0);
  const framed = ctx.page.frames().find((f) => f.name() === 'backup-console');
  assert.ok(!framed.url().startsWith(ctx.sandbox.url) || (await framed.locator('.backup-console').count()) === 0);
});

test('iframe: signing out of a connection is told to the host', async () => {
  await openAdmin({ route: '/connections' });
  const row = frame().locator('[data-testid=connection-row][data-id=xopero-host]');
  await row.waitFor();
  await row.getByTestId('connection-sign-out').click();
  await event('frame', 'signed-out', { connection: 'xopero-host' }).waitFor();
  await row.getByTestId('connection-sign-out').waitFor({ state: 'detached' });
});

test('mounted: two consoles side by side keep their own connections and routes', async () => {
  const page = ctx.page;
  await openAdmin();
  await event('backups', 'ready').waitFor();
  await event('backups-b', 'ready').waitFor();
  await consoleA().getByTestId('nav-cyborg-host-users').waitFor();
  assert.equal(await consoleA().getByTestId('nav-rackspace-host-agents').count(), 0);
  assert.equal(await consoleB().getByTestId('nav-cyborg-host-users').count(), 0);
  const address = page.url();

  // A link inside the memory-routed console moves it alone, and not the page's address.
  await consoleA().getByTestId('nav-cyborg-host-users').click();
  await consoleA().locator('[data-testid=row]', { hasText: 'admin@example.com' }).waitFor();
  await event('backups', 'navigated', { route: '/c/cyborg-host/users' }).waitFor();
  assert.equal(page.url(), address);
  assert.equal(await consoleB().getByTestId('overview-connections').count(), 1, 'the other console stays on its overview');

  // The hash-routed one keeps its route in the fragment.
  await consoleB().getByTestId('nav-rackspace-host-agents').click();
  await consoleB().locator('[data-testid=row]', { hasText: 'web-01' }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/c/rackspace-host/agents');
  assert.equal(await consoleA().locator('[data-testid=row]', { hasText: 'admin@example.com' }).count(), 1);
  assert.equal(await event('backups', 'navigated').count(), 2, 'A saw none of B\'s moves');

  // The host navigates each through its handle.
  await consoleB().getByTestId('nav-rackspace-host-activity').click();
  await event('backups-b', 'navigated', { route: '/c/rackspace-host/activity' }).waitFor();
  await page.goBack();
  await event('backups-b', 'navigated', { route: '/c/rackspace-host/agents' }).nth(1).waitFor();
  await consoleB().locator('[data-testid=row]', { hasText: 'web-01' }).waitFor();
  await consoleA().locator('[data-testid=row]', { hasText: 'admin@example.com' }).waitFor();
  await page.evaluate(() => window.consoles.backups.navigate('/connections'));
  await consoleA().getByTestId('connections-table').waitFor();
  await consoleB().locator('[data-testid=row]', { hasText: 'web-01' }).waitFor();

  // A reload: the hash-routed console comes back where it was, the memory-routed one at its start.
  await page.reload();
  await consoleB().locator('[data-testid=row]', { hasText: 'web-01' }).waitFor();
  await consoleA().getByTestId('overview-connections').waitFor();
  assert.deepEqual(page.problems, []);
});

test('mounted: a refused token is reported to the host, which sets new credentials', async () => {
  const page = ctx.page;
  await openAdmin();
  await event('backups', 'ready').waitFor();
  await page.evaluate(() => window.consoles.backups.setConnections([
    { id: 'cyborg-host', vendor: 'cyborgbackup', label: 'CyBorgBackup (from the host)', base_url: '/cyborgbackup', token: 'expired-token' },
  ]));
  await page.getByTestId('show-users').click();
  await event('backups', 'credentials-refused', { connection: 'cyborg-host' }).waitFor();
  assert.equal(await event('backups-b', 'credentials-refused').count(), 0);
  assert.equal(await consoleB().getByTestId('sign-in-dialog').count(), 0, 'the other console asks nothing');
  await page.evaluate(() => window.consoles.backups.setCredentials('cyborg-host', 'demo-token'));
  await consoleA().locator('[data-testid=row]', { hasText: 'admin@example.com' }).waitFor();
  // Bad input is refused with a reason, not taken.
  const refused = await page.evaluate(() => {
    try {
      window.consoles.backups.setConnections([{ id: 'x', vendor: 'cyborgbackup', base_url: 'javascript:alert(1)' }]);
      return null;
    } catch (e) {
      return e.message;
    }
  });
  assert.match(refused, /base_url/);
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  assert.ok(!stored.includes('demo-token') && !stored.includes('expired-token'), stored);
});

test('mounted: the page\'s aggressive styles stay out, the console\'s stay in, themes get through', async () => {
  const page = ctx.page;
  await openAdmin();
  await consoleA().getByTestId('nav-cyborg-host-users').click();
  await consoleA().getByTestId('row').first().waitFor();
  await consoleB().getByTestId('nav-rackspace-host-agents').click();
  await consoleB().getByTestId('row').first().waitFor();
  const inside = await page.evaluate(() => {
    const root = document.getElementById('backups').shadowRoot.querySelector('.backup-console');
    const cell = root.querySelector('[data-testid=row] td');
    const table = root.querySelector('table');
    const button = root.querySelector('button');
    const style = (el) => getComputedStyle(el);
    const b = document.getElementById('backups-b').shadowRoot.querySelector('.backup-console');
    return {
      rootFontSize: style(root).fontSize,
      cellFont: style(cell).fontFamily,
      cellColor: style(cell).color,
      fg: style(root).getPropertyValue('--fg').trim(),
      letterSpacing: style(cell).letterSpacing,
      tableDisplay: style(table).display,
      divMargin: style(root.querySelector('.layout')).marginTop,
      buttonBackground: style(button).backgroundColor,
      accentA: style(root).getPropertyValue('--accent').trim(),
      accentB: style(b).getPropertyValue('--accent').trim(),
      fontB: style(b.querySelector('td')).fontFamily,
      paddingA: style(cell).paddingTop,
      paddingB: style(b.querySelector('td')).paddingTop,
    };
  });
  assert.equal(inside.rootFontSize, '16px', 'the page\'s html font size changes nothing inside');
  assert.doesNotMatch(inside.cellFont, /Comic/);
  assert.equal(inside.cellColor, 'rgb(29, 36, 48)');
  assert.equal(inside.letterSpacing, 'normal');
  assert.equal(inside.tableDisplay, 'table');
  assert.equal(inside.divMargin, '0px');
  assert.notEqual(inside.buttonBackground, 'rgb(255, 255, 0)');
  assert.equal(inside.accentA, '#1f5fbf');
  assert.equal(inside.accentB, '#6a1b9a', 'the page themes the second console');
  assert.match(inside.fontB, /Georgia/);
  assert.ok(parseFloat(inside.paddingB) < parseFloat(inside.paddingA), 'density .8 is tighter');
  // And nothing of the console's reaches the page.
  const outside = await page.evaluate(() => {
    const button = document.querySelector('[data-testid=host-button]');
    const panel = document.querySelector('[data-testid=host-panel]');
    const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText));
    return {
      button: getComputedStyle(button).backgroundColor,
      panel: getComputedStyle(panel).backgroundColor,
      panelRadius: getComputedStyle(panel).borderTopLeftRadius,
      consoleRules: rules.filter((r) => r.includes('.backup-console')).length,
    };
  });
  assert.equal(outside.button, 'rgb(255, 255, 0)');
  assert.equal(outside.panel, 'rgb(255, 255, 0)');
  assert.equal(outside.panelRadius, '0px', 'the console\'s .panel style is not the page\'s');
  assert.equal(outside.consoleRules, 0);
});

test('mounted: unmount removes a console, and it mounts again', async () => {
  const page = ctx.page;
  await openAdmin();
  await event('backups', 'ready').waitFor();
  await page.evaluate(() => window.consoles.backups.unmount());
  assert.equal(await page.evaluate(() => document.getElementById('backups').shadowRoot.childElementCount), 0);
  await consoleB().getByTestId('sidebar').waitFor();
  const again = await page.evaluate(async () => {
    const handle = window.BackupConsole.mount(document.getElementById('backups'), {
      routing: 'memory',
      route: '/c/again/users',
      connections: [{ id: 'again', vendor: 'cyborgbackup', base_url: '/cyborgbackup', token: 'demo-token' }],
    });
    window.consoles.again = handle;
    try {
      window.BackupConsole.mount(document.getElementById('backups'), {});
      return 'mounted twice';
    } catch (e) {
      return e.message;
    }
  });
  assert.match(again, /already mounted/);
  await consoleA().locator('[data-testid=row]', { hasText: 'admin@example.com' }).waitFor();
  const mixed = await page.evaluate(() => {
    try {
      window.BackupConsole.mount(document.createElement('div'), { routing: 'path', base: '/x/' });
      return 'mixed';
    } catch (e) {
      return e.message;
    }
  });
  assert.match(mixed, /hash or memory routing/);
  const secondHash = await page.evaluate(() => {
    try {
      window.BackupConsole.mount(document.createElement('div'), { routing: 'hash' });
      return 'two in the fragment';
    } catch (e) {
      return e.message;
    }
  });
  assert.match(secondHash, /fragment/);
  assert.deepEqual(page.problems, []);
});

/// WCAG contrast of every piece of text in the console against what is behind it.
async function lowContrast(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255 };
    };
    const found = [];
    const root = document.querySelector('.backup-console');
    for (const el of root.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.closest('.visually-hidden, .skip-link, [disabled], [aria-hidden=true]')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) < 1) continue;
      const fg = parse(style.color);
      const bg = background(el);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) found.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return found;
  });
}

test('the dark scheme follows prefers-color-scheme and keeps text at WCAG AA contrast', async () => {
  await ctx.page.close();
  ctx.page = await openPage(ctx.browser, { colorScheme: 'dark' });
  const page = ctx.page;
  const base = `${ctx.sandbox.url}/admin/backups`;
  await ctx.sandbox.fault({ path: '/cyborgbackup/api/v1/clients/', method: 'GET', status: 500, body: '{"detail": "boom"}', times: 10 });
  const pages = [
    ['/c/cyborg/users', '[data-testid=row]'],
    ['/c/cyborg/clients', '[data-testid=error-banner]'],
    ['/c/rackspace/agents', '.badge'],
    ['/c/cyborg/schedules/new', '[data-testid=resource-form]'],
    ['/connections', '[data-testid=connections-table]'],
    ['/schedule?cron=0%205%20*%20*%20MON&window=all', '[data-testid=next-run]'],
  ];
  for (const [route, ready] of pages) {
    await page.goto(base + route);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(300);
    if (route.endsWith('/new')) {
      await page.getByTestId('form-submit').click();
      await page.locator('.field-error:not(:empty)').first().waitFor();
    }
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.backup-console')).backgroundColor);
    assert.equal(bg, 'rgb(20, 24, 31)', `dark background on ${route}`);
    assert.deepEqual(await lowContrast(page), [], `contrast on ${route}`);
  }
  // The light scheme, for comparison, on the same pages.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(base + '/c/rackspace/agents');
  await page.locator('.badge').first().waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.backup-console')).backgroundColor), 'rgb(246, 247, 249)');
  assert.deepEqual(await lowContrast(page), []);
});

test('the README\'s embedding snippets are the sample page\'s code, verbatim', () => {
  const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
  const page = lines(fs.readFileSync(path.join(root, 'e2e', 'host', 'admin.html'), 'utf8'));
  const css = lines(fs.readFileSync(path.join(root, 'e2e', 'host', 'admin.css'), 'utf8'));
  assert.ok(page.includes(lines(readmeSnippet('embed-iframe'))), 'the iframe snippet');
  assert.ok(page.includes(lines(readmeSnippet('embed-mount'))), 'the mount snippet');
  assert.ok(css.includes(lines(readmeSnippet('embed-theme'))), 'the theme snippet');
});
