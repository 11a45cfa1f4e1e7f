/// The script that `vidin serve` adds to every page it serves (never to a real build). It
/// listens to the server's build events: after a new build it reloads the page and puts it
/// back where the reader was; after a failed build it shows the errors over the page, in the
/// page's language, and takes them away when a build succeeds again.
enum LiveReloadScript {
    static let text = #"""
    (function () {
      "use strict";
      var texts = {
        bg: { title: "Сайтът не може да се изгради", shown: "Показва се последната версия, която се изгради. Поправете файла и го запишете: страницата ще се обнови сама.", hint: "Как да се поправи:" },
        en: { title: "The site could not be built", shown: "You are seeing the last version that built. Fix the file and save it: the page will update by itself.", hint: "How to fix it:" }
      };
      var language = (document.documentElement.lang || "bg").slice(0, 2);
      var t = texts[language] || texts.en;
      var scrollKey = "vidin-serve-scroll:" + location.pathname;
      var saved = sessionStorage.getItem(scrollKey);
      if (saved !== null) {
        sessionStorage.removeItem(scrollKey);
        var y = parseInt(saved, 10) || 0;
        window.scrollTo(0, y);
        window.addEventListener("load", function () { window.scrollTo(0, y); });
      }
      var generation = null;
      var source = new EventSource("/_vidin/events");
      source.addEventListener("build", function (event) {
        var state = JSON.parse(event.data);
        if (generation !== null && state.generation !== generation && state.generation > 0) {
          sessionStorage.setItem(scrollKey, String(Math.round(window.scrollY)));
          source.close();
          location.reload();
          return;
        }
        generation = state.generation;
        show(state.errors);
      });
      function show(errors) {
        var old = document.getElementById("vidin-build-errors");
        if (old) old.remove();
        if (!errors.length) return;
        var box = document.createElement("section");
        box.id = "vidin-build-errors";
        box.setAttribute("role", "alert");
        box.setAttribute("lang", language);
        box.style.cssText = "position:fixed;inset:1rem;z-index:2147483647;overflow:auto;max-height:calc(100vh - 2rem);" +
          "background:#fff;color:#1b1b1b;border:4px solid #b3261e;border-radius:6px;padding:1rem 1.5rem;" +
          "font:16px/1.5 system-ui,sans-serif;box-shadow:0 4px 24px rgba(0,0,0,.4)";
        var heading = document.createElement("h2");
        heading.textContent = t.title;
        heading.style.cssText = "margin:0 0 .5rem;color:#b3261e;font-size:1.4rem";
        box.appendChild(heading);
        var list = document.createElement("ul");
        list.style.cssText = "padding-left:1.2rem";
        errors.forEach(function (error) {
          var item = document.createElement("li");
          item.style.cssText = "margin:.5rem 0";
          var where = document.createElement("code");
          where.textContent = error.file + (error.line ? ":" + error.line + (error.column ? ":" + error.column : "") : "");
          where.style.cssText = "font-weight:bold;word-break:break-all";
          item.appendChild(where);
          item.appendChild(document.createTextNode(" " + error.message));
          if (error.hint) {
            var hint = document.createElement("p");
            hint.style.cssText = "margin:.25rem 0 0";
            hint.textContent = t.hint + " " + error.hint;
            item.appendChild(hint);
          }
          list.appendChild(item);
        });
        box.appendChild(list);
        var note = document.createElement("p");
        note.textContent = t.shown;
        note.style.cssText = "margin:.5rem 0 0;font-style:italic";
        box.appendChild(note);
        document.body.appendChild(box);
      }
    })();
    """#
}
