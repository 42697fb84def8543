// A diary entry made while the phone is offline is kept here and sent when it is back online.
//
// Progressive enhancement: the diary forms work without this file (they post to the server).
// With it, and only when the browser is offline (or the form could not reach the server), a
// form marked data-offline-queue="pain|session" is not lost: its entry is put in IndexedDB
// (this browser, this phone) and sent to the JSON API (/api/v1/pain, /api/v1/sessions) when
// the connection is back. The API takes JSON from this site without a form token; the Origin
// check still applies (web/security.py). An entry leaves the queue only when the server has
// answered that it saved it (200/201). An entry the server refuses (422) stays, with the
// reason shown and a button to remove it; nothing is dropped silently.
//
// With accounts on, each entry keeps who made it (the page's <body data-person>, the account's
// number) and is shown and sent only on a page of that same person: on a shared phone another
// person who signs in never sees it, nor is it saved in their diary. A page with no one signed
// in (the sign-in page) shows and sends nothing. An answer "not signed in" (401) keeps the
// entry waiting, with a note to sign in; it is sent once that person has signed in again.
const DB_NAME = "kneewise-offline";
const STORE = "entries";
const API = { pain: "/api/v1/pain", session: "/api/v1/sessions" };
// The international mile, exactly 1.609344 km (1959 international yard and pound agreement),
// as in kneewise/diary/units.py: the form takes distance in the profile's unit.
const KM_PER_MILE = 1.609344;
const WORDS = {
  date: "Date", activity: "Activity", duration_min: "Minutes", rpe: "Effort",
  distance_km: "Distance", notes: "Notes", knee: "Knee", during: "Pain during activity",
  after: "Pain after activity", next_morning: "Pain next morning", swelling: "Swelling",
  night_pain: "Night pain",
};

function openQueue() {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DB_NAME, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

async function inQueue(mode, work) {
  const db = await openQueue();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

// Entries kept before accounts existed were the personal diary's, which is account 1's.
const PERSONAL = "1";
function signedIn() {
  return document.body ? document.body.dataset.person || null : null;
}
const everyEntry = () => inQueue("readonly", (store) => store.getAll());
async function allEntries() {
  const person = signedIn();
  if (!person) return [];
  return (await everyEntry()).filter((e) => (e.person || PERSONAL) === person);
}
const putEntry = (entry) => inQueue("readwrite", (store) => store.put(entry));
const removeEntry = (id) => inQueue("readwrite", (store) => store.delete(id));

// The JSON body the API takes, from the diary page's form (same rules as pages_diary.py).
function bodyOf(kind, form) {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) ?? "").trim();
  const number = (name) => (text(name) === "" ? undefined : Number(text(name)));
  const body = { date: text("date") };
  if (kind === "pain") {
    body.knee = text("knee");
    for (const name of ["during", "after", "next_morning"]) body[name] = number(name);
    // Yes, no, or "not noted" (left out: never a "no"), as the page's form does.
    for (const name of ["swelling", "night_pain"]) {
      if (text(name) === "yes" || text(name) === "no") body[name] = text(name) === "yes";
    }
  } else {
    body.activity = text("activity");
    body.duration_min = number("duration_min");
    body.rpe = number("rpe");
    const distance = number("distance");
    if (distance !== undefined) {
      const km = form.dataset.distanceUnit === "mi" ? distance * KM_PER_MILE : distance;
      body.distance_km = Math.round(km * 1000) / 1000;
    }
    if (text("notes")) body.notes = text("notes");
  }
  return JSON.parse(JSON.stringify(body)); // drops the fields left empty
}

function describe(entry) {
  const b = entry.body;
  if (entry.kind === "pain") return `Pain, ${b.knee || "knee not given"}, ${b.date}`;
  return `Session: ${b.activity}, ${b.duration_min} minutes, ${b.date}`;
}

function region() {
  return document.getElementById("offline-queue");
}

function say(list, text, className) {
  const item = document.createElement("li");
  item.textContent = text;
  if (className) item.className = className;
  list.append(item);
  return item;
}

let sentNow = [];
let unsent = 0; // this person's entries not yet in their diary, as last shown
let retrying = null;
const RETRY_MS = 30_000;

