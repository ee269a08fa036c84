/* Runs inside the iframe that shim.js creates for the search worker when the site is opened from file://.
   In iframe-worker 1.0.4 this was an inline <script> written into the iframe; as a file it needs no
   'unsafe-inline' in the Content-Security-Policy (the iframe inherits the page's policy). Same behaviour:
   postMessage answers the parent page, importScripts loads scripts in order, errors go to the parent. */
"use strict";
(function () {
  var worker = document.currentScript.getAttribute("data-worker");
  // Material's search worker takes its base address from the first script[src] in this document:
  // that must be the worker itself, as with the inline original.
  document.currentScript.remove();
  window.postMessage = function (message, origin) { parent.postMessage(message, origin || "*"); };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
