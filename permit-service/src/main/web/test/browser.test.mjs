// The page end to end in Chromium, against the fake gateway: camera scan, offline and online verdicts, then the
// same profile again with the gateway answering 502 (service gone) and with nothing listening at all: the service
// worker must still serve the page, the keys and the status list. Skipped only when Chromium is missing
// (deploy/local/browser.sh ensure installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { LIST_BASE, signQr } from './make-vectors.mjs';
import { writeQrY4m } from './qr-images.mjs';
import { CANCELLED_SINCE_LIST, OFFICER, startFakeServer } from './fake-server.mjs';

const CHROMIUM = process.env.ESSCARD_CHROMIUM ?? '/usr/bin/chromium';
const WEB = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

test('the page verifies from the camera online, then with the server gone', {
  skip: !existsSync(CHROMIUM) && !process.env.CI && `no Chromium at ${CHROMIUM}: deploy/local/browser.sh ensure installs it`,
  timeout: 120_000,
}, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'essc-browser-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  execFileSync(process.execPath, [join(WEB, 'build.mjs'), join(work, 'page')], { stdio: 'ignore' });
  const server = await startFakeServer({ dir: join(work, 'page') });

  const now = Math.floor(Date.now() / 1000);
  const video = async (name, pn, status) => {
    const qr = await signQr({ pn, hn: '王小明', nat: 'CHN', cat: 'A', vu: '2028-06-30', iat: now, exp: now + 3600,
      jti: 'browserCheck0001', status });
    await writeQrY4m(qr, join(work, `${name}.y4m`));
    return join(work, `${name}.y4m`);
  };
  const valid = await video('valid', '11010020260000014', { idx: 14, uri: `${LIST_BASE}/0` });
  const cancelled = await video('cancelled', '11010020260000042', { idx: 42, uri: `${LIST_BASE}/0` });
  const since = await video('since', CANCELLED_SINCE_LIST, { idx: 44, uri: `${LIST_BASE}/0` });
  const noList = await video('no-list', '11010020260000015', { idx: 15, uri: `${LIST_BASE}/5` });

  const check = async (name, file, login, ...more) => {
    const { stdout, stderr } = await run(process.execPath, [join(WEB, 'test/browser-check.mjs'),
      '--url', server.url, '--video', file, '--user-data-dir', join(work, 'profile'),
      '--screenshot', join(work, `${name}.png`), ...(login ? ['--login', `${OFFICER.username}:${OFFICER.password}`] : []),
      '--timeout', '40', ...more]);
    assert.doesNotMatch(stderr, /foreign request|page error|kept on the device/, stderr);
    return JSON.parse(stdout);
  };

  try {
    assert.deepEqual(await check('online-valid', valid, true),
      { outcome: 'VALID', warning: null, online: 'VALID', disagree: false });
    assert.deepEqual(await check('online-since', since, true),
      { outcome: 'VALID', warning: null, online: 'PERMIT_CANCELLED', disagree: true }, 'cancelled after the list');
    assert.deepEqual(await check('online-no-list', noList, false, '--lang', 'zh-CN'),
      { outcome: 'VALID', warning: 'STATUS_LIST_MISSING', online: 'none', disagree: false });

    server.setMode('down');
    assert.deepEqual(await check('gateway-502-valid', valid, false),
      { outcome: 'VALID', warning: null, online: 'none', disagree: false }, 'the gateway answers 502');
    assert.ok(server.state.requests.some((r) => r.startsWith('GET /api/permits/qr/status-lists/0')));
  } finally {
    await server.close();
  }
  assert.deepEqual(await check('offline-cancelled', cancelled, false),
    { outcome: 'CANCELLED', warning: null, online: 'none', disagree: false }, 'nothing listens any more');
});
