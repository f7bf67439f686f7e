// A stand-in for the gateway in front of permit-service, for the browser self-test and manual runs: the built page
// at /api/permits/verifier/, the throwaway key set of the test vectors at /api/permits/qr/keys, status list 0
// (signed now, permits 42 and 43 cancelled) and the staff sign-in and online check. mode 'down' answers 502 to
// everything, as the gateway does when the service behind it is gone.
//
//   node test/fake-server.mjs <built page dir> [port]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { JWKS, LIST_BASE, signStatusList } from './make-vectors.mjs';
import { verifyQr } from '../src/verify.js';

const PAGE = '/api/permits/verifier/';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8' };
export const OFFICER = { username: 'officer', password: 'Officer#2026' };
/** Index 43 is set in the list; permit ...0044 was cancelled after the list was signed, so only online knows. */
export const CANCELLED_IN_LIST = [42, 43];
export const CANCELLED_SINCE_LIST = '11010020260000044';

export async function startFakeServer({ dir, port = 0 }) {
  const tokens = new Set();
  const state = { mode: 'up', requests: [] };
  const server = createServer((request, response) => {
    state.requests.push(`${request.method} ${request.url}`);
    handle(request, response).catch((e) => send(response, 500, 'text/plain', String(e)));
  });

  async function handle(request, response) {
    const path = new URL(request.url, 'http://x').pathname;
    if (state.mode === 'down') {
      return send(response, 502, 'application/problem+json', JSON.stringify({ status: 502, code: 'BAD_GATEWAY' }));
    }
    if (request.method === 'GET' && path === '/api/permits/verifier') {
      response.writeHead(301, { Location: PAGE });
      return response.end();
    }
    if (request.method === 'GET' && path.startsWith(PAGE)) {
      const name = normalize(path.slice(PAGE.length) || 'index.html');
      if (name.startsWith('..')) {
        return send(response, 404, 'text/plain', 'not found');
      }
      try {
        return send(response, 200, TYPES[extname(name)] ?? 'application/octet-stream', await readFile(join(dir, name)));
      } catch {
        return send(response, 404, 'text/plain', 'not found');
      }
    }
    if (request.method === 'GET' && path === '/api/permits/qr/keys') {
      return send(response, 200, 'application/json', JSON.stringify(JWKS));
    }
    const list = /^\/api\/permits\/qr\/status-lists\/([0-9]+)$/.exec(path);
    if (request.method === 'GET' && list) {
      if (list[1] !== '0') {
        return send(response, 404, 'application/problem+json', '{"status":404}');
      }
      const now = Math.floor(Date.now() / 1000);
      return send(response, 200, 'application/statuslist+jwt', await signStatusList({
        uri: `${LIST_BASE}/0`, iat: now - 60, exp: now + 3600, ttl: 600, invalid: CANCELLED_IN_LIST }));
    }
    if (request.method === 'POST' && path === '/api/accounts/staff/login') {
      const body = JSON.parse(await text(request) || '{}');
      if (body.username !== OFFICER.username || body.password !== OFFICER.password) {
        return send(response, 401, 'application/problem+json', '{"status":401}');
      }
      const token = `fake-${Math.random().toString(36).slice(2)}`;
      tokens.add(token);
      return send(response, 200, 'application/json', JSON.stringify({ access_token: token, token_type: 'Bearer' }));
    }
    if (request.method === 'POST' && path === '/api/permits/qr/verifications') {
      if (!tokens.has((request.headers.authorization ?? '').replace(/^Bearer /, ''))) {
        return send(response, 401, 'application/problem+json', '{"status":401}');
      }
      const { qr } = JSON.parse(await text(request) || '{}');
      return send(response, 200, 'application/json', JSON.stringify(await onlineVerdict(qr)));
    }
    return send(response, 404, 'application/problem+json', '{"status":404}');
  }

  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = server.address().port;
  return {
    url: `http://127.0.0.1:${bound}${PAGE}`,
    origin: `http://127.0.0.1:${bound}`,
    port: bound,
    state,
    setMode: (mode) => { state.mode = mode; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** What permit-service would answer, from the offline verdict and the record of cancellations since the list. */
async function onlineVerdict(qr) {
  const now = Math.floor(Date.now() / 1000);
  const statusLists = { [`${LIST_BASE}/0`]: await signStatusList({ uri: `${LIST_BASE}/0`, iat: now - 60, exp: now + 60,
    invalid: CANCELLED_IN_LIST }) };
  const offline = await verifyQr(qr, { jwks: JWKS, statusLists, now });
  const c = offline.claims;
  const cancelled = offline.outcome === 'CANCELLED' || c?.pn === CANCELLED_SINCE_LIST;
  const verdict = offline.outcome === 'EXPIRED' ? 'EXPIRED' : cancelled ? 'PERMIT_CANCELLED' : offline.outcome;
  return {
    verdict,
    reason: offline.reason,
    kid: offline.kid,
    qrExpiredAt: null,
    permit: c ? { permitNumber: c.pn, holderName: c.hn, nationality: c.nat, talentCategory: c.cat, validUntil: c.vu,
      status: cancelled ? 'CANCELLED' : 'ACTIVE' } : null,
  };
}

function send(response, status, type, body) {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
  response.end(body);
}

function text(request) {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const server = await startFakeServer({ dir: process.argv[2] ?? 'dist', port: Number(process.argv[3] ?? 0) });
  console.log(`fake gateway: ${server.url}`);
}
