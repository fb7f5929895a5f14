/** What the server writes into the page: where Keycloak is, which realm, which client, where the centre lives. */
export type CentreConfig = {
  serverUrl: string;
  realm: string;
  clientId: string;
  basePath: string;
  scope: string;
  /** The purposes the centre's client may declare, comma-separated (its attribute student-records.purposes). */
  purposes?: string;
};

/** The configuration of the data block the extension puts into index.html (a JSON block, never a script). */
export function readConfig(): CentreConfig {
  const block = document.getElementById("centre-config");
  if (!block?.textContent) {
    throw new Error("The centre's configuration is missing from the page.");
  }
  return JSON.parse(block.textContent) as CentreConfig;
}
