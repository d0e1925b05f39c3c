// Long multiple selects with a search box (core.widgets.SearchableSelectMultiple). A plain
// multiple select of two hundred countries is hard to use: choosing one with the keyboard
// drops the others. Here the reader types a few letters and presses Enter, or picks one of
// the browser's suggestions (a <datalist>), and each choice is listed with a button that
// removes it. The select stays the form's field, hidden: without this script it is shown and
// used as it is.
(() => {
  // Accents and case do not matter: "cote" finds "Côte d'Ivoire".
  const fold = (text) =>
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLocaleLowerCase()
      .trim();
  const fill = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (whole, key) => values[key] ?? whole);

  function matching(options, typed) {
    const wanted = fold(typed);
    if (!wanted) return [];
    const exact = options.filter((option) => fold(option.text) === wanted);
    if (exact.length) return exact;
    const starting = options.filter((option) => fold(option.text).startsWith(wanted));
    return starting.length
      ? starting
      : options.filter((option) => fold(option.text).includes(wanted));
  }

  function enhance(picker) {
    const select = picker.querySelector("select");
    const search = picker.querySelector("[data-picker-search]");
    const status = picker.querySelector("[data-picker-status]");
    const chosen = picker.querySelector("[data-picker-chosen]");
    const options = [...select.options].filter((option) => option.value);

    const suggestions = document.createElement("datalist");
    suggestions.id = `${search.id}-suggestions`;
    suggestions.append(
      ...options.map((option) => Object.assign(document.createElement("option"), { value: option.text })),
    );
    picker.append(suggestions);
    search.setAttribute("list", suggestions.id);

    function show() {
      chosen.replaceChildren(
        ...options
          .filter((option) => option.selected)
          .map((option) => {
            const item = document.createElement("li");
            const remove = document.createElement("button");
            remove.type = "button";
            remove.className = "picker-remove";
            remove.textContent = "×";
            remove.setAttribute("aria-label", fill(picker.dataset.remove, { name: option.text }));
            remove.addEventListener("click", () => {
              option.selected = false;
              show();
              search.focus();
            });
            item.append(option.text, " ", remove);
            return item;
          }),
      );
    }

    function choose(option) {
      option.selected = true;
      search.value = "";
      status.textContent = fill(picker.dataset.added, { name: option.text });
      show();
    }

    search.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      // Enter in the box chooses; it never sends the form half filled.
      event.preventDefault();
      if (!search.value.trim()) return;
      const found = matching(options, search.value);
      if (found.length === 1) choose(found[0]);
      else if (found.length === 0)
        status.textContent = fill(picker.dataset.nothing, { text: search.value });
      else status.textContent = picker.dataset.several;
    });
    // A suggestion picked from the list puts a whole name in the box; letters typed do not
    // choose ("Niger" on the way to "Nigeria").
    search.addEventListener("input", (event) => {
      if (event.inputType && event.inputType !== "insertReplacementText") return;
      const picked = options.find((option) => option.text === search.value);
      if (picked) choose(picked);
    });

    show();
    picker.querySelector(".picker-search").hidden = false;
    select.hidden = true;
  }

  const start = () => document.querySelectorAll("[data-picker]").forEach(enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
