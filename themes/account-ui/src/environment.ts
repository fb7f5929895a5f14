import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";

/** What the server's index.ftl injects into the page (realm, URLs, locale, features). */
export const environment = getInjectedEnvironment<AccountEnvironment>();
