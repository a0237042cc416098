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
})();
