/* Search, progressively enhanced. Every page works without this file:
   - the header box's suggestions (fetched by htmx as you type) are reachable with the arrow
     keys; Escape closes them,
   - opening a search result sends a beacon (search log id, product id) for search analytics,
   - the filters fold away on narrow screens.
   (tradebridge.js keeps the language and currency forms' `next` on the current URL.) */
(function () {
  "use strict";

  var BOX = "topsearch-q";
  var LIST = "topsearch-suggestions";

  function options() {
    var list = document.getElementById(LIST);
    return list ? Array.prototype.slice.call(list.querySelectorAll("[role=option]")) : [];
  }

  function setExpanded() {
    var box = document.getElementById(BOX);
    if (box) {
      box.setAttribute("aria-expanded", options().length ? "true" : "false");
    }
  }

  function closeSuggestions() {
    var list = document.getElementById(LIST);
    if (list) {
      list.innerHTML = "";
    }
    setExpanded();
  }

  document.addEventListener("keydown", function (event) {
    var box = document.getElementById(BOX);
    var found = options();
    if (!box || !found.length) {
      return;
    }
    var index = found.indexOf(document.activeElement);
    if (event.target !== box && index < 0) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = index + step;
      if (next < 0) {
        box.focus();
      } else {
        found[Math.min(next, found.length - 1)].focus();
      }
    } else if (event.key === "Escape") {
      closeSuggestions();
      box.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest(".topsearch")) {
      closeSuggestions();
    }
  });

  // Search analytics: which result was opened. sendBeacon survives the navigation.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".product-card__title a, .product-card__image");
    var item = link && link.closest("[data-search-product]");
    var area = item && item.closest("[data-search-log]");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!area || !area.getAttribute("data-search-log") || !token || !navigator.sendBeacon) {
      return;
    }
    var data = new FormData();
    data.append("search", area.getAttribute("data-search-log"));
    data.append("product", item.getAttribute("data-search-product"));
    data.append("csrfmiddlewaretoken", token.value);
    navigator.sendBeacon(area.getAttribute("data-click-url"), data);
  });

  // Filters fold away on narrow screens (they stay open without JavaScript).
  var filtersOpen = null;
  function foldFilters() {
    document.querySelectorAll("details[data-collapse-below]").forEach(function (details) {
      var narrow = window.innerWidth < Number(details.getAttribute("data-collapse-below"));
      details.open = narrow ? filtersOpen === true : true;
    });
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.matches && event.target.matches("details[data-collapse-below]")) {
      filtersOpen = event.target.open;
    }
  }, true);
  document.addEventListener("DOMContentLoaded", function () {
    foldFilters();
    setExpanded();
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target.id === LIST) {
      setExpanded();
    } else {
      foldFilters();
    }
  });
})();
