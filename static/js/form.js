// Progressive enhancement for the request form; it works without any of this.
document.addEventListener("DOMContentLoaded", () => {
  // After a failed submit, move focus to the error summary so that keyboard and screen-reader
  // users hear what to fix first.
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // A live count of the characters left in fields with a limit (the note). Without script,
  // the server's message says when the text is too long.
  for (const field of document.querySelectorAll("textarea[maxlength]")) {
    const limit = Number(field.getAttribute("maxlength"));
    const counter = document.createElement("p");
    counter.className = "hint char-count";
    counter.id = `${field.id}_count`;
    counter.setAttribute("aria-live", "polite");
    const update = () => {
      const left = limit - field.value.length;
      counter.textContent = `${left} character${left === 1 ? "" : "s"} left`;
    };
    update();
    field.after(counter);
    field.setAttribute(
      "aria-describedby",
      `${field.getAttribute("aria-describedby") || ""} ${counter.id}`.trim(),
    );
    field.addEventListener("input", update);
  }
});
