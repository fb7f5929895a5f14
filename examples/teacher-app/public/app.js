// The teacher app: sign in with PKCE, list my class with search and paging, open a student's profile and contact, fix
// a phone number with If-Match, and show every refusal as the API explains it.
//
// What a campus app must do, and where this file does it:
//   - PKCE (S256) with a fresh verifier and state per sign-in ............................ signIn(), finishSignIn()
//   - ask only for the scopes it needs; the token's aud holds student-records ........... config.scope (server.mjs)
//   - declare why on every call: Data-Purpose .............................................................. api()
//   - keep no personal data: the token and the records live in this page's memory only; nothing in localStorage,
//     sessionStorage holds only the PKCE verifier and state for the round trip; the API says Cache-Control: no-store
//   - change with If-Match (the ETag read), and on 412 read again and let the person decide ......... savePhone()
//   - show problems by their stable type, reason and field rules, never by guessing ................. showProblem()
//   - 503 with Retry-After (search catching up): wait as told and ask again ............................... api()

const config = await (await fetch("/config.json")).json();
const realmUrl = `${config.keycloak}/realms/${encodeURIComponent(config.realm)}`;
const oidc = `${realmUrl}/protocol/openid-connect`;
const apiBase = `${realmUrl}/student-records`;
const redirectUri = `${location.origin}/`;
const PAGE_SIZE = 10;

