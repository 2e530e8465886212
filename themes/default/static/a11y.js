/* Версия для слабовидящих: font size, colour scheme, spacing, images.
   Loaded in <head> so the saved choice applies before the page is drawn; the
   choice lives in localStorage under "vitrina-a11y" and holds across pages.
   Without JavaScript the site works as is and the panel explains the
   browser's own zoom. */
(function () {
  "use strict";
  var KEY = "vitrina-a11y";
  var DEFAULTS = { font: "1", scheme: "", spacing: "normal", images: "on" };
  var root = document.documentElement;

  function load() {
    var s = {};
    try { s = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (e) { s = {}; }
    var out = {};
    for (var k in DEFAULTS) { out[k] = typeof s[k] === "string" ? s[k] : DEFAULTS[k]; }
    return out;
  }
  function save(s) {
    try { window.localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* private mode: this page only */ }
  }
  function active(s) {
    return s.font !== "1" || s.scheme !== "" || s.spacing !== "normal" || s.images !== "on";
  }
  function apply(s) {
    root.classList.remove("no-js");
    root.classList.add("js");
    root.setAttribute("data-font", s.font);
    if (s.scheme) { root.setAttribute("data-scheme", s.scheme); } else { root.removeAttribute("data-scheme"); }
    root.setAttribute("data-spacing", s.spacing);
    root.setAttribute("data-images", s.images);
    root.classList.toggle("a11y-on", active(s));
  }
  /* «Изображения: выкл.» shows each picture's text alternative in its place. */
  function altTexts() {
    var imgs = document.querySelectorAll("img[alt]:not([data-a11y-alt])");
    for (var i = 0; i < imgs.length; i++) {
      var img = imgs[i];
      img.setAttribute("data-a11y-alt", "");
      if (!img.getAttribute("alt")) { continue; }
      var span = document.createElement("span");
      span.className = "a11y-alt";
      span.textContent = "Изображение: " + img.getAttribute("alt");
      img.parentNode.insertBefore(span, img.nextSibling);
    }
  }
  function sync(s) {
    if (s.images === "off") { altTexts(); }
    var buttons = document.querySelectorAll("[data-a11y-key]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var on = s[b.getAttribute("data-a11y-key")] === b.getAttribute("data-a11y-value");
      b.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }

  var settings = load();
  apply(settings);

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("a11y");
    if (panel && active(settings)) { panel.open = true; }
    sync(settings);
    document.addEventListener("click", function (ev) {
      var t = ev.target;
      while (t && t !== document && !(t.hasAttribute && (t.hasAttribute("data-a11y-key") || t.hasAttribute("data-a11y-reset")))) {
        t = t.parentNode;
      }
      if (!t || t === document) { return; }
      if (t.hasAttribute("data-a11y-reset")) {
        settings = load();
        for (var k in DEFAULTS) { settings[k] = DEFAULTS[k]; }
      } else {
        var key = t.getAttribute("data-a11y-key");
        var value = t.getAttribute("data-a11y-value");
        // A second press on the active colour scheme returns the usual colours.
        settings[key] = key === "scheme" && settings.scheme === value ? "" : value;
      }
      save(settings);
      apply(settings);
      sync(settings);
    });
  });
})();
