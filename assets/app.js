// The Openness Index: progressive enhancement only. Every page is complete without this
// script; with it, the index table sorts and filters and the header search works offline.
(function () {
  "use strict";

  function text(el) { return (el.getAttribute("data-value") || el.textContent || "").trim(); }

  // Sortable tables: turn each header into a button; aria-sort tells assistive tech.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, col) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = text(a.cells[col]), y = text(b.cells[col]);
          var r = kind === "number" ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return asc ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  // Filters for the index table.
  var form = document.getElementById("filters");
  var table = document.getElementById("index-table");
  if (form && table) {
    form.hidden = false;
    var count = document.getElementById("filter-count");
    var apply = function () {
      var q = document.getElementById("f-text").value.toLowerCase();
      var selects = form.querySelectorAll("select");
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = !q || row.cells[0].textContent.toLowerCase().indexOf(q) >= 0 || row.cells[1].textContent.toLowerCase().indexOf(q) >= 0;
        selects.forEach(function (s) {
          if (!ok || !s.value) return;
          var have = (row.getAttribute("data-" + s.getAttribute("data-attr")) || "").split(" ");
          ok = have.indexOf(s.value) >= 0;
        });
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown + " of " + table.tBodies[0].rows.length + " releases shown";
    };
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // Offline search over names, organizations and licenses.
  var box = document.getElementById("search");
  if (box && window.fetch) {
    box.hidden = false;
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var entries = null;
    var load = function () {
      if (entries) return Promise.resolve(entries);
      return fetch(box.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (e) { entries = e; return e; });
    };
    var show = function () {
      var q = input.value.trim().toLowerCase();
      list.textContent = "";
      if (q.length < 2) return;
      load().then(function (all) {
        list.textContent = "";
        var words = q.split(/\s+/);
        var hits = all.filter(function (e) {
          var hay = (e.n + " " + e.o + " " + e.l).toLowerCase();
          return words.every(function (w) { return hay.indexOf(w) >= 0; });
        }).slice(0, 12);
        hits.forEach(function (e) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = e.u;
          a.textContent = e.n + " ";
          var t = document.createElement("span");
          t.className = "t";
          t.textContent = e.t + (e.o ? " · " + e.o : "") + (e.v ? " · " + e.v : "");
          a.appendChild(t);
          li.appendChild(a);
          list.appendChild(li);
        });
        if (!hits.length) {
          var li = document.createElement("li");
          li.textContent = "No match";
          list.appendChild(li);
        }
      }).catch(function () { list.textContent = ""; });
    };
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") { input.value = ""; list.textContent = ""; } });
  }
})();
