// Offline verification of permit QR codes (format ESSC1, docs/QR-CREDENTIAL.md) and of the status lists that say
// whether a permit was since cancelled (draft-ietf-oauth-status-list). One module for the officers' page, the
// command-line verifier and the tests, so the three cannot drift apart; it must give the same verdict as
// QrCredentialVerifier in permit-service for every input of docs/qr-test-vectors.json.
//
// WebCrypto (globalThis.crypto.subtle) and DecompressionStream only: the same code runs in Node 20 and Chromium.
// Nothing here throws: every input, however broken, ends as a verdict.
import { parseTree } from 'jsonc-parser';

export const PREFIX = 'ESSC1:';
/** The largest QR symbol holds 2,953 bytes; anything longer cannot have come from a scan. */
export const MAX_TEXT_LENGTH = 4096;
export const DEFAULT_SKEW_SECONDS = 30;
/** A list of 1,048,576 bits is 128 KiB; the cap keeps a zlib bomb from filling an officer's phone. */
export const MAX_LIST_BYTES = 2 * 1024 * 1024;
/** A list token of a full 128 KiB list that compresses badly is still far below this. */
const MAX_LIST_TOKEN_LENGTH = 4 * 1024 * 1024;
export const STATUS_LIST_TYPE = 'statuslist+jwt';

export const Outcome = Object.freeze({
  VALID: 'VALID',
  CANCELLED: 'CANCELLED',
  EXPIRED: 'EXPIRED',
  TAMPERED: 'TAMPERED',
  UNKNOWN_KEY: 'UNKNOWN_KEY',
  MALFORMED: 'MALFORMED',
});

export const Warning = Object.freeze({
  NO_STATUS_REFERENCE: 'NO_STATUS_REFERENCE',
  STATUS_LIST_MISSING: 'STATUS_LIST_MISSING',
  STATUS_LIST_STALE: 'STATUS_LIST_STALE',
});

const ALGORITHM = 'ES256';
const SIGNATURE_BYTES = 64;
const KID = /^[A-Za-z0-9._-]{1,64}$/;
/** Three base64url segments; the signature may be empty so that an alg none code is refused by name. */
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const DATE = /^([+-]?[0-9]{4,9})-([0-9]{2})-([0-9]{2})$/;
/** Java's Long.MAX_VALUE and Instant.MAX: the Java verifier refuses epoch seconds beyond them. */
const LONG_MAX = 9223372036854775807n;
const INSTANT_MAX = 31556889864403199n;
/** What Java's String.isBlank counts as blank (Character.isWhitespace): not U+00A0, U+2007, U+202F. */
const BLANK = /^[\t\n\u000B\f\r\u001C-\u001F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]*$/;
/** A permit is valid through its last day in China: 23:59:59 UTC+8 of vu. */
const END_OF_DAY_IN_CHINA = 86399 - 28800;

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const ASCII = new TextEncoder();

/**
 * The verdict on a scanned text.
 *
 * @param {unknown} text the text read from the QR symbol
 * @param {{jwks?: object, statusLists?: Record<string, string>|Map<string, string>, now?: number,
 *          skewSeconds?: number}} [options] the JWK Set, the status list tokens by uri, now in epoch seconds
 * @returns {Promise<{outcome: string, warning: string|null, reason: string|null, kid: string|null,
 *          claims?: object, statusList?: {uri: string, iat: number, exp: number, ttl: number|null}}>}
 */
export async function verifyQr(text, options = {}) {
  try {
    return await check(text, options ?? {});
  } catch (e) {
    if (e instanceof FormatError) {
      return verdict(Outcome.MALFORMED, { reason: e.message, kid: e.kid });
    }
    // A scanner feeds us whatever was printed; a surprise must still end as a verdict.
    return verdict(Outcome.MALFORMED, { reason: `unreadable (${e?.name ?? 'error'})` });
  }
}

/**
 * Reads a status list token (the body of GET /api/permits/qr/status-lists/{n}) after checking it: ES256 with a
 * key of the JWK Set, typ statuslist+jwt, sub equal to the uri the QR refers to, one bit per permit.
 *
 * @returns {Promise<{ok: true, bits: Uint8Array, size: number, uri: string, iat: number, exp: number,
 *          ttl: number|null} | {ok: false, reason: string}>} size is the number of entries (bits)
 */
