// Buttons that fold parts of a page away on a narrow screen (the header's menu, the practice
// filters). The stylesheet folds them only once this script has marked the page, so without
// it everything stays shown; a button shows or hides the elements it controls.
document.documentElement.classList.add("js");
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-disclose]");
  if (!button) return;
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  for (const id of button.getAttribute("aria-controls").split(" ")) {
    document.getElementById(id)?.classList.toggle("is-open", open);
  }
});
