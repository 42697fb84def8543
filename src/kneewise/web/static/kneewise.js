// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
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
