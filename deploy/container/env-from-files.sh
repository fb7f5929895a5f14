#!/bin/bash
# Runs the command given (kc.sh) after turning every variable FILE__<NAME>=<path> into <NAME>=<the file's content,
# without its final newline>. Compose hands secrets over as files, while Keycloak and Quarkus read their options from
# the environment. (A prefix of its own, because Keycloak has options that end in -file, such as
# KC_HTTPS_CERTIFICATE_FILE, that name a file and must stay as they are.) Kubernetes needs none of this (env from a
# secretKeyRef); without such variables nothing changes.
set -euo pipefail
for name in $(compgen -e); do
  case "$name" in
    FILE__?*)
      file="${!name}"
      [ -r "$file" ] || { echo "env-from-files: $name names $file, which cannot be read" >&2; exit 1; }
      export "${name#FILE__}=$(cat "$file")"
      unset "$name"
      ;;
  esac
done
exec "$@"
