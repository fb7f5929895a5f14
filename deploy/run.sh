#!/usr/bin/env bash
# Runs the product locally: the embedded record store, and Keycloak 26.7.0 with the extension and the demo realm "campus".
# Options: --port N (HTTP, default 8080; management port N+920), --store-port N (record store, default 27017),
#          --data DIR (everything that persists, default ./data), --reset (wipe DIR first). Ctrl-C stops everything.
# Production mode: --production [--nodes N] [--demo] [--hostname URL] [--db-port N] [--store-uri-file FILE]
#          (HTTPS on --port, default 8443, one port per node; management port 9000 and up; PostgreSQL; see README).
set -euo pipefail

# Everything this run writes (the store's files, keys, logs, Keycloak's database) is for this user alone.
umask 077

root="$(cd "$(dirname "$0")/.." && pwd)"
keycloak_version=26.7.0
port=""
store_port=27017
data="$root/data"
reset=false
production=false
nodes=1
demo=false
hostname_url=""
db_port=5433
store_uri_file=""
build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --store-port) store_port="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --reset) reset=true; shift ;;
    --production) production=true; shift ;;
    --nodes) nodes="$2"; shift 2 ;;
    --demo) demo=true; shift ;;
    --hostname) hostname_url="$2"; shift 2 ;;
    --db-port) db_port="$2"; shift 2 ;;
    --store-uri-file) store_uri_file="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# //'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
for number in "${port:-1}" "$store_port" "$nodes" "$db_port"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "not a number: $number" >&2; exit 2; }
done
if [ "$production" = false ]; then
  # Development mode always runs the demo campus; the production options mean nothing there.
  demo=true
  if [ "$nodes" != 1 ] || [ -n "$hostname_url" ] || [ -n "$store_uri_file" ]; then
    echo "--nodes, --hostname and --store-uri-file need --production" >&2
    exit 2
  fi
  port="${port:-8080}"
  # Keycloak's defaults are 8080 and 9000: keep that distance so two instances on one machine never share a port.
  management_port=$((port + 920))
  # The mail catcher: its mailboxes on 8025 and SMTP on 11025 for port 8080, apart from another instance's.
  mail_port=$((port - 55))
  mail_smtp_port=$((port + 2945))
  [ "$mail_port" -ge 1024 ] && [ "$mail_smtp_port" -le 65535 ] \
    || { echo "--port must be 1079 to 62590 in development mode" >&2; exit 2; }
