// Renders the API's OpenAPI document with Swagger UI. Loaded as a file of this server (the page's
// Content-Security-Policy allows no inline script); the page hands over the document's address in a JSON data block.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("api-docs-config").textContent);
  window.SwaggerUIBundle({
    url: config.documentUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // A reading page: calls are made by applications with their own tokens, not from here.
    supportedSubmitMethods: [],
    // No call to a public validator: the build validates the document.
    validatorUrl: null,
    defaultModelsExpandDepth: 0
  });
})();
