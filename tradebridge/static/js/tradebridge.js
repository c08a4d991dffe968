/* Tradebridge progressive enhancement. Every page works without this file:
   - selects marked data-autosubmit submit their form on change (the submit button is hidden),
   - buttons marked data-copy-target copy a field's value to the clipboard,
   - sideways-scrolling navigation shows the current page's link. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // On phones the navigation rows scroll sideways: bring the current page's link into view.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sidenav, .mainnav").forEach(function (nav) {
      var current = nav.querySelector("[aria-current=page]");
      if (current && nav.scrollWidth > nav.clientWidth) {
        var offset = current.getBoundingClientRect().left - nav.getBoundingClientRect().left;
        nav.scrollLeft += offset - (nav.clientWidth - current.offsetWidth) / 2;
      }
    });
  });

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
