#!/usr/bin/env bash
# Builds everything and runs every test: unit tests (*Test) and integration tests (*IT) against real
# embedded-store processes. Needs Java 17 and Maven; everything else comes from Maven Central.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
