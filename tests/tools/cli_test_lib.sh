# SPDX-License-Identifier: Apache-2.0
# Helpers the `mote` CLI test scripts source (test_cli.sh, test_cli_*.sh).
# The sourcing script sets MOTE (the binary) and TMP (a scratch directory),
# or calls cli_test_init for both, and ends with finish.

PASSED=0
FAILED=0

pass() {
  PASSED=$((PASSED + 1))
  echo "ok   $1"
}

fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL $1"
  if [ -n "$2" ]; then
    echo "     $2"
  fi
}

# Runs "$MOTE $@" with stdout in $TMP/out and stderr in $TMP/err; sets RC.
mote() {
  "$MOTE" "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
}

# expect_rc NAME WANT: checks the last RC.
expect_rc() {
  if [ "$RC" -eq "$2" ]; then
    pass "$1"
  else
    fail "$1" "exit status $RC, expected $2; stderr: $(head -c 300 "$TMP/err")"
  fi
}

# expect_fail NAME TEXT...: the last command exited 1 with a single
# "mote: " line on stderr containing every TEXT.
expect_fail() {
  name=$1
  shift
  if [ "$RC" -ne 1 ]; then
    fail "$name" "exit status $RC, expected 1; stderr: $(head -c 300 "$TMP/err")"
    return
  fi
  if [ "$(wc -l <"$TMP/err" | tr -d ' ')" != 1 ] ||
     ! grep -q '^mote: ' "$TMP/err"; then
    fail "$name" "expected one 'mote: ' line on stderr, got: $(head -c 300 "$TMP/err")"
    return
  fi
  for text in "$@"; do
    if ! grep -qF -- "$text" "$TMP/err"; then
      fail "$name" "stderr lacks '$text': $(cat "$TMP/err")"
      return
    fi
  done
  pass "$name"
}

# expect_out NAME TEXT...: stdout of the last command contains every TEXT.
expect_out() {
  name=$1
  shift
  for text in "$@"; do
    if ! grep -qF -- "$text" "$TMP/out"; then
      fail "$name" "stdout lacks '$text'"
      return
    fi
  done
  pass "$name"
}

# skip NAME REASON: a check that cannot run here (missing shared models).
skip() {
  echo "skip $1 ($2)"
}

# expect_same NAME FILE_A FILE_B: the two files hold the same bytes.
expect_same() {
  if cmp -s "$2" "$3"; then
    pass "$1"
  else
    fail "$1" "$2 and $3 differ"
  fi
}

# finish: prints the counts and exits 1 when a check failed.
finish() {
  echo "$PASSED passed, $FAILED failed"
  if [ "$FAILED" -ne 0 ]; then
    exit 1
  fi
  exit 0
}

# cli_test_setup NAME "$@": cli_test_init without the fixtures: sets
# MOTE, REPO, SINE, MODELS and TMP; exits 77 (skipped) without python3.
cli_test_setup() {
  name=$1
  MOTE=$2
  REPO=$3
  if [ -z "$MOTE" ] || [ -z "$REPO" ]; then
    echo "usage: $name MOTE_BINARY REPO_DIR [MODELS_DIR]" >&2
    exit 2
  fi
  MODELS=${4:-${MOTE_MODELS_DIR:-$REPO/../shared/models}}
  SINE=$REPO/models/sine_int8.tflite
  if ! command -v python3 >/dev/null 2>&1; then
    echo "$name: python3 is needed to write the fixtures; skipped"
    exit 77
  fi
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/mote-$name.XXXXXX") || exit 1
  trap 'rm -rf "$TMP"' EXIT
  trap 'exit 1' INT TERM
}

# cli_test_init NAME "$@": for scripts run as NAME MOTE_BINARY REPO_DIR
# [MODELS_DIR]. Sets MOTE, REPO, SINE (models/sine_int8.tflite), MODELS
# (MODELS_DIR, else $MOTE_MODELS_DIR, else ../shared/models next to the
# repository; the caller skips what needs it when it is missing), TMP
# (removed on exit) and F, a directory of the fixtures cli_fixtures.py
# writes. Exits 77 (skipped) without python3, which writes them.
cli_test_init() {
  cli_test_setup "$@"
  F=$TMP/fixtures
  mkdir -p "$F"
  if [ -f "$MODELS/images/person.bmp" ]; then
    python3 "$SCRIPT_DIR/cli_fixtures.py" "$F" "$MODELS" || exit 1
  else
    python3 "$SCRIPT_DIR/cli_fixtures.py" "$F" || exit 1
  fi
}
