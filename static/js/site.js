// Panels (filters, outline) are <details> so phones get them folded; wide screens open them.
// Pages work without this script: a folded panel opens with one tap.
(function () {
  if (!window.matchMedia("(min-width: 800px)").matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
    panel.open = true;
  });
})();
