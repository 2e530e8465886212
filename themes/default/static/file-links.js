/* A site opened from disk (file://): links to pages end in a folder ("../schools/"),
   which a browser shows as a file listing there, while a web server answers with
   the folder's index.html. Point them at index.html, so public/ opened from disk
   navigates like the published site. Does nothing on a server. */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") { return; }
  function fix(url) {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) { return url; } // another site
    var cut = url.search(/[?#]/);
    var path = cut < 0 ? url : url.slice(0, cut);
    var rest = cut < 0 ? "" : url.slice(cut);
    if (path === "" && rest.charAt(0) === "#") { return url; } // same page
    if (path === "" || path.slice(-1) === "/") { path += "index.html"; }
    return path + rest;
  }
  function fixAll() {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      links[i].setAttribute("href", fix(links[i].getAttribute("href")));
    }
    var forms = document.querySelectorAll("form[action]");
    for (var j = 0; j < forms.length; j++) {
      forms[j].setAttribute("action", fix(forms[j].getAttribute("action")));
    }
  }
  document.addEventListener("DOMContentLoaded", fixAll);
  /* Search results are added later: fix each link as it is followed. */
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[href]");
    if (a) { a.setAttribute("href", fix(a.getAttribute("href"))); }
  }, true);
})();
