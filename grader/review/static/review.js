/* Keyboard grading. Answer page: a digit sets the points and saves; n/p (or →/←) next and previous,
   r the reason, b the same-answer page, q or Escape the queue. Queue: j/k (or ↓/↑) move, Enter opens.
   No key does anything while the focus is in a text field (Escape leaves it). */
(function () {
  "use strict";
  function typing(el) { return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"); }
  function go(id) { var a = document.getElementById(id); if (a) window.location.href = a.href; }

  function answerKeys(ev) {
    var form = document.getElementById("grade"), points = document.getElementById("points");
    if (/^[0-9]$/.test(ev.key) && form && points) {
      var v = parseInt(ev.key, 10), max = parseFloat(points.dataset.max);
      if (v > max) { points.classList.add("too-many"); return; }
      points.value = String(v);
      ev.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    } else if (ev.key === "n" || ev.key === "ArrowRight") go("next");
    else if (ev.key === "p" || ev.key === "ArrowLeft") go("prev");
    else if (ev.key === "q") go("to-queue");
    else if (ev.key === "b") go("bulk");
    else if (ev.key === "r") { var r = document.getElementById("reason"); if (r) { ev.preventDefault(); r.focus(); } }
  }

  var selected = -1;
  function queueKeys(ev) {
    var rows = document.querySelectorAll("#queue tr.row");
    if (!rows.length) return;
    if (ev.key === "j" || ev.key === "ArrowDown") selected = Math.min(rows.length - 1, selected + 1);
    else if (ev.key === "k" || ev.key === "ArrowUp") selected = Math.max(0, selected - 1);
    else if ((ev.key === "Enter" || ev.key === "o") && selected >= 0) { window.location.href = rows[selected].dataset.href; return; }
    else return;
    ev.preventDefault();
    rows.forEach(function (r, i) { r.classList.toggle("selected", i === selected); });
    rows[selected].scrollIntoView({block: "nearest"});
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (typing(ev.target)) { if (ev.key === "Escape") ev.target.blur(); return; }
    if (document.body.classList.contains("page-answer")) answerKeys(ev);
    else if (document.body.classList.contains("page-queue")) {
      if (ev.key === "Escape") return;
      queueKeys(ev);
    }
    if (ev.key === "Escape" && document.body.classList.contains("page-answer")) go("to-queue");
  });
  document.addEventListener("click", function (ev) {
    var row = ev.target.closest && ev.target.closest("#queue tr.row");
    if (row && ev.target.tagName !== "A") window.location.href = row.dataset.href;
  });
})();
