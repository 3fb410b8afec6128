// The deployment of README "Deploy", with real parts: Debian's nginx runs
// deploy/nginx/backup-console.conf (only ports, paths and upstreams changed for the test) in
// front of the sandbox started without CORS headers, behind TLS signed by a CA the test makes;
// the build is prepared by the README's own post-build command, with the README's console.json.
// A cross-vendor smoke suite runs through it; the same build served without the proxy shows that
// the console explains the CORS block. The Caddyfile is checked with `caddy validate` if Caddy
// is installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, launchBrowser, openPage, baseDist, root, readmeSnippet, startNginx, freePort, sandboxBin } from './harness.mjs';

const BASE = '/admin/backups';
/// Where each vendor location of the deployment goes on the sandbox (the vendors' side).
const UPSTREAM_PATHS = {
  cyborgbackup: '/cyborgbackup/',
  'rackspace-dfw': '/rackspace/',
  'rackspace-identity': '/rackspace/identity/',
  xopero: '/xopero/',
  cloudback: '/cloudback/',
  'scheduled-backup': '/scheduled-backup/data-protect/v2/',
  'scheduled-backup-identity': '/scheduled-backup/identity/',
};
/// Credentials the test adds to the README's console.json (a real one names none: operators
/// sign in). Rackspace and Scheduled Backup sign in through their identity services instead.
const TEST_CREDENTIALS = { cyborg: { token: 'demo-token' }, xopero: { token: 'demo-token' }, cloudback: { api_key: 'demo-api-key' } };
const SECRETS = ['demo-token', 'demo-api-key', 'demo-password'];

const ctx = {};

function sh(cmd, args, options = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options }).toString();
}

