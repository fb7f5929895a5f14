import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
// The console components carry their own PatternFly styles in this sheet (the package exports no path to it).
import "../../node_modules/@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css";
import "./frame.css";

// The provider and hook of the account-ui package itself: it carries its own copy of the environment context.
import { KeycloakProvider } from "@keycloak/keycloak-account-ui";
import Keycloak from "keycloak-js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { environment } from "./environment";
import { takeInvitationFromAddress } from "./guardian";
import { i18n } from "./i18n";
import { peopleFeatures } from "./people";
import { routes } from "./routes";

const router = createBrowserRouter(routes);

/**
 * Signs in before the console renders, as Keycloak's provider would (same client, PKCE, response mode and scope), so
 * that the menu knows from the first paint whether the person is a student, a guardian or both (the features
 * isStudent and isGuardian that content.json's entries name). If signing in fails here, the provider tries itself and
 * shows Keycloak's own error page.
 */
async function signIn(): Promise<Keycloak | undefined> {
  const keycloak = new Keycloak({ url: environment.serverBaseUrl, realm: environment.realm, clientId: environment.clientId });
  keycloak.onAuthLogout = () => void keycloak.login();
  try {
    await keycloak.init({ onLoad: "login-required", pkceMethod: "S256", responseMode: "query", scope: environment.scope });
    return keycloak;
  } catch {
    return undefined;
  }
}

// A guardian's invitation link: taken from the address before signing in (see takeInvitationFromAddress).
takeInvitationFromAddress(decodeURIComponent(new URL(environment.baseUrl).pathname));
const [keycloak] = await Promise.all([signIn(), i18n.init()]);
const features = { ...environment.features, ...peopleFeatures(keycloak?.tokenParsed) };

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <KeycloakProvider environment={{ ...environment, features }} keycloak={keycloak}>
      <RouterProvider router={router} />
    </KeycloakProvider>
  </StrictMode>,
);
