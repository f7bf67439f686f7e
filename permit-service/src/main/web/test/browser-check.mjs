// Drives the verifier page in Chromium with a fake camera that plays a Y4M video of a QR code, and prints what the
// page decided as one JSON line: {"outcome":..., "warning":..., "online":..., "disagree":...}.
//
//   node test/browser-check.mjs --url <page url> --video <file.y4m> --user-data-dir <dir> --screenshot <file.png>
//        [--image <picture>]   instead of the camera's first frame, the picture chosen in "Read from an image"
//        [--login user:password] [--lang zh-CN|en] [--timeout seconds]
//
// One launch per video. Reuse the same --user-data-dir across launches: the page's service worker and its caches
// live there, which is what lets a second launch verify with the server gone. Exit 0 with the JSON line once the
// page shows a verdict (and, signed in, the online verdict); 1 with a message on stderr otherwise. Requests to any
// origin other than the page's are reported on stderr as "foreign request": the page must load nothing from
// elsewhere; anything the page left in local storage, IndexedDB or a cache other than its own files, the key set
// and the status lists is reported as "kept on the device": nothing scanned may stay there.
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';

const CHROMIUM = process.env.ESSCARD_CHROMIUM ?? '/usr/bin/chromium';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    video: { type: 'string' },
    image: { type: 'string' },
    'user-data-dir': { type: 'string' },
    screenshot: { type: 'string' },
    login: { type: 'string' },
    lang: { type: 'string' },
    timeout: { type: 'string', default: '60' },
  },
});
for (const required of ['url', 'video', 'user-data-dir', 'screenshot']) {
  if (!args[required]) {
    fail(`--${required} is required (usage: see the top of ${new URL(import.meta.url).pathname})`);
  }
}
const timeout = Number(args.timeout) * 1000;
const origin = new URL(args.url).origin;

const context = await chromium.launchPersistentContext(args['user-data-dir'], {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${args.video}`],
  permissions: ['camera'],
  timeout,
}).catch((e) => fail(`cannot start ${CHROMIUM}: ${e.message}`));

try {
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      process.stderr.write(`foreign request: ${url}\n`);
    }
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));

  await page.goto(args.url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  if (args.login) {
    const at = args.login.indexOf(':');
    await page.fill('#username', args.login.slice(0, at));
    await page.fill('#password', args.login.slice(at + 1));
    await page.click('#login');
    await page.waitForSelector('body[data-signed-in="true"], #login-message:not(:empty)', { state: 'attached' });
    if (await page.getAttribute('body', 'data-signed-in') !== 'true') {
      process.stderr.write(`sign-in failed: ${await page.textContent('#login-message')}\n`);
    }
  }
  if (args.lang) {
    await page.click(`[data-lang="${args.lang}"]`);
  }
  if (args.image) {
    await page.setInputFiles('#upload', args.image);
  } else {
    await page.click('#scan-start');
  }
  const done = args.login ? '#verdict[data-outcome]:not([data-online="pending"])' : '#verdict[data-outcome]';
  await page.waitForSelector(done, { state: 'attached' });
  await page.screenshot({ path: args.screenshot, fullPage: true });
  for (const kept of await page.evaluate(keptOnDevice)) {
    process.stderr.write(`kept on the device: ${kept}\n`);
  }
  const marker = await page.$eval('#verdict', (v) => ({ ...v.dataset }));
  process.stdout.write(`${JSON.stringify({
    outcome: marker.outcome,
    warning: marker.warning === 'none' ? null : marker.warning,
    online: marker.online,
    disagree: marker.disagree === 'true',
  })}\n`);
  await context.close();
} catch (e) {
  await context.close().catch(() => {});
  fail(e.message);
}

/** In the page: what it stored beyond its own files and the public key set and status lists. */
async function keptOnDevice() {
  const kept = [];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      kept.push(`web storage ${storage.key(i)}`);
    }
  }
  for (const db of await indexedDB.databases()) {
    kept.push(`IndexedDB ${db.name}`);
  }
  const page = new URL('.', location.href).pathname;
  const data = /\/qr\/(keys|status-lists\/[0-9]+)$/;
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) {
      const path = new URL(request.url).pathname;
      if (!(path.startsWith(page) && !path.slice(page.length).includes('/')) && !data.test(path)) {
        kept.push(`cache ${name}: ${request.url}`);
      }
    }
  }
  return kept;
}

function fail(message) {
  process.stderr.write(`browser-check: ${message}\n`);
  process.exit(1);
}