/// A CA, a certificate it signs for the vendors' name, and a self-signed one it does not.
function makeCertificates(dir) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  sh('openssl', ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Backup Console test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { cwd: dir });
  sh('openssl', ['req', ...ec, '-keyout', 'vendor.key', '-out', 'vendor.csr', '-subj', '/CN=vendor.test'], { cwd: dir });
  fs.writeFileSync(path.join(dir, 'vendor.ext'), 'subjectAltName=DNS:vendor.test\n');
  sh('openssl', ['x509', '-req', '-in', 'vendor.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'vendor.crt', '-days', '2', '-extfile', 'vendor.ext'], { cwd: dir });
  sh('openssl', ['req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.crt', '-days', '2', '-subj', '/CN=vendor.test', '-addext', 'subjectAltName=DNS:vendor.test'], { cwd: dir });
}

/// deploy/nginx/backup-console.conf with the test's port, directory, log and upstreams; every
/// vendor location must be one the test knows.
function templateNginx(dir, port) {
  let conf = fs.readFileSync(path.join(root, 'deploy', 'nginx', 'backup-console.conf'), 'utf8');
  conf = conf.replace(/^(\s*)listen 8080;/m, `$1listen 127.0.0.1:${port};`);
  conf = conf.replaceAll('/srv/backup-console/', `${dir}/`);
  conf = conf.replace('/var/log/nginx/backup-console.access.log', `${dir}/access.log`);
  conf = conf.replace('/etc/ssl/certs/ca-certificates.crt', `${ctx.tmp}/ca.crt`);
  const seen = [];
  conf = conf.replace(/location \/vendors\/([a-z0-9-]+)\/ \{\s*proxy_pass https:\/\/[^;]+;/g, (block, name) => {
    assert.ok(UPSTREAM_PATHS[name], `the test knows where /vendors/${name}/ goes`);
    seen.push(name);
    return block.replace(/proxy_pass https:\/\/[^;]+;/, `proxy_pass https://vendor.test${UPSTREAM_PATHS[name]};`);
  });
  assert.deepEqual(seen.sort(), Object.keys(UPSTREAM_PATHS).sort());
  return conf;
}

/// The main nginx.conf around the deployment's file: the vendors' side (TLS in front of the
/// sandbox), its own temp directories, non-root friendly.
function nginxMain(dir, { include, vendorPort, extra = '' }) {
  return `daemon off;
master_process off;
worker_processes 1;
${process.getuid?.() === 0 ? 'user root;' : ''}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${dir}/other.log;
    client_body_temp_path ${dir}/tmp-body;
    proxy_temp_path ${dir}/tmp-proxy;
    fastcgi_temp_path ${dir}/tmp-fastcgi;
    uwsgi_temp_path ${dir}/tmp-uwsgi;
    scgi_temp_path ${dir}/tmp-scgi;
    upstream vendor.test { server 127.0.0.1:${vendorPort}; }
${extra}
${include.map((file) => `    include ${file};`).join('\n')}
}
`;
}

before(async () => {
  ctx.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-console-deploy-'));
  fs.chmodSync(ctx.tmp, 0o755);
  makeCertificates(ctx.tmp);
  ctx.sandbox = await startSandbox({ noCors: true });
  const sandboxPort = new URL(ctx.sandbox.url).port;

  // The proxied deployment, prepared as the README says.
  const proxied = path.join(ctx.tmp, 'proxied');
  fs.mkdirSync(path.join(proxied, 'target', 'release'), { recursive: true });
  fs.cpSync(baseDist, path.join(proxied, 'dist'), { recursive: true });
  fs.symlinkSync(sandboxBin, path.join(proxied, 'target', 'release', 'backup-console-sandbox'));
  const config = JSON.parse(readmeSnippet('deploy-console-json'));
  ctx.readmeConfig = structuredClone(config);
  for (const c of config.connections) Object.assign(c, TEST_CREDENTIALS[c.id] ?? {});
  fs.writeFileSync(path.join(proxied, 'dist', 'console.json'), JSON.stringify(config, null, 2));
  const postbuild = spawnSync('sh', ['-e', '-c', readmeSnippet('deploy-postbuild')], { cwd: proxied, encoding: 'utf8' });
  assert.equal(postbuild.status, 0, postbuild.stderr);
  ctx.policy = postbuild.stdout.trim();

  // The same build served straight from a static host, its connections calling the vendors
  // (the sandbox without CORS) directly.
  const direct = path.join(ctx.tmp, 'direct');
  fs.cpSync(baseDist, path.join(direct, 'dist'), { recursive: true });
  const directConfig = structuredClone(config);
  for (const c of directConfig.connections) {
    for (const key of ['base_url', 'identity_url']) {
      if (c[key]) c[key] = `${ctx.sandbox.url}${c[key].replace(/^\/vendors\/([a-z0-9-]+)\//, (_, name) => UPSTREAM_PATHS[name]).replace(/^\/vendors\/([a-z0-9-]+)$/, (_, name) => UPSTREAM_PATHS[name].replace(/\/$/, ''))}`;
    }
  }
  fs.writeFileSync(path.join(direct, 'dist', 'console.json'), JSON.stringify(directConfig, null, 2));
  sh(sandboxBin, ['postbuild', '--dist', path.join(direct, 'dist'), '--nginx', path.join(direct, 'headers.conf')]);

  ctx.port = await freePort();
  ctx.directPort = await freePort();
  const vendorPort = await freePort();
  fs.writeFileSync(path.join(ctx.tmp, 'backup-console.conf'), templateNginx(proxied, ctx.port));
  // The direct site: the same file on another port, minus the log format it already declares.
  fs.writeFileSync(path.join(ctx.tmp, 'direct.conf'), templateNginx(direct, ctx.directPort).replace(/^log_format[^;]+;/m, ''));
  const vendors = `    server {
        listen 127.0.0.1:${vendorPort} ssl;
        server_name vendor.test;
        ssl_certificate ${ctx.tmp}/vendor.crt;
        ssl_certificate_key ${ctx.tmp}/vendor.key;
        location / { proxy_pass http://127.0.0.1:${sandboxPort}; }
    }`;
  ctx.nginx = await startNginx(path.join(ctx.tmp, 'nginx'),
    nginxMain(path.join(ctx.tmp, 'nginx'), { include: [`${ctx.tmp}/backup-console.conf`, `${ctx.tmp}/direct.conf`], vendorPort, extra: vendors }),
    [ctx.port, ctx.directPort, vendorPort]);
  ctx.site = `http://127.0.0.1:${ctx.port}`;
  ctx.browser = await launchBrowser();
});

after(async () => {
  await ctx.browser?.close();
  await ctx.nginx?.stop();
  ctx.sandbox?.stop();
  if (ctx.tmp && !process.env.KEEP_DEPLOY_TMP) fs.rmSync(ctx.tmp, { recursive: true, force: true });
});

test('nginx serves the console: index.html below the base, caching, the policy and security headers', async () => {
  const get = (p, init) => fetch(ctx.site + p, { redirect: 'manual', ...init });
  const index = await get(`${BASE}/`);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.equal(index.headers.get('content-security-policy'), ctx.policy);
  assert.match(ctx.policy, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'none'; frame-ancestors https:\/\/admin\.example\.com$/);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
  const html = await index.text();
  // The meta copy for static hosts is the same policy, without what a meta cannot carry.
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.equal(meta, ctx.policy.replace(/; frame-ancestors .*$/, ''));

  const deep = await get(`${BASE}/c/cyborg/users?page=2`);
  assert.equal(deep.status, 200);
  assert.match(await deep.text(), /<base href="\/admin\/backups\/"/);
  const config = await get(`${BASE}/console.json`);
  assert.equal(config.headers.get('cache-control'), 'no-cache');
  assert.deepEqual((await config.json()).embed, ctx.readmeConfig.embed);
  const [, module] = html.match(/from '\/admin\/backups\/(backup-console-[0-9a-f]{16}\.js)'/);
  const js = await get(`${BASE}/${module}`);
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const wasm = await get(`${BASE}/${module.replace('.js', '_bg.wasm')}`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const embed = await get(`${BASE}/backup-console-embed.js`);
  assert.equal(embed.headers.get('cache-control'), 'no-cache');
  assert.equal((await get(BASE)).status, 301);
  assert.equal((await get('/elsewhere')).status, 404);
  // The vendors' side sends no CORS headers at all, as the real ones.
  const bare = await fetch(`${ctx.sandbox.url}/cyborgbackup/api/v1/`, { headers: { Origin: 'http://elsewhere.test', Authorization: 'Token demo-token' } });
  assert.equal(bare.headers.get('access-control-allow-origin'), null);
});

test('through the proxy every vendor works, credentials pass and are never logged', async () => {
  const page = await openPage(ctx.browser);
  const go = (route) => page.goto(`${ctx.site}${BASE}${route}`);
  await go('/');
  await page.getByTestId('overview-connections').waitFor();

  // CyBorgBackup: a list and a write.
  await go('/c/cyborg/users');
  await page.locator('[data-testid=row]', { hasText: 'admin@example.com' }).waitFor();
  await go('/c/cyborg/policies/1');
  await page.getByTestId('launch-button').click();
  await page.getByTestId('notice').filter({ hasText: 'launched' }).waitFor();

  // Rackspace: signing in through its identity service, behind the same proxy.
  await go('/c/rackspace-dfw/agents');
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-use-key').check();
  await page.getByTestId('sign-in-username').fill('demo');
  await page.getByTestId('sign-in-key').fill('demo-api-key');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await page.locator('[data-testid=row]', { hasText: 'web-01' }).waitFor();

  // Xopero (every call a POST), Cloudback (the API key header).
  await go('/c/xopero/organizations');
  await page.locator('[data-testid=row]', { hasText: 'acme' }).first().waitFor();
  await go('/c/cloudback/definitions');
  await page.locator('[data-testid=row]', { hasText: 'api' }).first().waitFor();

  // Scheduled Backup: Keystone's token comes back in a header, readable on one origin.
  await go('/c/pool-ru3/plans');
  await page.getByTestId('sign-in-dialog').waitFor();
  await page.getByTestId('sign-in-use-key').check();
  await page.getByTestId('sign-in-user').fill('demo');
  await page.getByTestId('sign-in-password').fill('demo-password');
  await page.getByTestId('sign-in-domain').fill('demo');
  await page.getByTestId('sign-in-project').fill('demo-project');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('row').first().waitFor();
  assert.equal(await page.getByTestId('error-banner').count(), 0);
  assert.deepEqual(page.problems, []);

  const log = fs.readFileSync(path.join(ctx.tmp, 'proxied', 'access.log'), 'utf8');
  for (const p of ['/vendors/cyborgbackup/api/v1/users/', '/vendors/rackspace-identity/v2.0/tokens', '/vendors/xopero/', '/vendors/cloudback/api/ops/definition/get', '/vendors/scheduled-backup-identity/v3/auth/tokens', '/vendors/scheduled-backup/']) {
    assert.ok(log.includes(p), `${p} in the access log`);
  }
  for (const secret of SECRETS) assert.ok(!log.includes(secret), `${secret} never logged`);
  await page.context().close();
});

test('limits: a request body over 1 MB is refused by the proxy', async () => {
  const big = await fetch(`${ctx.site}/vendors/xopero/git/organizations/getmany`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer demo-token' },
    body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
  });
  assert.equal(big.status, 413);
});

test('TLS verification is on: a vendor whose certificate no trusted CA signed is refused', async () => {
  const dir = path.join(ctx.tmp, 'untrusted');
  const port = await freePort();
  const vendorPort = await freePort();
  const sandboxPort = new URL(ctx.sandbox.url).port;
  const conf = templateNginx(path.join(ctx.tmp, 'proxied'), port).replace(`${ctx.tmp}/proxied/access.log`, `${dir}/access.log`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'backup-console.conf'), conf);
  const vendors = `    server {
        listen 127.0.0.1:${vendorPort} ssl;
        ssl_certificate ${ctx.tmp}/self.crt;
        ssl_certificate_key ${ctx.tmp}/self.key;
        location / { proxy_pass http://127.0.0.1:${sandboxPort}; }
    }`;
  const nginx = await startNginx(path.join(dir, 'nginx'), nginxMain(path.join(dir, 'nginx'), { include: [`${dir}/backup-console.conf`], vendorPort, extra: vendors }), [port, vendorPort]);
  try {
    const answer = await fetch(`http://127.0.0.1:${port}/vendors/cyborgbackup/api/v1/`, { headers: { Authorization: 'Token demo-token' } });
    assert.equal(answer.status, 502);
    assert.match(fs.readFileSync(path.join(dir, 'nginx', 'error.log'), 'utf8'), /upstream SSL certificate verify error: \(18:self[- ]signed certificate\)/);
    // With the vendors' real CA the same request passes (the main site).
    const trusted = await fetch(`${ctx.site}/vendors/cyborgbackup/api/v1/`, { headers: { Authorization: 'Token demo-token' } });
    assert.equal(trusted.status, 200);
  } finally {
    await nginx.stop();
  }
});

test('without the proxy the console says the browser blocked answers without CORS headers', async () => {
  const page = await openPage(ctx.browser);
  const banner = page.getByTestId('error-banner');
  const headers = await fetch(`http://127.0.0.1:${ctx.directPort}${BASE}/`);
  // The policy lets the console call the vendors' origin: console.json names it.
  assert.match(headers.headers.get('content-security-policy'), new RegExp(`connect-src 'self' ${ctx.sandbox.url};`));
  for (const route of ['/c/cyborg/users', '/c/rackspace-dfw/agents', '/c/xopero/organizations', '/c/pool-ru3/plans']) {
    await page.goto(`http://127.0.0.1:${ctx.directPort}${BASE}${route}`);
    await banner.first().waitFor({ timeout: 30000 });
    assert.equal(await banner.first().getAttribute('data-kind'), 'cors', route);
    assert.match(await banner.first().innerText(), /blocked the answer .* no CORS headers .* reverse proxy/, route);
  }
  // Cloudback's page tells it per subject.
  await page.goto(`http://127.0.0.1:${ctx.directPort}${BASE}/c/cloudback/definitions`);
  await page.locator('[data-testid=row]', { hasText: /blocked the answer .* no CORS headers/ }).waitFor({ timeout: 30000 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the Caddyfile is valid (when Debian\'s caddy is installed)', (t) => {
  const caddy = spawnSync('caddy', ['version'], { encoding: 'utf8' });
  if (caddy.error) {
    t.skip('caddy is not installed');
    return;
  }
  const dir = path.join(ctx.tmp, 'caddy');
  fs.mkdirSync(dir, { recursive: true });
  sh(sandboxBin, ['postbuild', '--dist', path.join(ctx.tmp, 'proxied', 'dist'), '--caddy', path.join(dir, 'headers.caddy')]);
  fs.mkdirSync(path.join(dir, 'dist'));
  const caddyfile = fs.readFileSync(path.join(root, 'deploy', 'Caddyfile'), 'utf8')
    .replaceAll('/srv/backup-console/', `${dir}/`)
    .replace('/var/log/caddy/backup-console.access.log', `${dir}/access.log`);
  fs.writeFileSync(path.join(dir, 'Caddyfile'), caddyfile);
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
  const check = spawnSync('caddy', ['validate', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { encoding: 'utf8', env });
  assert.equal(check.status, 0, check.stderr + check.stdout);
  assert.match(check.stdout + check.stderr, /Valid configuration/);
});
