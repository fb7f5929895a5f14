# Production mode of deploy/run.sh (sourced by it; not run on its own): Keycloak built and started the way a school
# runs it, on PostgreSQL, over HTTPS only, with health and metrics on the management port, one or more clustered
# nodes, secrets in owner-only files, and no default password.
#
# Uses from run.sh: root, data, logs, kc_home, port, store_port, connection, nodes, demo, db_port, hostname_url,
# management_port, say, demo_campus, first_start, providers, themes_jar, kc_pids (an array this file fills).

pg_bin=""
pg_data=""
pg_socket=""

# The PostgreSQL binaries of Debian's package, installed when missing (as root: apt, as CI does for chromium).
find_postgres() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      say "installing PostgreSQL (Debian's postgresql package) ..."
      { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; } >"$logs/apt.log" 2>&1 \
        || { tail -n 20 "$logs/apt.log" >&2; say "installing PostgreSQL failed; see $logs/apt.log"; exit 1; }
      pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    else
      say "production mode needs PostgreSQL: apt-get install postgresql (as root), then run this again"
      exit 1
    fi
  fi
}

# PostgreSQL refuses to run as root; as root, its files belong to the package's own "postgres" user.
as_db_owner() {
  # From /, which every user may enter (the caller's folder may be closed to the database's user).
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Keycloak's database: a PostgreSQL cluster of its own in the data folder, on 127.0.0.1 only, local connections by
# the operating-system user that owns it, Keycloak's by password (scram-sha-256).
start_postgres() {
  find_postgres
  pg_data="$data/postgres"
  pg_socket="$pg_data/run"
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    say "creating Keycloak's PostgreSQL database in $pg_data ..."
    mkdir -p "$pg_data"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres: "$pg_data"
      # The database's own user must reach its folder; it sees nothing else of the data folder.
      chmod 711 "$data"
      if ! runuser -u postgres -- test -x "$pg_data"; then
        say "PostgreSQL's user cannot reach $pg_data (a parent folder is closed to it); choose --data elsewhere, e.g. /srv/student-records"
        exit 1
      fi
    fi
    as_db_owner "$pg_bin/initdb" -D "$pg_data" -E UTF8 --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 \
      >"$logs/initdb.log" 2>&1 || { tail -n 20 "$logs/initdb.log" >&2; say "initdb failed; see $logs/initdb.log"; exit 1; }
    as_db_owner mkdir -p "$pg_socket"
  fi
  say "starting PostgreSQL on 127.0.0.1:$db_port ..."
  as_db_owner "$pg_bin/pg_ctl" -D "$pg_data" -w -t 60 -l "$pg_data/postgres.log" \
    -o "-p $db_port -k $pg_socket -c listen_addresses=127.0.0.1" start >/dev/null \
    || { tail -n 20 "$pg_data/postgres.log" >&2; say "PostgreSQL did not start; see $pg_data/postgres.log"; exit 1; }
  pg_started=true
  if [ ! -s "$secrets/db-password" ]; then
    new_secret >"$secrets/db-password"
    local password
    password="$(cat "$secrets/db-password")"
    as_db_owner "$pg_bin/psql" -q -v ON_ERROR_STOP=1 -h "$pg_socket" -p "$db_port" -d postgres \
      -c "create role keycloak login password '$password'" -c "create database keycloak owner keycloak" \
      >"$logs/db-setup.log" 2>&1 || { cat "$logs/db-setup.log" >&2; say "creating Keycloak's database failed"; exit 1; }
  fi
}

stop_postgres() {
  if [ "${pg_started:-false}" = true ]; then
    say "stopping PostgreSQL ..."
    as_db_owner "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

new_secret() {
  head -c 24 /dev/urandom | base64 | tr -d '/+=\n'
}

# A certificate for the hostname on first start (self-signed: replace both files with the school's own).
make_certificate() {
  tls="$data/tls"
  mkdir -p "$tls"
  if [ ! -s "$tls/server.crt" ] || [ ! -s "$tls/server.key" ]; then
    local host
    host="$(printf '%s' "$hostname_url" | sed -E 's#^https://##; s#[:/].*$##')"
    say "generating a self-signed certificate for $host in $tls ..."
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$host" \
      -addext "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1" \
      -keyout "$tls/server.key" -out "$tls/server.crt" >"$logs/openssl.log" 2>&1 \
      || { cat "$logs/openssl.log" >&2; say "generating the certificate failed"; exit 1; }
  fi
}

# The secrets Keycloak reads at start, in an owner-only file named on the command line (never in the process list or
# the environment): the database password and the record store's connection string (which may carry credentials).
write_keycloak_secrets() {
  local conf="$secrets/keycloak.conf"
  {
    printf 'db-password=%s\n' "$(cat "$secrets/db-password")"
    printf 'spi-student-records--default--connection-string=%s\n' "$connection"
  } >"$conf"
  chmod 600 "$conf"
}

run_production() {
  secrets="$data/secrets"
  mkdir -p "$secrets"
  chmod 700 "$secrets"
  start_postgres
  make_certificate
  write_keycloak_secrets

  say "building Keycloak for production (PostgreSQL, health, metrics) ..."
  "$kc_home/bin/kc.sh" build --db=postgres --health-enabled=true --metrics-enabled=true >"$logs/kc-build.log" 2>&1 \
    || { tail -n 40 "$logs/kc-build.log" >&2; say "kc.sh build failed; see $logs/kc-build.log"; exit 1; }

  local first_admin=""
  if [ ! -f "$data/admin-created" ]; then
    first_admin="$(new_secret)"
  fi
  local started
  started=$(date +%s)
  local n
  for n in $(seq 1 "$nodes"); do
    local node_dir="$data/node-$n"
    mkdir -p "$node_dir/tmp" "$node_dir/transaction-logs"
    local https_port=$((port + n - 1))
    local mgmt_port=$((management_port + n - 1))
    local args=(--config-file="$secrets/keycloak.conf" start --optimized
      --https-port="$https_port" --http-enabled=false --http-management-port="$mgmt_port"
      --https-certificate-file="$tls/server.crt" --https-certificate-key-file="$tls/server.key"
      --hostname="$hostname_url"
      --db-url="jdbc:postgresql://127.0.0.1:$db_port/keycloak" --db-username=keycloak
      --spi-student-records--default--keys-dir="$data/keys"
      --spi-student-records--default--generate-keys=true
      --spi-student-records--default--index-dir="$node_dir/search-index"
      --spi-student-records--default--backup-dir="$data/backups"
      --spi-student-records--default--audit-anchor-dir="$node_dir/audit-anchors"
      --spi-student-records--default--audit-export-dir="$data/audit-exports")
    if [ "$n" = 1 ] && [ "$first_start" = true ] && [ "$demo" = true ]; then
      args+=(--import-realm)
    fi
    say "starting Keycloak node $n on https://localhost:$https_port (management $mgmt_port; log: $logs/keycloak-$n.log) ..."
    # Every node binds JGroups to the loopback interface and finds the others through the shared database (Keycloak's
    # default jdbc-ping discovery); each keeps its temporary files and transaction log apart.
    (
      if [ -n "$first_admin" ] && [ "$n" = 1 ]; then
        export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$first_admin"
      fi
      export JAVA_OPTS_APPEND="-Djgroups.bind.address=127.0.0.1 -Djava.io.tmpdir=$node_dir/tmp"
      export QUARKUS_TRANSACTION_MANAGER_OBJECT_STORE_DIRECTORY="$node_dir/transaction-logs"
      export QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=32M
      exec "$kc_home/bin/kc.sh" "${args[@]}"
    ) >"$logs/keycloak-$n.log" 2>&1 &
    kc_pids+=($!)
    # Node 1 creates the schema (and imports the demo realm) before the next node starts.
    wait_until_ready "$n" "$https_port" "$mgmt_port"
  done
  if [ -n "$first_admin" ]; then
    touch "$data/admin-created"
  fi
  if [ "$first_start" = true ] && [ "$demo" = true ]; then
    touch "$data/campus-imported"
    rm -f "$kc_home/data/import/campus-realm.json"
  fi
  print_production_summary "$started" "$first_admin"
}

wait_until_ready() {
  local n="$1" https_port="$2" mgmt_port="$3"
  local pid="${kc_pids[$((n - 1))]}"
  until curl -fsS -o /dev/null --cacert "$tls/server.crt" "https://localhost:$mgmt_port/health/ready" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$logs/keycloak-$n.log" >&2
      say "Keycloak node $n stopped during start; see $logs/keycloak-$n.log"
      exit 1
    fi
    sleep 2
  done
}

print_production_summary() {
  local started="$1" first_admin="$2"
  echo
  echo "Ready in $(( $(date +%s) - started )) s (production mode, $nodes node(s), PostgreSQL on 127.0.0.1:$db_port)."
  echo
  local n
  for n in $(seq 1 "$nodes"); do
    echo "  Node $n: https://localhost:$((port + n - 1))   health and metrics: https://localhost:$((management_port + n - 1))/health, /metrics   (pid ${kc_pids[$((n - 1))]})"
  done
  echo "  Hostname (the URL in tokens and links): $hostname_url"
  echo "  Certificate: $data/tls/server.crt (self-signed; replace server.crt and server.key with the school's own)"
  if [ -n "$first_admin" ]; then
    echo
    echo "  The first administrator of the master realm, shown this once and kept nowhere:"
    echo "    username: admin"
    echo "    password: $first_admin"
    echo "  Sign in at $hostname_url/admin, create a permanent administrator and delete this one."
  fi
  if [ "$demo" = true ]; then
    echo
    echo "  Demo realm: $hostname_url/realms/campus/account (demo logins as in development mode)"
  fi
  echo
  echo "  Data: $data (PostgreSQL, record store, keys, secrets, certificate). Ctrl-C stops everything."
}
