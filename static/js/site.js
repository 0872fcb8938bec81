// Panels (filters, outline) are <details> so phones get them folded; wide screens open them.
// Pages work without this script: a folded panel opens with one tap.
(function () {
  if (!window.matchMedia("(min-width: 800px)").matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
    panel.open = true;
  });
})();

// A report opened from a search: "previous/next match" walk the numbered <mark>s. Without
// this script the links still jump to the first and the last match.
(function () {
  var nav = document.querySelector(".hit-nav[data-hits]");
  if (!nav) return;
  var total = parseInt(nav.getAttribute("data-hits"), 10);
  var position = nav.querySelector(".hit-pos");
  var current = 0;
  function go(step) {
    if (!total) return;
    var old = document.querySelectorAll('mark.current');
    old.forEach(function (m) { m.classList.remove("current"); });
    current = ((current - 1 + step + total) % total) + 1;
    var marks = document.querySelectorAll('mark[data-hit="' + current + '"]');
    marks.forEach(function (m) { m.classList.add("current"); });
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
    if (position) position.textContent = "第 " + current + " / " + total + " 处";
  }
  nav.querySelectorAll("a[data-step]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      go(parseInt(link.getAttribute("data-step"), 10));
    });
  });
})();