async function show() {
  const box = region();
  if (!box) return;
  const entries = await allEntries();
  unsent = entries.filter((e) => e.state !== "refused").length;
  box.replaceChildren();
  box.hidden = entries.length === 0 && sentNow.length === 0;
  const list = document.createElement("ul");
  for (const text of sentNow) say(list, `Sent to your diary: ${text}.`, "sent");
  for (const entry of entries) {
    if (entry.state === "refused") {
      const item = say(list, `Not saved, the diary refused it: ${describe(entry)}. `, "refused");
      item.append(entry.reasons.join(" "), " ");
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Remove it from this phone";
      remove.addEventListener("click", async () => {
        await removeEntry(entry.id);
        await show();
      });
      item.append(remove);
    } else {
      const when = entry.state === "signed-out" ? "will be sent when you sign in again" : "will be sent when you are back online";
      say(list, `Saved on this phone, ${when}: ${describe(entry)}.`, "waiting");
    }
  }
  box.append(list);
  // Online by the browser's word but the last try failed: try again a little later too.
  if (entries.some((e) => e.state === "waiting") && navigator.onLine && !retrying) {
    retrying = setTimeout(() => {
      retrying = null;
      sendWaiting();
    }, RETRY_MS);
  }
}

function reasonsOf(problem) {
  const errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
  if (errors.length === 0) return [problem && problem.detail ? problem.detail : "The entry was not accepted."];
  return errors.map((e) => {
    const field = String(e.field || "").split(".").pop();
    return `${WORDS[field] || "This entry"}: ${e.message}${e.allowed ? ` (allowed: ${e.allowed})` : ""}.`;
  });
}

// Send what waits, oldest first; stop at the first entry the network or server could not take.
async function sendOne(entry) {
  let answer;
  try {
    answer = await fetch(API[entry.kind], {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(entry.body),
      credentials: "same-origin",
    });
  } catch {
    return false; // still offline: keep it
  }
  if (answer.ok) {
    await removeEntry(entry.id); // acknowledged by the server: only now it leaves the queue
    sentNow.push(describe(entry));
    return true;
  }
  if (answer.status >= 500 || answer.status === 408 || answer.status === 429) return false;
  if (answer.status === 401) {
    // The session ended: the entry stays, for this same person to send after signing in.
    await putEntry({ ...entry, state: "signed-out" });
    return false;
  }
  const problem = await answer.json().catch(() => null);
  await putEntry({ ...entry, state: "refused", reasons: reasonsOf(problem) });
  return true;
}

async function sendWaiting() {
  if (!navigator.onLine) return;
  const run = async () => {
    for (const entry of await allEntries()) {
      if (entry.state === "refused") continue;
      if (!(await sendOne(entry))) break;
    }
  };
  // One tab at a time sends, so an entry is not sent twice by two open tabs.
  if (navigator.locks) await navigator.locks.request("kneewise-offline-queue", run);
  else await run();
  await show();
}

async function keep(form) {
  const kind = form.dataset.offlineQueue;
  const person = signedIn(); // queueable(form) made sure there is one
  await putEntry({ kind, body: bodyOf(kind, form), made: new Date().toISOString(), state: "waiting", person });
  form.reset();
  await show();
  region()?.scrollIntoView({ block: "nearest" });
}

function queueable(form) {
  // Kept only for someone: on a page without a person the form goes to the server as it is.
  return form instanceof HTMLFormElement && form.dataset.offlineQueue in API && signedIn() !== null;
}

if ("indexedDB" in window) {
  // Capture phase: decided before htmx's boosted submit sees the event.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!queueable(form) || navigator.onLine || !form.reportValidity()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    keep(form);
  }, true);
  // Online by the browser's word, but the form never reached the server: keep it too.
  document.addEventListener("htmx:sendError", (event) => {
    const form = event.detail && event.detail.elt;
    if (queueable(form)) keep(form);
  });
  // Signing out with entries not yet sent: they stay on this phone, for this person only.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || new URL(form.action).pathname !== "/logout") return;
    if (unsent === 0) return;
    const entries = unsent === 1 ? "1 diary entry" : `${unsent} diary entries`;
    const ok = window.confirm(
      `${entries} made on this phone ${unsent === 1 ? "has" : "have"} not reached your diary yet. ` +
        "They stay on this phone, hidden from anyone else, and are sent when you sign in here again. Sign out now?",
    );
    if (!ok) event.preventDefault();
  });
  window.addEventListener("online", sendWaiting);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") sendWaiting(); // the app opened again
  });
  document.addEventListener("DOMContentLoaded", () => show().then(sendWaiting));
  document.addEventListener("htmx:afterSettle", () => show()); // a boosted page drew a new region
}

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {}); // no worker: the app works online
}