export async function readStatusList(token, jwks, uri) {
  try {
    return await readList(token, jwks, uri);
  } catch (e) {
    return { ok: false, reason: e instanceof FormatError ? e.message : `unreadable (${e?.name ?? 'error'})` };
  }
}

/**
 * The status reference of a code, read without checking anything, so that a verifier knows which list to fetch
 * before it verifies. Null when the text is no ESSC1 code or has no usable reference.
 */
export function peekStatusReference(text) {
  try {
    if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH || !text.startsWith(PREFIX)) {
      return null;
    }
    const segments = COMPACT_JWS.exec(text.slice(PREFIX.length));
    if (!segments) {
      return null;
    }
    const reference = statusReference(readObject(decode(segments[2], 'payload'), 'payload'));
    return reference && { ...reference, listNumber: listNumberOf(reference.uri) };
  } catch {
    return null;
  }
}

/** The list number n of a status list uri <base>/<n> (its last path segment), or null. */
export function listNumberOf(uri) {
  const match = typeof uri === 'string' ? /\/(0|[1-9][0-9]{0,8})$/.exec(uri) : null;
  return match ? Number(match[1]) : null;
}

/** The payload of a compact JWS, unchecked (e.g. the sub of a list token before it is verified), or null. */
export function peekPayload(token) {
  try {
    const segments = typeof token === 'string' ? COMPACT_JWS.exec(token) : null;
    return segments ? plain(readObject(decode(segments[2], 'payload'), 'payload')) : null;
  } catch {
    return null;
  }
}

async function check(text, { jwks, statusLists, now, skewSeconds }) {
  const nowSeconds = Number.isFinite(now) ? now : Date.now() / 1000;
  const skew = Number.isFinite(skewSeconds) && skewSeconds >= 0 ? skewSeconds : DEFAULT_SKEW_SECONDS;
  if (typeof text !== 'string' || text.length === 0) {
    throw new FormatError('empty');
  }
  if (text.length > MAX_TEXT_LENGTH) {
    throw new FormatError(`longer than ${MAX_TEXT_LENGTH} characters`);
  }
  if (!text.startsWith(PREFIX)) {
    throw new FormatError(`no ${PREFIX} prefix`);
  }
  const compact = text.slice(PREFIX.length);
  const segments = COMPACT_JWS.exec(compact);
  if (!segments) {
    throw new FormatError('not a compact JWS');
  }
  const header = readObject(decode(segments[1], 'header'), 'header');
  requireEs256(header);
  if (has(header, 'crit')) {
    // RFC 7515 §4.1.11: extensions we do not implement must be refused, not ignored.
    throw new FormatError("header has 'crit' extensions, which this format does not use");
  }
  const kid = header.kid;
  if (typeof kid !== 'string' || !KID.test(kid)) {
    throw new FormatError("header has no usable 'kid'");
  }
  const key = await publicKey(jwks, kid);
  if (!key) {
    return verdict(Outcome.UNKNOWN_KEY, { kid, reason: `no key '${kid}' in the key set` });
  }
  const signature = canonicalSignature(segments[3]);
  if (!signature) {
    return verdict(Outcome.TAMPERED, {
      kid, reason: 'signature is not a 64-byte ES256 signature in canonical base64url' });
  }
  if (!(await signatureHolds(key, signature, `${segments[1]}.${segments[2]}`))) {
    return verdict(Outcome.TAMPERED, { kid, reason: `signature does not verify with key '${kid}'` });
  }

  let claims;
  try {
    claims = readClaims(readObject(decode(segments[2], 'payload'), 'payload'));
  } catch (e) {
    if (e instanceof FormatError) {
      e.kid = kid;
    }
    throw e;
  }
  if (nowSeconds >= claims.exp + skew) {
    return verdict(Outcome.EXPIRED, { kid, claims, reason: 'the code has expired; the holder must refresh it' });
  }
  return checkStatus(claims, kid, statusLists, jwks, nowSeconds);
}

