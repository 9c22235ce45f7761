// The deal board: drag a card to another column, or press [ / ] on a focused card, or use its
// "Move…" link; every route asks for a reason in one dialog and posts to the same stage view.
(function () {
  "use strict";
  const STAGES = ["rumoured", "in_talks", "agreed", "completed", "called_off"];
  let pending = null; // {card, revert}

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (e) { return ""; }
  }

  function dialog() { return document.getElementById("move-dialog"); }

  function openMove(card, toStage, revert) {
    const dlg = dialog();
    if (!dlg || !card) return;
    const form = dlg.querySelector("form");
    pending = { card: card, revert: revert || null };
    form.action = card.dataset.moveUrl;
    dlg.querySelector("[data-slot=title]").textContent = "“" + card.dataset.title + "”";
    dlg.querySelector("[data-slot=error]").textContent = "";
    const select = form.querySelector("select[name=to_stage]");
    Array.from(select.options).forEach(function (o) { o.disabled = o.value === card.dataset.stage; });
    select.value = toStage || "";
    form.querySelector("input[name=reason]").value = "";
    const revival = form.querySelector("input[name=revival]");
    revival.checked = false;
    dlg.showModal();
    form.querySelector(toStage ? "input[name=reason]" : "select[name=to_stage]").focus();
  }

  function closeMove(moved) {
    const dlg = dialog();
    if (pending && !moved && pending.revert) pending.revert();
    const card = pending && pending.card;
    pending = null;
    if (dlg && dlg.open) dlg.close();
    if (card && !moved && document.body.contains(card)) {
      const link = card.querySelector(".card-title a");
      if (link) link.focus();
    }
  }

  function submitMove(event) {
    event.preventDefault();
    const form = event.target;
    const errorSlot = form.querySelector("[data-slot=error]");
    errorSlot.textContent = "";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
      credentials: "same-origin",
    }).then(function (response) {
      if (response.ok) {
        closeMove(true);
        htmx.trigger(document.body, "board-changed");
        return;
      }
      return response.text().then(function (text) {
        errorSlot.textContent = text || "The move failed.";
      });
    }).catch(function () { errorSlot.textContent = "Network error: the move was not saved."; });
  }

  function initSortable(root) {
    if (typeof Sortable === "undefined") return;
    root.querySelectorAll(".cards[data-drop]").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      Sortable.create(list, {
        group: "board",
        sort: false,
        draggable: ".card",
        filter: ".card-move",
        preventOnFilter: false,
        forceFallback: true,
        fallbackOnBody: true,
        fallbackTolerance: 4,
        onEnd: function (evt) {
          if (evt.from === evt.to) return;
          const from = evt.from, item = evt.item, index = evt.oldIndex;
          openMove(item, evt.to.dataset.stage, function () {
            from.insertBefore(item, from.children[index] || null);
          });
        },
      });
    });
  }

  function neighbourStage(card, step) {
    const i = STAGES.indexOf(card.dataset.stage);
    const j = i + step;
    return j >= 0 && j < STAGES.length ? STAGES[j] : "";
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("[data-move]");
    if (link && dialog()) {
      event.preventDefault();
      const card = link.closest(".card");
      openMove(card, neighbourStage(card, 1));
    }
    if (event.target.closest("#move-dialog [data-close]")) closeMove(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "[" && event.key !== "]") return;
    const card = document.activeElement && document.activeElement.closest && document.activeElement.closest(".cards[data-drop] .card");
    if (!card || !dialog()) return;
    event.preventDefault();
    openMove(card, neighbourStage(card, event.key === "]" ? 1 : -1));
  });

  document.addEventListener("DOMContentLoaded", function () {
    const dlg = dialog();
    if (dlg) {
      dlg.querySelector("form").addEventListener("submit", submitMove);
      dlg.addEventListener("cancel", function (event) { event.preventDefault(); closeMove(false); });
    }
    if (window.dealdesk) {
      window.dealdesk.shortcut("/", function () {
        const q = document.getElementById("id_q");
        if (q) { q.focus(); q.select(); }
      });
    }
  });

  if (window.htmx) htmx.onLoad(initSortable);
})();