else
  port="${port:-8443}"
  # Keycloak's defaults are 8443 and 9000; node n takes port+n-1 and management_port+n-1.
  management_port=$((port + 557))
  hostname_url="${hostname_url:-https://localhost:$port}"
  [[ "$hostname_url" =~ ^https://[A-Za-z0-9.-]+(:[0-9]+)?$ ]] \
    || { echo "--hostname must be https://host[:port]" >&2; exit 2; }
  [ "$nodes" -ge 1 ] && [ "$nodes" -le 9 ] || { echo "--nodes must be 1 to 9" >&2; exit 2; }
fi

say() { printf '[run] %s\n' "$*"; }

if [ "$reset" = true ]; then
  say "wiping $data"
  rm -rf "$data"
fi
mkdir -p "$data"
data="$(cd "$data" && pwd)"
logs="$data/logs"
mkdir -p "$logs"

# 1. Build what is missing or older than its sources.
store_jar="$root/deploy/embedded-store/target/embedded-store-0.1.0-SNAPSHOT.jar"
campus_jar="$root/deploy/demo-campus/target/demo-campus-0.1.0-SNAPSHOT.jar"
providers="$root/keycloak-extension/target/providers"
# The account theme with the students' pages; its jar is deployed beside the extension's.
themes_jar="$root/themes/target/student-records-themes-0.1.0-SNAPSHOT.jar"
built_marker="$root/deploy/target/.built"
needs_build=false
for jar in "$store_jar" "$campus_jar" "$themes_jar"; do
  [ -f "$jar" ] || needs_build=true
done
if [ -d "$root/keycloak-extension/src/main" ] && [ ! -d "$providers" ]; then
  needs_build=true
fi
if [ "$needs_build" = false ]; then
  if [ ! -f "$built_marker" ] || [ -n "$(find "$root/pom.xml" "$root/records-store" "$root/search-index" "$root/keycloak-extension" "$root/deploy" "$root/themes" \
      \( -name target -o -name node_modules \) -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \
      -o -path '*/account-ui/src/*' -o -path '*/account-ui/public/*' -o -name 'package*.json' \) \
      -newer "$built_marker" -print -quit)" ]; then
    needs_build=true
  fi
fi
if [ "$needs_build" = true ] && [ "$build" = false ]; then
  say "--no-build: using the jars as they are in target/"
  needs_build=false
  [ -f "$store_jar" ] && [ -f "$themes_jar" ] && compgen -G "$providers/*.jar" >/dev/null \
    || { say "--no-build, but the jars are missing: run without --no-build once"; exit 1; }
fi
if [ "$needs_build" = true ]; then
  say "building (mvn install -DskipTests) ..."
  (cd "$root" && mvn -q -B -ntp install -DskipTests -pl records-store,keycloak-extension,themes,deploy/embedded-store,deploy/demo-campus -am) \
    >"$logs/build.log" 2>&1 || { tail -n 40 "$logs/build.log" >&2; say "the build failed; see $logs/build.log"; exit 1; }
  mkdir -p "$(dirname "$built_marker")"
  touch "$built_marker"
fi

# 2. The Keycloak distribution, fetched through Maven and unpacked once into the data folder.
kc_home="$data/keycloak-$keycloak_version"
if [ ! -x "$kc_home/bin/kc.sh" ]; then
  say "fetching Keycloak $keycloak_version ..."
  dist_dir="$root/deploy/target/dist"
  (cd "$root" && mvn -q -B -ntp dependency:copy -N \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:zip" -DoutputDirectory="$dist_dir") >"$logs/fetch.log" 2>&1 \
    || { tail -n 20 "$logs/fetch.log" >&2; say "fetching Keycloak failed; see $logs/fetch.log"; exit 1; }
  rm -rf "$kc_home"
  (cd "$data" && jar xf "$dist_dir/keycloak-quarkus-dist-$keycloak_version.zip")
  chmod +x "$kc_home"/bin/*.sh
fi

# 3. The embedded record store, in its own process.
store_pid=""
mail_pid=""
kc_pid=""
kc_pids=()
if [ "$production" = true ]; then
  source "$root/deploy/production.sh"
fi
stop() {
  trap - INT TERM EXIT
  local pid
  for pid in "${kc_pids[@]}" $kc_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      say "stopping Keycloak ($pid) ..."
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ "$production" = true ]; then
    stop_postgres
  fi
  if [ -n "$store_pid" ] && kill -0 "$store_pid" 2>/dev/null; then
    say "stopping the record store (it flushes first) ..."
    kill -TERM "$store_pid" 2>/dev/null || true
    wait "$store_pid" 2>/dev/null || true
  fi
  if [ -n "$mail_pid" ] && kill -0 "$mail_pid" 2>/dev/null; then
    kill -TERM "$mail_pid" 2>/dev/null || true
    wait "$mail_pid" 2>/dev/null || true
  fi
  say "stopped; data kept in $data"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

if [ -n "$store_uri_file" ]; then
  # A MongoDB of the school's own (a replica set): its connection string, credentials included, from an owner-only file.
  [ -f "$store_uri_file" ] || { say "no such file: $store_uri_file"; exit 1; }
  [ "$(stat -c '%a' "$store_uri_file")" = 600 ] || [ "$(stat -c '%a' "$store_uri_file")" = 400 ] \
    || { say "$store_uri_file must be readable by its owner alone (chmod 600)"; exit 1; }
  connection="$(head -n 1 "$store_uri_file")"
  say "using the record store named in $store_uri_file"
else
  say "starting the record store on 127.0.0.1:$store_port (data: $data/store) ..."
  # In production every acknowledged write is forced to the device (it survives a power loss); in development it is
  # handed to the operating system (it survives a crash of the store process).
  store_durability=commit
  [ "$production" = true ] && store_durability=fsync
  java -jar "$store_jar" --port "$store_port" --data "$data/store" --durability "$store_durability" \
    >"$logs/store.out" 2>"$logs/store.log" &
  store_pid=$!
  for _ in $(seq 1 120); do
    grep -q '^embedded-store ready on' "$logs/store.out" 2>/dev/null && break
    kill -0 "$store_pid" 2>/dev/null || { cat "$logs/store.log" >&2; say "the record store did not start"; exit 1; }
    sleep 0.5
  done
  grep -q '^embedded-store ready on' "$logs/store.out" || { say "the record store did not report ready"; exit 1; }
  connection="mongodb://127.0.0.1:$store_port"
fi

# Development only: a mail catcher (GreenMail, fetched through Maven), so that what the product mails (guardian
# invitations, notices, the centre's and the students' mails) can be read; it delivers nothing and keeps the mails in
# memory until the run stops. The demo realm's SMTP settings point at it.
greenmail_version=2.1.3
if [ "$production" = false ]; then
  mail_jar="$root/deploy/target/mail/greenmail-standalone-$greenmail_version.jar"
  if [ ! -f "$mail_jar" ]; then
    (cd "$root" && mvn -q -B -ntp dependency:copy -N -Dartifact="com.icegreen:greenmail-standalone:$greenmail_version" \
        -DoutputDirectory="$root/deploy/target/mail") >"$logs/fetch-mail.log" 2>&1 \
      || { tail -n 20 "$logs/fetch-mail.log" >&2; say "fetching the mail catcher failed; see $logs/fetch-mail.log"; exit 1; }
  fi
  say "starting the mail catcher (SMTP 127.0.0.1:$mail_smtp_port; mailboxes http://localhost:$mail_port/api/user) ..."
  java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$mail_smtp_port" -Dgreenmail.auth.disabled \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$mail_port" -jar "$mail_jar" >"$logs/mail.log" 2>&1 &
  mail_pid=$!
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$mail_port/api/service/readiness" 2>/dev/null && break
    kill -0 "$mail_pid" 2>/dev/null || { tail -n 20 "$logs/mail.log" >&2; say "the mail catcher did not start"; exit 1; }
    sleep 0.5
  done
fi

# 4. First start only: the demo realm file and the student records.
campus_log="$logs/demo-campus.log"
demo_campus() {
  java "-Djava.util.logging.SimpleFormatter.format=[run] %5\$s%6\$s%n" -jar "$campus_jar" "$@" >"$campus_log" 2>&1 \
    || { tail -n 20 "$campus_log" >&2; say "the demo campus step failed; see $campus_log"; exit 1; }
  grep -E '^\[run\] (Realm|Student records)' "$campus_log" || true
}
first_start=false
if [ "$demo" = true ] && [ ! -f "$data/campus-imported" ]; then
  first_start=true
  say "generating the demo realm ..."
  if [ "$production" = false ]; then
    demo_campus realm --out "$kc_home/data/import/campus-realm.json" --smtp-port "$mail_smtp_port"
  else
    demo_campus realm --out "$kc_home/data/import/campus-realm.json"
  fi
fi
if [ "$demo" = true ] && [ ! -f "$data/campus-seeded" ]; then
  say "enrolling the demo students in the record store ..."
  demo_campus seed --connection-string "$connection" --keys-dir "$data/keys" --generate-keys
  touch "$data/campus-seeded"
fi

# 5. The extension, its jars and the account theme into Keycloak's providers/ (replacing what an earlier start put there).
rm -f "$kc_home"/providers/*.jar
if compgen -G "$providers/*.jar" >/dev/null; then
  cp "$providers"/*.jar "$kc_home/providers/"
  cp "$themes_jar" "$kc_home/providers/"
else
  say "note: $providers has no jars yet; Keycloak starts without the student-records extension"
fi

if [ "$production" = true ]; then
  run_production
  # One node stopping leaves the others serving; the run ends when every node has stopped (or on Ctrl-C).
  wait "${kc_pids[@]}" || true
  say "every Keycloak node has stopped; see $logs"
  exit 1
fi

# 6. Keycloak in development mode; its dev database lives in $kc_home/data, inside the data folder.
# Development mode turns Keycloak's theme caches off, for people editing themes; these themes come built in jars, so
# the caches are back on, as in production (each page would otherwise parse its templates and messages again).
# Health and metrics on the management port, as in production (Keycloak starts that port only for them).
kc_args=(start-dev
  --http-port="$port" --http-management-port="$management_port" --health-enabled=true --metrics-enabled=true
  --spi-theme--cache-themes=true --spi-theme--cache-templates=true --spi-theme--static-max-age=2592000
  --spi-student-records--default--connection-string="$connection"
  --spi-student-records--default--keys-dir="$data/keys"
  --spi-student-records--default--generate-keys=true
  --spi-student-records--default--index-dir="$data/search-index"
  --spi-student-records--default--audit-anchor-dir="$data/audit-anchors"
  --spi-student-records--default--audit-export-dir="$data/audit-exports")
if [ "$first_start" = true ]; then
  kc_args+=(--import-realm)
fi
say "starting Keycloak on http://localhost:$port (management $management_port; log: $logs/keycloak.log) ..."
started=$(date +%s)
# The HTTP layer refuses bodies over 10 MiB by default, with an empty 413, before the API sees them. Keycloak has no
# option for the limit; Quarkus reads it from the environment. Twice the API's own cap (16 MiB, an import file or a
# grant's agreement), so that a larger body reaches the API and gets its too-large problem.
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=32M \
  "$kc_home/bin/kc.sh" "${kc_args[@]}" >"$logs/keycloak.log" 2>&1 &
kc_pid=$!
until curl -fsS -o /dev/null "http://localhost:$port/realms/campus/.well-known/openid-configuration" 2>/dev/null; do
  if ! kill -0 "$kc_pid" 2>/dev/null; then
    tail -n 40 "$logs/keycloak.log" >&2
    say "Keycloak stopped during start; see $logs/keycloak.log"
    exit 1
  fi
  sleep 2
done
if [ "$first_start" = true ]; then
  touch "$data/campus-imported"
  rm -f "$kc_home/data/import/campus-realm.json"
fi

cat <<EOF

Ready in $(( $(date +%s) - started )) s.

  Account console (students):  http://localhost:$port/realms/campus/account
  Admin console:               http://localhost:$port/admin          (admin / admin)
  Information management centre: http://localhost:$port/realms/campus/student-records/centre/
                               (dave.registrar, erin.registrar; sam.supervisor sees reports and the self-check)
  Student records API:         http://localhost:$port/realms/campus/student-records/me

  Demo logins (demo only: every password equals its username):
    alice.student, bob.student        students (classes science/physics/2024-1 and arts/history/2023-1)
    carol.teacher                     staff of alice's class
    dave.registrar, erin.registrar    the information management centre (records-admin)
    sam.supervisor                    supervision (audit, never record contents)

  A token for alice from a terminal: the device flow of the README ("Get a token"), signing in with a browser.

  Mail: nothing leaves this machine. What the product mails waits in the mail catcher until Ctrl-C:
    http://localhost:$mail_port/api/user/<address>/messages/   (the realm's SMTP: 127.0.0.1:$mail_smtp_port)

  Data: $data (record store, keys, Keycloak). Ctrl-C stops everything; the next start keeps the data.
EOF
wait "$kc_pid" || true
