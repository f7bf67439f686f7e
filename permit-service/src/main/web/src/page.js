// The exit-entry officers' verifier page (served by permit-service at /api/permits/verifier/): reads a permit QR
// code from the camera or an image, verifies it offline with the published keys and status lists (verify.js),
// and, when the officer is signed in and online, also at permit-service, showing both verdicts side by side.
//
// Nothing scanned is kept: the scanned text, the verdicts and the access token live in this page's memory only.
// The key set and the status lists (public data) are cached by the service worker (sw.js).
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { DEFAULT_SKEW_SECONDS, Outcome, Warning, peekPayload, peekStatusReference, readStatusList, verifyQr }
  from './verify.js';
import { DATA_CACHE, FETCHED_AT_HEADER, FROM_CACHE_HEADER, KEYS_PATH, STATUS_LIST_PATH } from './cache-names.js';

const LOGIN_PATH = '../../accounts/staff/login';
const VERIFICATIONS_PATH = '../qr/verifications';
/** While the page stays open, the lists it has seen are refreshed this often (their ttl is longer). */
const REFRESH_EVERY_MS = 10 * 60 * 1000;
const FETCH_TIMEOUT_MS = 8000;
const SCAN_INTERVAL_MS = 150;
const READER_OPTIONS = { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 };

