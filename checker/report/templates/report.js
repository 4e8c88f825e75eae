// Sort a table (the source reliability table) by a column when its header button is clicked; without the
// script the table stays in report order (most reliable first).
(function () {
  "use strict";
  Array.prototype.slice.call(document.querySelectorAll("table.sortable")).forEach(function (table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var body = table.tBodies[0];
    table.querySelectorAll("th button[data-column]").forEach(function (button) {
      button.addEventListener("click", function () {
        var column = Number(button.getAttribute("data-column"));
        var numeric = button.getAttribute("data-type") === "number";
        var header = button.parentNode;
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute("data-value"), y = b.cells[column].getAttribute("data-value");
          var order = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
          return (ascending ? order : -order) || a.cells[0].getAttribute("data-value").localeCompare(
            b.cells[0].getAttribute("data-value"));
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (th) { if (th.hasAttribute("aria-sort")) { th.setAttribute("aria-sort", "none"); } });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  });
}());

// Filter the fact sections by status (or origin) and order them; the page works (everything shown, in
// report order) without it.
(function () {
  "use strict";
  var nav = document.getElementById("filters");
  if (!nav) { return; }  // no facts: nothing to filter
  var note = document.getElementById("filter-status");
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var orderButtons = Array.prototype.slice.call(document.querySelectorAll("[data-sort]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.fact"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".fact-group"));

  function show(status) {
    var shown = 0;
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-filter") === status));
    });
    sections.forEach(function (section) {
      var statuses = section.getAttribute("data-statuses").split(" ");
      section.hidden = !(status === "all" || statuses.indexOf(status) >= 0
                         || section.getAttribute("data-origin") === status);
      if (!section.hidden) { shown += 1; }
    });
    // A group's title goes with its facts: hidden when none of them is shown.
    groups.forEach(function (group) {
      group.hidden = group.querySelector("section.fact:not([hidden])") === null;
    });
    note.textContent = status === "all" ? "" : shown + " of " + sections.length + " facts shown";
  }

  // Orders within each group (declared facts stay before discovered ones): status is the report's own
  // order; confidence puts the surest first.
  var orders = {
    status: function (a, b) { return rank(a) - rank(b); },
    label: function (a, b) {
      var x = a.getAttribute("data-label"), y = b.getAttribute("data-label");
      return x < y ? -1 : x > y ? 1 : rank(a) - rank(b);
    },
    confidence: function (a, b) {
      return (Number(b.getAttribute("data-confidence")) - Number(a.getAttribute("data-confidence")))
        || rank(a) - rank(b);
    }
  };

  function rank(section) { return Number(section.getAttribute("data-rank")); }

  function order(name) {
    orderButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-sort") === name));
    });
    groups.forEach(function (group) {
      var members = Array.prototype.slice.call(group.querySelectorAll("section.fact"));
      members.sort(orders[name]).forEach(function (section) { group.appendChild(section); });
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () { show(button.getAttribute("data-filter")); });
  });
  orderButtons.forEach(function (button) {
    button.addEventListener("click", function () { order(button.getAttribute("data-sort")); });
  });
  // A link into a filtered-out section (from the matrix or a chart) brings everything back.
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.closest("section.fact[hidden], .fact-group[hidden]")) {
      show("all");
      target.scrollIntoView();
    }
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
  });
  nav.hidden = false;
}());
