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
    button.textContent = "Load video: " + title;
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
