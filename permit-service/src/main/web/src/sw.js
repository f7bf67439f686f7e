// Service worker of the verifier page: it lets an officer verify with no network once the page was opened online.
// - The page's files (precached at install, one cache per build): served from the cache.
// - The key set and the status lists: network first, so every load and scan online refreshes them; the last good
//   copy when the network fails or answers non-2xx (a gateway answers 502 when permit-service is gone).
// - Everything else, POSTs above all (sign-in, the online check), passes through untouched and is never cached.
/* global BUILD_VERSION, BUILD_ASSETS */
import {
  ASSET_CACHE_PREFIX, DATA_CACHE, FETCHED_AT_HEADER, FROM_CACHE_HEADER, KEYS_PATH, STATUS_LIST_PATH,
} from './cache-names.js';

const ASSET_CACHE = ASSET_CACHE_PREFIX + BUILD_VERSION;
/** A network that hangs (a captive portal, a dead link) must not hold up a scan: then the cached copy answers. */
const NETWORK_TIMEOUT_MS = 5000;

const scope = () => new URL(self.registration.scope);
const keysUrl = () => new URL(KEYS_PATH, scope()).href;
const listPrefix = () => new URL(STATUS_LIST_PATH, scope()).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(ASSET_CACHE);
    await cache.addAll(BUILD_ASSETS.map((file) => new Request(new URL(file, scope()), { cache: 'reload' })));
    // the keys too, best effort: the first visit may end before the page fetched them through this worker
    await refresh(new Request(keysUrl())).catch(() => {});
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(ASSET_CACHE_PREFIX) && name !== ASSET_CACHE) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.href === keysUrl() || isStatusList(url)) {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith(scope().pathname)) {
    event.respondWith(cacheFirst(request, url));
  }
});

function isStatusList(url) {
  return url.pathname.startsWith(listPrefix()) && /^(0|[1-9][0-9]{0,8})$/.test(url.pathname.slice(listPrefix().length));
}

async function cacheFirst(request, url) {
  const cache = await caches.open(ASSET_CACHE);
  // the page itself is asked for as the directory (…/verifier/) or by name
  const name = request.mode === 'navigate' || url.pathname === scope().pathname ? 'index.html' : url.pathname;
  const cached = await cache.match(new URL(name, scope()), { ignoreSearch: true });
  return cached ?? fetch(request);
}

async function networkFirst(request) {
  try {
    const answer = await refresh(request);
    if (answer.ok) {
      return answer;
    }
    return (await fromCache(request)) ?? answer;
  } catch {
    return (await fromCache(request)) ?? Response.error();
  }
}

/** Fetches from the network; a 2xx answer replaces the cached copy, stamped with when it was fetched. */
async function refresh(request) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), NETWORK_TIMEOUT_MS);
  try {
    const answer = await fetch(request.url, { cache: 'no-store', credentials: 'omit', signal: abort.signal });
    if (answer.ok) {
      const body = await answer.blob();
      const headers = new Headers(answer.headers);
      headers.set(FETCHED_AT_HEADER, String(Date.now()));
      const cache = await caches.open(DATA_CACHE);
      await cache.put(request.url, new Response(body, { status: 200, headers }));
      return new Response(body, { status: answer.status, headers });
    }
    return answer;
  } finally {
    clearTimeout(timer);
  }
}

async function fromCache(request) {
  const cached = await (await caches.open(DATA_CACHE)).match(request.url);
  if (!cached) {
    return null;
  }
  const headers = new Headers(cached.headers);
  headers.set(FROM_CACHE_HEADER, 'true');
  return new Response(await cached.blob(), { status: 200, headers });
}
