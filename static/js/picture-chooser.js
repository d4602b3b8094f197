// The article editor's picture chooser, opened in a small window by "Insert a picture" ›
// "Choose a picture…".
// The editor (django-prose-editor) waits for the file-browser call CKEditor made standard:
// window.opener.CKEDITOR.tools.callFunction(number, address, details). Our own origin only.
(function () {
  "use strict";
  var number = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  var opener = window.opener;
  var editor = number && opener && opener.CKEDITOR && opener.CKEDITOR.tools;
  document.addEventListener("DOMContentLoaded", function () {
    if (!editor) {
      document.querySelector(".picture-chooser__no-editor").hidden = false;
      document.querySelectorAll("[data-src]").forEach(function (button) { button.hidden = true; });
      return;
    }
    document.querySelectorAll("[data-src]").forEach(function (button) {
      button.addEventListener("click", function () {
        editor.callFunction(Number(number), button.dataset.src,
          { id: button.dataset.id, alternative_text: button.dataset.alt });
        window.close();
      });
    });
  });
})();
