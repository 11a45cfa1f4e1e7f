/* Reading aids, added on top of pages that work without them:
   1. the contents beside the text marks the section being read (aria-current="true");
   2. a table wider than its box gets a hint above it that it scrolls sideways;
   3. in a browser that cannot show a closed <details> (::details-content), the header menu is
      opened on wide screens, where it has no toggle. */
(function () {
  "use strict";
  var doc = document;

  // 1. The section in view: the last heading whose top is above a line near the top of the window.
  var links = doc.querySelectorAll(".reading-nav .is-current a[href^='#']");
  var entries = [];
  Array.prototype.forEach.call(links, function (link) {
    var heading = doc.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (heading) entries.push({ heading: heading, link: link });
  });
  if (entries.length) {
    var nav = doc.querySelector(".reading-nav");
    var current = null;
    var update = function () {
      var line = Math.min(window.innerHeight * 0.25, 200);
      // Headings come in document order: find the last one above the line by halving.
      var low = 0, high = entries.length - 1, found = -1;
      while (low <= high) {
        var middle = (low + high) >> 1;
        if (entries[middle].heading.getBoundingClientRect().top <= line) { found = middle; low = middle + 1; } else { high = middle - 1; }
      }
      var next = found >= 0 ? entries[found].link : null;
      if (next === current) return;
      if (current) current.removeAttribute("aria-current");
      current = next;
      if (!current) return;
      current.setAttribute("aria-current", "true");
      // Keep the marked entry within the sidebar when the sidebar scrolls on its own.
      if (nav && nav.scrollHeight > nav.clientHeight) {
        var box = nav.getBoundingClientRect(), entry = current.getBoundingClientRect();
        if (entry.top < box.top) nav.scrollTop += entry.top - box.top - 16;
        else if (entry.bottom > box.bottom) nav.scrollTop += entry.bottom - box.bottom + 16;
      }
    };
    var pending = false;
    var schedule = function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; update(); });
    };
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    update();
  }

  // 2. Tables that scroll sideways say so (the shadow at the cut edge shows it without script).
  var main = doc.getElementById("main");
  var hintText = main && main.getAttribute("data-table-hint");
  var regions = doc.querySelectorAll("main .table-scroll");
  if (hintText && regions.length && !doc.body.classList.contains("page-print")) {
    var hints = Array.prototype.map.call(regions, function (region, index) {
      var hint = doc.createElement("p");
      hint.className = "table-hint";
      hint.id = "table-hint-" + (index + 1);
      hint.textContent = hintText;
      hint.hidden = true;
      region.parentNode.insertBefore(hint, region);
      return hint;
    });
    var measure = function () {
      Array.prototype.forEach.call(regions, function (region, index) {
        var overflows = region.scrollWidth > region.clientWidth + 1;
        hints[index].hidden = !overflows;
        if (overflows) region.setAttribute("aria-describedby", hints[index].id);
        else region.removeAttribute("aria-describedby");
      });
    };
    measure();
    window.addEventListener("resize", measure);
  }

  // 3. The header menu on wide screens, where the CSS hides its toggle.
  var menu = doc.querySelector(".site-menu");
  var supported = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (menu && !supported && window.matchMedia("(min-width: 48rem)").matches) menu.open = true;
})();
