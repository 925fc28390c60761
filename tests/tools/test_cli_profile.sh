#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `mote profile`, end to end: the table, --csv, --repeat, inputs, and the
# usage and failure paths. Times vary from run to run, so the checks hold
# the structure (every operator once, in order, with its MACs; shares
# adding up to 100) rather than the figures.
#
# usage: test_cli_profile.sh MOTE_BINARY REPO_DIR [MODELS_DIR]
#   Uses models/sine_int8.tflite from REPO_DIR; with MODELS_DIR (default
#   $MOTE_MODELS_DIR, then ../shared/models) also person_detect, whose
#   MACs must add up to what `mote inspect` reports. Needs python3 (exit
#   77, skipped, without it).

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/cli_test_lib.sh"
cli_test_init test_cli_profile "$@"

# check_csv NAME OPS MACS: the last stdout is a CSV of OPS operators whose
# MACs add up to MACS and whose shares add up to 100.
check_csv() {
  if python3 - "$TMP/out" "$2" "$3" 2>"$TMP/py" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert rows[0] == ["op", "name", "time_us", "share_pct", "macs"], rows[0]
body = rows[1:]
assert [int(r[0]) for r in body] == list(range(int(sys.argv[2]))), body
assert all(float(r[2]) >= 0 for r in body), body
assert abs(sum(float(r[3]) for r in body) - 100) < 0.1, body
assert sum(int(r[4]) for r in body) == int(sys.argv[3]), body
PY
  then
    pass "$1"
  else
    fail "$1" "$(tail -n 1 "$TMP/py")"
  fi
}

mote profile --help
expect_rc "profile --help exits 0" 0
expect_out "profile --help documents the options" "--csv" "--repeat N" \
  "median" "--random SEED"

mote profile "$SINE" --repeat 3
expect_rc "profile exits 0" 0
expect_out "profile prints every operator with its MACs" \
  "median of 3 invokes after 1 warm-up" "0  FULLY_CONNECTED" \
  "1  FULLY_CONNECTED" "2  FULLY_CONNECTED" "sum of operators" \
  "invoke (median)" "by operator type:"
if grep -q ' 256$' "$TMP/out" && grep -q ' 288$' "$TMP/out"; then
  pass "profile shows op 1's 256 MACs and the 288 in total"
else
  fail "profile shows op 1's 256 MACs and the 288 in total" "$(cat "$TMP/out")"
fi

mote profile "$SINE" --csv --repeat 2
expect_rc "profile --csv exits 0" 0
check_csv "profile --csv: one row per op, shares add to 100, MACs 288" 3 288

mote profile "$SINE" --csv --input "$F/f32.npy"
expect_rc "profile takes --input as run does" 0
mote profile "$SINE" --input "$F/shape.npy"
expect_fail "profile reports a wrong input like run" "shape.npy" "[2, 3]"
mote profile "$SINE" --repeat 0
expect_rc "profile --repeat 0 exits 2" 2
mote profile "$SINE" --repeat many
expect_rc "profile --repeat many exits 2" 2
mote profile
expect_rc "profile without MODEL exits 2" 2
mote profile "$SINE" --bogus
expect_rc "profile with an unknown option exits 2" 2
mote profile "$TMP/none.tflite"
expect_fail "profile of a missing model names it" "none.tflite"
mote profile "$SINE" --arena-bytes 64
expect_fail "profile in a 64-byte arena says so" "arena"

if [ -f "$MODELS/person_detect.tflite" ]; then
  mote inspect --json "$MODELS/person_detect.tflite"
  MACS=$(sed -n 's/^  "macs": \([0-9]*\),*$/\1/p' "$TMP/out")
  mote profile "$MODELS/person_detect.tflite" --csv --repeat 2
  expect_rc "profile person_detect exits 0" 0
  check_csv "profile person_detect: 31 ops, MACs as inspect says ($MACS)" \
    31 "$MACS"
else
  skip "person_detect" "no $MODELS"
fi

finish
