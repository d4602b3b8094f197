// The article editor's dialogs in the words our editors use. django-prose-editor asks
// window.gettext for each label (Django's admin catalogue, which has none of these in English);
// we answer the ones whose package wording reads as jargon and pass the rest on.
(function () {
  "use strict";
  var plainWords = {
    "Insert Figure": "Insert a picture",
    "Edit Figure": "Change the picture",
    "Edit Image": "Change the picture",
    "Image URL": "Picture address",
    "Browse...": "Choose a picture…",
    "Alternative Text": "Description for people who cannot see it",
    "Caption": "Caption (shown under the picture, optional)",
    "Add caption": "Add a caption",
    "Remove caption": "Remove the caption",
    "Edit Link": "Link",
    "URL": "Address (https://… or /articles/…)",
    "Open in new window": "Open in a new tab",
    "Table Properties": "Table size",
    "Insert Table": "Insert a table",
    "Include header row": "First row is headings",
    "List properties": "List style",
    "Start at": "Start numbering at",
    "Edit HTML": "Edit the HTML",
    "Prettify": "Tidy the HTML",
  };
  var catalogue = window.gettext || function (text) { return text; };
  window.gettext = function (text) {
    return Object.prototype.hasOwnProperty.call(plainWords, text) ? plainWords[text] : catalogue(text);
  };
})();
