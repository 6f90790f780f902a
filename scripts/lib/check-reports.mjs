// Opens each report in headless Chromium over the DevTools protocol (pipe transport, no npm
// packages, works offline), saves screenshots, and fails when a page logs a console error, throws,
// requests anything but file:/data: URLs, or shows a chart image that does not decode.
// Usage: node check-reports.mjs --chromium PATH --out DIR report.html...
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
let chromiumPath = '/usr/bin/chromium';
let outDir = 'target/report-screenshots';
const reports = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--chromium') chromiumPath = args[++i];
  else if (args[i] === '--out') outDir = args[++i];
  else reports.push(resolve(args[i]));
}
if (reports.length === 0) {
  console.error('usage: check-reports.mjs [--chromium PATH] [--out DIR] report.html...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'hybench-chromium-'));
const browser = spawn(chromiumPath, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let browserLog = '';
browser.stderr.on('data', (d) => { browserLog = (browserLog + d).slice(-4000); });

// CDP over the pipe: JSON messages separated by NUL; fd 3 carries commands, fd 4 replies and events.
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];
let nextId = 1;
const pending = new Map();
const listeners = [];
let buffered = '';
fromBrowser.on('data', (chunk) => {
  buffered += chunk.toString('utf8');
  let end;
  while ((end = buffered.indexOf('\0')) >= 0) {
    const msg = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { ok, fail, method } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) fail(new Error(`${method}: ${msg.error.message}`)); else ok(msg.result);
    } else {
      for (const l of listeners) l(msg);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((ok, fail) => pending.set(id, { ok, fail, method }));
}
function waitFor(predicate, timeoutMs, what) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    const l = (msg) => { if (predicate(msg)) { clearTimeout(timer); listeners.splice(listeners.indexOf(l), 1); ok(msg); } };
    listeners.push(l);
  });
}

async function check(file) {
  const problems = [];
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const onEvent = (msg) => {
    if (msg.sessionId !== sessionId) return;
    const p = msg.params;
    if (msg.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
      problems.push(`console ${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
    } else if (msg.method === 'Runtime.exceptionThrown') {
      problems.push(`uncaught exception: ${p.exceptionDetails.text} ${p.exceptionDetails.exception?.description ?? ''}`);
    } else if (msg.method === 'Log.entryAdded' && p.entry.level === 'error') {
      problems.push(`console error (${p.entry.source}): ${p.entry.text}`);
    } else if (msg.method === 'Network.requestWillBeSent' && !/^(file|data):/.test(p.request.url)) {
      problems.push(`network request: ${p.request.url.slice(0, 120)}`);
    }
  };
  listeners.push(onEvent);
  for (const domain of ['Runtime', 'Log', 'Page', 'Network']) await send(`${domain}.enable`, {}, sessionId);
  await send('Emulation.setDeviceMetricsOverride', { width: 1200, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
  const loaded = waitFor((m) => m.sessionId === sessionId && m.method === 'Page.loadEventFired', 60000, `load of ${file}`);
  await send('Page.navigate', { url: pathToFileURL(file).href }, sessionId);
  await loaded;
  const { result } = await send('Runtime.evaluate', {
    returnByValue: true,
    awaitPromise: true,
    expression: `(async () => {
      const images = [...document.images];
      await Promise.all(images.map((i) => i.decode().catch(() => null)));
      return {
        images: images.map((i) => ({ ok: i.complete && i.naturalWidth > 0 && i.naturalHeight > 0, alt: i.alt })),
        figures: document.querySelectorAll('figure.chart').length,
        svgs: document.querySelectorAll('figure.chart svg').length,
        scripts: document.querySelectorAll('script').length,
        h1: document.querySelector('h1')?.textContent ?? '',
        height: document.documentElement.scrollHeight,
      };
    })()`,
  }, sessionId);
  const page = result.value;
  const broken = page.images.filter((i) => !i.ok);
  if (page.figures === 0) problems.push('no chart figure on the page');
  if (page.images.length + page.svgs < page.figures) problems.push(`${page.figures} figures but ${page.images.length + page.svgs} images`);
  for (const b of broken) problems.push(`chart image does not decode: ${b.alt}`);
  if (page.scripts > 0) problems.push(`${page.scripts} script elements (reports carry none; something was injected)`);

  const stem = basename(file).replace(/\.html?$/, '');
  const top = await send('Page.captureScreenshot', { format: 'png' }, sessionId);
  writeFileSync(join(outDir, `${stem}-top.png`), Buffer.from(top.data, 'base64'));
  const fullHeight = Math.min(page.height, 16000);
  await send('Emulation.setDeviceMetricsOverride', { width: 1200, height: fullHeight, deviceScaleFactor: 1, mobile: false }, sessionId);
  const full = await send('Page.captureScreenshot', { format: 'png' }, sessionId);
  writeFileSync(join(outDir, `${stem}-full.png`), Buffer.from(full.data, 'base64'));
  listeners.splice(listeners.indexOf(onEvent), 1);
  await send('Target.closeTarget', { targetId });
  return { file, charts: page.images.length, problems };
}

let failed = false;
try {
  for (const file of reports) {
    const r = await check(file);
    if (r.problems.length) {
      failed = true;
      console.log(`FAIL ${r.file}`);
      for (const p of r.problems) console.log(`  - ${p}`);
    } else {
      console.log(`ok   ${r.file} (${r.charts} charts decoded, no console errors, no network requests)`);
    }
  }
} catch (e) {
  failed = true;
  console.log(`FAIL ${e.message}\nchromium stderr (tail):\n${browserLog}`);
} finally {
  const exited = new Promise((ok) => { if (browser.exitCode !== null) ok(); else browser.on('exit', ok); });
  send('Browser.close').catch(() => {});
  const killer = setTimeout(() => browser.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
  // Helper processes may still be flushing the profile for a moment after the browser exits.
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
console.log(`screenshots in ${resolve(outDir)}`);
process.exit(failed ? 1 : 0);
