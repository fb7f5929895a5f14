#!/usr/bin/env bash
# Creates the Kubernetes secrets of the deployment in namespace student-records from deploy/container/secrets/ (made
# by deploy/container/make-secrets.sh, or the same files from your own vault): passwords, the MongoDB key file, the
# record keys, the connection string of the record store (for the members of the StatefulSet mongodb), and the TLS
# certificate. Usage: create-secrets.sh [namespace]. Needs kubectl.
set -euo pipefail
namespace="${1:-student-records}"
dir="$(cd "$(dirname "$0")/../container/secrets" && pwd)"
k() { kubectl --namespace "$namespace" "$@"; }
app_password="$(cat "$dir/mongodb-app-password")"
k create secret generic keycloak-db --from-literal=username=keycloak --from-file=password="$dir/postgres-password"
k create secret generic keycloak-bootstrap-admin --from-literal=username=admin \
  --from-file=password="$dir/keycloak-admin-password"
k create secret generic mongodb-root --from-file=password="$dir/mongodb-root-password"
k create secret generic mongodb-app --from-file=password="$dir/mongodb-app-password"
k create secret generic mongodb-keyfile --from-file=keyfile="$dir/mongodb-keyfile"
k create secret generic student-records-mongodb --from-literal=connection-string="mongodb://student_records:${app_password}@mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0&w=majority&journal=true&readConcernLevel=majority"
k create secret generic student-records-keys --from-file="$dir/master.key" --from-file="$dir/blind-index.key" \
  --from-file="$dir/audit.key" --from-file="$dir/backup.key"
k create secret tls student-records-tls --cert="$dir/tls.crt" --key="$dir/tls.key"
