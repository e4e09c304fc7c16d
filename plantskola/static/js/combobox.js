/* The searchable select (core/widgets.py): an ARIA 1.2 combobox with a list box popup.
   Arrow keys move through the options, Enter chooses, Escape closes the list (or, closed,
   clears the field); a live region says how many matched. Without this script the field is
   a text field that the server resolves. No build step, no inline script (CSP). */
(function () {
  "use strict";

  function format(message, values) {
    return message.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  function init(root) {
    if (root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var input = root.querySelector("[data-combobox-input]");
    var list = root.querySelector("[data-listbox]");
    var status = root.querySelector("[data-status]");
    var hidden = root.querySelector("[data-chosen-id]");
    var chips = root.querySelector("[data-chips]");
    var multiple = root.hasAttribute("data-multiple");
    var options = [];
    var active = -1;
    var timer = null;
    var sequence = 0;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    list.setAttribute("role", "listbox");
    if (input.labels && input.labels.length) {
      list.setAttribute("aria-label", input.labels[0].textContent.replace("*", "").trim());
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function announce(count, shown) {
      var message;
      if (count === 0) { message = root.dataset.msgNone; }
      else if (count === 1) { message = root.dataset.msgOne; }
      else if (count > shown) { message = format(root.dataset.msgMore, { count: count, shown: shown }); }
      else { message = format(root.dataset.msgMany, { count: count }); }
      status.textContent = message;
    }

    function render(data) {
      list.replaceChildren();
      options = data.results;
      active = -1;
      options.forEach(function (option, index) {
        var item = document.createElement("li");
        item.id = list.id + "_" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = option.label;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(index); });
        list.appendChild(item);
      });
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      input.removeAttribute("aria-activedescendant");
      announce(data.count, options.length);
    }

    function search() {
      var text = input.value.trim();
      if (!text) { close(); status.textContent = ""; return; }
      var mine = ++sequence;
      var url = new URL(root.dataset.searchUrl, window.location.href);
      url.searchParams.set("q", text);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { count: 0, results: [] }; })
        .then(function (data) { if (mine === sequence) { render(data); } });
    }

    function move(to) {
      if (!options.length) { return; }
      active = (to + options.length) % options.length;
      Array.prototype.forEach.call(list.children, function (item, index) {
        item.setAttribute("aria-selected", index === active ? "true" : "false");
      });
      var current = list.children[active];
      input.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    }

    function addChip(option) {
      var existing = chips.querySelector('input[value="' + String(option.id) + '"]');
      if (existing) { existing.checked = true; return; }
      var item = document.createElement("li");
      item.className = "chip";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = root.dataset.name;
      box.value = String(option.id);
      box.id = input.id + "_chosen_" + option.id;
      box.checked = true;
      var label = document.createElement("label");
      label.htmlFor = box.id;
      label.className = "inline-label";
      label.textContent = option.label;
      item.append(box, " ", label);
      chips.appendChild(item);
    }

    function choose(index) {
      var option = options[index];
      if (multiple) {
        addChip(option);
        input.value = "";
      } else {
        input.value = option.label;
        hidden.value = String(option.id);
      }
      close();
      status.textContent = format(root.dataset.msgChosen, { label: option.label });
      input.focus();
    }

    input.addEventListener("input", function () {
      if (hidden) { hidden.value = ""; }
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) { move(active + 1); } else { search(); }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (open) { move(active - 1); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); choose(active); }
        else if (open) { event.preventDefault(); close(); }
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); }
        else if (input.value) {
          event.preventDefault();
          input.value = "";
          if (hidden) { hidden.value = ""; }
        }
      }
    });
    input.addEventListener("blur", close);
  }

  function initAll(scope) {
    if (scope.matches && scope.matches("[data-combobox]")) { init(scope); }
    scope.querySelectorAll("[data-combobox]").forEach(init);
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:load", function (event) { initAll(event.target); });
}());
