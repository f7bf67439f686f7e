// Writes docs/qr-test-vectors.json: the QR codes and status lists every verifier of the suite must judge alike
// (verify.js here, QrCredentialVerifier in permit-service). Run once by hand and commit the output; ECDSA signatures
// are random, so a second run gives a different file with the same verdicts.
//
//   node test/make-vectors.mjs [output file]     (default: docs/qr-test-vectors.json of the repository)
//
// Also the signing helpers of the tests (the browser self-test signs codes valid now with the same key).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encode } from '../src/verify.js';

// THROWAWAY TEST KEYS. Made for these vectors only, published here on purpose; no service of the suite has ever
// trusted them. Never put them into a key ring.
const THROWAWAY_PRIVATE_JWK = {
  kty: 'EC', crv: 'P-256', kid: 'test-vectors-1',
  x: 'l9styjqwxGT1nGSIaCbryPh9Poc-6pUJ9amsH_n2zhg',
  y: 'R3U9L3bJHBIoRT1r-p-BGAWzUeHQiJClgdFlJPmen24',
  d: '19iKeJUIZ4GHaeQUbot1LQU8pdwaKBxmVcz4oIiC57E',
};
// THROWAWAY as well: the key of the forger, deliberately absent from the published key set.
const THROWAWAY_UNKNOWN_JWK = {
  kty: 'EC', crv: 'P-256', kid: 'test-vectors-unknown',
  x: 'E8kQBh5NJAUVCZow9eKzNzDsut_n0ZcLUSlqWfNu4P0',
  y: 'wP5GI0wQZp-P0ODvuYRMfXfOpJxhC8fy61z5VoYjb0Y',
  d: 'VCKDCrr4UprXez00yUoXPYhs-atSRLzwBrxy4apuEYQ',
};

export const KID = THROWAWAY_PRIVATE_JWK.kid;
export const UNKNOWN_KID = THROWAWAY_UNKNOWN_JWK.kid;
export const LIST_BASE = 'https://esscard.example/api/permits/qr/status-lists';
/** Every list has this fixed size, so a list's length tells nothing about how many permits exist. */
export const LIST_BITS = 1_048_576;

/** The published key set: public halves only, of the known key. */
export const JWKS = { keys: [publicJwk(THROWAWAY_PRIVATE_JWK)] };

function publicJwk({ kty, crv, x, y, kid }) {
  return { kty, crv, x, y, kid, use: 'sig', alg: 'ES256' };
}

const utf8 = new TextEncoder();
const b64json = (object) => encode(utf8.encode(JSON.stringify(object)));

async function signer(jwk) {
  const { kid, ...material } = jwk;
  const key = await crypto.subtle.importKey('jwk', material, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  return async (input) => encode(new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, utf8.encode(input))));
}

/** Compact JWS of header and payload (objects, or already encoded segments), signed with a throwaway key. */
export async function signJws(header, payload, { unknownKey = false } = {}) {
  const sign = await signer(unknownKey ? THROWAWAY_UNKNOWN_JWK : THROWAWAY_PRIVATE_JWK);
  const input = `${typeof header === 'string' ? header : b64json(header)}.${
    typeof payload === 'string' ? payload : b64json(payload)}`;
  return `${input}.${await sign(input)}`;
}

/** An ESSC1 code with the claims in the order of the format, the status reference last when given. */
export async function signQr({ pn, hn, nat = 'DEU', cat = 'A', vu = '2028-06-30', iat, exp, jti, status },
  { kid = KID, unknownKey = false } = {}) {
  const payload = { pn, hn, nat, cat, vu, iat, exp, jti };
  if (status) {
    payload.status = { status_list: { idx: status.idx, uri: status.uri } };
  }
  return `ESSC1:${await signJws({ alg: 'ES256', kid }, payload, { unknownKey })}`;
}

/** A status list token of LIST_BITS entries with the given indexes set (INVALID). */
export async function signStatusList({ uri, iat, exp, ttl = 3600, invalid = [], typ = 'statuslist+jwt',
  kid = KID, unknownKey = false }) {
  const bits = new Uint8Array(LIST_BITS / 8);
  for (const i of invalid) {
    bits[i >> 3] |= 1 << (i & 7);
  }
  const lst = encode(deflateSync(bits, { level: 9 }));
  return signJws({ alg: 'ES256', kid, typ }, { sub: uri, iat, exp, ttl, status_list: { bits: 1, lst } },
    { unknownKey });
}

// ------------------------------------------------------------------------------------------------- the vectors

const T0 = 1_780_000_000; // 2026-05-28T20:26:40Z
const MINUTES_10 = 600;
const DAYS_30 = 30 * 86_400;
const uri = (n) => `${LIST_BASE}/${n}`;
const CANCELLED = [9, 42, LIST_BITS - 1];