/** Step 9 with revocation: the bit of the permit in the list the code refers to. */
async function checkStatus(claims, kid, statusLists, jwks, now) {
  const valid = (warning, reason, statusList) => verdict(Outcome.VALID, { kid, claims, warning, reason, statusList });
  if (!claims.status) {
    return valid(Warning.NO_STATUS_REFERENCE, 'the code refers to no status list: it cannot be checked for '
      + 'cancellation offline');
  }
  const { uri } = claims.status;
  const idx = claims[STATUS_INDEX];
  const token = statusLists instanceof Map ? statusLists.get(uri)
    : (statusLists && Object.hasOwn(statusLists, uri) ? statusLists[uri] : undefined);
  if (token === undefined || token === null) {
    return valid(Warning.STATUS_LIST_MISSING, `no status list ${uri} on this device`);
  }
  const list = await readStatusList(token, jwks, uri);
  if (!list.ok) {
    return valid(Warning.STATUS_LIST_MISSING, `the status list ${uri} does not verify: ${list.reason}`);
  }
  const about = { uri, iat: list.iat, exp: list.exp, ttl: list.ttl };
  if (idx >= BigInt(list.size)) {
    return valid(Warning.STATUS_LIST_MISSING, `index ${idx} is beyond the ${list.size} entries of ${uri}`, about);
  }
  const i = Number(idx);
  if ((list.bits[i >> 3] >> (i & 7)) & 1) {
    return verdict(Outcome.CANCELLED, {
      kid, claims, statusList: about, reason: 'the status list marks the permit invalid (cancelled or expired)' });
  }
  if (list.exp <= now) {
    return valid(Warning.STATUS_LIST_STALE, `the status list ${uri} expired at ${new Date(list.exp * 1000)
      .toISOString()}; refresh it online`, about);
  }
  return valid(null, null, about);
}

async function readList(token, jwks, uri) {
  if (typeof token !== 'string' || token.length > MAX_LIST_TOKEN_LENGTH) {
    throw new FormatError('not a status list token');
  }
  if (typeof uri !== 'string' || uri.length === 0) {
    throw new FormatError('no uri to check the list against');
  }
  const segments = COMPACT_JWS.exec(token.trim());
  if (!segments) {
    throw new FormatError('not a compact JWS');
  }
  const header = readObject(decode(segments[1], 'header'), 'header');
  requireEs256(header);
  if (has(header, 'crit')) {
    throw new FormatError("header has 'crit' extensions");
  }
  if (header.typ !== STATUS_LIST_TYPE) {
    throw new FormatError(`typ is not ${STATUS_LIST_TYPE}`);
  }
  if (typeof header.kid !== 'string' || !KID.test(header.kid)) {
    throw new FormatError("header has no usable 'kid'");
  }
  const key = await publicKey(jwks, header.kid);
  if (!key) {
    throw new FormatError(`signed with key '${header.kid}', which is not in the key set`);
  }
  const signature = canonicalSignature(segments[3]);
  if (!signature || !(await signatureHolds(key, signature, `${segments[1]}.${segments[2]}`))) {
    throw new FormatError(`signature does not verify with key '${header.kid}'`);
  }
  const payload = readObject(decode(segments[2], 'payload'), 'payload');
  if (payload.sub !== uri) {
    throw new FormatError(`its sub is not ${uri}`);
  }
  const iat = epochSeconds(payload, 'iat');
  const exp = epochSeconds(payload, 'exp');
  const ttl = has(payload, 'ttl') ? epochSeconds(payload, 'ttl') : null;
  const statusList = payload.status_list;
  if (!isObject(statusList)) {
    throw new FormatError('no status_list');
  }
  if (!(statusList.bits instanceof JsonNumber) || statusList.bits.raw !== '1') {
    throw new FormatError('bits is not 1');
  }
  if (typeof statusList.lst !== 'string') {
    throw new FormatError('lst is not a string');
  }
  const bits = await inflate(decode(statusList.lst, 'lst'), MAX_LIST_BYTES);
  return { ok: true, bits, size: bits.length * 8, uri, iat: Number(iat), exp: Number(exp),
    ttl: ttl === null ? null : Number(ttl) };
}

/** Only ES256: refusing none and HMAC by name, because accepting them is the classic JWS forgery. */
function requireEs256(header) {
  const alg = header.alg;
  if (typeof alg !== 'string') {
    throw new FormatError("header has no 'alg'");
  }
  if (alg.toLowerCase() === 'none') {
    throw new FormatError("alg 'none' refused: codes must be signed");
  }
  if (alg.toUpperCase().startsWith('HS')) {
    throw new FormatError('HMAC alg refused: codes are signed with ES256 only');
  }
  if (alg !== ALGORITHM) {
    throw new FormatError('alg other than ES256 refused');
  }
}

