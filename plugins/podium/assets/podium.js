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
   puts the first matching rows into the list, and more as the reader scrolls (no layout is
   read on a change). */
(function () {
  "use strict";
  var SELECTS = ["event", "year", "day", "room", "track", "tag"];
  // Not "q": Material opens its own search box for ?q= in the address.
  var ORDER = ["text", "event", "year", "day", "room", "track", "speaker", "tag"];
  var FIRST = 40; // rows in the document after a change: more than a screenful
  var CHUNK = 100; // rows added each time the reader scrolls near the end of the list
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var current = null; // the catalog of the page shown (Material's instant navigation swaps pages)

  // Work that can wait until the browser has nothing else to do (soon: at most 300 ms).
  function idle(run) {
    if (window.requestIdleCallback) window.requestIdleCallback(run, { timeout: 300 });
    else window.setTimeout(run, 50);
  }

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
    this.count = form.querySelector("[data-podium-count]");
    this.empty = document.querySelector("[data-podium-empty]");
    this.rows = Array.prototype.map.call(list.querySelectorAll("li.podium-talk"), function (el) {
      var row = { el: el, text: el.getAttribute("data-text") || "" };
      SELECTS.concat(["speaker", "has"]).forEach(function (name) {
        row[name] = words(el.getAttribute("data-" + name) || "");
      });
      return row;
    });
    // The list holds matched[0..put): every row as the page comes, until trim() or a change.
    this.matched = this.rows;
    this.put = this.rows.length;
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
    // A line after the list: when it comes within a screen of the viewport, the next rows go in.
    this.sentinel = document.createElement("div");
    this.sentinel.className = "podium-talks__more";
    this.sentinel.setAttribute("aria-hidden", "true");
    list.after(this.sentinel);
    this.observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      if (entries[entries.length - 1].isIntersecting) self.more(false);
    }, { rootMargin: "0px 0px 100% 0px" }) : null;
  }

  // Taking rows out of the document costs Chromium ~0.1 ms a row with a 4x slower CPU (80 ms
  // for FOSDEM's 880), however they leave: so the document never holds more rows than the
  // reader has scrolled to. A change keeps the first FIRST matching rows in the list (or the
  // longer run of rows that begin it and still match) and nothing else; the rest wait in
  // memory (keeping their state, stars) until the reader scrolls near the end of the list.
  // Rows that stay are not touched: a row put back costs its style and layout again.
  Catalog.prototype.show = function (matched) {
    this.matched = matched;
    var list = this.list, children = list.children, same = 0, wanted = new Set(), added = [], i;
    while (same < children.length && same < matched.length && children[same] === matched[same].el) same++;
    var end = Math.min(matched.length, Math.max(FIRST, same));
    for (i = 0; i < end; i++) wanted.add(matched[i].el);
    for (i = children.length - 1; i >= 0; i--) {
      if (!wanted.has(children[i])) list.removeChild(children[i]);
    }
    // What is left is in catalog order, as matched is: one pass puts the new rows between.
    var at = list.firstElementChild;
    for (i = 0; i < end; i++) {
      var el = matched[i].el;
      if (el === at) {
        at = at.nextElementSibling;
      } else {
        list.insertBefore(el, at);
        added.push(el);
      }
    }
    this.put = end;
    if (added.length) this.announce(added);
    this.watch();
  };

  // Rows put into the document, for the other scripts (stars, the reader's time).
  Catalog.prototype.announce = function (rows) {
    document.dispatchEvent(new CustomEvent("podium:rows", { detail: { rows: rows } }));
  };

  // The next chunk of matching rows (all of them for find-in-page and printing).
  Catalog.prototype.more = function (all) {
    var end = all ? this.matched.length : Math.min(this.matched.length, this.put + CHUNK);
    if (end <= this.put) return;
    var part = document.createDocumentFragment(), rows = [];
    for (var i = this.put; i < end; i++) {
      part.appendChild(this.matched[i].el);
      rows.push(this.matched[i].el);
    }
    this.list.appendChild(part);
    this.put = end;
    this.announce(rows);
    this.watch();
  };

  // Observing anew makes the observer report the sentinel once more, so a chunk that leaves
  // it near the viewport is followed by the next one. Without observers: every row.
  Catalog.prototype.watch = function () {
    if (!this.observer) return this.more(true);
    this.observer.unobserve(this.sentinel);
    if (this.put < this.matched.length) this.observer.observe(this.sentinel);
  };

  // Once, when the page is idle after loading the whole list: the rows past a screen below
  // the viewport leave the document, so a filter change never has to take them all out.
  Catalog.prototype.trim = function () {
    if (this.put <= FIRST) return; // a filter came first
    var keep = FIRST, rows = this.matched, below = window.innerHeight * 2;
    while (keep < this.put && rows[keep - 1].el.getBoundingClientRect().top < below) keep += CHUNK;
    keep = Math.min(keep, this.put);
    for (var i = this.put - 1; i >= keep; i--) this.list.removeChild(rows[i].el);
    this.put = keep;
    this.watch();
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
    this.show(matched);
    var total = rows.length;
    if (this.count) {
      // The texts come translated from the page (data-all, data-some); numbers as the page's language writes them.
      var lang = document.documentElement.lang || undefined;
      var template = (shown === total ? this.count.dataset.all : this.count.dataset.some) || "%(shown)s / %(total)s";
      this.count.textContent = template.replace("%(shown)s", shown.toLocaleString(lang)).replace("%(total)s", total.toLocaleString(lang));
    }
    if (this.empty && this.empty.hidden !== (shown !== 0)) this.empty.hidden = shown !== 0;
    if (push) {
      var query = new URLSearchParams();
      ORDER.forEach(function (name) { if (params[name]) query.set(name, params[name]); });
      has.forEach(function (value) { query.append("has", value); });
      var text = query.toString();
      this.remember(window.location.pathname + (text ? "?" + text : "") + window.location.hash);
    }
  };

  // The address follows the filters once the browser is idle, after the frame that shows the
  // list: replacing it costs Chromium a style pass over the page (15-40 ms with a slow CPU)
  // that the list need not wait for. Typing fast, the address changes once.
  Catalog.prototype.remember = function (url) {
    var self = this, waiting = this.url !== undefined;
    this.url = url;
    if (waiting) return;
    idle(function () {
      var wanted = self.url;
      self.url = undefined;
      // Not after Material's instant navigation took the reader to another page.
      if (!self.list.isConnected) return;
      if (wanted !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, "", wanted);
      }
    });
  };

  function setup() {
    var form = document.querySelector("[data-podium-filters]");
    var list = document.querySelector("[data-podium-talks]");
    if (!form || !list || form.dataset.podiumReady) return;
    form.dataset.podiumReady = "1";
    var catalog = current = new Catalog(form, list);
    form.podiumCatalog = catalog; // for tests and for other scripts of the page
    form.hidden = false;
    catalog.read();
    catalog.apply(false);
    idle(function () { catalog.trim(); });
    // "input" fires for typing, a choice in a list and a ticked box alike.
    form.addEventListener("input", function () { catalog.apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { catalog.apply(true); }, 0);
    });
  }

  // The browser's find-in-page and printing see only the document: before either, every
  // matching row goes in (Ctrl+F or Cmd+F opens the find bar).
  function complete() {
    if (current && current.list.isConnected) current.more(true);
  }
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "f" || event.key === "F")) complete();
  });
  window.addEventListener("beforeprint", complete);

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
