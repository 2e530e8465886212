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

  /* The panel's controls: [legend, key, [value, label, hidden text, class]…].
     They are made here, not written into every page: without a script they
     could not work, and the markup was an eighth of each page. */
  var CONTROLS = [
    ["Размер шрифта:", "font", [
      ["1", "А", " — обычный размер", "a11y-font a11y-font-1"],
      ["2", "А", " — крупный размер", "a11y-font a11y-font-2"],
      ["3", "А", " — очень крупный размер", "a11y-font a11y-font-3"]]],
    ["Цвет сайта:", "scheme", [
      ["bw", "Ц", " — чёрным по белому", "a11y-scheme a11y-scheme-bw"],
      ["wb", "Ц", " — белым по чёрному", "a11y-scheme a11y-scheme-wb"],
      ["blue", "Ц", " — тёмно-синим по голубому", "a11y-scheme a11y-scheme-blue"]]],
    ["Интервал:", "spacing", [["normal", "обычный"], ["wide", "увеличенный"]]],
    ["Изображения:", "images", [["on", "вкл."], ["off", "выкл."]]]
  ];
  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text) { e.textContent = text; }
    return e;
  }
  function button(text) {
    var b = element("button", "", text);
    b.type = "button";
    return b;
  }
  /* Adds the controls to the panel, unless a theme's partial wrote its own. */
  function addControls(panel) {
    if (panel.querySelector(".a11y-controls")) { return; }
    var controls = element("div", "a11y-controls");
    CONTROLS.forEach(function (group) {
      var fieldset = element("fieldset");
      fieldset.appendChild(element("legend", "", group[0]));
      group[2].forEach(function (choice) {
        var b = button(choice[1]);
        if (choice[3]) { b.className = choice[3]; }
        b.setAttribute("data-a11y-key", group[1]);
        b.setAttribute("data-a11y-value", choice[0]);
        b.setAttribute("aria-pressed", "false");
        if (choice[2]) { b.appendChild(element("span", "visually-hidden", choice[2])); }
        fieldset.appendChild(b);
      });
      controls.appendChild(fieldset);
    });
    var reset = button("Обычная версия");
    reset.className = "a11y-reset";
    reset.setAttribute("data-a11y-reset", "");
    controls.appendChild(reset);
    (panel.querySelector(".a11y-panel") || panel).appendChild(controls);
  }

  var settings = load();
  apply(settings);

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("a11y");
    if (panel) { addControls(panel); }
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