function readClaims(payload) {
  for (const claim of ['pn', 'hn', 'nat', 'cat', 'vu', 'iat', 'exp', 'jti']) {
    if (!has(payload, claim)) {
      throw new FormatError(`payload lacks claim '${claim}'`);
    }
  }
  const cat = text(payload, 'cat');
  if (!['A', 'B', 'C'].includes(cat)) {
    throw new FormatError("claim 'cat' is not A, B or C");
  }
  const vu = text(payload, 'vu');
  const lastSecond = lastValidSecond(vu);
  const claims = {
    pn: requireText(text(payload, 'pn'), 'pn'),
    hn: requireText(text(payload, 'hn'), 'hn'),
    nat: requireText(text(payload, 'nat'), 'nat'),
    cat,
    vu,
    iat: epochSeconds(payload, 'iat'),
    exp: epochSeconds(payload, 'exp'),
    jti: requireText(text(payload, 'jti'), 'jti'),
  };
  if (claims.exp <= claims.iat) {
    throw new FormatError('claims are inconsistent: expiresAt must be after issuedAt');
  }
  if (claims.exp > lastSecond) {
    throw new FormatError("claims are inconsistent: exp is after the end of the permit's validity"
      + ' (23:59:59 Asia/Shanghai of vu)');
  }
  const status = has(payload, 'status') ? statusReference(payload) : null;
  if (has(payload, 'status') && !status) {
    throw new FormatError("claim 'status' is not {\"status_list\":{\"idx\":<index>,\"uri\":<uri>}}");
  }
  return {
    ...claims,
    iat: Number(claims.iat),
    exp: Number(claims.exp),
    status: status && { idx: Number(status.idx), uri: status.uri },
    [STATUS_INDEX]: status?.idx,
  };
}

const STATUS_INDEX = Symbol('status index');

/** {uri, idx} of a payload's status claim; idx a BigInt (it is compared with a list's size), or null. */
function statusReference(payload) {
  const statusList = isObject(payload.status) ? payload.status.status_list : undefined;
  if (!isObject(statusList)) {
    return null;
  }
  const { idx, uri } = statusList;
  if (!(idx instanceof JsonNumber) || !INTEGER.test(idx.raw) || idx.raw.startsWith('-')
    || typeof uri !== 'string' || uri.length === 0) {
    return null;
  }
  return { uri, idx: BigInt(idx.raw) };
}

/**
 * Epoch seconds of 23:59:59 Asia/Shanghai of a yyyy-MM-dd date, as BigInt. Accepts what Java's LocalDate.parse
 * accepts (ISO_LOCAL_DATE: 4-digit years, longer ones only with a sign) and refuses the rest (2028-02-30).
 */
function lastValidSecond(vu) {
  const match = DATE.exec(vu);
  const year = match ? Number(match[1]) : NaN;
  const [month, day] = match ? [Number(match[2]), Number(match[3])] : [];
  const unsignedOk = match && (/^[0-9]{4}$/.test(match[1]) || /^[+][0-9]{5,9}$/.test(match[1])
    || /^-[0-9]{4,9}$/.test(match[1]));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (!unsignedOk || !days || day < 1 || day > days) {
    throw new FormatError("claim 'vu' is not a yyyy-MM-dd date");
  }
  return daysFromCivil(BigInt(year), BigInt(month), BigInt(day)) * 86400n + BigInt(END_OF_DAY_IN_CHINA);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), for any year. */
function daysFromCivil(year, month, day) {
  const y = month <= 2n ? year - 1n : year;
  const era = (y >= 0n ? y : y - 399n) / 400n;
  const yearOfEra = y - era * 400n;
  const dayOfYear = (153n * (month > 2n ? month - 3n : month + 9n) + 2n) / 5n + day - 1n;
  const dayOfEra = yearOfEra * 365n + yearOfEra / 4n - yearOfEra / 100n + dayOfYear;
  return era * 146097n + dayOfEra - 719468n;
}

function text(payload, claim) {
  const value = payload[claim];
  if (typeof value !== 'string') {
    throw new FormatError(`claim '${claim}' is not a string`);
  }
  return value;
}

function requireText(value, claim) {
  if (BLANK.test(value)) {
    throw new FormatError(`claims are inconsistent: ${claim} must not be blank`);
  }
  return value;
}

