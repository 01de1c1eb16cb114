#!/usr/bin/env bash
# Shell completion: the scripts riskmap prints are accepted by their shells;
# the bash one completes commands, options, their values and the refs of the
# workspace in use; completing never prints an error nor changes anything;
# `cmake --install` puts the scripts and the man pages where shells and man
# look for them.
. "$SOURCE_DIR/tests/e2e/lib.sh"

check() { checks=$((checks + 1)); }

# --- the scripts ---------------------------------------------------------------
for shell in bash zsh fish; do
  run completion "$shell"
  expect_rc 0 "completion $shell:"
  expect_no_err "completion $shell"
  printf '%s\n' "$out" >"$TMP/script.$shell"
  if command -v "$shell" >/dev/null; then
    check
    "$shell" -n "$TMP/script.$shell" 2>"$TMP/.syntax" ||
      fail "$shell -n rejects the script: $(cat "$TMP/.syntax")"
  else
    echo "skipped: $shell is not installed, so its script is not checked by $shell -n"
  fi
done
expect_out "complete -c riskmap" "the fish script registers itself"

run completion tcsh
expect_rc 2 "completion tcsh:"
expect_no_out "completion tcsh"
expect_err "riskmap: completion: 'tcsh' is not a shell riskmap completes"
expect_err "allowed: 'bash', 'fish', 'zsh'"
run completion
expect_rc 2 "completion without a shell:"

run --help
check
! grep -q "__complete" <<<"$out" || fail "--help names the hidden command"
run nonsense
check
! grep -q "__complete" <<<"$err" || fail "the unknown-command message names the hidden command"

