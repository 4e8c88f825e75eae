// Status filter for fact sections; the page works (everything shown) without it.
(function () {
  "use strict";
  var nav = document.getElementById("filters");
  var note = document.getElementById("filter-status");
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.fact"));

  function show(status) {
    var shown = 0;
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-filter") === status));
    });
    sections.forEach(function (section) {
      var statuses = section.getAttribute("data-statuses").split(" ");
      section.hidden = !(status === "all" || statuses.indexOf(status) >= 0);
      if (!section.hidden) { shown += 1; }
    });
    note.textContent = status === "all" ? "" : shown + " of " + sections.length + " facts shown";
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () { show(button.getAttribute("data-filter")); });
  });
  // A link into a filtered-out section (from the matrix or a chart) brings everything back.
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.closest("section.fact[hidden]")) {
      show("all");
      target.scrollIntoView();
    }
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
  });
  nav.hidden = false;
}());
