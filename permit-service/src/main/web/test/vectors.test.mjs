// Every vector of docs/qr-test-vectors.json, the file QrCredentialVerifier's tests read too, passes verify.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { verifyQr } from '../src/verify.js';

const VECTORS = JSON.parse(readFileSync(new URL('../../../../../docs/qr-test-vectors.json', import.meta.url), 'utf8'));

for (const vector of VECTORS.vectors) {
  test(`vector: ${vector.name}`, async () => {
    const verdict = await verifyQr(vector.qr, {
      jwks: VECTORS.jwks, statusLists: VECTORS.statusLists, now: vector.now, skewSeconds: VECTORS.skewSeconds,
    });
    assert.equal(verdict.outcome, vector.expect.outcome, verdict.reason);
    assert.equal(verdict.warning, vector.expect.warning, verdict.reason);
    if ('pn' in vector.expect) {
      assert.equal(verdict.claims?.pn, vector.expect.pn);
    } else {
      assert.equal(verdict.claims, undefined, 'no claims are shown for this outcome');
    }
    if ('hn' in vector.expect) {
      // byte for byte: a name is never trimmed or normalised (R3)
      assert.equal(verdict.claims.hn, vector.expect.hn);
    }
  });
}

test('the vectors cover every outcome and every warning', () => {
  const seen = new Set(VECTORS.vectors.flatMap((v) => [v.expect.outcome, v.expect.warning]));
  for (const name of ['VALID', 'CANCELLED', 'EXPIRED', 'TAMPERED', 'UNKNOWN_KEY', 'MALFORMED',
    'NO_STATUS_REFERENCE', 'STATUS_LIST_MISSING', 'STATUS_LIST_STALE']) {
    assert.ok(seen.has(name), name);
  }
});

test('the published key set holds public keys only', () => {
  for (const key of VECTORS.jwks.keys) {
    assert.equal(key.d, undefined);
  }
});
