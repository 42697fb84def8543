// The person's own day while the server does not know their zone yet
// (kneewise/web/person_day.py): the browser knows it. Its zone goes with the
// form (the hidden field browser_zone, then kept in the profile), and a date
// field marked data-browser-today gets the browser's date as its limit (and as
// its value when nothing was typed), so no one logs tomorrow nor is refused today.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  const now = new Date();
  const two = (n) => String(n).padStart(2, "0");
  const today = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  for (const field of document.querySelectorAll("input[data-browser-zone]")) field.value = zone;
  for (const field of document.querySelectorAll("input[data-zone-suggest]")) {
    if (!field.value) field.value = zone; // the profile's zone field, empty: a suggestion to save
  }
  for (const field of document.querySelectorAll("input[type=date][data-browser-today]")) {
    if (field.max && today > field.max) continue; // the server's limit is the latest on Earth
    if (field.hasAttribute("data-browser-value")) field.value = today;
    field.max = today;
  }
})();
