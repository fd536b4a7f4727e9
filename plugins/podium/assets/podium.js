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
   (?event=…&year=…&track=…&speaker=…&tag=…&has=video), so a filtered view is a
   shareable link; without JavaScript the page stays a plain complete list. */
(function () {
  "use strict";
  var SINGLE = ["event", "year", "track", "speaker", "tag"];

  function readQuery(form) {
    var params = new URLSearchParams(window.location.search);
    SINGLE.forEach(function (name) {
      var select = form.elements.namedItem(name);
      if (!select) return;
      var value = params.get(name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
    var has = params.getAll("has");
    form.querySelectorAll('input[name="has"]').forEach(function (box) {
      box.checked = has.indexOf(box.value) >= 0;
    });
  }

  function matches(item, wanted) {
    return SINGLE.every(function (name) {
      if (!wanted[name]) return true;
      var values = (item.getAttribute("data-" + name) || "").split(" ");
      return values.indexOf(wanted[name]) >= 0;
    }) && wanted.has.every(function (need) {
      return (item.getAttribute("data-has") || "").split(" ").indexOf(need) >= 0;
    });
  }

  function apply(form, list, push) {
    var wanted = { has: [] };
    var params = new URLSearchParams();
    SINGLE.forEach(function (name) {
      var select = form.elements.namedItem(name);
      wanted[name] = select ? select.value : "";
      if (wanted[name]) params.set(name, wanted[name]);
    });
    form.querySelectorAll('input[name="has"]:checked').forEach(function (box) {
      wanted.has.push(box.value);
      params.append("has", box.value);
    });
    var shown = 0;
    list.querySelectorAll("li.podium-talk").forEach(function (item) {
      var ok = matches(item, wanted);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    var total = list.querySelectorAll("li.podium-talk").length;
    var count = form.querySelector("[data-podium-count]");
    if (count) {
      // The texts come translated from the page (data-all, data-some); numbers as the page's language writes them.
      var lang = document.documentElement.lang || undefined;
      var text = (shown === total ? count.dataset.all : count.dataset.some) || "%(shown)s / %(total)s";
      count.textContent = text.replace("%(shown)s", shown.toLocaleString(lang)).replace("%(total)s", total.toLocaleString(lang));
    }
    var empty = document.querySelector("[data-podium-empty]");
    if (empty) empty.hidden = shown !== 0;
    if (push) {
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }
  }

  function setup() {
    var form = document.querySelector("[data-podium-filters]");
    var list = document.querySelector("[data-podium-talks]");
    if (!form || !list || form.dataset.podiumReady) return;
    form.dataset.podiumReady = "1";
    form.hidden = false;
    readQuery(form);
    apply(form, list, false);
    form.addEventListener("change", function () { apply(form, list, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(form, list, true); }, 0);
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
