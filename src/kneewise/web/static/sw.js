// kneewise's service worker (scope "/"): the app shell for when the phone is offline.
//
// What it keeps (Cache Storage, this browser only): the offline page, the stylesheet, the
// scripts, the manifest and the icons. Nothing else: the diary, dashboard, report, check and
// API answers hold personal data (they are sent with Cache-Control: no-store) and are never
// put in the cache. A page that cannot be fetched because the network is down is answered
// with the offline page; an answer the server did give (even an error) is shown as it is.
//
// Shell files are fetched network first, so a newer stylesheet or script is used as soon as
// the server is reachable, and the cached copy only when it is not.
const CACHE = "kneewise-shell-v1";
const OFFLINE_PAGE = "/offline";
const SHELL = [
  OFFLINE_PAGE,
  "/manifest.webmanifest",
  "/static/kneewise.css",
  "/static/kneewise.js",
  "/static/offline-queue.js",
  "/static/icons/icon-192.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function isShell(url) {
  return (
    url.origin === self.location.origin &&
    (url.pathname.startsWith("/static/") || SHELL.includes(url.pathname))
  );
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const answer = await fetch(request);
    if (answer.ok) await cache.put(request, answer.clone());
    return answer;
  } catch (offline) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw offline;
  }
}

async function pageOrOffline(request) {
  try {
    return await fetch(request);
  } catch {
    const cache = await caches.open(CACHE);
    const page = await cache.match(OFFLINE_PAGE);
    return page || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // forms and the API go straight to the server
  if (request.mode === "navigate") {
    event.respondWith(pageOrOffline(request));
    return;
  }
  if (isShell(new URL(request.url))) event.respondWith(networkFirst(request));
  // Everything else (the API, charts, downloads) is not touched and never cached.
});
