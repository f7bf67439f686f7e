// verify.js never throws and never passes junk: null, huge strings, binary garbage, broken lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { verifyQr, readStatusList, peekStatusReference, encode } from '../src/verify.js';
import { signQr, signStatusList, signJws, JWKS, KID } from './make-vectors.mjs';

const VECTORS = JSON.parse(readFileSync(new URL('../../../../../docs/qr-test-vectors.json', import.meta.url), 'utf8'));
const OPTIONS = { jwks: VECTORS.jwks, statusLists: VECTORS.statusLists, now: VECTORS.vectors[0].now };
const VALID_QR = VECTORS.vectors[0].qr;
const URI = 'https://esscard.example/api/permits/qr/status-lists/0';

async function assertMalformedOrWorse(input, options = OPTIONS) {
  const verdict = await verifyQr(input, options);
  assert.notEqual(verdict.outcome, 'VALID');
  assert.notEqual(verdict.outcome, 'CANCELLED');
  assert.equal(verdict.claims, undefined);
  return verdict;
}

test('null, undefined, numbers, objects and arrays are MALFORMED', async () => {
  for (const input of [null, undefined, 42, {}, [], { toString: () => VALID_QR }, Symbol('x'), true]) {
    assert.equal((await assertMalformedOrWorse(input)).outcome, 'MALFORMED');
  }
});

test('a 100 kB string is MALFORMED', async () => {
  assert.equal((await assertMalformedOrWorse(`ESSC1:${'A'.repeat(100_000)}`)).outcome, 'MALFORMED');
  assert.equal((await assertMalformedOrWorse(VALID_QR + 'x'.repeat(100_000))).outcome, 'MALFORMED');
});

test('binary garbage, with and without the prefix, never verifies and never throws', async () => {
  for (let i = 0; i < 300; i++) {
    const junk = randomBytes(1 + (i * 37) % 900);
    await assertMalformedOrWorse(junk.toString('latin1'));
    await assertMalformedOrWorse(`ESSC1:${junk.toString('latin1')}`);
    await assertMalformedOrWorse(`ESSC1:${encode(junk)}.${encode(randomBytes(40))}.${encode(randomBytes(64))}`);
  }
});

test('every single-character change of a valid code fails', async () => {
  const alphabet = 'A_-9.';
  for (let at = 6; at < VALID_QR.length; at += 7) {
    for (const c of alphabet) {
      if (VALID_QR[at] === c) {
        continue;
      }
      await assertMalformedOrWorse(VALID_QR.slice(0, at) + c + VALID_QR.slice(at + 1));
    }
  }
});

test('odd options do not throw: no key set, garbage key set, garbage lists', async () => {
  for (const options of [undefined, null, {}, { jwks: 'x' }, { jwks: { keys: [null, 1, { kid: KID }] } },
    { ...OPTIONS, statusLists: null }, { ...OPTIONS, statusLists: { [URI]: 12 } }, { ...OPTIONS, now: NaN }]) {
    const verdict = await verifyQr(VALID_QR, options);
    assert.ok(['UNKNOWN_KEY', 'VALID', 'EXPIRED'].includes(verdict.outcome), JSON.stringify(verdict));
  }
  const garbled = await verifyQr(VALID_QR, { ...OPTIONS, statusLists: { [URI]: 'a.b.c' } });
  assert.deepEqual([garbled.outcome, garbled.warning], ['VALID', 'STATUS_LIST_MISSING']);
});

test('a Map of status lists works as an object does', async () => {
  const verdict = await verifyQr(VALID_QR, { ...OPTIONS, statusLists: new Map(Object.entries(VECTORS.statusLists)) });
  assert.deepEqual([verdict.outcome, verdict.warning], ['VALID', null]);
});

test('a list that inflates beyond 2 MiB is refused (zlib bomb)', async () => {
  const lst = encode(deflateSync(new Uint8Array(2 * 1024 * 1024 + 1)));
  const token = await signJws({ alg: 'ES256', kid: KID, typ: 'statuslist+jwt' },
    { sub: URI, iat: 1, exp: 2, ttl: 1, status_list: { bits: 1, lst } });
  const list = await readStatusList(token, JWKS, URI);
  assert.equal(list.ok, false);
  assert.match(list.reason, /more than/);
});

