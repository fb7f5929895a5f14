#!/usr/bin/env bash
# Runs every benchmark of the repository (each *BenchmarkIT, skipped by the normal build unless -Dbenchmark=true), one
# at a time, then writes BENCHMARKS.md and its charts (benchmarks/charts/) from the results files they write.
#
#   benchmarks/run.sh                          every benchmark at its own sizes (hours on two cores), then the report
#   benchmarks/run.sh --only search            only benchmarks whose class, module or results file name contains "search"
#   benchmarks/run.sh --size small             smaller sizes for a quicker look (the results files then say so)
#   benchmarks/run.sh -Dbenchmark.rounds=3     any -D option is passed to every benchmark
#   benchmarks/run.sh --report-only            no benchmark: only BENCHMARKS.md from the results files as they are
#   benchmarks/run.sh --list | --dry-run       what would run, and how
#
# Benchmarks take /tmp/bench.lock, so that two never measure at once on one machine; those that start Keycloak also
# take /tmp/keycloak-it.lock, the lock the integration tests take (Keycloak's ports 8080/8443/9000 are fixed).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_LOCK=/tmp/bench.lock
KEYCLOAK_LOCK=/tmp/keycloak-it.lock

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

only=()
passed=()
maven=(-B -ntp)
list=false
dry=false
report_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || usage 2; IFS=, read -r -a names <<< "$2"; only+=("${names[@]}"); shift 2 ;;
    --only=*) IFS=, read -r -a names <<< "${1#--only=}"; only+=("${names[@]}"); shift ;;
    --size)
      [ $# -ge 2 ] || usage 2
      case "$2" in
        full) ;;
        small) passed+=(-Dbenchmark.students=100000 -Dbenchmark.entries=100000 -Dbenchmark.appended=10000
                        -Dbenchmark.epoch=25000 -Dbenchmark.records=5000 -Dbenchmark.iterations=5000
                        -Dbenchmark.rounds=3 -Dbenchmark.repetitions=3) ;;
        *) echo "run.sh: --size is small or full" >&2; exit 2 ;;
      esac
      shift 2 ;;
    --offline) maven+=(-o); shift ;;
    --list) list=true; shift ;;
    --dry-run) dry=true; shift ;;
    --report-only) report_only=true; shift ;;
    -D*) passed+=("$1"); shift ;;
    -h|--help) usage ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done

# Every benchmark: module folder, class name, whether it starts Keycloak.
benchmarks=()
while IFS= read -r source; do
  module=${source%%/src/test/java/*}
  class=$(basename "$source" .java)
  results=$(grep -ohE '"benchmarks/[^"]+\.md"' "$source" | head -n 1 | tr -d '"' || true)
  keycloak=no
  if grep -q '@KeycloakIntegrationTest' "$source"; then keycloak=yes; fi
  if [ ${#only[@]} -gt 0 ]; then
    wanted=false
    for name in "${only[@]}"; do
      needle=$(printf %s "$name" | tr '[:upper:]' '[:lower:]')
      haystack=$(printf '%s %s %s' "$class" "$module" "$results" | tr '[:upper:]' '[:lower:]')
      case "$haystack" in *"$needle"*) wanted=true ;; esac
    done
    $wanted || continue
  fi
  benchmarks+=("$module|$class|$keycloak|$results")
done < <(find . -path '*/src/test/java/*' -name '*BenchmarkIT.java' -not -path '*/target/*' \
           -not -path '*/node_modules/*' | sed 's|^\./||' | sort)

if $list; then
  for b in "${benchmarks[@]}"; do
    IFS='|' read -r module class keycloak results <<< "$b"
    printf '%-40s %-24s Keycloak: %-3s results: %s\n' "$class" "$module" "$keycloak" "${results:+$module/$results}"
  done
  exit 0
fi

run() {
  if $dry; then
    printf '%q ' "$@"; echo
  else
    "$@"
  fi
}

failed=()
if ! $report_only; then
  if [ ${#benchmarks[@]} -eq 0 ]; then
    echo "run.sh: no benchmark matches ${only[*]}" >&2
    exit 2
  fi
  for b in "${benchmarks[@]}"; do
    IFS='|' read -r module class keycloak results <<< "$b"
    locks=(flock "$BENCH_LOCK")
    if [ "$keycloak" = yes ]; then locks+=(flock "$KEYCLOAK_LOCK"); fi
    echo "== $class ($module) $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    $dry || rm -rf "$module/target/failsafe-reports"
    if ! run "${locks[@]}" mvn "${maven[@]}" -pl "$module" -am verify -Dbenchmark=true "-Dit.test=$class" \
        '-Dtest=None*' -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
        ${passed[@]+"${passed[@]}"}; then
      failed+=("$class")
      echo "run.sh: $class failed; its results file is left as it was" >&2
    fi
  done
fi

echo "== BENCHMARKS.md"
run mvn "${maven[@]}" -q -pl benchmarks/report package -DskipTests
run java -Djava.awt.headless=true -cp "benchmarks/report/target/classes:benchmarks/report/target/lib/*" \
  edu.studentrecords.benchmarks.report.BenchmarkReport .
$dry || echo "Wrote BENCHMARKS.md and benchmarks/charts/"

if [ ${#failed[@]} -gt 0 ]; then
  echo "run.sh: failed: ${failed[*]}" >&2
  exit 1
fi
