#!/usr/bin/env bash
# Builds everything and runs every test: unit tests (*Test) and integration tests (*IT) against real
# embedded-store processes, and browser tests of the account console in headless Chromium. Needs Java 17, Maven,
# Node.js and npm (the theme build); Java dependencies come from Maven Central, npm packages from the npm registry.
set -euo pipefail
cd "$(dirname "$0")"
# The browser tests drive Debian's chromium through its chromedriver (and photograph Chinese pages, hence the CJK
# fonts); CI runs this as root on a fresh machine.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list :lang=zh | grep -q .; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -q && apt-get install -y -q chromium chromium-driver fonts-noto-cjk
  else
    echo "test.sh: the browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver fonts-noto-cjk)" >&2
  fi
fi
# ClusterIT runs the product in production mode, which needs Debian's PostgreSQL (deploy/run.sh --production would
# install it too; installing it here keeps that out of the test's time).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
  else
    echo "test.sh: ClusterIT needs Debian's postgresql package (apt-get install postgresql)" >&2
  fi
fi
# Two modules at a time: the themes (npm) build beside the store's, which waits on its disk more than on the cores.
exec mvn -B -ntp -T 2 verify "$@"
