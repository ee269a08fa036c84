/* Partner finden: filter the generated lists by Handlungsfeld and Land. Without JavaScript everything
   stays visible. Reads only the page's own data attributes; nothing is sent anywhere. */
(function () {
  "use strict";
  var box = document.querySelector(".kdk-pf-filter");
  if (!box) { return; }
  var topic = document.getElementById("pf-thema");
  var land = document.getElementById("pf-land");
  var count = document.getElementById("pf-anzahl");
  var sections = Array.prototype.slice.call(document.querySelectorAll(".kdk-pf-topic"));

  function heading(section) {
    var previous = section.previousElementSibling;
    return previous && /^H[1-6]$/.test(previous.tagName) ? previous : null;
  }

  function apply() {
    var shown = 0;
    sections.forEach(function (section) {
      var topicOk = !topic.value || section.getAttribute("data-topic") === topic.value;
      var visible = 0;
      Array.prototype.forEach.call(section.querySelectorAll("[data-land]"), function (item) {
        var ok = topicOk && (!land.value || item.getAttribute("data-land") === land.value);
        item.hidden = !ok;
        if (ok && item.tagName === "LI") { visible += 1; }
      });
      section.hidden = !topicOk || visible === 0;
      var h = heading(section);
      if (h) { h.hidden = section.hidden; }
      shown += visible;
    });
    count.textContent = shown === 1 ? "1 Eintrag" : shown + " Einträge";
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    if (params.get("thema")) { topic.value = params.get("thema"); }
    if (params.get("land")) { land.value = params.get("land"); }
  }

  function toAddress() {
    var params = new URLSearchParams();
    if (topic.value) { params.set("thema", topic.value); }
    if (land.value) { params.set("land", land.value); }
    var query = params.toString();
    try { window.history.replaceState(null, "", query ? "?" + query : window.location.pathname); } catch (e) { /* file:// */ }
  }

  box.hidden = false;
  fromAddress();
  topic.addEventListener("change", function () { toAddress(); apply(); });
  land.addEventListener("change", function () { toAddress(); apply(); });
  apply();
}());
