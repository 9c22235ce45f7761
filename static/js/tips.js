// Tips: the `t` shortcut opens "Log a tip" — for the company or deal on screen when the page
// offers a contextual link, else the global form. Loaded as a static file (the CSP forbids inline).
(function () {
  "use strict";
  function register() {
    if (!window.dealdesk || !window.dealdesk.shortcut) return;
    window.dealdesk.shortcut("t", function () {
      const links = document.querySelectorAll("a[data-tip-new]");
      if (!links.length) return;
      // The first link inside <main> carries the page's company or deal; the nav's is global.
      const inMain = document.querySelector("main a[data-tip-new]");
      window.location.assign((inMain || links[0]).href);
    });
    // Without JS a status change needs its button; with htmx the select submits on change.
    document.documentElement.classList.add("js");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", register);
  } else {
    register();
  }
})();
