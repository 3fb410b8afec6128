// Shared set-up for the end-to-end tests: a fresh sandbox per test file on a free port,
// serving the built console, and headless Chromium from Debian (never a downloaded browser).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sandboxBin = process.env.SANDBOX_BIN ?? path.join(root, 'target', 'release', 'backup-console-sandbox');
const dist = process.env.CONSOLE_DIST ?? path.join(root, 'dist');
/// The same console built with `--public-url /admin/backups/` (scripts/test builds both).
export const baseDist = process.env.CONSOLE_BASE_DIST ?? path.join(root, 'dist-base');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/// `options.dist` and `options.consolePath` serve another build below a base path;
/// `options.connectSrc` (a source or a list) lets the console's policy reach other origins,
/// `options.embedOrigins` lets pages of those origins frame and drive the console.
export async function startSandbox(options = {}) {
  const args = ['--port', '0', '--dist', options.dist ?? dist];
  if (options.consolePath) args.push('--console-path', options.consolePath);
  if (options.noCors) args.push('--no-cors');
  for (const source of [options.connectSrc ?? []].flat()) args.push('--connect-src', source);
  for (const origin of options.embedOrigins ?? []) args.push('--embed-origin', origin);
  const child = spawn(sandboxBin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/[^/\s]+)\//);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
    setTimeout(() => reject(new Error('sandbox did not start in 20 s')), 20000);
  });
  return {
    url,
    async reset() {
      await post(`${url}/__sandbox/reset`);
    },
    async fault(fault) {
      await post(`${url}/__sandbox/faults`, fault);
    },
    stop() {
      child.kill();
    },
  };
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/// Pages opened since the last test ended, checked for Content Security Policy violations.
const openedPages = [];

/// A fresh page (own storage) that records uncaught errors and panics, so tests can assert none,
/// and every Content Security Policy violation in any of its frames (`page.cspViolations`):
/// after every test, there must have been none (tests that provoke one on purpose clear it).
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const violations = [];
  await context.exposeBinding('__recordCspViolation', ({ frame }, v) => violations.push({ ...v, frame: frame.url() }));
  await context.addInitScript(() => {
    window.addEventListener('securitypolicyviolation', (e) => {
      window.__recordCspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
    }, true);
  });
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 15000));
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /panicked|RuntimeError|unreachable/.test(msg.text())) problems.push(msg.text());
  });
  page.problems = problems;
  page.cspViolations = violations;
  openedPages.push(page);
  return page;
}

/// Every test, in every file: no page it opened met a Content Security Policy violation.
afterEach(() => {
  const pages = openedPages.splice(0);
  for (const page of pages) {
    assert.deepEqual(page.cspViolations, [], `Content Security Policy violations on ${page.url()}`);
  }
});

/// Every request the console sent to the API, for checking what reached the service.
export function recordApiCalls(page) {
  const calls = [];
  page.on('request', (req) => {
    // Every vendor API call (each vendor is mounted below its own name on the sandbox), not the console's files.
    if (/^\/(cyborgbackup|rackspace|xopero|cloudback|scheduled-backup)\//.test(new URL(req.url()).pathname) && req.method() !== 'OPTIONS') {
      calls.push({ method: req.method(), url: req.url(), body: req.postData(), headers: req.headers(), at: Date.now() });
    }
  });
  return calls;
}

/// The hooks every test file shares: one sandbox and browser per file, and per test a reset
/// sandbox (unless `reset: false`) and a fresh page whose API calls are recorded.
/// Returns an object whose `sandbox`, `browser`, `page` and `calls` are current inside tests.
export function useConsole({ before, after, beforeEach }, { reset = true, sandbox = {} } = {}) {
  const ctx = {};
  before(async () => {
    ctx.sandbox = await startSandbox(sandbox);
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.sandbox?.stop();
  });
  beforeEach(async () => {
    if (reset) await ctx.sandbox.reset();
    ctx.page = await openPage(ctx.browser);
    ctx.calls = recordApiCalls(ctx.page);
  });
  return ctx;
}

/// A hosting page's origin for the embedding tests: serves e2e/host/ at /host/ and passes
/// everything else (the console below /admin/backups/, the APIs) to `target`, set once the
/// sandbox runs (it needs this origin first, to let it frame the console).
export async function startHost() {
  const hostDir = path.join(root, 'e2e', 'host');
  const state = { target: null };
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://host');
      if (url.pathname.startsWith('/host/')) {
        const file = path.join(hostDir, path.normalize(url.pathname.slice('/host/'.length)));
        if (!file.startsWith(hostDir) || !fs.existsSync(file)) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
        res.end(fs.readFileSync(file));
        return;
      }
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const headers = { ...req.headers };
      delete headers.host;
      const answer = await fetch(state.target + req.url, {
        method: req.method,
        headers,
        body: ['GET', 'HEAD'].includes(req.method) ? undefined : Buffer.concat(chunks),
        redirect: 'manual',
      });
      const out = {};
      answer.headers.forEach((value, name) => {
        if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
      });
      res.writeHead(answer.status, out);
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (err) {
      res.writeHead(502).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    proxyTo(target) {
      state.target = target;
    },
    stop() {
      server.closeAllConnections?.();
      server.close();
    },
  };
}

/// A fenced block of the README, the one after `<!-- verbatim: name -->`: what the README tells
/// readers to copy is what the tests run.
export function readmeSnippet(name) {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const at = readme.indexOf(`<!-- verbatim: ${name} -->`);
  assert.ok(at >= 0, `README has the snippet ${name}`);
  // The block may sit in a list item: its fence's indentation is not part of the text.
  const block = readme.slice(at).match(/^( *)```[a-z]*\n([\s\S]*?)\n\1```/m);
  assert.ok(block, `README's snippet ${name} is a fenced block`);
  return block[2].split('\n').map((line) => line.slice(block[1].length)).join('\n');
}

/// A TCP port nobody listens on right now.
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function accepting(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/// Debian's nginx with `conf` as its main configuration, everything in `dir` (no root needed),
/// in the foreground; resolves once it listens on every one of `ports`.
export async function startNginx(dir, conf, ports) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const bin = process.env.NGINX ?? (fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
  const child = spawn(bin, ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = null;
  child.on('exit', (code) => {
    exited = code ?? 'signal';
  });
  const log = () => (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
  for (let i = 0; i < 200; i++) {
    if (exited !== null) throw new Error(`nginx exited with ${exited}:\n${log()}`);
    const up = await Promise.all(ports.map(accepting));
    if (up.every(Boolean)) {
      return {
        async stop() {
          if (exited !== null) return;
          const gone = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGQUIT');
          await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
          if (exited === null) child.kill('SIGKILL');
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not listen on ${ports.join(', ')} in 10 s:\n${log()}`);
}
