// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  keepCheckState();
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // "None of these" and the boxes beside it exclude each other (the server refuses both anyway).
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox" || !box.checked) return;
    const list = box.closest(".choices");
    const none = list && list.querySelector("input[name=none]");
    if (!none) return;
    for (const other of list.querySelectorAll("input[type=checkbox]")) {
      if (box === none ? other !== none : other === none) other.checked = false;
    }
  });
});
if (window.htmx) {
  // Swap form pages that come back with 422 (what to fix), not only 2xx.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "422", swap: true },
    { code: "[45]..", swap: false, error: true },
  ];
}

// The check carries its answers in the page's form. The tab keeps the latest state
// (sessionStorage: this tab, this device) so a step's address opened without its form
// (a reload, a restored tab) can go back to the same screen instead of a dead end.
function keepCheckState() {
  const KEY = "kneewise-check";
  let store;
  try {
    store = window.sessionStorage;
  } catch {
    return; // storage switched off: the page offers to start again
  }
  const resume = document.querySelector("form[data-resume]");
  if (resume) {
    const kept = store.getItem(KEY);
    if (!kept) return;
    resume.querySelector("input[name=state]").value = kept;
    resume.hidden = false;
    for (const none of document.querySelectorAll("[data-resume-none]")) none.hidden = true;
    resume.querySelector("button").focus();
    return;
  }
  const state = document.querySelector("form input[name=state]");
  if (state && state.value) store.setItem(KEY, state.value);
}
