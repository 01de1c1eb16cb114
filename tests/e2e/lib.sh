# Shared helpers of the end-to-end tests. Each test script sources this file,
# runs the real binary ($RISKMAP) in a throwaway folder, and calls `finish`.
set -u
: "${RISKMAP:?RISKMAP must name the riskmap binary}"
: "${SOURCE_DIR:?SOURCE_DIR must name the source tree}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
failures=0
checks=0

# run ARGS...: runs riskmap, keeping the exit code in $rc, stdout in $out
# and stderr in $err.
run() {
  "$RISKMAP" "$@" >"$TMP/.out" 2>"$TMP/.err"
  rc=$?
  out=$(cat "$TMP/.out")
  err=$(cat "$TMP/.err")
}

fail() {
  failures=$((failures + 1))
  echo "FAIL: $*" >&2
  echo "  command exit code: ${rc:-}" >&2
  echo "  stdout: ${out:-}" | head -c 2000 >&2
  echo "  stderr: ${err:-}" | head -c 2000 >&2
}

expect_rc() { checks=$((checks + 1)); [ "$rc" -eq "$1" ] || fail "${2:-} expected exit code $1, got $rc"; }
expect_out() { checks=$((checks + 1)); grep -qF -- "$1" <<<"$out" || fail "${2:-} stdout lacks: $1"; }
expect_out_exact() { checks=$((checks + 1)); [ "$out" = "$1" ] || fail "${2:-} stdout is not exactly: $1"; }
expect_no_out() { checks=$((checks + 1)); [ -z "$out" ] || fail "${1:-} stdout should be empty"; }
expect_err() { checks=$((checks + 1)); grep -qF -- "$1" <<<"$err" || fail "${2:-} stderr lacks: $1"; }
expect_no_err() { checks=$((checks + 1)); [ -z "$err" ] || fail "${1:-} stderr should be empty"; }

# snapshot WS: the whole content of a workspace's database, as sqlite3 dumps it.
snapshot() { sqlite3 "$1/riskmap.db" .dump; }
# unchanged WS BEFORE: the workspace still dumps as BEFORE.
expect_unchanged() {
  checks=$((checks + 1))
  [ "$(snapshot "$1")" = "$2" ] || fail "${3:-} workspace $1 changed"
}

finish() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
