// The library app: a service acting for itself (client credentials), no person signed in. It checks that a reader is
// an enrolled student before it issues a library card: it looks the student number up and reads the profile, the
// only group its token carries (student.profile.read), for the purpose library-services.
//
//   node library.mjs [--keycloak http://localhost:8080] [--realm campus] [--client library-app] STUDENT_NUMBER
//   node library.mjs [--keycloak ...] [--realm ...] [--client ...] --notices
//
// The client secret comes from LIBRARY_APP_SECRET (the demo realm's is library-app-secret). Exit codes: 0 enrolled
// (or the notices handled), 1 not enrolled or unknown, 2 usage, 3 refused or failed. No dependencies beyond Node.js 20.
//
// What it shows a service must do: get its own token with client credentials, declare its purpose (Data-Purpose) on
// every call, read only the groups it needs, handle problems by their stable type and reason, wait as Retry-After says,
// and keep nothing: the answer is printed and forgotten (the API says Cache-Control: no-store).
//
// --notices follows the feed of changes to what the library read (GET /notices): for each notice not yet
// acknowledged it reads the student's record again (the library kept nothing, so the card it issued may rest on what
// changed), prints one line of JSON with what the library now decides, and acknowledges the notice.

const options = { keycloak: "http://localhost:8080", realm: "campus", client: "library-app" };
const args = process.argv.slice(2);
let studentNumber = null;
let notices = false;
for (let i = 0; i < args.length; i++) {
  const name = args[i].startsWith("--") ? args[i].slice(2) : null;
  if (name === "notices") {
    notices = true;
  } else if (name && name in options && args[i + 1] !== undefined) {
    options[name] = args[++i];
  } else if (!name && studentNumber === null) {
    studentNumber = args[i];
  } else {
    usage(`unknown argument ${args[i]}`);
  }
}
if (!studentNumber === !notices) usage("either a student number or --notices is required");
const secret = process.env.LIBRARY_APP_SECRET;
if (!secret) usage("set LIBRARY_APP_SECRET to the client's secret");

const realmUrl = `${options.keycloak.replace(/\/+$/, "")}/realms/${encodeURIComponent(options.realm)}`;
const PURPOSE = "library-services";

function usage(message) {
  console.error(`library.mjs: ${message}`);
  console.error("usage: LIBRARY_APP_SECRET=... node library.mjs [--keycloak URL] [--realm NAME] [--client ID] STUDENT_NUMBER|--notices");
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
async function api(token, path, method = "GET") {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${realmUrl}/student-records${path}`, {
      method,
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

/** A problem's stable name (the end of its type) and reason, for messages. */
function problem(status, body) {
  const type = String(body?.type || "").replace("https://student-records.example/problems/", "");
  return { type, text: `${status} ${type}${body?.reason ? `, ${body.reason}` : ""}` };
}

/** What the library decides from a profile (the only group it reads). */
function decision(body) {
  const profile = body.profile;
  return { studentNumber: profile.studentNumber, name: profile.name, unit: profile.unit, status: profile.status,
    groups: body.groups, mayBorrow: profile.status === "ENROLLED" };
}

/**
 * The notices not yet acknowledged: each one's record is read again (404 when the library may no longer see it, or it
 * is gone: then no card rests on it), the decision printed, and the notice acknowledged, so it is handled once.
 */
async function followNotices(token) {
  const list = await api(token, "/notices");
  if (list.status !== 200) {
    throw new Error(`notices refused (${problem(list.status, list.body).text})`);
  }
  for (const notice of list.body.filter((n) => !n.acknowledgedAt)) {
    const record = await api(token, `/records/${encodeURIComponent(notice.recordId)}`);
    const now = record.status === 200 ? decision(record.body)
      : problem(record.status, record.body).type === "not-found" ? { mayBorrow: false, reason: "no longer visible" }
        : null;
    if (now === null) {
      throw new Error(`record of notice ${notice.id} refused (${problem(record.status, record.body).text})`);
    }
    const ack = await api(token, `/notices/${encodeURIComponent(notice.id)}/ack`, "POST");
    if (ack.status !== 200) {
      throw new Error(`notice ${notice.id} not acknowledged (${problem(ack.status, ack.body).text})`);
    }
    console.log(JSON.stringify({ notice: notice.id, kind: notice.kind, changed: notice.groups, ...now }));
  }
}

try {
  const token = await serviceToken();
  if (notices) {
    await followNotices(token);
    process.exit(0);
  }
  const { status, body } = await api(token, `/records?studentNumber=${encodeURIComponent(studentNumber)}`);
  if (status === 200) {
    // Only the profile came back: the token carries no other group, and the API leaves out what it may not read.
    const now = decision(body);
    console.log(JSON.stringify(now));
    process.exit(now.mayBorrow ? 0 : 1);
  }
  if (problem(status, body).type === "not-found") {
    // Unknown and not ours to see are one answer: the API never tells them apart.
    console.log(JSON.stringify({ studentNumber, mayBorrow: false, reason: "no such student" }));
    process.exit(1);
  }
  console.error(`library.mjs: refused (${problem(status, body).text}): ${body?.detail ?? ""}`);
  process.exit(3);
} catch (error) {
  console.error(`library.mjs: ${error.message}`);
  process.exit(3);
}
