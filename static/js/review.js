// The review queue's keyboard: j/k move between flags, a accept, r reject, e edit, x tick, ? help.
(function () {
  "use strict";
  let index = -1;

  function items() { return Array.from(document.querySelectorAll("#review-queue [data-flag]")); }

  function select(i) {
    const list = items();
    if (!list.length) { index = -1; return; }
    index = Math.max(0, Math.min(i, list.length - 1));
    list.forEach(function (el, n) { el.classList.toggle("current", n === index); });
    const el = list[index];
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  }

  function current() {
    const list = items();
    if (index < 0 && list.length) select(0);
    return items()[index] || null;
  }

  function press(selector) {
    const el = current();
    const button = el && el.querySelector(selector);
    if (button) button.click();
  }

  // After a decision, the decided row replaces the flag: keep the cursor on the next one.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.matches && event.detail.target.matches("[data-decided], [data-flag]")) {
      const list = items();
      if (list.length) select(Math.min(index, list.length - 1));
      const autofocus = document.querySelector("#review-queue [data-autofocus], .review-item.editing [data-autofocus]");
      if (autofocus) autofocus.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-help]")) {
      const help = document.getElementById("review-help");
      if (help) help.showModal();
    }
    const item = event.target.closest("#review-queue [data-flag]");
    if (item) {
      const i = items().indexOf(item);
      if (i >= 0 && i !== index) select(i);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.getElementById("review-queue") || !window.dealdesk) return;
    const key = window.dealdesk.shortcut;
    key("j", function () { select(index + 1); });
    key("k", function () { select(index - 1); });
    key("a", function () { press("[data-accept]"); });
    key("r", function () { press("[data-reject]"); });
    key("e", function () { press("[data-edit]"); });
    key("x", function () {
      const el = current();
      const tick = el && el.querySelector("[data-tick]");
      if (tick) tick.checked = !tick.checked;
    });
    key("?", function () {
      const help = document.getElementById("review-help");
      if (help) help.showModal();
    });
    if (items().length) select(0);
  });
})();
