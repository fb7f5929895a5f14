import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "./centre.css";

import { Alert, PageSection } from "@patternfly/react-core";
import { languageOf } from "@student-records/shared";
import Keycloak from "keycloak-js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { SessionContext } from "./api";
import { readConfig } from "./config";
import { messages } from "./messages";

const config = readConfig();
const keycloak = new Keycloak({ url: config.serverUrl, realm: config.realm, clientId: config.clientId });

const root = createRoot(document.getElementById("app")!);

try {
  // login-required: the centre has nothing to show to anyone not signed in. No login-status iframe: the page's
  // Content-Security-Policy allows no frames, and a token refresh notices an ended session just as well.
  await keycloak.init({
    onLoad: "login-required",
    pkceMethod: "S256",
    scope: config.scope,
    checkLoginIframe: false,
    responseMode: "query",
  });
  root.render(
    <StrictMode>
      <SessionContext.Provider value={{ keycloak, config }}>
        <App />
      </SessionContext.Provider>
    </StrictMode>,
  );
} catch {
  // Keycloak could not be reached (or refused the sign-in): say so instead of leaving an empty page.
  root.render(
    <PageSection>
      <Alert variant="danger" title={messages[languageOf(navigator.language)].signInFailed} data-testid="sign-in-failed" />
    </PageSection>,
  );
}
