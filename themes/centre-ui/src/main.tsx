import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "./centre.css";

import Keycloak from "keycloak-js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { SessionContext } from "./api";
import { readConfig } from "./config";

const config = readConfig();
const keycloak = new Keycloak({ url: config.serverUrl, realm: config.realm, clientId: config.clientId });

// login-required: the centre has nothing to show to anyone not signed in. No login-status iframe: the page's
// Content-Security-Policy allows no frames, and a token refresh notices an ended session just as well.
await keycloak.init({
  onLoad: "login-required",
  pkceMethod: "S256",
  scope: config.scope,
  checkLoginIframe: false,
  responseMode: "query",
});

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <SessionContext.Provider value={{ keycloak, config }}>
      <App />
    </SessionContext.Provider>
  </StrictMode>,
);
