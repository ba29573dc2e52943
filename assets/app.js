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
  // Ticking releases in the index table to compare them.
  var picked = document.getElementById("compare-picked");
  if (picked) {
    var boxes = document.querySelectorAll("#index-table input.pick");
    var link = document.getElementById("compare-link");
    var base = link.getAttribute("href");
    var chosen = [];
    var update = function () {
      link.setAttribute("href", chosen.length ? base + "?r=" + chosen.join(",") : base);
      document.getElementById("compare-count").textContent = chosen.length + " of at most 4 ticked";
      boxes.forEach(function (b) { b.disabled = !b.checked && chosen.length >= 4; });
    };
    boxes.forEach(function (b) {
      b.hidden = false;
      b.addEventListener("change", function () {
        chosen = chosen.filter(function (s) { return s !== b.value; });
        if (b.checked) chosen.push(b.value);
        update();
      });
    });
    picked.hidden = false;
    update();
  }

  // The comparison page: two to four releases from their data files, side by side.
  var out = document.getElementById("compare-out");
  if (out && window.fetch && window.URLSearchParams) {
    var siteBase = out.getAttribute("data-base");
    var components = JSON.parse(out.getAttribute("data-components"));
    var points = JSON.parse(out.getAttribute("data-points"));
    var modes = JSON.parse(out.getAttribute("data-modes"));
    var message = document.getElementById("compare-message");
    var addForm = document.getElementById("compare-form");
    var addInput = document.getElementById("compare-add");
    document.getElementById("compare-nojs").hidden = true;
    addForm.hidden = false;
    var wanted = (new URLSearchParams(location.search).get("r") || "").split(",")
      .map(function (s) { return s.trim(); })
      .filter(function (s, i, all) { return s && all.indexOf(s) === i; });
    var notes = [];
    if (wanted.length > 4) { notes.push("At most four releases can be compared; showing the first four."); wanted = wanted.slice(0, 4); }
    var go = function (slugs) { location.search = slugs.length ? "?r=" + slugs.map(encodeURIComponent).join(",") : ""; };
    var names = {};
    document.querySelectorAll("#compare-releases option").forEach(function (o) { names[o.textContent.toLowerCase()] = o.value; names[o.value] = o.value; });
    addForm.addEventListener("submit", function (e) {
      e.preventDefault();
      var v = addInput.value.trim();
      var slug = names[v] || names[v.toLowerCase()];
      if (!slug) { message.textContent = "No release is called “" + v + "”: pick one from the list."; return; }
      if (wanted.indexOf(slug) < 0) wanted.push(slug);
      go(wanted.slice(0, 4));
    });
    var status = function (s) { return s === "unknown" ? "undisclosed" : s; };
    var rows = [
      ["The four answers", "Availability", function (r) { return r.availability; }],
      ["The four answers", "OSAID 1.0 verdict", function (r) { return r.osaid.verdict; }],
      ["The four answers", "License class (weights)", function (r) { return r.license.class + (r.license.weights ? " (" + r.license.weights + ")" : ""); }],
      ["The four answers", "Governance score", function (r) { return r.governance.score + "/" + r.governance.max; }],
      ["The four answers", "Failure modes", function (r) { return r.failure_modes.length ? r.failure_modes.map(function (f) { return f.slug; }).join(", ") : "none"; }],
      ["The artifact", "Organization", function (r) { return r.organization; }],
      ["The artifact", "Kind", function (r) { return r.kind; }],
      ["The artifact", "Released", function (r) { return r.release_date; }],
      ["The artifact", "Version", function (r) { return r.version || "—"; }],
      ["The artifact", "Revision", function (r) { return r.revision || "not pinned"; }],
      ["The artifact", "Base models", function (r) { return r.base_models.length ? r.base_models.join(", ") : "none"; }]
    ];
    components.forEach(function (c) {
      rows.push(["OSAID 1.0 components", c[1], function (r) {
        var lic = r.osaid.component_licenses[c[0]] || (c[0] === "parameters" ? r.license.weights : null);
        return status(r.osaid.components[c[0]]) + (lic ? " (" + lic + ")" : "");
      }]);
    });
    points.forEach(function (p) {
      rows.push(["Release governance", p[1], function (r) { return status(r.governance.points[p[0]]); }]);
    });
    rows.push(["The license", "Standard or custom?", function (r) { return r.license.terms ? r.license.terms.standard : "no license to the weights"; }]);
    rows.push(["The license", "Does it restrict you?", function (r) { return r.license.terms ? (r.license.terms.restrictions.join("; ") || "no") : "—"; }]);
    rows.push(["The license", "Branding or attribution?", function (r) {
      var t = r.license.terms;
      if (!t) return "—";
      return t.branding ? "branding: " + t.branding : (t.attribution ? "attribution: " + t.attribution : "no");
    }]);
    modes.forEach(function (m) {
      rows.push(["Failure modes", m[1], function (r) {
        var f = r.failure_modes.filter(function (x) { return x.slug === m[0]; })[0];
        return f ? f.reason : "not shown";
      }]);
    });
    rows.push(["Sources", "Sources cited", function (r) {
      var primary = r.sources.filter(function (s) { return s.primary; }).length;
      return r.sources.length + " (" + primary + " primary)";
    }]);
    var render = function (records) {
      var table = document.createElement("table");
      table.className = "compare";
      table.id = "compare-table";
      var caption = document.createElement("caption");
      caption.textContent = "Comparison of " + records.map(function (r) { return r.name; }).join(", ");
      table.appendChild(caption);
      var head = table.createTHead().insertRow();
      var corner = document.createElement("th");
      corner.scope = "col";
      corner.textContent = "Question";
      head.appendChild(corner);
      records.forEach(function (r) {
        var th = document.createElement("th");
        th.scope = "col";
        th.setAttribute("data-slug", r.slug);
        var a = document.createElement("a");
        a.href = r.url;
        a.textContent = r.name;
        th.appendChild(a);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "remove";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", "Remove " + r.name + " from the comparison");
        remove.addEventListener("click", function () { go(wanted.filter(function (s) { return s !== r.slug; })); });
        th.appendChild(document.createTextNode(" "));
        th.appendChild(remove);
        head.appendChild(th);
      });
      var body = table.createTBody();
      var group = null;
      rows.forEach(function (def) {
        if (def[0] !== group) {
          group = def[0];
          var gr = body.insertRow();
          gr.className = "group";
          var gh = document.createElement("th");
          gh.scope = "colgroup";
          gh.colSpan = records.length + 1;
          gh.textContent = group;
          gr.appendChild(gh);
        }
        var values = records.map(def[2]);
        var differs = records.length > 1 && values.some(function (v) { return v !== values[0]; });
        var tr = body.insertRow();
        if (differs) tr.className = "differs";
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = def[1];
        if (differs) {
          var mark = document.createElement("span");
          mark.className = "differs-mark";
          mark.textContent = " differs";
          th.appendChild(mark);
        }
        tr.appendChild(th);
        values.forEach(function (v) { tr.insertCell().textContent = v; });
      });
      out.textContent = "";
      out.appendChild(table);
    };
    if (!wanted.length) {
      message.textContent = "Choose two to four releases: add them below, or tick them in the index table.";
    } else {
      // Slugs the site does not have are reported without asking the server for them.
      var unknown = wanted.filter(function (s) { return names[s] !== s; });
      unknown.forEach(function (s) { notes.push("No release has the slug “" + s + "”; check the address, or add one from the list."); });
      wanted = wanted.filter(function (s) { return names[s] === s; });
      Promise.all(wanted.map(function (slug) {
        return fetch(siteBase + "models/" + encodeURIComponent(slug) + ".json")
          .then(function (r) { return r.ok ? r.json() : null; })
          .catch(function () { return null; });
      })).then(function (records) {
        var missing = wanted.filter(function (s, i) { return !records[i]; });
        var found = records.filter(Boolean);
        wanted = wanted.filter(function (s, i) { return records[i]; });
        missing.forEach(function (s) { notes.push("The data of “" + s + "” could not be loaded."); });
        if (found.length === 1) notes.push("Add at least one more release to compare.");
        message.textContent = notes.join(" ");
        if (found.length) render(found);
      });
    }
  }
})();
