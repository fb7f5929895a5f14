#!/usr/bin/env bash
# Runs the product locally: builds what is needed, then starts the embedded record store.
# Options: --port N (store port, default 27017), --data DIR (default ./data), --reset (wipe DIR first).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port=27017
data="$root/data"
reset=false
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --reset) reset=true; shift ;;
    -h|--help) sed -n '2,3p' "$0" | sed 's/^# //'; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
if [ "$reset" = true ]; then
  rm -rf "$data"
fi
mkdir -p "$data"
jar="$root/deploy/embedded-store/target/embedded-store-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -ntp install -DskipTests)
fi
echo "Record store data: $data/store"
exec java -jar "$jar" --port "$port" --data "$data/store"
