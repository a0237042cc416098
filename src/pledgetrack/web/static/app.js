// pledgetrack: details on click in the reader, filters that submit themselves, diff filters,
// the facet toggle on phones. No libraries; the pages work without it.
(function () {
  "use strict";
  var panel = document.getElementById("panel-body");
  function show(span) {
    if (!panel) return;
    document.querySelectorAll(".st.selected").forEach(function (e) { e.classList.remove("selected"); });
    span.classList.add("selected");
    panel.textContent = "";
    (span.dataset.ids || "").split(" ").forEach(function (id) {
      var t = document.getElementById("t-" + id);
      if (t) panel.appendChild(t.content.cloneNode(true));
    });
    if (window.matchMedia("(max-width: 760px)").matches) panel.scrollIntoView({ behavior: "smooth", block: "start" });
  }
  document.querySelectorAll("#text .st").forEach(function (span) {
    span.addEventListener("click", function (ev) { ev.preventDefault(); show(span); });
    span.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(span); } });
  });
  if (location.hash && location.hash.indexOf("#p-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) { var span = target.classList.contains("st") ? target : target.closest(".st"); if (span) show(span); }
  }
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  document.querySelectorAll("[data-toggle]").forEach(function (b) {
    b.addEventListener("click", function () { document.getElementById(b.dataset.toggle).classList.toggle("open"); });
  });
  var bar = document.getElementById("diff-filters");
  if (bar) {
    var apply = function () {
      var on = {};
      bar.querySelectorAll("input[data-change]").forEach(function (i) { on[i.dataset.change] = i.checked; });
      var only = document.getElementById("only-commitments").checked;
      document.querySelectorAll("tr.change").forEach(function (r) {
        r.hidden = !(on[r.dataset.change] && (!only || r.dataset.commitment === "1"));
      });
    };
    bar.addEventListener("change", apply);
    apply();
  }
  // The review queue: j/k move between statements, x ticks one, a/r accept/reject it, c opens "Correct".
  var queue = document.querySelectorAll("#queue .queued");
  if (queue.length) {
    var at = -1;
    var focus = function (i) {
      if (i < 0 || i >= queue.length) return;
      if (at >= 0) queue[at].querySelector(".card").classList.remove("focus");
      at = i;
      var card = queue[at].querySelector(".card");
      card.classList.add("focus");
      card.scrollIntoView({ block: "nearest" });
    };
    var all = document.getElementById("select-all");
    if (all) all.addEventListener("change", function () {
      queue.forEach(function (q) { q.querySelector("input[name=ids]").checked = all.checked; });
    });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      if (ev.ctrlKey || ev.metaKey || ev.altKey || (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)))) return;
      var item = at >= 0 ? queue[at] : null;
      if (ev.key === "j") focus(at + 1);
      else if (ev.key === "k") focus(at - 1);
      else if (item && ev.key === "x") { var box = item.querySelector("input[name=ids]"); box.checked = !box.checked; }
      else if (item && (ev.key === "a" || ev.key === "r")) item.querySelector("button[value=" + (ev.key === "a" ? "accept" : "reject") + "]").click();
      else if (item && ev.key === "c") { var d = item.querySelector("details.correct"); d.open = true; d.querySelector("input[name=actors]").focus(); }
      else return;
      ev.preventDefault();
    });
  }
})();
