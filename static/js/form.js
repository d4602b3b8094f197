// Progressive enhancement: after a failed submit, move focus to the error summary so that
// keyboard and screen-reader users hear what to fix first. The form works without this.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
