// The curation page: the summary of the chosen partners follows the ticks, the
// filters hide rows without reloading (the ticks stay), and "Confirm and send"
// is held back when the choice no longer is the one previewed.
(function () {
  "use strict";
  var table = document.getElementById("candidates");
  var list = document.getElementById("chosen-list");
  if (!table || !list) {
    return;
  }
  var count = document.querySelector("[data-testid=chosen-count]");
  var confirm = document.getElementById("confirm");

  function ticked() {
    return Array.prototype.filter.call(
      table.querySelectorAll("input[name=partners]"),
      function (box) { return box.checked; }
    );
  }

  function summarise() {
    var boxes = ticked();
    list.textContent = "";
    boxes.forEach(function (box) {
      var item = document.createElement("li");
      item.textContent = box.closest("tr").getAttribute("data-name");
      list.appendChild(item);
    });
    if (!boxes.length) {
      var none = document.createElement("li");
      none.className = "quiet";
      none.textContent = list.getAttribute("data-empty");
      list.appendChild(none);
    }
    count.textContent = boxes.length;
    if (confirm) {
      var now = boxes.map(function (box) { return box.value; }).sort().join(",");
      var then = confirm.getAttribute("data-previewed").split(",").sort().join(",");
      var stale = now !== then;
      confirm.querySelector("button").disabled = stale;
      document.getElementById("preview-stale").hidden = !stale;
    }
  }

  function filter() {
    var form = document.getElementById("filters");
    var want = {
      country: form.elements.country.value,
      formats: form.elements.format.value,
      languages: form.elements.language.value
    };
    table.querySelectorAll("tbody tr[data-name]").forEach(function (row) {
      var keep = (!want.country || row.getAttribute("data-country") === want.country) &&
        ["formats", "languages"].every(function (name) {
          return !want[name] || row.getAttribute("data-" + name).split(" ").indexOf(want[name]) >= 0;
        });
      row.hidden = !keep;
    });
  }

  table.addEventListener("change", summarise);
  document.getElementById("filters").addEventListener("change", filter);
  summarise();
})();