/** Whole non-negative epoch seconds as BigInt: 1.0 and 1e3 are not whole seconds here, as in the Java verifier. */
function epochSeconds(payload, claim) {
  const value = payload[claim];
  if (!(value instanceof JsonNumber) || !INTEGER.test(value.raw) || BigInt(value.raw) > LONG_MAX
    || BigInt(value.raw) < -LONG_MAX - 1n) {
    throw new FormatError(`claim '${claim}' is not whole epoch seconds`);
  }
  const seconds = BigInt(value.raw);
  if (seconds < 0n || seconds > INSTANT_MAX) {
    throw new FormatError(`claim '${claim}' is out of range`);
  }
  return seconds;
}

/** The CryptoKey of kid in a JWK Set (EC P-256 only), or null. */
async function publicKey(jwks, kid) {
  const jwk = Array.isArray(jwks?.keys)
    ? jwks.keys.find((k) => isObject(k) && k.kid === kid && k.kty === 'EC' && k.crv === 'P-256') : undefined;
  if (!jwk || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    return null;
  }
  try {
    return await globalThis.crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    return null;
  }
}

/**
 * The 64 bytes of an ES256 signature, or null unless it is in canonical base64url: the last character carries 4
 * unused bits that a decoder ignores, so without this check an altered character would go unnoticed.
 */
function canonicalSignature(segment) {
  if (segment.length !== 86) {
    return null;
  }
  const bytes = decode(segment, 'signature');
  return bytes.length === SIGNATURE_BYTES && encode(bytes) === segment ? bytes : null;
}

async function signatureHolds(key, signature, signingInput) {
  try {
    return await globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature,
      ASCII.encode(signingInput));
  } catch {
    // e.g. R or S out of range for the curve: as forged as a wrong signature.
    return false;
  }
}

/** zlib (RFC 1950) inflate, refusing output beyond cap bytes. */
async function inflate(bytes, cap) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      total += value.length;
      if (total > cap) {
        throw new FormatError(`lst inflates to more than ${cap} bytes`);
      }
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    throw e instanceof FormatError ? e : new FormatError('lst is not zlib data');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function decode(segment, what) {
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) {
    throw new FormatError(`${what} is not base64url`);
  }
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/') + '=='.slice(0, (4 - segment.length % 4) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

export function encode(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) {
    binary += String.fromCharCode(bytes[i]);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A JSON object from UTF-8 bytes, strictly (RFC 8259): duplicate member names are refused so that a payload cannot
 * mean one thing here and another in the Java verifier; numbers keep their text (1.0 is not an integer there).
 */
function readObject(utf8, what) {
  let source;
  try {
    source = UTF8.decode(utf8);
  } catch {
    throw new FormatError(`${what} is not valid JSON`);
  }
  const errors = [];
  const tree = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !tree) {
    throw new FormatError(`${what} is not valid JSON`);
  }
  if (tree.type !== 'object') {
    throw new FormatError(`${what} is not a JSON object`);
  }
  return value(tree, source, what);
}

function value(node, source, what) {
  switch (node.type) {
    case 'object': {
      const object = Object.create(null);
      for (const property of node.children ?? []) {
        const [name, member] = property.children;
        if (Object.hasOwn(object, name.value)) {
          throw new FormatError(`${what} has the member '${name.value}' twice`);
        }
        object[name.value] = value(member, source, what);
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map((child) => value(child, source, what));
    case 'number':
      return new JsonNumber(source.slice(node.offset, node.offset + node.length));
    default:
      return node.value;
  }
}

/** A JSON number as written, so that integers and fractions stay apart and large values keep their digits. */
class JsonNumber {
  constructor(raw) {
    this.raw = raw;
  }

  toJSON() {
    return Number(this.raw);
  }
}

function plain(json) {
  return JSON.parse(JSON.stringify(json));
}

function has(object, name) {
  return Object.hasOwn(object, name);
}

function isObject(x) {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof JsonNumber);
}

function verdict(outcome, { warning = null, reason = null, kid = null, claims, statusList } = {}) {
  const result = { outcome, warning, reason, kid };
  if (claims && [Outcome.VALID, Outcome.EXPIRED, Outcome.CANCELLED].includes(outcome)) {
    const { [STATUS_INDEX]: _, ...shown } = claims;
    result.claims = shown;
  }
  if (statusList) {
    result.statusList = statusList;
  }
  return result;
}

class FormatError extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'FormatError';
    this.kid = null;
  }
}
