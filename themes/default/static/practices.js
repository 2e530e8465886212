/* The bank of practices: filtering the list in place by risk factor, subject and
   level. Without JavaScript the page stays whole: every practice is listed, and
   the «Найти практику» lists group them by the same three values. The form is
   hidden in the HTML and shown here, so it never appears where it cannot work. */
(function () {
  "use strict";
  var form = document.querySelector("form.practice-filter");
  var list = document.querySelector("ul.practice-list");
  var count = document.querySelector(".practice-count");
  if (!form || !list || !count) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-risks]"));
  var FIELDS = ["risk", "subject", "level"];

  function has(item, attr, value) {
    return value === "" || (" " + item.getAttribute(attr) + " ").indexOf(" " + value + " ") >= 0;
  }

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var ok = FIELDS.every(function (f) {
        return has(item, "data-" + f + "s", form.elements[f].value);
      });
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = "Показано практик: " + shown + " из " + items.length;
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (form.elements[f].value) { params.set(f, form.elements[f].value); } });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  /* A filtered address (?risk=r3) opens filtered. */
  var start = new URLSearchParams(location.search);
  FIELDS.forEach(function (f) {
    var v = start.get(f);
    var select = form.elements[f];
    if (v && select.querySelector("option[value='" + v.replace(/[^a-z0-9_.-]/gi, "") + "']")) { select.value = v; }
  });
  form.hidden = false;
  count.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  apply();
})();
