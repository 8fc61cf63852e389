/* Render the math of a page with KaTeX: `.tex` elements hold one formula (the text read from a
   hand-in), `.prose` elements hold text with $...$, $$...$$, \(...\) and \[...\] in it.
   trust is off (no \href, \url, \htmlClass links or attributes), sizes and macro expansion are
   capped, and a formula KaTeX cannot read is shown as its source, never run. */
(function () {
  "use strict";
  var OPTS = {throwOnError: false, trust: false, strict: "ignore", maxSize: 6, maxExpand: 1000};
  var DELIMS = [
    {left: "$$", right: "$$", display: true}, {left: "\\[", right: "\\]", display: true},
    {left: "$", right: "$", display: false}, {left: "\\(", right: "\\)", display: false}
  ];
  function opts(extra) { var o = {}, k; for (k in OPTS) o[k] = OPTS[k]; for (k in extra) o[k] = extra[k]; return o; }
  function render() {
    if (typeof katex === "undefined") return;
    document.querySelectorAll(".tex").forEach(function (el) {
      try { katex.render(el.textContent, el, opts({displayMode: true})); } catch (e) { el.classList.add("tex-error"); }
    });
    if (typeof renderMathInElement === "undefined") return;
    document.querySelectorAll(".prose").forEach(function (el) {
      try { renderMathInElement(el, opts({delimiters: DELIMS})); } catch (e) { el.classList.add("tex-error"); }
    });
    document.documentElement.setAttribute("data-math", "rendered");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render); else render();
})();
