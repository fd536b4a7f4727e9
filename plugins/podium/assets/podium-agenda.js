/* Podium: the reader's own time zone, starred talks and the "My agenda" page.

   - Every talk and event time is a <time datetime="2026-01-31T10:30:00+01:00"> in the
     event's zone. Where the reader's zone shows another wall-clock time, the time in their
     zone is added next to it (Intl.DateTimeFormat); without JavaScript the event's remains.
   - Any element with data-podium-star="<talk id>" gets a star toggle, a real
     <button aria-pressed>. Stars are kept in this browser's localStorage under a key of
     this site's path; nothing is ever sent anywhere.
   - The agenda page (data-podium-agenda) lists the starred talks by time from
     agenda/talks.json and builds an RFC 5545 .ics of them in the browser. */
(function () {
  "use strict";
  var TEXT = {
    star: "Star",
    starLabel: "Star: %(title)s",
    yourTime: "your time",
    yourZone: "Times in your time zone (%(zone)s) are shown beside each time.",
  };
  // A site in another language carries these texts, translated, in <script id="podium-text">.
  try {
    var given = JSON.parse((document.getElementById("podium-text") || {}).textContent || "{}");
    Object.keys(TEXT).forEach(function (k) { if (typeof given[k] === "string") TEXT[k] = given[k]; });
  } catch (e) { /* keep English */ }
  var script = document.currentScript;
  // The script is <root>/assets/podium/podium-agenda.js: the site's root is two levels up.
  var ROOT = new URL("../../", script ? script.src : window.location.href);
  var KEY = "podium-stars:" + ROOT.pathname;
  var memory = null; // when localStorage is unavailable (some private modes)

  /* -- the stars --------------------------------------------------------------------- */

  function readStars() {
    var raw = null;
    try { raw = window.localStorage.getItem(KEY); } catch (e) { raw = memory; }
    try {
      var list = JSON.parse(raw || "[]");
      return Array.isArray(list) ? list.filter(function (x) { return typeof x === "string"; }) : [];
    } catch (e) { return []; }
  }

  function writeStars(list) {
    var raw = JSON.stringify(list);
    try { window.localStorage.setItem(KEY, raw); } catch (e) { memory = raw; }
  }

  function toggle(id) {
    var list = readStars();
    var at = list.indexOf(id);
    if (at >= 0) list.splice(at, 1); else list.push(id);
    writeStars(list);
    refreshStars();
    document.dispatchEvent(new CustomEvent("podium:stars"));
  }

  function titleOf(holder) {
    if (holder.getAttribute("data-podium-title")) return holder.getAttribute("data-podium-title");
    var link = holder.querySelector("a");
    return link ? link.textContent.trim() : holder.getAttribute("data-podium-star");
  }

  function addStar(holder, stars) {
    if (holder.querySelector(":scope > .podium-star")) return;
    var id = holder.getAttribute("data-podium-star");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "podium-star" + (holder.classList.contains("podium-talk__links") ? " md-button" : "");
    button.setAttribute("data-podium-star-for", id);
    button.setAttribute("aria-label", TEXT.starLabel.replace("%(title)s", titleOf(holder)));
    button.setAttribute("aria-pressed", stars.indexOf(id) >= 0 ? "true" : "false");
    var icon = document.createElement("span");
    icon.className = "podium-star__icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    button.title = TEXT.star; // the name is the aria-label; the star alone keeps a talk's actions on one row
    button.addEventListener("click", function () { toggle(id); });
    holder.appendChild(button);
  }

  function refreshStars() {
    var stars = readStars();
    document.querySelectorAll("button[data-podium-star-for]").forEach(function (b) {
      b.setAttribute("aria-pressed", stars.indexOf(b.getAttribute("data-podium-star-for")) >= 0 ? "true" : "false");
    });
  }

  /* -- the reader's time zone -------------------------------------------------------- */

  var SCOPES = ".podium-talk, .podium-talk-page, .podium-event, .podium-event-card, .podium-tt-page, .podium-agenda";
  var WRITTEN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  var formats = {};

  function format(options) {
    var key = JSON.stringify(options);
    if (!formats[key]) formats[key] = new Intl.DateTimeFormat(undefined, options);
    return formats[key];
  }

  function writtenOffset(match) {
    if (match[6] === "Z") return 0;
    var sign = match[6][0] === "-" ? -1 : 1;
    return sign * (parseInt(match[6].slice(1, 3), 10) * 60 + parseInt(match[6].slice(4, 6), 10));
  }

  /* The reader's wall-clock time differs from the written one: their offset at that
     instant is not the written offset. */
  function differs(match, date) {
    return -date.getTimezoneOffset() !== writtenOffset(match);
  }

  function localText(start, end, match) {
    var sameDay = start.getFullYear() === +match[1] && start.getMonth() + 1 === +match[2] &&
      start.getDate() === +match[3];
    var options = { hour: "numeric", minute: "2-digit", timeZoneName: "short" };
    if (!sameDay) { options.weekday = "short"; options.day = "numeric"; options.month = "short"; }
    var f = format(options);
    if (end && f.formatRange) return f.formatRange(start, end);
    return f.format(start) + (end ? " – " + f.format(end) : "");
  }

  function showLocal(time) {
    if (time.hasAttribute("data-podium-local") || time.classList.contains("podium-end")) return;
    time.setAttribute("data-podium-local", "");
    var match = WRITTEN.exec(time.getAttribute("datetime") || "");
    if (!match) return; // a date without a time is the same day everywhere
    var start = new Date(time.getAttribute("datetime"));
    if (isNaN(start.getTime()) || !differs(match, start)) return;
    var last = time;
    var end = null;
    var next = time.nextElementSibling;
    if (next && next.tagName === "TIME" && next.classList.contains("podium-end")) {
      end = new Date(next.getAttribute("datetime"));
      if (isNaN(end.getTime())) end = null; else last = next;
    }
    var span = document.createElement("span");
    span.className = "podium-yourtime";
    span.textContent = localText(start, end, match) + " " + TEXT.yourTime;
    // After the zone label when the time has one: "09:30 (CET) (3:30 AM EST your time)".
    if (last.parentElement && last.parentElement.classList.contains("podium-when")) last = last.parentElement;
    last.insertAdjacentElement("afterend", span);
  }

  function readerZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }

  function showLocalTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (time) {
      if (time.closest(SCOPES)) showLocal(time);
    });
    var any = document.querySelector(".podium-yourtime") !== null;
    document.querySelectorAll("[data-podium-yourzone]").forEach(function (el) {
      var zone = readerZone();
      el.textContent = any && zone ? TEXT.yourZone.replace("%(zone)s", zone) : "";
    });
  }

  /* -- My agenda ---------------------------------------------------------------------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function starredTalks(data) {
    return readStars().filter(function (id) { return data.talks[id]; }).map(function (id) {
      var t = data.talks[id];
      return { id: id, talk: t, event: data.events[t.e] || { t: t.e, u: "" },
        at: t.s ? Date.parse(t.s) : Infinity };
    }).sort(function (a, b) {
      return a.at - b.at || (a.talk.t < b.talk.t ? -1 : a.talk.t > b.talk.t ? 1 : 0);
    });
  }

  function renderAgenda(box, data) {
    var list = box.querySelector("[data-podium-agenda-list]");
    var actions = box.querySelector("[data-podium-agenda-actions]");
    var talks = starredTalks(data);
    // Unstarring removes the row: keep the keyboard where it was, on the next star.
    var buttons = Array.prototype.slice.call(list.querySelectorAll("button.podium-star"));
    var focused = buttons.indexOf(document.activeElement);
    list.replaceChildren();
    if (!talks.length) {
      var empty = el("p", "podium-agenda__empty", box.getAttribute("data-empty"));
      empty.tabIndex = -1;
      list.appendChild(empty);
      actions.hidden = true;
      if (focused >= 0) empty.focus();
      return;
    }
    var group = null;
    var day = null;
    talks.forEach(function (item) {
      var label = item.talk.d || box.getAttribute("data-untimed");
      if (label !== day) {
        day = label;
        var heading = el("h2", "podium-agenda__day", label);
        list.appendChild(heading);
        group = el("ul", "podium-agenda__talks");
        list.appendChild(group);
      }
      var row = el("li", "podium-agenda__talk");
      row.setAttribute("data-podium-talk", item.id);
      if (item.talk.s) {
        var when = el("span", "podium-agenda__when");
        var start = el("time", "", item.talk.h ? item.talk.h.split("–")[0] : "");
        start.setAttribute("datetime", item.talk.s);
        when.appendChild(start);
        if (item.talk.x) {
          when.appendChild(document.createTextNode("–"));
          var end = el("time", "podium-end", item.talk.h.split("–")[1] || "");
          end.setAttribute("datetime", item.talk.x);
          when.appendChild(end);
        }
        row.appendChild(when);
      }
      var link = el("a", "podium-agenda__title", item.talk.t);
      link.href = new URL(item.talk.u, ROOT).href;
      row.appendChild(link);
      var where = el("span", "podium-agenda__where");
      var eventLink = el("a", "", item.event.t);
      eventLink.href = new URL(item.event.u, ROOT).href;
      where.appendChild(eventLink);
      if (item.talk.r) where.appendChild(document.createTextNode(" · " + item.talk.r));
      if (item.event.z && item.talk.s) where.appendChild(document.createTextNode(" · " + item.event.z));
      row.appendChild(where);
      var unstar = el("button", "podium-star");
      unstar.type = "button";
      unstar.setAttribute("data-podium-star-for", item.id);
      unstar.setAttribute("aria-pressed", "true");
      unstar.setAttribute("aria-label", TEXT.starLabel.replace("%(title)s", item.talk.t));
      unstar.title = box.getAttribute("data-unstar");
      var icon = el("span", "podium-star__icon");
      icon.setAttribute("aria-hidden", "true");
      unstar.appendChild(icon);
      unstar.addEventListener("click", function () { toggle(item.id); });
      row.appendChild(unstar);
      group.appendChild(row);
    });
    actions.hidden = !talks.some(function (item) { return item.talk.s; });
    showLocalTimes(list);
    if (focused >= 0) {
      var now = list.querySelectorAll("button.podium-star");
      now[Math.min(focused, now.length - 1)].focus();
    }
  }

  /* RFC 5545: TEXT escaping, UTC times, lines folded at 75 octets, CRLF endings. */
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  function icsUtc(iso) {
    return new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  }

  function fold(line) {
    var out = [];
    var current = "";
    var octets = 0;
    var encoder = new TextEncoder();
    Array.from(line).forEach(function (ch) {
      var size = encoder.encode(ch).length;
      if (octets + size > 75) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += ch;
      octets += size;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function agendaIcs(data) {
    var stamp = icsUtc(new Date().toISOString());
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Podium//My agenda//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(document.title)];
    starredTalks(data).forEach(function (item) {
      var t = item.talk;
      if (!t.s) return;
      lines.push("BEGIN:VEVENT", "UID:talk-" + item.id + "@" + ROOT.hostname, "DTSTAMP:" + stamp,
        "DTSTART:" + icsUtc(t.s));
      if (t.x) lines.push("DTEND:" + icsUtc(t.x));
      lines.push("SUMMARY:" + icsText(t.t));
      var where = [t.r, item.event.t].filter(Boolean).join(", ");
      if (where) lines.push("LOCATION:" + icsText(where));
      lines.push("URL:" + new URL(t.u, ROOT).href, "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(data) {
    var blob = new Blob([agendaIcs(data)], { type: "text/calendar;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "my-agenda.ics";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function setupAgenda() {
    var box = document.querySelector("[data-podium-agenda]");
    if (!box || box.hasAttribute("data-podium-ready")) return;
    box.setAttribute("data-podium-ready", "");
    var nojs = box.querySelector("[data-podium-agenda-nojs]");
    if (nojs) nojs.hidden = true;
    var list = box.querySelector("[data-podium-agenda-list]");
    fetch(new URL(box.getAttribute("data-src"), window.location.href).href)
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        renderAgenda(box, data);
        document.addEventListener("podium:stars", function () { renderAgenda(box, data); });
        window.addEventListener("storage", function (e) { if (e.key === KEY) renderAgenda(box, data); });
        box.querySelector("[data-podium-ics]").addEventListener("click", function () { download(data); });
      })
      .catch(function () {
        list.replaceChildren(el("p", "podium-agenda__empty", box.getAttribute("data-failed")));
      });
  }

  function setup() {
    var stars = readStars();
    document.querySelectorAll("[data-podium-star]").forEach(function (holder) { addStar(holder, stars); });
    showLocalTimes(document);
    setupAgenda();
  }

  // Rows another script puts (back) into the page (the talks catalog's "podium:rows"): a
  // row that was out of the page when it loaded gets its star and the reader's time now;
  // one that was out while stars changed gets its star's state.
  document.addEventListener("podium:rows", function (e) {
    var stars = readStars();
    (e.detail && e.detail.rows ? e.detail.rows : []).forEach(function (row) {
      if (!row.hasAttribute("data-podium-star")) return;
      var button = row.querySelector(":scope > .podium-star");
      if (!button) {
        addStar(row, stars);
        row.querySelectorAll("time[datetime]").forEach(showLocal);
      } else {
        var on = stars.indexOf(row.getAttribute("data-podium-star")) >= 0 ? "true" : "false";
        if (button.getAttribute("aria-pressed") !== on) button.setAttribute("aria-pressed", on);
      }
    });
  });

  window.addEventListener("storage", function (e) { if (e.key === KEY) refreshStars(); });
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