async function vectors() {
  const lists = {
    [uri(0)]: await signStatusList({ uri: uri(0), iat: T0 - 300, exp: T0 + 86_400, invalid: CANCELLED }),
    [uri(1)]: await signStatusList({ uri: uri(1), iat: T0 - 300, exp: T0 + 86_400, kid: UNKNOWN_KID, unknownKey: true }),
    [uri(2)]: await signStatusList({ uri: uri(2), iat: T0 - 300, exp: T0 + 86_400, unknownKey: true }),
    [uri(3)]: await signStatusList({ uri: uri(3), iat: T0 - 300, exp: T0 + 86_400, typ: 'JWT' }),
  };
  // the server answered list 0 where list 4 was asked for: its sub says so
  lists[uri(4)] = lists[uri(0)];

  const code = (over = {}) => ({
    pn: '11010020260001234', hn: 'JOHANNA MUELLER-SMIT', nat: 'DEU', cat: 'A', vu: '2028-06-30',
    iat: T0, exp: T0 + MINUTES_10, jti: '8SeVxLTpflrMxdZ_', status: { idx: 14, uri: uri(0) }, ...over,
  });
  const now = T0 + 60;
  const expect = (outcome, warning, claims) => ({ outcome, warning: warning ?? null, ...(claims ? { pn: claims.pn } : {}) });
  const out = [];
  const add = async (name, claims, want, { qr, at = now, note } = {}) => {
    out.push({ name, ...(note ? { note } : {}), qr: qr ?? await signQr(claims), now: at, expect: want });
  };

  const valid = code();
  await add('valid, bit clear', valid, expect('VALID', null, valid));
  const cancelled = code({ pn: '11010020260000042', status: { idx: 42, uri: uri(0) } });
  await add('cancelled, bit set', cancelled, expect('CANCELLED', null, cancelled));
  const lsb = code({ pn: '11010020260000009', status: { idx: 9, uri: uri(0) } });
  await add('cancelled, bit 9: byte 1, bit 1 from the least significant', lsb, expect('CANCELLED', null, lsb));
  const msb = code({ pn: '11010020260000014', status: { idx: 14, uri: uri(0) } });
  await add('valid, bit 14 clear (set if bits were counted from the most significant)', msb,
    expect('VALID', null, msb));
  const last = code({ pn: '11010020260999999', status: { idx: LIST_BITS - 1, uri: uri(0) } });
  await add('cancelled, last index of the list', last, expect('CANCELLED', null, last));
  const old = code({ status: undefined });
  await add('old code without status reference', old, expect('VALID', 'NO_STATUS_REFERENCE', old));

  await add('expired: now = exp + skew', valid, expect('EXPIRED', null, valid), { at: valid.exp + 30 });
  await add('not yet expired: now = exp + skew - 1', valid, expect('VALID', null, valid), { at: valid.exp + 29 });

  const genuine = await signQr(valid);
  const [h, p, s] = genuine.slice(6).split('.');
  const changedPayload = b64json({ ...JSON.parse(Buffer.from(p, 'base64url').toString('utf8')), cat: 'C' });
  await add('tampered: cat changed after signing', null, expect('TAMPERED'), { qr: `ESSC1:${h}.${changedPayload}.${s}` });
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const lastChar = alphabet[alphabet.indexOf(s.at(-1)) | 1];
  await add('tampered: signature with a non-canonical last character (unused bits set)', null, expect('TAMPERED'),
    { qr: `ESSC1:${h}.${p}.${s.slice(0, -1)}${lastChar}` });
  await add('tampered: signature of another code', null, expect('TAMPERED'),
    { qr: `ESSC1:${h}.${p}.${(await signQr(cancelled)).split('.')[2]}` });
  await add('unknown key', null, expect('UNKNOWN_KEY'),
    { qr: await signQr(valid, { kid: UNKNOWN_KID, unknownKey: true }) });
  await add('forged with the unknown key under the known kid', null, expect('TAMPERED'),
    { qr: await signQr(valid, { unknownKey: true }) });

  await add('alg none', null, expect('MALFORMED'), { qr: `ESSC1:${b64json({ alg: 'none', kid: KID })}.${p}.` });
  const hmacInput = `${b64json({ alg: 'HS256', kid: KID })}.${p}`;
  const hmacKey = await crypto.subtle.importKey('raw', utf8.encode(JSON.stringify(JWKS)), { name: 'HMAC', hash: 'SHA-256' },
    false, ['sign']);
  const hmac = encode(new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, utf8.encode(hmacInput))));
  await add('HS256 keyed with the public key set', null, expect('MALFORMED'), { qr: `ESSC1:${hmacInput}.${hmac}` });
  await add('crit header', null, expect('MALFORMED'),
    { qr: `ESSC1:${await signJws({ alg: 'ES256', kid: KID, crit: ['exp'] }, b64json(valid))}` });
  await add('no prefix', null, expect('MALFORMED'), { qr: genuine.slice(6) });
  await add('unknown prefix ESSC2', null, expect('MALFORMED'), { qr: `ESSC2:${genuine.slice(6)}` });

  const letter = code({ exp: T0 + DAYS_30 });
  await add('list stale: now past the list\'s exp, bit clear', letter, expect('VALID', 'STATUS_LIST_STALE', letter),
    { at: T0 + 2 * 86_400 });
  const staleCancelled = code({ pn: '11010020260000042', exp: T0 + DAYS_30, status: { idx: 42, uri: uri(0) } });
  await add('list stale, bit set: still cancelled', staleCancelled, expect('CANCELLED', null, staleCancelled),
    { at: T0 + 2 * 86_400 });
  const missing = code({ status: { idx: 14, uri: uri(7) } });
  await add('list missing: uri not in statusLists', missing, expect('VALID', 'STATUS_LIST_MISSING', missing));
  const forged = code({ status: { idx: 14, uri: uri(1) } });
  await add('list forged: signed by the unknown key', forged, expect('VALID', 'STATUS_LIST_MISSING', forged));
  const forgedKid = code({ status: { idx: 14, uri: uri(2) } });
  await add('list forged: signed by the unknown key under the known kid', forgedKid,
    expect('VALID', 'STATUS_LIST_MISSING', forgedKid));
  const wrongTyp = code({ status: { idx: 14, uri: uri(3) } });
  await add('list with typ JWT instead of statuslist+jwt', wrongTyp, expect('VALID', 'STATUS_LIST_MISSING', wrongTyp));
  const wrongSub = code({ status: { idx: 14, uri: uri(4) } });
  await add('list whose sub is another uri', wrongSub, expect('VALID', 'STATUS_LIST_MISSING', wrongSub));
  const beyond = code({ status: { idx: LIST_BITS, uri: uri(0) } });
  await add('idx beyond the list', beyond, expect('VALID', 'STATUS_LIST_MISSING', beyond));

  for (const [name, hn, nat] of [
    ['Chinese holder name', '王小明', 'CHN'],
    ['Vietnamese holder name with diacritics (precomposed, NFC)', 'NGUYỄN THỊ HƯƠNG', 'VNM'],
    ['Vietnamese holder name, decomposed (NFD): kept as signed, never normalised', 'NGUYỄN THỊ HƯƠNG'.normalize('NFD'), 'VNM'],
  ]) {
    const holder = code({ pn: '11010020260000777', hn, nat });
    out.push({ name, qr: await signQr(holder), now, expect: { ...expect('VALID', null, holder), hn } });
  }

  const endOfVu = Date.UTC(2026, 4, 29) / 1000 + 86_399 - 28_800; // 2026-05-29 23:59:59 in China
  const lastDay = code({ vu: '2026-05-29', exp: endOfVu });
  await add('exp at the end of the vu day (23:59:59 Asia/Shanghai)', lastDay, expect('VALID', null, lastDay));
  const pastVu = code({ vu: '2026-05-29', exp: endOfVu + 1 });
  await add('exp after the end of the vu day', pastVu, expect('MALFORMED'));
  await add('exp not after iat', code({ exp: T0 }), expect('MALFORMED'));
  await add('cat not A, B or C', code({ cat: 'D' }), expect('MALFORMED'));
  await add('vu not a date', code({ vu: '2028-02-30' }), expect('MALFORMED'));
  await add('duplicate claim', null, expect('MALFORMED'), {
    qr: `ESSC1:${await signJws({ alg: 'ES256', kid: KID },
      encode(utf8.encode(JSON.stringify(valid).replace('"pn":', '"pn":"X","pn":'))))}`,
  });
  await add('iat not whole seconds (1780000000.0)', null, expect('MALFORMED'), {
    qr: `ESSC1:${await signJws({ alg: 'ES256', kid: KID },
      encode(utf8.encode(JSON.stringify(valid).replace(`"iat":${T0}`, `"iat":${T0}.0`))))}`,
  });
  await add('status idx negative', code({ status: { idx: -1, uri: uri(0) } }), expect('MALFORMED'),
    { note: 'the status claim is typed like the others: idx a non-negative integer, uri a string' });
  await add('empty text', null, expect('MALFORMED'), { qr: '' });
  await add('longer than 4096 characters', null, expect('MALFORMED'), { qr: `ESSC1:${'A'.repeat(4091)}` });
  return { lists, vectors: out };
}

async function main() {
  const target = process.argv[2] ?? fileURLToPath(new URL('../../../../../docs/qr-test-vectors.json', import.meta.url));
  const { lists, vectors: list } = await vectors();
  const file = {
    about: 'Test vectors of the permit QR credential (ESSC1, docs/QR-CREDENTIAL.md) with status lists '
      + '(draft-ietf-oauth-status-list). Every verifier of the suite must reach expect for each vector: verify each qr '
      + 'at now (epoch seconds) with jwks, skewSeconds and statusLists (status list tokens by the uri a code refers '
      + 'to). expect.warning is null when there is none; pn (and hn) are given when the verdict carries claims. '
      + 'Signed with throwaway keys (permit-service/src/main/web/test/make-vectors.mjs, which wrote this file); '
      + 'ECDSA signatures are random, so the file is committed, not regenerated by builds.',
    jwks: JWKS,
    skewSeconds: 30,
    statusLists: lists,
    vectors: list,
  };
  writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${list.length} vectors to ${target}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
