#!/usr/bin/env bash
# Runs the teacher app: http://localhost:8090/ against deploy/run.sh's Keycloak (realm campus, client teacher-app).
# Sign in as carol.teacher / carol.teacher. Options go to server.mjs: --port, --keycloak, --realm, --client.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "run.sh: needs Node.js 20 (node)" >&2; exit 1; }
exec node server.mjs "$@"
