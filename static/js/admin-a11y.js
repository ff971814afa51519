// Names that Django's admin widgets leave out for assistive technology (WCAG 4.1.2),
// given as the widgets appear (their scripts build them after the page loads):
// - the search icon of the two-box selector (filter_horizontal) has an aria-label on a
//   plain span, which screen readers ignore: it becomes an image;
// - an empty autocomplete (select2) has nothing to read: it takes its field's label;
// - a field in a tabular inline has no label: it takes its column's heading;
// - the date and the time of a date-and-time field are labelled by bare text
//   ("Date:", "Time:"): they take it, after the field's own label.
(() => {
  const name = (el, text) => {
    if (text && !el.hasAttribute("aria-label")) el.setAttribute("aria-label", text.trim());
  };
  const labelOf = (id) => {
    const label = id && document.querySelector(`label[for="${id}"]`);
    return label ? label.textContent.replace(/:\s*$/, "") : "";
  };
  const fix = () => {
    document.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
    document.querySelectorAll(".select2-container").forEach((container) => {
      const text = labelOf(container.previousElementSibling?.id);
      container.querySelectorAll("[role=combobox], [role=textbox]").forEach((el) => name(el, text));
    });
    document.querySelectorAll(".tabular tbody td").forEach((cell) => {
      const table = cell.closest("table");
      const field = [...cell.classList].find((c) => c.startsWith("field-"));
      const heading = field
        ? table.querySelector(`thead th.column-${field.slice(6)}`)
        : cell.classList.contains("delete") && table.querySelector("thead th:last-child");
      if (!heading) return;
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((el) => {
        if (!el.labels || !el.labels.length) name(el, heading.textContent);
      });
    });
    document.querySelectorAll("p.datetime input").forEach((el) => {
      if (el.labels && el.labels.length) return;
      const part = el.previousSibling?.textContent.trim().replace(/:$/, "") || "";
      const row = el.closest(".form-row, .fieldBox, fieldset");
      const field = row?.querySelector("legend, label")?.textContent.trim().replace(/:$/, "") || "";
      name(el, [field, part].filter(Boolean).join(", "));
    });
  };
  new MutationObserver(fix).observe(document.documentElement, { childList: true, subtree: true });
})();