const STRINGS = {
  en: {
    title: 'Permit QR verifier',
    scanStart: 'Scan with camera',
    scanStop: 'Stop camera',
    upload: 'Read from an image',
    offlineVerdict: 'Offline check',
    onlineVerdict: 'Online check',
    disagree: 'The offline and online checks disagree: trust the online check and look at the permit record.',
    holderName: 'Holder name',
    permitNumber: 'Work permit number',
    nationality: 'Nationality',
    category: 'Talent category',
    validUntil: 'Permit valid until',
    signInTitle: 'Online check (staff sign-in)',
    signInWhy: 'Signed in and online, each scan is also checked at permit-service, which knows of cancellations '
      + 'made after the code was issued.',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedInAs: (name) => `Signed in as ${name}: scans are also checked online.`,
    loginFailed: 'Sign-in refused: check the username and password.',
    loginUnreachable: 'Sign-in is not reachable (offline?). Offline checks still work.',
    sessionEnded: 'The sign-in has ended: sign in again for online checks.',
    onlineForbidden: 'This account may not verify permits online.',
    scanning: 'Hold the QR code in front of the camera…',
    cameraUnavailable: 'No camera available (or permission refused). Read the code from an image instead.',
    noCode: 'No QR code found in the image.',
    readerFailed: 'The QR decoder could not start.',
    keysNone: 'No keys on this device: open this page once while online.',
    keys: (n, when, cached) => `Keys: ${n}, ${cached ? 'offline copy fetched' : 'fetched'} ${when}.`,
    listsNone: 'No cancellation lists on this device yet (they are fetched for each code scanned online).',
    list: (n, issued, expires, stale) => `Cancellation list ${n}: issued ${issued} ago, `
      + `${stale ? `EXPIRED ${expires} ago` : `valid for ${expires} more`}.`,
    outcome: {
      VALID: 'VALID',
      VALID_UNCONFIRMED: 'VALID – not confirmed',
      CANCELLED: 'CANCELLED',
      EXPIRED: 'CODE EXPIRED',
      TAMPERED: 'TAMPERED / FORGED',
      UNKNOWN_KEY: 'UNKNOWN KEY',
      MALFORMED: 'NOT A PERMIT CODE',
    },
    explain: {
      VALID: 'Genuine code of an active permit.',
      CANCELLED: 'The permit has been cancelled (or has expired): refuse.',
      EXPIRED: 'Genuine, but the code itself has expired: the holder must refresh it in the app.',
      TAMPERED: 'The code was altered or forged: refuse.',
      UNKNOWN_KEY: 'Signed with a key this device does not know: go online to refresh the keys, or check online.',
      MALFORMED: 'This is not a valid eSSCard permit code.',
    },
    warning: {
      NO_STATUS_REFERENCE: 'Older code without a cancellation-list reference: a cancellation cannot be checked '
        + 'offline. Check online.',
      STATUS_LIST_MISSING: 'No usable cancellation list for this code on this device: a cancellation cannot be '
        + 'checked offline. Go online once, or check online.',
      STATUS_LIST_STALE: (issued, expired) => `The cancellation list on this device is out of date (issued ${issued}`
        + ` ago, expired ${expired} ago): a recent cancellation may be missing. Go online to refresh it.`,
    },
    listAge: (issued) => `Cancellation list issued ${issued} ago.`,
    online: {
      none: 'Not signed in',
      pending: 'Checking…',
      unreachable: 'Not reachable: offline verdict only',
      VALID: 'VALID',
      TAMPERED: 'TAMPERED',
      EXPIRED: 'CODE EXPIRED',
      UNKNOWN_KEY: 'UNKNOWN KEY',
      MALFORMED: 'NOT A PERMIT CODE',
      PERMIT_CANCELLED: 'PERMIT CANCELLED',
      PERMIT_EXPIRED: 'PERMIT EXPIRED',
      PERMIT_NOT_FOUND: 'PERMIT NOT FOUND',
    },
  },
  'zh-CN': {
    title: '工作许可二维码核验',
    scanStart: '用摄像头扫描',
    scanStop: '关闭摄像头',
    upload: '从图片读取',
    offlineVerdict: '离线核验',
    onlineVerdict: '在线核验',
    disagree: '离线核验与在线核验结果不一致：以在线核验为准，并查看许可记录。',
    holderName: '持有人姓名',
    permitNumber: '工作许可证号',
    nationality: '国籍',
    category: '人才类别',
    validUntil: '许可有效期至',
    signInTitle: '在线核验（工作人员登录）',
    signInWhy: '登录并联网后，每次扫描还会在 permit-service 在线核验，可发现二维码签发后才注销的许可。',
    username: '用户名',
    password: '密码',
    signIn: '登录',
    signOut: '退出登录',
    signedInAs: (name) => `已登录：${name}。扫描结果同时在线核验。`,
    loginFailed: '登录被拒绝：请检查用户名和密码。',
    loginUnreachable: '无法连接登录服务（可能已离线）。离线核验仍可使用。',
    sessionEnded: '登录已失效：请重新登录以进行在线核验。',
    onlineForbidden: '此账号无权在线核验许可。',
    scanning: '请将二维码对准摄像头……',
    cameraUnavailable: '摄像头不可用（或未获授权）。请改为从图片读取。',
    noCode: '图片中未找到二维码。',
    readerFailed: '二维码解码器无法启动。',
    keysNone: '本设备尚无公钥：请在联网时打开本页面一次。',
    keys: (n, when, cached) => `公钥：${n} 个，${cached ? '离线副本，获取于' : '获取于'} ${when}。`,
    listsNone: '本设备尚无注销列表（联网扫描时会获取二维码所引用的列表）。',
    list: (n, issued, expires, stale) => `注销列表 ${n}：签发于 ${issued}前，`
      + `${stale ? `已过期 ${expires}` : `还有效 ${expires}`}。`,
    outcome: {
      VALID: '有效',
      VALID_UNCONFIRMED: '有效 – 未确认',
      CANCELLED: '已注销',
      EXPIRED: '二维码已过期',
      TAMPERED: '被篡改 / 伪造',
      UNKNOWN_KEY: '未知密钥',
      MALFORMED: '不是许可二维码',
    },
    explain: {
      VALID: '有效许可的真实二维码。',
      CANCELLED: '该许可已注销（或已过期）：不予受理。',
      EXPIRED: '二维码真实，但已过期：请持有人在应用中刷新二维码。',
      TAMPERED: '二维码被篡改或伪造：不予受理。',
      UNKNOWN_KEY: '签名密钥不为本设备所知：请联网刷新公钥，或在线核验。',
      MALFORMED: '这不是有效的 eSSCard 许可二维码。',
    },
    warning: {
      NO_STATUS_REFERENCE: '旧版二维码，未引用注销列表：离线无法判断是否已注销。请在线核验。',
      STATUS_LIST_MISSING: '本设备没有此二维码可用的注销列表：离线无法判断是否已注销。请联网一次，或在线核验。',
      STATUS_LIST_STALE: (issued, expired) => `本设备上的注销列表已过时（签发于 ${issued}前，已过期 ${expired}）：`
        + '可能缺少最近的注销。请联网刷新。',
    },
    listAge: (issued) => `注销列表签发于 ${issued}前。`,
    online: {
      none: '未登录',
      pending: '核验中……',
      unreachable: '无法连接：仅有离线结果',
      VALID: '有效',
      TAMPERED: '被篡改',
      EXPIRED: '二维码已过期',
      UNKNOWN_KEY: '未知密钥',
      MALFORMED: '不是许可二维码',
      PERMIT_CANCELLED: '许可已注销',
      PERMIT_EXPIRED: '许可已过期',
      PERMIT_NOT_FOUND: '未找到许可',
    },
  },
};

/** The online verdicts in the offline verdict's terms, to tell whether the two agree. */
const ONLINE_AS_OFFLINE = { PERMIT_CANCELLED: Outcome.CANCELLED, PERMIT_EXPIRED: Outcome.EXPIRED };

