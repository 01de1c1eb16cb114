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

# bad WS RC WHAT ARGS...: a refused command: its exit code, nothing on stdout,
# a "riskmap: " message, and the workspace exactly as it was.
bad() {
  local ws=$1 want=$2 what=$3 before
  shift 3
  before=$(snapshot "$ws")
  run -w "$ws" "$@"
  expect_rc "$want" "$what:"
  expect_no_out "$what: stdout"
  expect_err "riskmap: " "$what: message prefix"
  expect_unchanged "$ws" "$before" "$what:"
}

finish() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}

# --- More helpers (added with the e2e suites; the ones above are unchanged) ---

# expect_eq ACTUAL EXPECTED [WHAT]: a value the test computed is as expected.
expect_eq() { checks=$((checks + 1)); [ "$1" = "$2" ] || fail "${3:-} got '$1', expected '$2'"; }
# expect_out_lacks TEXT / expect_err_lacks TEXT: the text does not appear.
expect_out_lacks() { checks=$((checks + 1)); ! grep -qF -- "$1" <<<"$out" || fail "${2:-} stdout should not contain: $1"; }
expect_err_lacks() { checks=$((checks + 1)); ! grep -qF -- "$1" <<<"$err" || fail "${2:-} stderr should not contain: $1"; }
# expect_err_re REGEX: stderr matches an extended regular expression.
expect_err_re() { checks=$((checks + 1)); grep -qE -- "$1" <<<"$err" || fail "${2:-} stderr does not match: $1"; }
expect_out_re() { checks=$((checks + 1)); grep -qE -- "$1" <<<"$out" || fail "${2:-} stdout does not match: $1"; }
# A Python evaluator kept running for the whole script (starting python3 costs
# far more than any riskmap command), fed one request per line: EXPR, a tab,
# a file. The file is parsed as TOML if its name ends with .toml, else as
# JSON, and bound to d (and t); the answer ends with a NUL byte.
coproc _PYEVAL {
  exec python3 -u -c '
import json, sys, tomllib
for line in sys.stdin:
    expr, path = line.rstrip("\n").split("\t", 1)
    try:
        if path.endswith(".toml"):
            with open(path, "rb") as f:
                d = t = tomllib.load(f)
        else:
            with open(path, encoding="utf-8") as f:
                d = t = json.load(f)
        r = eval(expr)
        s = r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
    except Exception as e:
        s = "\x01error: %s: %s" % (type(e).__name__, e)
    sys.stdout.write(s + "\0")
    sys.stdout.flush()
'
}
# (A bare `wait` would wait for it too: wait for your own jobs by PID.)
# Plain copies of the coprocess's pipes, which, unlike its own, command
# substitutions keep.
exec {_py_in}>&"${_PYEVAL[1]}" {_py_out}<&"${_PYEVAL[0]}"
# py_eval EXPR FILE: prints EXPR evaluated over the parsed FILE (bound to d
# and t): a string bare, anything else as JSON; on an error, a line that
# starts with \x01error.
py_eval() {
  local answer
  printf '%s\t%s\n' "${1//$'\n'/ }" "$2" >&"$_py_in"
  IFS= read -r -d '' answer <&"$_py_out"
  printf '%s\n' "$answer"
}
# json EXPR: EXPR evaluated over the JSON document in $out (bound to d).
json() {
  printf '%s' "$out" >"$TMP/.json"
  py_eval "$1" "$TMP/.json"
}
# expect_json: stdout is one valid JSON document.
expect_json() {
  checks=$((checks + 1))
  [ "$(json 1)" = 1 ] || fail "${1:-} stdout is not valid JSON"
}
# journal_count WS: rows in the workspace's change journal.
journal_count() { sqlite3 "$1/riskmap.db" 'select count(*) from journal'; }
# data_dump WS: the data tables (every table but the journal, the method in
# force and the rating bounds derived from the data), as sqlite3 dumps them.
data_dump() {
  local t
  for t in $(sqlite3 "$1/riskmap.db" "select name from sqlite_master where type = 'table'
             and name not in ('journal', 'journal_change', 'setting', 'rating_bounds', 'tree_state') and name not like 'sqlite_%'
             order by name"); do
    sqlite3 "$1/riskmap.db" ".dump $t"
  done
}
# file_sum FILE...: a digest of the files' bytes, to show they did not change.
file_sum() { cat -- "$@" | sha256sum; }
# traced ARGS...: strace ARGS... (fault injection). LeakSanitizer cannot run
# under ptrace: a sanitized build checks for leaks everywhere but there.
traced() { ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" strace "$@"; }
