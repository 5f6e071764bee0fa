// The interactive API page (/docs): Swagger UI, served by this server (the fastapi-offline
// package's copy), started from this file so the page needs no inline script. Writes from
// "Try it out" send the token saved by the app's token box, when there is one.
"use strict";
(function () {
  var el = document.getElementById("swagger-ui");
  if (!el || typeof SwaggerUIBundle === "undefined") { return; }
  window.ui = SwaggerUIBundle({
    url: el.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,  // never ask an outside validator
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    requestInterceptor: function (req) {
      var token = "";
      try { token = window.localStorage.getItem("detente-token") || ""; } catch (e) { token = ""; }
      var has = Object.keys(req.headers || {}).some(function (k) {
        return k.toLowerCase() === "x-detente-token";
      });
      if (token && !has) { req.headers["X-Detente-Token"] = token; }
      return req;
    },
  });
})();
