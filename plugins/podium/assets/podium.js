/* Podium: accessibility touch-ups of Material's markup. */
(function () {
  "use strict";
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name);
  else name();
})();

/* Podium: click-to-load video embeds. Nothing loads from the video host before the click. */
(function () {
  "use strict";
  function arm(box) {
    if (box.dataset.podiumArmed) return;
    box.dataset.podiumArmed = "1";
    var link = box.querySelector("a");
    var title = box.getAttribute("data-podium-title") || (link ? link.textContent : "Video");
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = box.getAttribute("data-podium-button") || "Load video: " + title;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-podium-embed") + (box.getAttribute("data-podium-embed").indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
      frame.title = title;
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      box.replaceChildren(frame);
      frame.focus();
    });
    box.insertBefore(button, box.firstChild);
  }
  function armAll() {
    document.querySelectorAll("[data-podium-embed]").forEach(arm);
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(armAll); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", armAll);
  } else {
    armAll();
  }
})();

/* Podium: the talks catalog filters. The state lives in the query string
   (?text=…&event=…&year=…&day=…&room=…&track=…&speaker=…&tag=…&has=video), so a filtered
   view is a shareable link; without JavaScript the page stays a plain complete list.
   Each row's keys are read once from its data-* attributes; a change compares strings and
   puts the matching rows back into the list (no layout is read). */