const state = {
  lang: 'en',
  jwks: null,
  keys: null, // {fetchedAt, fromCache}
  lists: new Map(), // list number -> {token, fetchedAt, fromCache}
  accessToken: null,
  username: null,
  last: null, // {verdict, online, onlineReason}
  scanning: false,
  stream: null,
};

const $ = (id) => document.getElementById(id);
const t = () => STRINGS[state.lang];

// ------------------------------------------------------------------------------------------------- start

document.addEventListener('DOMContentLoaded', start);

async function start() {
  setLanguage(navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  }
  $('scan-start').addEventListener('click', startCamera);
  $('scan-stop').addEventListener('click', stopCamera);
  $('upload').addEventListener('change', readUpload);
  $('login-form').addEventListener('submit', signIn);
  $('logout').addEventListener('click', signOut);

  // The decoder is our own copy beside the page (never a CDN), so it works offline too.
  prepareZXingModule({
    overrides: {
      locateFile: (path, prefix) => (path.endsWith('.wasm') ? new URL(path, document.baseURI).href : prefix + path),
    },
    fireImmediately: true,
  }).catch(() => showScanMessage(t().readerFailed));

  await serviceWorker();
  await refreshData([...await cachedListNumbers()]);
  setInterval(() => refreshData([]), REFRESH_EVERY_MS);
  document.body.dataset.ready = 'true';
}

/** Registers the worker and waits (briefly) until it controls the page, so the data fetched next gets cached. */
async function serviceWorker() {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  try {
    await navigator.serviceWorker.register('sw.js');
    if (!navigator.serviceWorker.controller) {
      await Promise.race([
        new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })),
        sleep(4000),
      ]);
    }
  } catch {
    // no worker (private mode, file://): the page still verifies with what it fetched while open
  }
}

// ------------------------------------------------------------------------------------------------- keys and lists

/** Refreshes the key set and the given lists plus every list already held; the worker falls back to its cache. */
async function refreshData(listNumbers) {
  const keys = await fetchData(KEYS_PATH);
  if (keys) {
    try {
      const jwks = JSON.parse(keys.text);
      if (Array.isArray(jwks?.keys)) {
        state.jwks = jwks;
        state.keys = keys;
      }
    } catch {
      // a broken answer leaves the last good key set in place
    }
  }
  const wanted = new Set([...state.lists.keys(), ...listNumbers]);
  await Promise.all([...wanted].map(async (n) => {
    const list = await fetchData(`${STATUS_LIST_PATH}${n}`);
    if (list) {
      state.lists.set(n, { ...list, token: list.text.trim() });
    }
  }));
  await renderDataStatus();
}

