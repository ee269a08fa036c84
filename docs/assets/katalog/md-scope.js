/* Material for MkDocs' page helpers, moved out of an inline <script> so that the Content-Security-Policy
   (overrides/main.html) holds without 'unsafe-inline'. Same code as Material's partials/javascripts/base.html,
   except that the site root is taken from this file's address (assets/katalog/ lies two levels below it),
   which works for every page depth, served or from file://. */
"use strict";
var __md_scope = new URL("../../", document.currentScript.src),
  __md_hash = function (e) { return Array.from(e).reduce(function (e, t) { return (e << 5) - e + t.charCodeAt(0); }, 0); },
  __md_get = function (e, t, a) { t = t || localStorage; a = a || __md_scope; return JSON.parse(t.getItem(a.pathname + "." + e)); },
  __md_set = function (e, t, a, n) { a = a || localStorage; n = n || __md_scope; try { a.setItem(n.pathname + "." + e, JSON.stringify(t)); } catch (e) {} };
