// Suggestions under the article search box as the reader types: topics and article titles.
// The ARIA combobox pattern with a list popup: Down and Up move through the suggestions, Enter
// opens the chosen one (or searches, when none is chosen), Escape closes the list. Without this
// script the box is a plain search form, and works the same.
(function () {
  "use strict";

  var WAIT_MS = 150; // after the last key, before asking: one request per pause, not per key
  var FEWEST_LETTERS = 2;

  document.querySelectorAll("input[data-suggestions]").forEach(enhance);

  function enhance(input) {
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var answers = new Map(); // typed text -> suggestions, so going back costs nothing
    var timer = null;
    var pending = null;
    var options = [];
    var active = -1;

    list.id = input.id + "-suggestions";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    // A combobox is a text box in ARIA in HTML (a search box may not take the role); the
    // phone's keyboard still offers its search key.
    input.type = "text";
    input.setAttribute("enterkeyhint", "search");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.form.classList.add("search-form--suggesting");
    input.form.append(list, status);

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options.length) return;
        event.preventDefault();
        if (list.hidden) open();
        var step = event.key === "ArrowDown" ? 1 : options.length - 1; // Up: back one, wrapping
        choose(active < 0 && step !== 1 ? options.length - 1 : (active + step) % options.length);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].url);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
    // A click on a suggestion must not blur the box first (that would close the list).
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) window.location.assign(options[Number(option.dataset.index)].url);
    });

    function ask() {
      var typed = input.value.trim();
      if (typed.length < FEWEST_LETTERS) return show([]);
      if (answers.has(typed)) return show(answers.get(typed));
      if (pending) pending.abort();
      pending = new AbortController();
      var url = input.dataset.suggestions + "?q=" + encodeURIComponent(typed);
      fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          answers.set(typed, data.suggestions);
          if (input.value.trim() === typed) show(data.suggestions);
        })
        .catch(function () {}); // offline or aborted: the form still searches
    }

    function show(suggestions) {
      options = suggestions;
      list.replaceChildren();
      suggestions.forEach(function (suggestion, index) {
        var item = document.createElement("li");
        var kind = document.createElement("span");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.index = String(index);
        item.textContent = suggestion.label;
        kind.className = "suggestions__kind";
        kind.textContent = suggestion.kind;
        item.append(" ", kind);
        list.append(item);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (suggestions.length && document.activeElement === input) {
        open();
        status.textContent =
          suggestions.length + (suggestions.length === 1 ? " suggestion" : " suggestions") +
          ". Use the up and down arrows to choose.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function choose(index) {
      active = index >= options.length ? -1 : index;
      Array.prototype.forEach.call(list.children, function (item, i) {
        item.setAttribute("aria-selected", String(i === active));
      });
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", list.children[active].id);
        list.children[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      choose(-1);
    }
  }
})();
