# SPDX-License-Identifier: Apache-2.0
# Helpers the `mote` CLI test scripts source (test_cli.sh, test_cli_run.sh).
# The sourcing script sets MOTE (the binary) and TMP (a scratch directory)
# and prints "$PASSED passed, $FAILED failed" at the end.

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
