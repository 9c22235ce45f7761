// Dealdesk's small behaviours. Loaded as a static file: the CSP forbids inline script.
(function () {
  "use strict";
  // Keyboard shortcuts registry: pages add theirs with window.dealdesk.shortcut(key, fn).
  const shortcuts = new Map();
  window.dealdesk = {
    shortcut(key, fn) { shortcuts.set(key, fn); },
  };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const fn = shortcuts.get(event.key);
    if (fn) { event.preventDefault(); fn(event); }
  });
})();