(function () {
  "use strict";
  var SELECTS = ["event", "year", "day", "room", "track", "tag"];
  // Not "q": Material opens its own search box for ?q= in the address.
  var ORDER = ["text", "event", "year", "day", "room", "track", "speaker", "tag"];
  var FIRST = 40; // rows shown in the first frame after a change: more than a screenful
  var CHUNK = 200; // rows added in each following frame
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

  // As podium/talkfilters.py folds the rows' text: NFKD, no combining marks, lower case.
  function fold(text) {
    return text.normalize("NFKD").replace(MARKS, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function words(value) {
    return value ? value.split(" ") : [];
  }

  function Catalog(form, list) {
    this.form = form;
    this.list = list;
    this.token = 0;
    this.count = form.querySelector("[data-podium-count]");
    this.empty = document.querySelector("[data-podium-empty]");
    this.rows = Array.prototype.map.call(list.querySelectorAll("li.podium-talk"), function (el) {
      var row = { el: el, text: el.getAttribute("data-text") || "" };
      SELECTS.concat(["speaker", "has"]).forEach(function (name) {
        row[name] = words(el.getAttribute("data-" + name) || "");
      });
      return row;
    });
    // The speaker box: a name from the list means that person, other text any name containing it.
    this.names = {}; // folded name -> [keys]
    this.nameOf = {}; // key -> name as shown
    var self = this;
    var datalist = document.getElementById(form.querySelector("input[name=speaker]").getAttribute("list"));
    Array.prototype.forEach.call(datalist ? datalist.options : [], function (o) {
      var key = o.getAttribute("data-key"), name = fold(o.value);
      (self.names[name] = self.names[name] || []).push(key);
      self.nameOf[key] = o.value;
    });
  }

  // Showing or hiding hundreds of rows in place costs a style pass over each of them (over a
  // second with a slow CPU). Instead the list is emptied in one call and refilled with the
  // matching rows, a screenful before the next frame, the rest a chunk per frame after it;
  // rows filtered out stay in memory, out of the document, and keep their state (stars).
  Catalog.prototype.show = function (matched, from, token) {
    if (token !== this.token) return; // a newer change took over
    if (!from && this.holds(matched)) return this.list.removeAttribute("aria-busy");
    var list = this.list, end = Math.min(matched.length, from + (from ? CHUNK : FIRST));
    var part = document.createDocumentFragment();
    for (var i = from; i < end; i++) part.appendChild(matched[i].el);
    var rows = matched.slice(from, end).map(function (row) { return row.el; });
    if (from) list.appendChild(part);
    else list.replaceChildren(part);
    document.dispatchEvent(new CustomEvent("podium:rows", { detail: { rows: rows } }));
    if (end < matched.length) {
      list.setAttribute("aria-busy", "true");
      var self = this;
      // In a later frame: the first one shows the change, the rest never delays it.
      window.requestAnimationFrame(function () {
        window.requestAnimationFrame(function () { self.show(matched, end, token); });
      });
    } else {
      list.removeAttribute("aria-busy");
    }
  };

  Catalog.prototype.holds = function (matched) {
    var children = this.list.children;
    if (children.length !== matched.length) return false;
    for (var i = 0; i < matched.length; i++) if (children[i] !== matched[i].el) return false;
    return true;
  };

  Catalog.prototype.speakers = function (value) {
    // {keys: {key: true} or null (no speaker filter), param: what the query string keeps}
    var text = fold(value);
    if (!text) return { keys: null, param: "" };
    var keys = {}, exact = this.names[text];
    if (exact) {
      exact.forEach(function (k) { keys[k] = true; });
      return { keys: keys, param: exact.length === 1 ? exact[0] : value.trim() };
    }
    for (var name in this.names) {
      if (name.indexOf(text) >= 0) this.names[name].forEach(function (k) { keys[k] = true; });
    }
    return { keys: keys, param: value.trim() };
  };

  Catalog.prototype.read = function () {
    var params = new URLSearchParams(window.location.search), form = this.form;
    SELECTS.forEach(function (name) {
      var select = form.elements.namedItem(name);
      if (!select) return;
      var value = params.get(name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
    var speaker = params.get("speaker") || "";
    form.elements.namedItem("speaker").value = this.nameOf[speaker] || speaker;
    form.elements.namedItem("text").value = params.get("text") || "";
    var has = params.getAll("has");
    form.querySelectorAll('input[name="has"]').forEach(function (box) {
      box.checked = has.indexOf(box.value) >= 0;
    });
  };

  Catalog.prototype.apply = function (push) {
    var form = this.form, params = {}, wanted = [], has = [];
    SELECTS.forEach(function (name) {
      var select = form.elements.namedItem(name);
      var value = select ? select.value : "";
      if (value) { params[name] = value; wanted.push([name, value]); }
    });
    var q = form.elements.namedItem("text").value;
    var terms = words(fold(q));
    if (terms.length) params.text = q.trim();
    var speaker = this.speakers(form.elements.namedItem("speaker").value);
    if (speaker.param) params.speaker = speaker.param;
    form.querySelectorAll('input[name="has"]:checked').forEach(function (box) { has.push(box.value); });
    var shown = 0, rows = this.rows, matched = [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], ok = true, j;
      for (j = 0; ok && j < wanted.length; j++) ok = row[wanted[j][0]].indexOf(wanted[j][1]) >= 0;
      for (j = 0; ok && j < has.length; j++) ok = row.has.indexOf(has[j]) >= 0;
      for (j = 0; ok && j < terms.length; j++) ok = row.text.indexOf(terms[j]) >= 0;
      if (ok && speaker.keys) {
        ok = false;
        for (j = 0; !ok && j < row.speaker.length; j++) ok = speaker.keys[row.speaker[j]] === true;
      }
      if (ok) matched.push(row);
    }
    shown = matched.length;
    this.show(matched, 0, ++this.token);
    var total = rows.length;
    if (this.count) {
      // The texts come translated from the page (data-all, data-some); numbers as the page's language writes them.
      var lang = document.documentElement.lang || undefined;
      var template = (shown === total ? this.count.dataset.all : this.count.dataset.some) || "%(shown)s / %(total)s";
      this.count.textContent = template.replace("%(shown)s", shown.toLocaleString(lang)).replace("%(total)s", total.toLocaleString(lang));
    }
    if (this.empty) this.empty.hidden = shown !== 0;
    if (push) {
      var query = new URLSearchParams();
      ORDER.forEach(function (name) { if (params[name]) query.set(name, params[name]); });
      has.forEach(function (value) { query.append("has", value); });
      var text = query.toString();
      var url = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, "", url);
      }
    }
  };

  function setup() {
    var form = document.querySelector("[data-podium-filters]");
    var list = document.querySelector("[data-podium-talks]");
    if (!form || !list || form.dataset.podiumReady) return;
    form.dataset.podiumReady = "1";
    var catalog = new Catalog(form, list);
    form.podiumCatalog = catalog; // for tests and for other scripts of the page
    form.hidden = false;
    catalog.read();
    catalog.apply(false);
    // "input" fires for typing, a choice in a list and a ticked box alike.
    form.addEventListener("input", function () { catalog.apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { catalog.apply(true); }, 0);
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
