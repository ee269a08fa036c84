/* Material for MkDocs' content helper (partials/javascripts/content.html), moved out of an inline <script>
   so that the Content-Security-Policy holds without 'unsafe-inline': a #anchor that names a tab opens it. */
"use strict";
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