# --- bash completes ------------------------------------------------------------
# completes WORD...: what the bash script offers for the last word (""
# starts a new word), one a line, as bash would insert it. The words are as
# bash splits them: --format=j is "--format" "=" "j".
completes() {
  out=$(bash -c '
    source "$1"
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    _riskmap
    [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' bash "$TMP/script.bash" \
    "$RISKMAP" "$@" 2>"$TMP/.err")
  err=$(cat "$TMP/.err")
  rc=0
}
offers() {  # offers LIST WORD...: exactly these suggestions, in this order
  local want=$1
  shift
  completes "$@"
  check
  [ "$out" = "$want" ] || fail "riskmap $* <TAB> offers [$(tr '\n' ' ' <<<"$out")], not [$(tr '\n' ' ' <<<"$want")]"
  expect_no_err "riskmap $* <TAB>"
}
offers_all() {  # offers_all "A B" WORD...: at least these
  local item
  local wanted=$1
  shift
  completes "$@"
  for item in $wanted; do
    check
    grep -qxF -- "$item" <<<"$out" || fail "riskmap $* <TAB> does not offer $item: [$(tr '\n' ' ' <<<"$out")]"
  done
}

cd "$TMP" || exit 1
offers "scenario" sce
offers "scenario
stakeholder
strategic
step
soa
snapshot" s
offers_all "add list show set rm accept" scenario ""
offers_all "init scenario export completion" ""
offers "--format" --for
offers "table
csv
json" --format ""
offers "json" --format = j
offers "fr
en" scenario list --lang ""
offers_all "assets scenarios feared-events" import risques.csv --kind ""
offers_all "all" export --kind ""
offers "update" import x.csv --on-conflict u
offers "bash
fish
zsh" completion ""
offers "info
low
medium
high" review --fail-on ""
offers "" scenario show ""  # no workspace here: no refs, and no error either
offers "ciso-assistant
registre-fr" mapping show ""
offers "ciso-assistant" import export.csv --map c
offers_all "list show" mapping ""

# --- values from the workspace -------------------------------------------------
run init mission --lang en
expect_rc 0 "init:"
for asset in A1 A2; do run -w mission asset add "$asset" --name "Asset $asset"; done
run -w mission scenario add R1 --title "Data leak via the portal" --asset A1
run -w mission scenario add R2 --title "Ransomware"
run -w mission scenario add R10 --title "Fraud"
expect_rc 0 "scenario add R10:"
touch data.csv
before=$(snapshot mission)
files_before=$(ls -A mission)

offers "R1
R2
R10" -w mission scenario show ""
offers "R1
R10" -w mission scenario set R1
offers "R1
R2
R10" --workspace = mission scenario rm ""
offers "R1
R2
R10" -w mission scenario edit ""
offers "A1
A2" -w mission scenario add --asset ""
offers "A1,A2" -w mission scenario set R1 --add-asset A1,
offers "V1
V2
V3
V4" -w mission scenario add --likelihood ""
offers "Very\\ likely" -w mission scenario set R1 --residual-likelihood very
offers "Très\\ vraisemblable" -w mission scenario set R1 --likelihood tr
offers "G1
G2
G3
G4" -w mission scenario set R1 --impact ""
offers "low
medium
high" -w mission scenario list --min-level ""
offers "mitigate" -w mission scenario set R1 --treatment mi
offers_all "application server database" -w mission asset add --kind ""
offers "R1
R2
R10" -w mission log R
completes -w mission scenario add ""
check
! grep -qx R1 <<<"$out" || fail "add offers existing refs for the new record's: $out"
offers_all "--title --likelihood" -w mission scenario add ""
offers_all "data.csv mission" import ""
offers "mission" -w m

cd mission || exit 1
offers "R1
R2
R10" scenario show ""  # the workspace commands find from here
cd "$TMP" || exit 1
export RISKMAP_WORKSPACE=$TMP/mission
offers "A1
A2" asset show ""
unset RISKMAP_WORKSPACE

check
[ "$(snapshot mission)" = "$before" ] || fail "completing changed the database"
check
[ "$(ls -A mission)" = "$files_before" ] || fail "completing left files: $(ls -A mission)"

# A workspace riskmap would refuse, or none at all: nothing offered, nothing said.
cp -r mission damaged
echo "[method" >>damaged/riskmap.toml
offers "" -w damaged scenario add --likelihood ""
echo "not a database" >damaged/riskmap.db
offers "" -w damaged scenario show ""
run __complete -- -w nowhere scenario show ""
expect_rc 0 "__complete with no workspace:"
expect_out_exact "words" "__complete with no workspace:"
expect_no_err "__complete with no workspace"

# --- zsh and fish hand the words over and show the descriptions ----------------
if command -v zsh >/dev/null; then
  out=$(cd "$TMP" && zsh -fc '
    compdef() { :; }
    source "$1"
    _describe() { print -rl -- "${(@P)4}"; }
    compset() { :; }
    words=("$2" -w mission scenario show "")
    CURRENT=6
    _riskmap' zsh "$TMP/script.zsh" "$RISKMAP" 2>&1)
  check
  [ "$out" = $'R1:Data leak via the portal\nR2:Ransomware\nR10:Fraud' ] ||
    fail "the zsh script offers [$out]"
  out=$(zsh -fc 'autoload -U compinit && compinit -u -d "$1/.zcompdump" && source "$2" &&
    print -r -- ${_comps[riskmap]}' zsh "$TMP" "$TMP/script.zsh" 2>&1)
  check
  [ "$out" = "_riskmap" ] || fail "sourced after compinit, the zsh script does not register: $out"
else
  echo "skipped: zsh is not installed, so the zsh script is not run"
fi
if command -v fish >/dev/null; then
  mkdir -p bin && ln -sf "$RISKMAP" bin/riskmap
  out=$(cd "$TMP" && PATH="$TMP/bin:$PATH" fish --no-config -c '
    source $argv[1]
    complete -C "riskmap sce"
    complete -C "riskmap -w mission scenario show R1"
    complete -C "riskmap --lang=e"' "$TMP/script.fish" 2>&1)
  check
  [ "$out" = $'scenario\tRisk scenarios, rated at the inherent, current and residual stages\nR1\tData leak via the portal\nR10\tFraud\n--lang=en' ] ||
    fail "the fish script offers [$out]"
else
  echo "skipped: fish is not installed, so the fish script is not run"
fi

# --- cmake --install -----------------------------------------------------------
build=$(dirname "$RISKMAP")
while [ "$build" != / ] && [ ! -f "$build/CMakeCache.txt" ]; do build=$(dirname "$build"); done
if [ -f "$build/CMakeCache.txt" ] && command -v cmake >/dev/null; then
  DESTDIR="$TMP/root" cmake --install "$build" --prefix /usr >/dev/null
  share=$TMP/root/usr/share
  for installed in bash:bash-completion/completions/riskmap zsh:zsh/vendor-completions/_riskmap \
    fish:fish/vendor_completions.d/riskmap.fish; do
    check
    cmp -s "$share/${installed#*:}" <("$RISKMAP" completion "${installed%%:*}") ||
      fail "share/${installed#*:} is not what riskmap completion ${installed%%:*} prints"
  done
  for page in man1/riskmap.1 man1/riskmap-mapping.1 man5/riskmap.toml.5; do
    check
    cmp -s <(gzip -dc "$share/man/$page.gz") "$SOURCE_DIR/man/${page#*/}" ||
      fail "share/man/$page.gz is not man/${page#*/} gzipped"
  done
  check
  [ -x "$TMP/root/usr/bin/riskmap" ] || fail "cmake --install puts no bin/riskmap"
else
  echo "skipped: no build folder above $RISKMAP to install from"
fi

finish
