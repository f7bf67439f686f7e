#!/usr/bin/env node
// The command-line permit QR verifier (./esscard verify-qr): the same verify.js as the officers' page.
//
//   node cli.mjs <QR text | image file> [--server URL] [--keys FILE] [--status-list FILE] [--json] [--now SECONDS]
//
// An argument naming an existing file is an image (PNG, JPEG, ...) whose QR code is decoded. The key set and the
// status list the code refers to are fetched from --server (default the local gateway,
// http://127.0.0.1:${ESSCARD_GATEWAY_PORT:-8080}); --keys FILE (a JWK Set, or a test-vector file with "jwks") and
// --status-list FILE (a status list token, or a test-vector file with "statusLists") verify with no network:
// then only what is not given as a file is fetched, and only when --server is given too.
//
// Exit status: 0 VALID without warning; 1 VALID with a warning (the permit's status is not confirmed); 2 anything
// else, including errors.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_SKEW_SECONDS, Outcome, peekStatusReference, verifyQr } from './src/verify.js';
import { readQrFromImage } from './src/read-qr-node.js';

const FETCH_TIMEOUT_MS = 10_000;
const EXIT = { VALID: 0, WARNING: 1, OTHER: 2 };

const USAGE = `usage: esscard verify-qr <QR text | image file> [--server URL] [--keys FILE] [--status-list FILE] [--json]

  Verifies a permit QR code (ESSC1) offline with the published keys and the status list it refers to.
  --server URL        where to fetch keys and status lists (default http://127.0.0.1:\${ESSCARD_GATEWAY_PORT:-8080})
  --keys FILE         a JWK Set (or a test-vector file) instead of fetching /api/permits/qr/keys
  --status-list FILE  a status list token (or a test-vector file) instead of fetching /api/permits/qr/status-lists/<n>
  --json              print the verdict as JSON
  --now SECONDS       verify as of this time (epoch seconds), for tests
Exit status: 0 valid, 1 valid with a warning, 2 anything else.`;

const WARNINGS = {
  NO_STATUS_REFERENCE: 'an older code with no status list reference: a cancellation cannot be checked offline',
  STATUS_LIST_MISSING: 'no usable status list for this code: a cancellation cannot be checked offline',
  STATUS_LIST_STALE: 'the status list is out of date: a recent cancellation may be missing',
};
const OUTCOMES = {
  VALID: 'VALID: a genuine code of an active permit',
  CANCELLED: 'CANCELLED: the permit has been cancelled (or has expired)',
  EXPIRED: 'EXPIRED: a genuine code, but the code itself has expired; the holder must refresh it',
  TAMPERED: 'TAMPERED: the code was altered or forged',
  UNKNOWN_KEY: 'UNKNOWN KEY: signed with a key that is not in the key set',
  MALFORMED: 'MALFORMED: not a valid permit code',
};

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        server: { type: 'string' },
        keys: { type: 'string' },
        'status-list': { type: 'string' },
        json: { type: 'boolean', default: false },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return usage(e.message);
  }
  const { values: options, positionals } = parsed;
  if (options.help) {
    console.log(USAGE);
    return EXIT.OTHER;
  }
  if (positionals.length !== 1) {
    return usage(positionals.length ? 'one QR text or image file only' : 'no QR text or image file given');
  }
  if (options.now !== undefined && !/^[0-9]+$/.test(options.now)) {
    return usage('--now takes epoch seconds');
  }
  const offline = options.keys !== undefined || options['status-list'] !== undefined;
  const server = options.server
    ?? (offline ? null : `http://127.0.0.1:${process.env.ESSCARD_GATEWAY_PORT || 8080}`);

  const text = await qrText(positionals[0]);
  const reference = peekStatusReference(text);
  const keys = options.keys !== undefined ? { jwks: readKeys(options.keys) } : await fetchKeys(server);
  const statusLists = options['status-list'] !== undefined
    ? readStatusLists(options['status-list'], reference)
    : keys.problem ? {} : await fetchStatusList(server, reference);

  const verdict = await verifyQr(text, {
    jwks: keys.jwks ?? { keys: [] }, statusLists, skewSeconds: DEFAULT_SKEW_SECONDS,
    now: options.now !== undefined ? Number(options.now) : Date.now() / 1000,
  });
  if (verdict.outcome === Outcome.UNKNOWN_KEY && keys.problem) {
    // without the key set, a genuine code cannot be told from a forged one: no verdict rather than a wrong one
    return fail(keys.problem);
  }
  console.log(options.json ? JSON.stringify(verdict) : describe(verdict));
  if (verdict.outcome !== Outcome.VALID) {
    return EXIT.OTHER;
  }
  return verdict.warning === null ? EXIT.VALID : EXIT.WARNING;
}

