// The caches the service worker fills and the page reads: shared so that the two cannot disagree.

/** The page's own files; one cache per build, dropped when the next build's worker activates. */
export const ASSET_CACHE_PREFIX = 'essc-verifier-assets-';
/** The key set and the status lists: public data, kept across builds until a fresher copy replaces it. */
export const DATA_CACHE = 'essc-verifier-data';
/** Set by the service worker on an answer it gave from the cache (the network failed or answered non-2xx). */
export const FROM_CACHE_HEADER = 'x-verifier-from-cache';
/** When the service worker fetched the cached copy, epoch milliseconds. */
export const FETCHED_AT_HEADER = 'x-verifier-fetched-at';
/** Paths of the data, relative to the page (/api/permits/verifier/ → /api/permits/qr/...). */
export const KEYS_PATH = '../qr/keys';
export const STATUS_LIST_PATH = '../qr/status-lists/';