test('a list whose lst is raw deflate, not zlib, or garbage, is refused', async () => {
  for (const lst of [encode((await import('node:zlib')).deflateRawSync(new Uint8Array(16))), encode(randomBytes(50)),
    'not base64url!']) {
    const token = await signJws({ alg: 'ES256', kid: KID, typ: 'statuslist+jwt' },
      { sub: URI, iat: 1, exp: 2, ttl: 1, status_list: { bits: 1, lst } });
    assert.equal((await readStatusList(token, JWKS, URI)).ok, false, lst);
  }
});

test('a list with bits other than 1 is refused', async () => {
  for (const bits of [2, '1', 1.5]) {
    const token = await signJws({ alg: 'ES256', kid: KID, typ: 'statuslist+jwt' },
      { sub: URI, iat: 1, exp: 2, ttl: 1, status_list: { bits, lst: encode(deflateSync(new Uint8Array(8))) } });
    assert.equal((await readStatusList(token, JWKS, URI)).ok, false, String(bits));
  }
});

test('a good list reads: size, times, bits from the least significant', async () => {
  const token = await signStatusList({ uri: URI, iat: 10, exp: 20, ttl: 5, invalid: [0, 9] });
  const list = await readStatusList(token, JWKS, URI);
  assert.equal(list.ok, true);
  assert.equal(list.size, 1_048_576);
  assert.deepEqual([list.iat, list.exp, list.ttl], [10, 20, 5]);
  assert.deepEqual([list.bits[0], list.bits[1]], [0b1, 0b10]);
  assert.equal((await readStatusList(token, JWKS, `${URI}0`)).ok, false, 'sub must equal the uri');
  assert.equal((await readStatusList(token, { keys: [] }, URI)).ok, false, 'a key of the set must have signed it');
  assert.equal((await readStatusList(null, JWKS, URI)).ok, false);
});

test('peekStatusReference names the list to fetch, or null', () => {
  assert.deepEqual(peekStatusReference(VALID_QR), { uri: URI, idx: 14n, listNumber: 0 });
  for (const input of [null, 'ESSC1:', 'ESSC1:a.b.c', `ESSC1:${'A'.repeat(5000)}`, VECTORS.vectors.find((v) => v.name.startsWith('old code')).qr]) {
    assert.equal(peekStatusReference(input), null);
  }
});

test('the end of the vu day is 23:59:59 UTC+8, for leap days and far years; vu is parsed as Java parses it', async () => {
  const endOfDay = (vu) => {
    const [, sign, digits, month, day] = /^([+-]?)([0-9]+)-([0-9]{2})-([0-9]{2})$/.exec(vu);
    const date = new Date(0);
    date.setUTCFullYear(Number(`${sign}${digits}`), Number(month) - 1, Number(day));
    return date.getTime() / 1000 + 86_399 - 28_800;
  };
  const at = async (vu, exp) => (await verifyQr(await signQr({ pn: 'P1', hn: 'H', vu, iat: exp - 100, exp, jti: 'j' }),
    { jwks: JWKS, now: exp - 50 })).outcome;
  for (const vu of ['1970-01-02', '2000-02-29', '2024-02-29', '2026-05-29', '2100-03-01', '9999-12-31', '+10000-01-01']) {
    assert.equal(await at(vu, endOfDay(vu)), 'VALID', vu);
    assert.equal(await at(vu, endOfDay(vu) + 1), 'MALFORMED', vu);
  }
  for (const vu of ['2100-02-29', '1900-02-29', '2028-13-01', '2028-00-10', '2028-06-31', '+2028-06-30', '2028-6-30',
    '20280-01-01', '2028-06-30T00:00', ' 2028-06-30']) {
    assert.equal(await at(vu, 1_780_000_000), 'MALFORMED', vu);
  }
});
