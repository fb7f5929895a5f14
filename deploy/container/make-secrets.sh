#!/usr/bin/env bash
# Creates deploy/container/secrets/ for compose.yaml: random passwords, the MongoDB members' key file, the record
# store's keys (32 random bytes in base64 each), the connection string of the record store, and a self-signed TLS
# certificate for localhost (replace tls.crt and tls.key with your own). Refuses to overwrite an existing folder: the
# record keys must never change once records are encrypted with them. Needs openssl.
set -euo pipefail
umask 077
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
hostname="${1:-localhost}"
[ ! -e "$dir" ] || { echo "make-secrets: $dir exists; not overwritten" >&2; exit 1; }
mkdir -p "$dir"
password() { openssl rand -hex 24; }
password > "$dir/postgres-password"
password > "$dir/keycloak-admin-password"
password > "$dir/mongodb-root-password"
password > "$dir/mongodb-app-password"
openssl rand -base64 756 > "$dir/mongodb-keyfile"
for key in master blind-index audit backup; do
  openssl rand -base64 32 > "$dir/$key.key"
done
printf 'mongodb://student_records:%s@mongo1:27017,mongo2:27017,mongo3:27017/?authSource=admin&replicaSet=rs0&w=majority&journal=true&readConcernLevel=majority\n' \
  "$(cat "$dir/mongodb-app-password")" > "$dir/records-connection-string"
openssl req -x509 -newkey rsa:3072 -nodes -days 365 -subj "/CN=$hostname" -addext "subjectAltName=DNS:$hostname" \
  -keyout "$dir/tls.key" -out "$dir/tls.crt" 2>/dev/null
# The containers run as other users (Keycloak as 1000, PostgreSQL and MongoDB as their own) and read these files
# through bind mounts: readable inside, while the folder itself stays closed to other users of this host.
chmod 0444 "$dir"/*
chmod 0700 "$dir"
echo "secrets written to $dir (keep it out of version control; back up the *.key files apart from the database)"
