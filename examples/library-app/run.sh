#!/usr/bin/env bash
# Checks a student number with the library's own token against deploy/run.sh's Keycloak (realm campus):
#   examples/library-app/run.sh S202400001
# Options go to library.mjs: --keycloak, --realm, --client. The secret defaults to the demo realm's.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "run.sh: needs Node.js 20 (node)" >&2; exit 1; }
export LIBRARY_APP_SECRET="${LIBRARY_APP_SECRET:-library-app-secret}"
exec node library.mjs "$@"
