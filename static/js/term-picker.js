// The term picker (core/widgets/term_picker.html): a box that filters a long
// list of checkboxes and a live count of the ticked ones. Without this script
// the list is plain checkboxes, which still work.
(function () {
  "use strict";

  // "Égalité" is found by "egalite": compare without case or accents.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(picker) {
    if (picker.hasAttribute("data-ready")) {
      return; // the script tag comes once per picker on the page
    }
    picker.setAttribute("data-ready", "");
    var tools = picker.querySelector(".term-picker-tools");
    var filter = picker.querySelector(".term-picker-filter");
    var count = picker.querySelector(".term-picker-count");
    var none = picker.querySelector(".term-picker-none");
    var options = Array.prototype.slice.call(picker.querySelectorAll(".term-picker-options .form-check"));
    var countText = picker.getAttribute("data-count-text");

    function showCount() {
      var ticked = picker.querySelectorAll(".term-picker-options input:checked").length;
      count.textContent = countText.replace("{n}", ticked);
    }

    function applyFilter() {
      var wanted = fold(filter.value.trim());
      var shown = 0;
      options.forEach(function (option) {
        var match = !wanted || fold(option.textContent).indexOf(wanted) !== -1;
        option.hidden = !match;
        shown += match ? 1 : 0;
      });
      none.hidden = shown > 0;
    }

    filter.addEventListener("input", applyFilter);
    // Enter in the filter box would submit the whole form half-filled.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    picker.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        showCount();
      }
    });
    tools.hidden = false;
    showCount();
  }

  document.querySelectorAll("[data-term-picker]").forEach(setUp);
})();
