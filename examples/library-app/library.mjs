// The library app: a service acting for itself (client credentials), no person signed in. It checks that a reader is
// an enrolled student before it issues a library card: it looks the student number up and reads the profile, the
// only group its token carries (student.profile.read), for the purpose library-services.
//
//   node library.mjs [--keycloak http://localhost:8080] [--realm campus] [--client library-app] STUDENT_NUMBER
//
// The client secret comes from LIBRARY_APP_SECRET (the demo realm's is library-app-secret). Exit codes: 0 enrolled,
// 1 not enrolled or unknown, 2 usage, 3 refused or failed. No dependencies beyond Node.js 20.
//
// What it shows a service must do: get its own token with client credentials, declare its purpose (Data-Purpose) on
// every call, read only the groups it needs, handle problems by their stable type and reason, wait as Retry-After says,
// and keep nothing: the answer is printed and forgotten (the API says Cache-Control: no-store).
// Notices (a feed of changes for applications, GET /notices) are not in this API yet; this example does not use them.

const options = { keycloak: "http://localhost:8080", realm: "campus", client: "library-app" };
const args = process.argv.slice(2);
let studentNumber = null;
for (let i = 0; i < args.length; i++) {
  const name = args[i].startsWith("--") ? args[i].slice(2) : null;
  if (name && name in options && args[i + 1] !== undefined) {
    options[name] = args[++i];
  } else if (!name && studentNumber === null) {
    studentNumber = args[i];
  } else {
    usage(`unknown argument ${args[i]}`);
  }
}
if (!studentNumber) usage("a student number is required");
const secret = process.env.LIBRARY_APP_SECRET;
if (!secret) usage("set LIBRARY_APP_SECRET to the client's secret");

const realmUrl = `${options.keycloak.replace(/\/+$/, "")}/realms/${encodeURIComponent(options.realm)}`;
const PURPOSE = "library-services";

function usage(message) {
  console.error(`library.mjs: ${message}`);
  console.error("usage: LIBRARY_APP_SECRET=... node library.mjs [--keycloak URL] [--realm NAME] [--client ID] STUDENT_NUMBER");
  process.exit(2);
}

/** The service's own access token: client credentials, the client's default scopes (student.profile.read). */
async function serviceToken() {
  const response = await fetch(`${realmUrl}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: options.client, client_secret: secret }),
  });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(`no token for ${options.client}: ${body.error_description || body.error}`);
  }
  return body.access_token;
}

/** One call of the API; a 503 with Retry-After is waited out a few times. Answers { status, body }. */
async function api(token, path) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${realmUrl}/student-records${path}`, {
      headers: { Authorization: `Bearer ${token}`, "Data-Purpose": PURPOSE, Accept: "application/json" },
    });
    const retryAfter = Number(response.headers.get("Retry-After"));
    if (response.status === 503 && retryAfter > 0 && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      continue;
    }
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
}

try {
  const token = await serviceToken();
  const { status, body } = await api(token, `/records?studentNumber=${encodeURIComponent(studentNumber)}`);
  if (status === 200) {
    const profile = body.profile;
    const enrolled = profile.status === "ENROLLED";
    // Only the profile came back: the token carries no other group, and the API leaves out what it may not read.
    console.log(JSON.stringify({ studentNumber: profile.studentNumber, name: profile.name, unit: profile.unit,
      status: profile.status, groups: body.groups, mayBorrow: enrolled }));
    process.exit(enrolled ? 0 : 1);
  }
  const type = String(body?.type || "").replace("https://student-records.example/problems/", "");
  if (type === "not-found") {
    // Unknown and not ours to see are one answer: the API never tells them apart.
    console.log(JSON.stringify({ studentNumber, mayBorrow: false, reason: "no such student" }));
    process.exit(1);
  }
  console.error(`library.mjs: refused (${status} ${type}${body?.reason ? `, ${body.reason}` : ""}): ${body?.detail ?? ""}`);
  process.exit(3);
} catch (error) {
  console.error(`library.mjs: ${error.message}`);
  process.exit(3);
}
