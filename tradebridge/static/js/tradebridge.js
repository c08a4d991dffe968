/* Tradebridge progressive enhancement. Every page works without this file:
   - selects marked data-autosubmit submit their form on change (the submit button is hidden),
   - buttons marked data-copy-target copy a field's value to the clipboard,
   - sideways-scrolling settings navigation shows the current page's link,
   - the Menu button folds the main navigation on phones and tablets (aria-expanded),
   - forms that send you back (language, currency) return to the current URL, also after
     HTMX changed it (a typed quantity, a search's filters). */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // On phones the settings navigation scrolls sideways: bring the current page's link into view.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sidenav").forEach(function (nav) {
      var current = nav.querySelector("[aria-current=page]");
      if (current && nav.scrollWidth > nav.clientWidth) {
        var offset = current.getBoundingClientRect().left - nav.getBoundingClientRect().left;
        nav.scrollLeft += offset - (nav.clientWidth - current.offsetWidth) / 2;
      }
    });
  });

  function setNavOpen(toggle, open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    var panel = document.getElementById(toggle.getAttribute("aria-controls"));
    if (panel) {
      panel.classList.toggle("is-open", open);
    }
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-nav-toggle]");
    if (toggle) {
      setNavOpen(toggle, toggle.getAttribute("aria-expanded") !== "true");
    }
  });

  // Escape closes the open menu and gives the focus back to its button.
  document.addEventListener("keydown", function (event) {
    var toggle = document.querySelector("[data-nav-toggle][aria-expanded=true]");
    if (event.key === "Escape" && toggle) {
      setNavOpen(toggle, false);
      toggle.focus();
    }
  });

  // The language and currency forms return to `next`: keep it on the current URL when HTMX
  // pushed or replaced it (search filters, the quantity typed in a price box).
  function followHistory() {
    var here = window.location.pathname + window.location.search;
    document.querySelectorAll("form input[name=next]").forEach(function (input) {
      input.value = here;
    });
  }
  document.addEventListener("htmx:pushedIntoHistory", followHistory);
  document.addEventListener("htmx:replacedInHistory", followHistory);
  document.addEventListener("htmx:historyRestore", followHistory);
  window.addEventListener("popstate", followHistory);

  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      select.form.requestSubmit();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(source.value || source.textContent).then(function () {
      var copied = button.getAttribute("data-copied-label");
      if (copied) {
        button.textContent = copied;
      }
    });
  });
})();
