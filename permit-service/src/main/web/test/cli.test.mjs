// The command-line verifier (./esscard verify-qr): every test vector with its exit status, QR images, and the
// keys and status list fetched from a server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { LIST_BASE, signQr } from './make-vectors.mjs';
import { writeQrPng } from './qr-images.mjs';
import { startFakeServer } from './fake-server.mjs';

const CLI = fileURLToPath(new URL('../cli.mjs', import.meta.url));
const VECTOR_FILE = fileURLToPath(new URL('../../../../../docs/qr-test-vectors.json', import.meta.url));
const VECTORS = JSON.parse(readFileSync(VECTOR_FILE, 'utf8'));
const execute = promisify(execFile);

async function cli(...args) {
  try {
    const { stdout, stderr } = await execute(process.execPath, [CLI, ...args]);
    return { status: 0, stdout, stderr };
  } catch (e) {
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const expectedStatus = ({ outcome, warning }) => (outcome !== 'VALID' ? 2 : warning === null ? 0 : 1);

test('every vector: verdict and exit status, offline with --keys and --status-list', async () => {
  const pending = [...VECTORS.vectors];
  const worker = async () => {
    for (let vector = pending.shift(); vector; vector = pending.shift()) {
      const { status, stdout, stderr } = await cli(vector.qr, '--keys', VECTOR_FILE, '--status-list', VECTOR_FILE,
        '--now', String(vector.now), '--json');
      const verdict = JSON.parse(stdout);
      assert.equal(verdict.outcome, vector.expect.outcome, `${vector.name}: ${stderr}`);
      assert.equal(verdict.warning, vector.expect.warning, vector.name);
      assert.equal(verdict.claims?.pn, vector.expect.pn, vector.name);
      assert.equal(status, expectedStatus(vector.expect), vector.name);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
});

test('an image file is decoded; English output names holder and permit', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'essc-cli-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const vector = VECTORS.vectors.find((v) => v.name === 'Chinese holder name');
  await writeQrPng(vector.qr, join(work, 'code.png'));
  const { status, stdout } = await cli(join(work, 'code.png'), '--keys', VECTOR_FILE, '--status-list', VECTOR_FILE,
    '--now', String(vector.now));
  assert.equal(status, 0, stdout);
  assert.match(stdout, /^VALID/);
  assert.match(stdout, /holder name +王小明/);
  assert.match(stdout, /permit number +11010020260000777/);

  writeFileSync(join(work, 'blank.png'), readFileSync(join(work, 'code.png')).subarray(0, 60));
  const broken = await cli(join(work, 'blank.png'), '--keys', VECTOR_FILE);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /no QR code|blank\.png/);
});

test('keys and the status list come from --server; a gateway without the service gives no verdict', async () => {
  const server = await startFakeServer({ dir: tmpdir() });
  try {
    const now = Math.floor(Date.now() / 1000);
    const code = (pn, idx, uri = `${LIST_BASE}/0`) => signQr({ pn, hn: 'JOHANNA MUELLER-SMIT', iat: now, exp: now + 600,
      jti: 'cliTest000000001', status: { idx, uri } });
    const valid = await cli(await code('11010020260000014', 14), '--server', server.origin);
    assert.equal(valid.status, 0, valid.stdout + valid.stderr);
    const cancelled = await cli(await code('11010020260000042', 42), '--server', server.origin, '--json');
    assert.equal(JSON.parse(cancelled.stdout).outcome, 'CANCELLED');
    assert.equal(cancelled.status, 2);
    const noList = await cli(await code('11010020260000015', 15, `${LIST_BASE}/9`), '--server', server.origin);
    assert.equal(noList.status, 1, 'list 9 does not exist: valid with STATUS_LIST_MISSING');
    assert.match(noList.stdout, /STATUS_LIST_MISSING/);

    server.setMode('down');
    const down = await cli(await code('11010020260000014', 14), '--server', server.origin);
    assert.equal(down.status, 2);
    assert.match(down.stderr, /cannot fetch the key set .*HTTP 502/);
    const junk = await cli('not a code', '--server', server.origin);
    assert.equal(junk.status, 2);
    assert.match(junk.stdout, /^MALFORMED/);
  } finally {
    await server.close();
  }
});

test('usage errors exit 2', async () => {
  assert.equal((await cli()).status, 2);
  assert.equal((await cli('a', 'b')).status, 2);
  assert.equal((await cli('a', '--now', 'yesterday')).status, 2);
});
