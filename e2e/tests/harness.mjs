// Shared set-up for the end-to-end tests: a fresh sandbox per test file on a free port,
// serving the built console, and headless Chromium from Debian (never a downloaded browser).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sandboxBin = process.env.SANDBOX_BIN ?? path.join(root, 'target', 'release', 'backup-console-sandbox');
const dist = process.env.CONSOLE_DIST ?? path.join(root, 'dist');
/// The same console built with `--public-url /admin/backups/` (scripts/test builds both).
export const baseDist = process.env.CONSOLE_BASE_DIST ?? path.join(root, 'dist-base');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/// `options.dist` and `options.consolePath` serve another build below a base path.
export async function startSandbox(options = {}) {
  const args = ['--port', '0', '--dist', options.dist ?? dist];
  if (options.consolePath) args.push('--console-path', options.consolePath);
  if (options.noCors) args.push('--no-cors');
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

/// A fresh page (own storage) that records uncaught errors and panics, so tests can assert none.
export async function openPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 15000));
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /panicked|RuntimeError|unreachable/.test(msg.text())) problems.push(msg.text());
  });
  page.problems = problems;
  return page;
}

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
