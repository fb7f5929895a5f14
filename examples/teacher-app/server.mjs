// The teacher app's whole server: static files and the app's configuration, nothing else. It holds no token and no
// student data: the browser signs in with PKCE and calls the student-records API itself.
//
//   node server.mjs [--port 8090] [--keycloak http://localhost:8080] [--realm campus] [--client teacher-app]
//
// No dependencies beyond Node.js 20.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const options = { port: "8090", keycloak: "http://localhost:8080", realm: "campus", client: "teacher-app" };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const name = args[i].replace(/^--/, "");
  if (!(name in options) || args[i + 1] === undefined) {
    console.error(`usage: node server.mjs [--port N] [--keycloak URL] [--realm NAME] [--client ID] (unknown: ${args[i]})`);
    process.exit(2);
  }
  options[name] = args[i + 1];
}
const keycloak = options.keycloak.replace(/\/+$/, "");
const config = {
  keycloak,
  realm: options.realm,
  clientId: options.client,
  // What a teacher's app needs, and nothing more: find the class, read profiles and contacts, fix a phone number.
  scope: "openid student.search student.profile.read student.contact.read student.contact.write",
  purpose: "teaching",
};

const publicDir = join(fileURLToPath(new URL(".", import.meta.url)), "public");
const files = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/app.js": ["app.js", "text/javascript; charset=utf-8"],
  "/app.css": ["app.css", "text/css; charset=utf-8"],
};
const keycloakOrigin = new URL(keycloak).origin;
const headers = {
  // The page runs only its own script and talks only to itself and Keycloak (tokens and the API).
  "Content-Security-Policy": `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; ` +
    `connect-src 'self' ${keycloakOrigin}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  // Personal data never lands in a cache: not the browser's, not a proxy's.
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

const server = createServer(async (request, response) => {
  const path = new URL(request.url, "http://app").pathname;
  if (request.method !== "GET") {
    response.writeHead(405, headers).end();
    return;
  }
  if (path === "/config.json") {
    response.writeHead(200, { ...headers, "Content-Type": "application/json" }).end(JSON.stringify(config));
    return;
  }
  const file = files[path];
  if (!file) {
    response.writeHead(404, { ...headers, "Content-Type": "text/plain" }).end("Not found");
    return;
  }
  const body = await readFile(join(publicDir, file[0]));
  response.writeHead(200, { ...headers, "Content-Type": file[1] }).end(body);
});
server.listen(Number(options.port), "127.0.0.1", () => {
  console.log(`Teacher app on http://localhost:${options.port}/ (Keycloak ${keycloak}, realm ${options.realm}, ` +
    `client ${options.client})`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
