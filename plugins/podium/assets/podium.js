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
  var FIRST = 40; // rows in the document after a change, at most: more than a screenful
  var ROW = 60; // pixels: no row of the catalog is shorter (a title and a line of facts)
  var CHUNK = 100; // rows added each time the reader scrolls near the end of the list
  var SWAP = 60; // more rows than this leave the list on a change: a new list instead
  var SLICE = 5; // milliseconds of idle time spent taking rows out of the document at once
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
    this.all = document.querySelector("[data-podium-all]");
    this.spent = []; // lists a change replaced, hidden, emptied a slice at a time (sweep)
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
      if (entries[entries.length - 1].isIntersecting) self.more(self.put + CHUNK);
    }, { rootMargin: "0px 0px 100% 0px" }) : null;
    var button = this.all && this.all.querySelector("button");
    if (button) button.addEventListener("click", function () { self.showAll(); });
  }

  // Taking rows out of the document costs Chromium ~0.1 ms a row with a 4x slower CPU (80 ms
  // for FOSDEM's 880), however they leave, so the document holds only the rows the reader has
  // come to, and rows leave while the browser is idle (sweep), a few at a time. A change keeps
  // the first FIRST matching rows in the list (or the longer run of rows that begin it and
  // still match) and nothing else; the rest wait in memory (keeping their state, stars) until
  // the reader scrolls near the end of the list or asks for all of them. Rows that stay are
  // not touched: a row put back costs its style and layout again.
  Catalog.prototype.show = function (matched) {
    this.matched = matched;
    var list = this.list, children = list.children, same = 0, wanted = new Set(), added = [], i;
    while (same < children.length && same < matched.length && children[same] === matched[same].el) same++;
    var first = this.screenful();
    var end = Math.min(matched.length, Math.max(first, same));
    for (i = 0; i < end; i++) wanted.add(matched[i].el);
    var leaving = 0;
    for (i = 0; i < children.length; i++) if (!wanted.has(children[i])) leaving++;
    if (leaving > SWAP) {
      // Too many to take out now: a new list of the first FIRST rows takes the old one's
      // place, which is hidden at once (content-visibility: hidden, so its rows cost no
      // layout) and emptied while the browser is idle.
      end = Math.min(matched.length, first);
      var fresh = list.cloneNode(false), part = document.createDocumentFragment();
      for (i = 0; i < end; i++) {
        if (matched[i].el.parentNode !== list) added.push(matched[i].el);
        part.appendChild(matched[i].el);
      }
      fresh.appendChild(part);
      list.removeAttribute("data-podium-talks");
      list.setAttribute("aria-hidden", "true");
      list.classList.add("podium-talks--spent");
      list.before(fresh);
      this.spent.push(list);
      this.list = fresh;
      this.sweep();
    } else {
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
    }
    this.put = end;
    if (added.length) this.announce(added);
    if (end < Math.min(FIRST, matched.length)) this.fill(matched);
    else this.watch();
  };

  // After a change's frame, once the browser is idle: the rows up to FIRST, then the sentinel
  // watched again. Until then, the rows past the screenful cost the change nothing.
  Catalog.prototype.fill = function (matched) {
    var self = this;
    if (this.observer) this.observer.unobserve(this.sentinel);
    this.button();
    idle(function () {
      if (self.matched === matched && self.list.isConnected) self.more(FIRST);
    });
  };

  // How many rows fill the window from the top of the list, as it was when last measured
  // (measure): a change puts only those in at once, so its frame lays out a screenful; the
  // next rows follow at once after it (the sentinel is in view), up to a chunk.
  Catalog.prototype.screenful = function () {
    if (this.top === undefined) return FIRST;
    var rows = Math.ceil((this.scrolled + window.innerHeight - this.top) / ROW) + 1;
    return Math.max(1, Math.min(FIRST, rows));
  };

  // The list's top in the document, read while the browser is idle (never on a change).
  Catalog.prototype.measure = function () {
    if (!this.list.isConnected) return;
    this.scrolled = window.scrollY;
    this.top = this.list.getBoundingClientRect().top + this.scrolled;
  };

  // Rows put into the document, for the other scripts (stars, the reader's time).
  Catalog.prototype.announce = function (rows) {
    document.dispatchEvent(new CustomEvent("podium:rows", { detail: { rows: rows } }));
  };

  // The matching rows up to the upto-th (all of them: the button, find-in-page, printing).
  Catalog.prototype.more = function (upto) {
    var end = Math.min(this.matched.length, upto);
    if (end <= this.put) return this.observer ? this.watch() : this.button();
    var list = this.list, part = document.createDocumentFragment(), rows = [];
    // Rows still waiting to be swept off the end of the list are already in place.
    var at = list.children[this.put] || null;
    for (var i = this.put; i < end; i++) {
      var el = this.matched[i].el;
      if (el === at) {
        at = at.nextElementSibling;
        continue;
      }
      part.appendChild(el);
      rows.push(el);
    }
    list.insertBefore(part, at);
    this.put = end;
    if (rows.length) this.announce(rows);
    this.watch();
  };

  // Observing anew makes the observer report the sentinel once more, so a chunk that leaves
  // it near the viewport is followed by the next one. Without observers: every row. The
  // button after the list is there while rows wait.
  Catalog.prototype.watch = function () {
    this.button();
    if (!this.observer) return this.more(Infinity);
    this.observer.unobserve(this.sentinel);
    if (this.put < this.matched.length) this.observer.observe(this.sentinel);
  };

  Catalog.prototype.button = function () {
    var done = this.put >= this.matched.length;
    if (this.all && this.all.hidden !== done) this.all.hidden = done;
  };

  // "Show all matching talks": every row in, and the keyboard on the first one it brought.
  Catalog.prototype.showAll = function () {
    var first = this.matched[this.put];
    this.more(Infinity);
    if (!first) return;
    var link = first.el.querySelector("a[href]");
    (link || first.el).focus();
  };

  // Once, when the page is idle after loading the whole list: the rows past a screen below
  // the viewport are to leave the document, so a filter change never has to take them all out.
  Catalog.prototype.trim = function () {
    if (this.put <= FIRST) return; // a filter came first
    var keep = FIRST, rows = this.matched, below = window.innerHeight * 2;
    while (keep < this.put && rows[keep - 1].el.getBoundingClientRect().top < below) keep += CHUNK;
    this.put = Math.min(keep, this.put);
    this.sweep();
    this.watch();
  };

  // While the browser is idle, a few milliseconds at a time: the rows of the lists a change
  // replaced leave the document, then those past the end of the list (trim).
  Catalog.prototype.sweep = function () {
    if (this.sweeping) return;
    this.sweeping = true;
    var self = this;
    idle(function step() {
      var until = performance.now() + SLICE, list = self.list;
      while (performance.now() < until) {
        var spent = self.spent[0];
        if (spent) {
          if (spent.lastChild) spent.removeChild(spent.lastChild);
          else self.spent.shift().remove();
        } else if (list.children.length > self.put) {
          // The keyboard went down there before the rows could leave: they stay.
          if (list.lastElementChild.contains(document.activeElement)) {
            self.put = list.children.length;
            self.watch();
          } else {
            list.removeChild(list.lastElementChild);
          }
        } else {
          self.sweeping = false;
          return;
        }
      }
      idle(step);
    });
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
      self.measure();
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
    idle(function () { catalog.trim(); catalog.measure(); });
    // "input" fires for typing, a choice in a list and a ticked box alike.
    form.addEventListener("input", function () { catalog.apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { catalog.apply(true); }, 0);
    });
  }

  // Once per window, for the catalog shown (instant navigation brings new ones): where the
  // window is, kept as the reader scrolls, since reading it on a change would lay out.
  function shown() { return current && current.list.isConnected ? current : null; }
  window.addEventListener("resize", function () {
    idle(function () { if (shown()) shown().measure(); });
  });
  window.addEventListener("scroll", function () {
    if (shown()) shown().scrolled = window.scrollY;
  }, { passive: true });

  // The browser's find-in-page and printing see only the document: before either, every
  // matching row goes in (Ctrl+F or Cmd+F opens the find bar).
  function complete() {
    if (current && current.list.isConnected) current.more(Infinity);
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