/** The only state: in memory, gone when the tab is closed or reloaded. */
const state = { token: null, idToken: null, query: "", page: 0, record: null };

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------------------------
// Signing in: the authorization code flow with PKCE (RFC 7636), as a public client.

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function signIn() {
  const verifier = randomText();
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const expected = randomText();
  // Only what the round trip needs, and only until it returns.
  sessionStorage.setItem("pkce", JSON.stringify({ verifier, state: expected }));
  const url = new URL(`${oidc}/auth`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: config.scope,
    state: expected,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  location.assign(url.toString());
}

async function finishSignIn(params) {
  const pending = JSON.parse(sessionStorage.getItem("pkce") || "null");
  sessionStorage.removeItem("pkce");
  history.replaceState(null, "", "/");
  if (params.get("error")) {
    throw new Error(`Sign-in failed: ${params.get("error_description") || params.get("error")}`);
  }
  if (!pending || pending.state !== params.get("state")) {
    throw new Error("Sign-in failed: the answer does not belong to this sign-in (state). Sign in again.");
  }
  const response = await fetch(`${oidc}/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: config.clientId,
      code: params.get("code"),
      redirect_uri: redirectUri,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json();
  if (!response.ok) {
    throw new Error(`Sign-in failed: ${tokens.error_description || tokens.error}`);
  }
  state.token = tokens.access_token;
  state.idToken = tokens.id_token;
}

function signOut() {
  const url = new URL(`${oidc}/logout`);
  url.search = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri,
    id_token_hint: state.idToken || "" }).toString();
  state.token = null;
  state.record = null;
  location.assign(url.toString());
}

function claims(jwt) {
  const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
}

// ---------------------------------------------------------------------------------------------------------------
// Calling the API.

/** A refusal of the API: its problem document (application/problem+json), as sent. */
class Problem extends Error {
  constructor(status, body) {
    super(body.title || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * One call: the bearer token, the purpose, JSON in and out. Answers { body, etag }; throws a Problem for any error.
 * A 503 with Retry-After (the node's search index catching up after a start) is waited out, a few times at most.
 */
async function api(method, path, { body, contentType = "application/json", ifMatch } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Authorization: `Bearer ${state.token}`, "Data-Purpose": config.purpose };
    if (body !== undefined) headers["Content-Type"] = contentType;
    if (ifMatch) headers["If-Match"] = ifMatch;
    const response = await fetch(`${apiBase}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const retryAfter = Number(response.headers.get("Retry-After"));
    if (response.status === 503 && retryAfter > 0 && attempt < 5) {
      showNotice(`The server is catching up; asking again in ${retryAfter} s…`);
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      continue;
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Problem(response.status, json || {});
    }
    return { body: json, etag: response.headers.get("ETag") };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Showing refusals: by their stable type, reason and rules.

const PROBLEM = "https://student-records.example/problems/";
const REASONS = {
  SCOPE_MISSING: "Your sign-in does not allow this. Your role may not carry the scope this needs.",
  PURPOSE_NOT_ALLOWED_FOR_ROLE: "Your role may not work with records for this purpose.",
  PURPOSE_NOT_ALLOWED_FOR_CLIENT: "This app may not work with records for this purpose.",
  GROUP_NOT_WRITABLE_BY_ROLE: "Your role may not change this part of the record.",
};
const RULES = {
  "phone.invalid": "is not a phone number: give a mainland mobile number or an international one (+…)",
  "phone.not-mobile": "is not a mobile number",
  required: "is required",
  "plain-text": "contains characters that are not allowed",
  "one-line": "must be on one line",
};

function showProblem(error) {
  const box = $("problem");
  box.replaceChildren();
  const title = document.createElement("strong");
  const detail = document.createElement("div");
  if (error instanceof Problem) {
    const type = String(error.body.type || "").replace(PROBLEM, "");
    box.dataset.type = type;
    box.dataset.reason = error.body.reason || "";
    title.textContent = {
      "not-authenticated": "Your sign-in has ended.",
      forbidden: "Not allowed.",
      "not-found": "No such student in your classes.",
      "version-mismatch": "Someone changed this record since you opened it.",
      validation: "Please check the highlighted fields.",
      unavailable: "The records service is not available; try again later.",
      "search-catching-up": "Search is catching up; try again in a moment.",
    }[type] || error.body.title || `Error ${error.status}`;
    detail.textContent = type === "version-mismatch"
      ? "Below is the record as it is now, with what you typed kept: check it and save again."
      : REASONS[error.body.reason] || error.body.detail || "";
    box.append(title, detail);
    if (Array.isArray(error.body.errors) && error.body.errors.length) {
      const list = document.createElement("ul");
      for (const fieldError of error.body.errors) {
        const item = document.createElement("li");
        item.dataset.rule = fieldError.rule;
        item.textContent = `${fieldError.field}: ${RULES[fieldError.rule] || fieldError.message}`;
        list.append(item);
      }
      box.append(list);
    }
    if (type === "not-authenticated") {
      state.token = null;
      render();
    }
  } else {
    box.dataset.type = "client";
    title.textContent = error.message;
    box.append(title);
  }
  box.hidden = false;
}

function showNotice(text) {
  const box = $("problem");
  box.dataset.type = "notice";
  box.textContent = text;
  box.hidden = false;
}

function clearProblem() {
  $("problem").hidden = true;
  $("problem").replaceChildren();
}

// ---------------------------------------------------------------------------------------------------------------
// The class list: search within what the teacher may see (their units), a page at a time.

async function loadClass() {
  clearProblem();
  const params = new URLSearchParams({ q: state.query, page: String(state.page), size: String(PAGE_SIZE) });
  let result;
  try {
    result = (await api("GET", `/search?${params}`)).body;
  } catch (error) {
    showProblem(error);
    return;
  }
  clearProblem();
  const rows = result.hits.map((hit) => {
    const row = document.createElement("tr");
    row.dataset.id = hit.id;
    for (const value of [hit.profile.studentNumber, hit.profile.name, hit.profile.unit, hit.profile.status]) {
      const cell = document.createElement("td");
      cell.textContent = value;
      row.append(cell);
    }
    row.addEventListener("click", () => openStudent(hit.id));
    return row;
  });
  $("students").replaceChildren(...rows);
  $("total").textContent = `${result.total} student${result.total === 1 ? "" : "s"}`;
  const pages = Math.max(1, Math.ceil(Math.min(result.total, 1000) / PAGE_SIZE));
  $("page").textContent = `Page ${state.page + 1} of ${pages}`;
  $("previous").disabled = state.page === 0;
  $("next").disabled = state.page + 1 >= pages;
}

// ---------------------------------------------------------------------------------------------------------------
// One student: profile and contact, read fresh each time (never cached), and a phone number fixed with If-Match.

function fill(list, entries) {
  list.replaceChildren(...entries.flatMap(([label, value]) => {
    const term = document.createElement("dt");
    term.textContent = label;
    const data = document.createElement("dd");
    data.textContent = value ?? "—";
    data.dataset.field = label;
    return [term, data];
  }));
}

async function openStudent(id) {
  clearProblem();
  $("saved").hidden = true;
  try {
    const { body, etag } = await api("GET", `/records/${encodeURIComponent(id)}`);
    state.record = { id, etag, body };
  } catch (error) {
    showProblem(error);
    return;
  }
  showStudent();
}

function showStudent() {
  const { body } = state.record;
  $("student-name").textContent = body.profile ? body.profile.name : body.id;
  const p = body.profile || {};
  fill($("profile"), [["Student number", p.studentNumber], ["Class", p.unit], ["Status", p.status],
    ["Enrolled", p.enrolmentDate]]);
  const c = body.contact || {};
  fill($("contact"), [["Mobile phone", c.mobilePhone], ["Email", c.email], ["Home address", c.homeAddress]]);
  $("phone").value = c.mobilePhone || "";
  render("student");
}

async function savePhone(event) {
  event.preventDefault();
  clearProblem();
  $("saved").hidden = true;
  const { id, etag } = state.record;
  try {
    // A JSON merge patch of just the phone, against the version read (ETag). The API answers the record as it is now.
    const { body, etag: newTag } = await api("PATCH", `/records/${encodeURIComponent(id)}`, {
      body: { contact: { mobilePhone: $("phone").value.trim() } },
      contentType: "application/merge-patch+json",
      ifMatch: etag,
    });
    state.record = { id, etag: newTag, body };
    showStudent();
    $("saved").textContent = "Saved.";
    $("saved").hidden = false;
  } catch (error) {
    if (error instanceof Problem && error.status === 412) {
      // Never overwrite what someone else wrote: read the record again, show it, and let the teacher decide.
      const typed = $("phone").value;
      await openStudent(id);
      $("phone").value = typed;
    }
    showProblem(error);
  }
}

// ---------------------------------------------------------------------------------------------------------------

function render(view) {
  const signedIn = Boolean(state.token);
  $("signed-out").hidden = signedIn;
  $("sign-out").hidden = !signedIn;
  $("class").hidden = !signedIn || view === "student";
  $("student").hidden = !signedIn || view !== "student";
  $("who").textContent = signedIn ? claims(state.token).preferred_username || "" : "";
}

$("sign-in").addEventListener("click", () => signIn().catch(showProblem));
$("sign-out").addEventListener("click", signOut);
$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.query = $("q").value.trim();
  state.page = 0;
  loadClass();
});
$("previous").addEventListener("click", () => { state.page -= 1; loadClass(); });
$("next").addEventListener("click", () => { state.page += 1; loadClass(); });
$("back").addEventListener("click", () => { state.record = null; render("class"); loadClass(); });
$("phone-form").addEventListener("submit", savePhone);

const params = new URLSearchParams(location.search);
try {
  if (params.has("code") || params.has("error")) {
    await finishSignIn(params);
  }
} catch (error) {
  showProblem(error);
}
render("class");
if (state.token) {
  await loadClass();
}