/** The QR text: the argument itself, or the code decoded from the image file it names. */
async function qrText(argument) {
  if (!existsSync(argument) || !statSync(argument).isFile()) {
    return argument;
  }
  const text = await readQrFromImage(readFileSync(argument)).catch((e) => fail(`${argument}: ${e.message}`));
  return text ?? fail(`${argument}: no QR code found in the image`);
}

function readKeys(file) {
  const json = readJson(file);
  const jwks = json?.jwks ?? json;
  return Array.isArray(jwks?.keys) ? jwks : fail(`${file}: not a JWK Set`);
}

function readStatusLists(file, reference) {
  const content = readFileSync(file, 'utf8').trim();
  if (content.startsWith('{')) {
    const lists = readJson(file)?.statusLists;
    return typeof lists === 'object' && lists !== null ? lists : fail(`${file}: no "statusLists" in it`);
  }
  return reference ? { [reference.uri]: content } : {};
}

/** {jwks} from the server, or {problem} saying why not (the code may still be judged MALFORMED without keys). */
async function fetchKeys(server) {
  if (!server) {
    return { problem: 'no key set: give --keys FILE or --server URL' };
  }
  const answer = await get(`${server}/api/permits/qr/keys`);
  if (!answer.ok) {
    return { problem: `cannot fetch the key set from ${server}: ${answer.problem}` };
  }
  try {
    const jwks = JSON.parse(answer.body);
    if (Array.isArray(jwks?.keys)) {
      return { jwks };
    }
  } catch {
    // said below
  }
  return { problem: `${server} answered no JWK Set at /api/permits/qr/keys` };
}

/** The list the code refers to, by its number, from the server we trust (whatever host its uri names). */
async function fetchStatusList(server, reference) {
  if (!server || reference?.listNumber === null || reference?.listNumber === undefined) {
    return {};
  }
  const answer = await get(`${server}/api/permits/qr/status-lists/${reference.listNumber}`);
  if (!answer.ok) {
    console.error(`verify-qr: cannot fetch status list ${reference.listNumber} from ${server}: ${answer.problem}`);
    return {};
  }
  return { [reference.uri]: answer.body.trim() };
}

async function get(url) {
  try {
    const answer = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    const body = await answer.text();
    return answer.ok ? { ok: true, body } : { ok: false, problem: `HTTP ${answer.status}` };
  } catch (e) {
    return { ok: false, problem: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

function describe(verdict) {
  const lines = [verdict.warning ? `VALID, NOT CONFIRMED: ${WARNINGS[verdict.warning]} (${verdict.warning})`
    : OUTCOMES[verdict.outcome]];
  const c = verdict.claims;
  if (c) {
    lines.push(`  holder name      ${c.hn}`, `  permit number    ${c.pn}`, `  nationality      ${c.nat}`,
      `  talent category  ${c.cat}`, `  valid until      ${c.vu}`,
      `  code expires     ${new Date(c.exp * 1000).toISOString()}`);
  }
  if (verdict.kid) {
    lines.push(`  key              ${verdict.kid}`);
  }
  if (verdict.statusList) {
    const { uri, iat, exp } = verdict.statusList;
    lines.push(`  status list      ${uri}, issued ${new Date(iat * 1000).toISOString()}, `
      + `expires ${new Date(exp * 1000).toISOString()}`);
  }
  if (verdict.reason) {
    lines.push(`  reason           ${verdict.reason}`);
  }
  return lines.join('\n');
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`${file}: ${e.code === 'ENOENT' ? 'no such file' : 'not JSON'}`);
  }
}

class Failure extends Error {}

function fail(message) {
  throw new Failure(message);
}

function usage(message) {
  console.error(`verify-qr: ${message}\n${USAGE}`);
  return EXIT.OTHER;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(`verify-qr: ${e instanceof Failure ? e.message : e.stack}`);
  process.exitCode = EXIT.OTHER;
}