async function fetchData(path) {
  try {
    const answer = await fetch(new URL(path, document.baseURI), {
      cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!answer.ok) {
      return null;
    }
    return {
      text: await answer.text(),
      fromCache: answer.headers.get(FROM_CACHE_HEADER) === 'true',
      fetchedAt: Number(answer.headers.get(FETCHED_AT_HEADER)) || Date.now(),
    };
  } catch {
    return null;
  }
}

/** The numbers of the lists the worker has cached: every list seen on this device stays refreshed. */
async function cachedListNumbers() {
  const numbers = new Set();
  try {
    const prefix = new URL(STATUS_LIST_PATH, document.baseURI).pathname;
    for (const request of await (await caches.open(DATA_CACHE)).keys()) {
      const path = new URL(request.url).pathname;
      if (path.startsWith(prefix) && /^[0-9]+$/.test(path.slice(prefix.length))) {
        numbers.add(Number(path.slice(prefix.length)));
      }
    }
  } catch {
    // no Cache API here: only the lists of this visit
  }
  return numbers;
}

async function renderDataStatus() {
  const s = t();
  $('keys-status').textContent = state.jwks
    ? s.keys(state.jwks.keys.length, formatTime(state.keys.fetchedAt), state.keys.fromCache)
    : s.keysNone;
  const lines = [];
  const now = Date.now() / 1000;
  for (const [n, { token }] of [...state.lists].sort(([a], [b]) => a - b)) {
    const sub = peekPayload(token)?.sub;
    const list = state.jwks && typeof sub === 'string' ? await readStatusList(token, state.jwks, sub) : null;
    if (list?.ok) {
      const stale = list.exp <= now;
      lines.push({ text: s.list(n, formatDuration(now - list.iat), formatDuration(Math.abs(list.exp - now)), stale),
        stale });
    }
  }
  const target = $('lists-status');
  target.replaceChildren(...(lines.length ? lines : [{ text: s.listsNone }]).map(({ text, stale }) => {
    const line = document.createElement('span');
    line.textContent = text;
    line.className = stale ? 'stale' : '';
    line.append(document.createElement('br'));
    return line;
  }));
}

// ------------------------------------------------------------------------------------------------- reading codes

async function startCamera() {
  if (state.scanning) {
    return;
  }
  try {
    state.stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
  } catch {
    showScanMessage(t().cameraUnavailable);
    return;
  }
  const video = $('video');
  video.srcObject = state.stream;
  video.hidden = false;
  $('scan-start').hidden = true;
  $('scan-stop').hidden = false;
  showScanMessage(t().scanning);
  state.scanning = true;
  try {
    await video.play();
  } catch {
    // autoplay of a muted inline video is allowed; the frames are read from the canvas either way
  }
  scanFrames(video);
}

function stopCamera() {
  state.scanning = false;
  state.stream?.getTracks().forEach((track) => track.stop());
  state.stream = null;
  const video = $('video');
  video.srcObject = null;
  video.hidden = true;
  $('scan-start').hidden = false;
  $('scan-stop').hidden = true;
  showScanMessage('');
}

/** Draws camera frames to a canvas and decodes them until a QR code is read; then the camera stops. */
async function scanFrames(video) {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  while (state.scanning) {
    if (video.readyState >= 2 && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      let text = null;
      try {
        const results = await readBarcodes(context.getImageData(0, 0, canvas.width, canvas.height), READER_OPTIONS);
        text = results.find((r) => r.isValid && r.text)?.text ?? null;
      } catch {
        showScanMessage(t().readerFailed);
      }
      if (text !== null && state.scanning) {
        stopCamera();
        await check(text);
        return;
      }
    }
    await sleep(SCAN_INTERVAL_MS);
  }
}

async function readUpload(event) {
  const file = event.target.files?.[0];
  event.target.value = '';
  if (!file) {
    return;
  }
  let text = null;
  try {
    text = (await readBarcodes(file, READER_OPTIONS)).find((r) => r.isValid && r.text)?.text ?? null;
  } catch {
    // unreadable image: said below
  }
  if (text === null) {
    showScanMessage(t().noCode);
    return;
  }
  showScanMessage('');
  await check(text);
}

// ------------------------------------------------------------------------------------------------- verifying

async function check(text) {
  clearVerdict();
  const reference = peekStatusReference(text);
  await refreshData(reference?.listNumber != null ? [reference.listNumber] : []);
  const statusLists = {};
  if (reference?.listNumber != null && state.lists.has(reference.listNumber)) {
    statusLists[reference.uri] = state.lists.get(reference.listNumber).token;
  }
  const verdict = await verifyQr(text, {
    jwks: state.jwks, statusLists, now: Date.now() / 1000, skewSeconds: DEFAULT_SKEW_SECONDS });
  state.last = { verdict, online: state.accessToken ? 'pending' : 'none', onlineReason: null };
  renderVerdict();
  if (state.accessToken) {
    Object.assign(state.last, await checkOnline(text));
    renderVerdict();
  }
}

/** The online verdict of permit-service, or unreachable; a refused sign-in is dropped. */
async function checkOnline(text) {
  let answer;
  try {
    answer = await fetch(new URL(VERIFICATIONS_PATH, document.baseURI), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${state.accessToken}` },
      body: JSON.stringify({ qr: text }),
      cache: 'no-store',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch {
    return { online: 'unreachable', onlineReason: null };
  }
  if (answer.status === 401) {
    signOut();
    $('login-message').textContent = t().sessionEnded;
    return { online: 'none', onlineReason: null };
  }
  if (answer.status === 403) {
    return { online: 'unreachable', onlineReason: t().onlineForbidden };
  }
  try {
    const body = answer.ok ? await answer.json() : null;
    if (typeof body?.verdict === 'string' && /^[A-Z_]{1,40}$/.test(body.verdict)) {
      return { online: body.verdict, onlineReason: typeof body.reason === 'string' ? body.reason : null };
    }
  } catch {
    // not the answer of permit-service (a proxy's error page): as good as unreachable
  }
  return { online: 'unreachable', onlineReason: null };
}

function clearVerdict() {
  const box = $('verdict');
  for (const name of ['outcome', 'warning', 'online', 'disagree']) {
    delete box.dataset[name];
  }
  box.hidden = true;
  state.last = null;
}

function renderVerdict() {
  if (!state.last) {
    return;
  }
  const s = t();
  const { verdict, online, onlineReason } = state.last;
  const box = $('verdict');
  const unconfirmed = verdict.outcome === Outcome.VALID && verdict.warning !== null;
  const tone = verdict.outcome !== Outcome.VALID ? 'bad' : unconfirmed ? 'warn' : 'valid';
  const known = !['none', 'pending', 'unreachable'].includes(online);
  const disagree = known && (ONLINE_AS_OFFLINE[online] ?? online) !== verdict.outcome;
  // the online check knows of cancellations the lists do not yet carry: a refusal there colours the whole verdict
  box.dataset.tone = known && online !== Outcome.VALID ? 'bad' : tone;
  const outcome = $('outcome');
  outcome.dataset.tone = tone;
  outcome.textContent = s.outcome[unconfirmed ? 'VALID_UNCONFIRMED' : verdict.outcome];

  const warning = $('warning');
  warning.hidden = !unconfirmed;
  warning.textContent = unconfirmed ? warningText(verdict) : '';

  const claims = verdict.claims;
  $('claims').hidden = !claims;
  if (claims) {
    $('c-hn').textContent = claims.hn;
    $('c-pn').textContent = claims.pn;
    $('c-nat').textContent = claims.nat;
    $('c-cat').textContent = claims.cat;
    $('c-vu').textContent = claims.vu;
  }
  const listAge = verdict.statusList && verdict.warning === null
    ? ` ${s.listAge(formatDuration(Date.now() / 1000 - verdict.statusList.iat))}` : '';
  $('reason').textContent = `${s.explain[verdict.outcome]}${listAge}${verdict.reason ? ` (${verdict.reason})` : ''}`;

  const onlineBox = $('online-box');
  onlineBox.hidden = online === 'none' && !state.accessToken;
  const onlineOutcome = $('online-outcome');
  onlineOutcome.textContent = (s.online[online] ?? online) + (onlineReason ? ` – ${onlineReason}` : '');
  onlineOutcome.dataset.tone = !known ? 'none' : online === Outcome.VALID ? 'valid' : 'bad';
  $('disagree').hidden = !disagree;

  // the stable marker the browser tests read; data-outcome last, once the rest is in place
  box.dataset.warning = verdict.warning ?? 'none';
  box.dataset.online = online;
  box.dataset.disagree = String(disagree);
  box.dataset.outcome = verdict.outcome;
  box.hidden = false;
}

function warningText(verdict) {
  const s = t();
  if (verdict.warning === Warning.STATUS_LIST_STALE) {
    const now = Date.now() / 1000;
    return s.warning.STATUS_LIST_STALE(formatDuration(now - verdict.statusList.iat),
      formatDuration(now - verdict.statusList.exp));
  }
  return s.warning[verdict.warning];
}

// ------------------------------------------------------------------------------------------------- sign-in

async function signIn(event) {
  event.preventDefault();
  const message = $('login-message');
  message.textContent = '';
  const username = $('username').value;
  let answer;
  try {
    answer = await fetch(new URL(LOGIN_PATH, document.baseURI), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: $('password').value }),
      cache: 'no-store',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch {
    message.textContent = t().loginUnreachable;
    return;
  }
  const body = answer.ok ? await answer.json().catch(() => null) : null;
  if (typeof body?.access_token !== 'string') {
    message.textContent = answer.status >= 500 ? t().loginUnreachable : t().loginFailed;
    return;
  }
  state.accessToken = body.access_token;
  state.username = username;
  $('password').value = '';
  renderSignIn();
}

function signOut() {
  state.accessToken = null;
  state.username = null;
  renderSignIn();
}

function renderSignIn() {
  const signedIn = state.accessToken !== null;
  $('login-form').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
  $('signed-in-as').textContent = signedIn ? t().signedInAs(state.username) : '';
  document.body.dataset.signedIn = String(signedIn);
}

// ------------------------------------------------------------------------------------------------- language

function setLanguage(lang) {
  state.lang = STRINGS[lang] ? lang : 'en';
  document.documentElement.lang = state.lang;
  document.title = t().title;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t()[element.dataset.i18n];
  }
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  }
  renderSignIn();
  renderVerdict();
  renderDataStatus();
}

function formatDuration(seconds) {
  const s = Math.max(0, seconds);
  const [value, unit] = s < 3600 ? [Math.round(s / 60), 'minute'] : s < 172800 ? [Math.round(s / 3600), 'hour']
    : [Math.round(s / 86400), 'day'];
  return new Intl.NumberFormat(state.lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

function formatTime(ms) {
  return new Date(ms).toLocaleString(state.lang, { dateStyle: 'short', timeStyle: 'short' });
}

function showScanMessage(text) {
  $('scan-message').textContent = text;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
