#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `mote inspect --target m4|m55` and `mote gen --target m4|m55` measuring
# the arena with tools/gen/target_arena.sh (tools/mote/cli_target.c).
#
# usage: test_cli_inspect_target.sh MOTE_BINARY REPO_DIR [MODELS_DIR]
#
# With stand-in scripts (MOTE_TARGET_ARENA_SCRIPT), no cross tools needed:
# the figure a script prints is reported (text, JSON) and written by gen,
# the script gets MOTE = this very binary and the target and model; a
# failing script or one printing no number leaves the explanation, a
# "mote: " line with the reason on stderr, exit status 0 for inspect and 1
# for gen. Then the real script, once, on one small model: inspect's
# figure is what target_arena.sh prints run directly. That part needs
# arm-none-eabi-gcc, qemu-system-arm, make and the Cortex-M harness, and
# is skipped without them, except under CI (as tests/target/common.sh).

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/cli_test_lib.sh"
cli_test_init test_cli_inspect_target "$@"

M=$SINE
SELF=$(readlink -f "$MOTE" 2>/dev/null || echo "$MOTE")

# json_check NAME PYTHON: asserts PYTHON on d, the JSON in $TMP/out.
json_check() {
  if python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$2
" "$TMP/out" 2>"$TMP/py"; then
    pass "$1"
  else
    fail "$1" "$(tail -n 1 "$TMP/py")"
  fi
}

# --- a stand-in that measures 4096 bytes ---------------------------------
cat >"$TMP/fake.sh" <<EOF
echo "MOTE=\$MOTE" >"$TMP/fake.args"
echo "\$*" >>"$TMP/fake.args"
echo 4096
EOF
export MOTE_TARGET_ARENA_SCRIPT="$TMP/fake.sh"
mote inspect "$M" --target m4
expect_rc "inspect --target m4 with a measuring script exits 0" 0
expect_out "inspect --target m4 prints the measured figure" \
  "arena for m4:    4096 bytes (measured under QEMU by tools/gen/target_arena.sh)"
if grep -qxF "MOTE=$SELF" "$TMP/fake.args" &&
   grep -qxF "m4 $M" "$TMP/fake.args"; then
  pass "the script gets MOTE=this binary, the target and the model"
else
  fail "the script gets MOTE=this binary, the target and the model" \
    "$(cat "$TMP/fake.args"), expected MOTE=$SELF"
fi
mote inspect "$M" --target m55 --json
expect_rc "inspect --json --target m55 with a measuring script exits 0" 0
json_check "inspect --json --target m55: the measured figure" '
assert d["target"] == "m55" and d["target_arena_bytes"] == 4096, d
assert d["target_arena_how"].startswith("measured under QEMU"), d
assert d["target_arena_error"] is None, d'
mote inspect "$M" --target rv32 --json
json_check "inspect --json --target rv32 is not measured" '
assert d["target_arena_bytes"] is None, d
assert "on the device" in d["target_arena_how"], d'
if grep -q rv32 "$TMP/fake.args"; then
  fail "rv32 does not run the script" "$(cat "$TMP/fake.args")"
else
  pass "rv32 does not run the script"
fi
mote gen "$M" -o "$TMP/gen" --name sine --target m4
expect_rc "gen --target m4 without --arena-bytes measures" 0
if grep -q '^#define SINE_ARENA_BYTES 4096u$' "$TMP/gen/sine_model.h"; then
  pass "gen --target m4 writes the measured figure"
else
  fail "gen --target m4 writes the measured figure" \
    "$(grep ARENA_BYTES "$TMP/gen/sine_model.h" 2>&1 | tail -n 1)"
fi
rm -f "$TMP/fake.args"
mote gen "$M" -o "$TMP/gen2" --name sine --target m4 --arena-bytes 512
if [ "$RC" -eq 0 ] && [ ! -e "$TMP/fake.args" ] &&
   grep -q '^#define SINE_ARENA_BYTES 512u$' "$TMP/gen2/sine_model.h"; then
  pass "gen --arena-bytes N wins and measures nothing"
else
  fail "gen --arena-bytes N wins and measures nothing" "exit status $RC"
fi

# --- a failing stand-in --------------------------------------------------
printf 'echo "stand-in: qemu-system-arm fell over" >&2\nexit 3\n' \
  >"$TMP/fail.sh"
export MOTE_TARGET_ARENA_SCRIPT="$TMP/fail.sh"
mote inspect "$M" --target m4
expect_rc "inspect --target m4, measurement failing, still exits 0" 0
expect_out "inspect --target m4, measurement failing, says how to measure" \
  "arena for m4:" "not computed here" "tools/gen/target_arena.sh m4 $M"
if grep -qF "mote: inspect: cannot measure the arena for m4: $TMP/fail.sh m4 failed (exit status 3): stand-in: qemu-system-arm fell over" "$TMP/err"; then
  pass "inspect names the failed measurement on stderr"
else
  fail "inspect names the failed measurement on stderr" "$(cat "$TMP/err")"
fi
mote inspect "$M" --target m4 --json
json_check "inspect --json: the failure in target_arena_error" '
assert d["target_arena_bytes"] is None, d
assert "target_arena.sh m4" in d["target_arena_how"], d
assert "exit status 3" in d["target_arena_error"], d
assert "fell over" in d["target_arena_error"], d'
mote gen "$M" -o "$TMP/gen3" --target m4
if [ "$RC" -eq 1 ] && grep -qF "exit status 3" "$TMP/err" &&
   grep -qF -- "--arena-bytes" "$TMP/err"; then
  pass "gen --target m4, measurement failing, fails saying why"
else
  fail "gen --target m4, measurement failing, fails saying why" \
    "exit status $RC: $(cat "$TMP/err")"
fi

# failed_with NAME SCRIPT TEXT: inspect --target m4 with SCRIPT exits 0
# and stderr holds TEXT.
failed_with() {
  export MOTE_TARGET_ARENA_SCRIPT="$2"
  mote inspect "$M" --target m4
  if [ "$RC" -eq 0 ] && grep -qF -- "$3" "$TMP/err"; then
    pass "$1"
  else
    fail "$1" "exit status $RC: $(cat "$TMP/err")"
  fi
}
printf 'echo "arena=12"\n' >"$TMP/junk.sh"
failed_with "a script printing no number is a failed measurement" \
  "$TMP/junk.sh" "printed 'arena=12', not a byte count"
failed_with "a missing script is named" "$TMP/no-such-script" \
  "no measuring script at $TMP/no-such-script"
unset MOTE_TARGET_ARENA_SCRIPT

# --- the real script, under QEMU ----------------------------------------
REAL=hello_world_int8
missing=
for tool in arm-none-eabi-gcc qemu-system-arm make; do
  command -v "$tool" >/dev/null 2>&1 || { missing=$tool; break; }
done
cm_dir=${MOTE_CM_DIR:-$MODELS/../tools/cortex-m}
[ -n "$missing" ] || [ -f "$cm_dir/cm.mk" ] ||
  missing="the Cortex-M harness at $cm_dir"
[ -n "$missing" ] || [ -f "$MODELS/$REAL.tflite" ] ||
  missing="$MODELS/$REAL.tflite"
if [ -n "$missing" ]; then
  ci=${CI:-}
  if [ -n "$ci" ] && [ "$ci" != 0 ] && [ "$ci" != false ]; then
    fail "inspect --target m4 measured under QEMU" \
      "$missing not found (required under CI)"
  else
    skip "inspect --target m4 measured under QEMU" "$missing not found"
  fi
else
  # A build directory of this test's own, so parallel runs do not share
  # one; the script run directly builds it, inspect reuses it.
  mkdir -p "$TMP/tmp"
  DIRECT=$(TMPDIR=$TMP/tmp MOTE=$MOTE MOTE_CM_DIR=$cm_dir \
    sh "$REPO/tools/gen/target_arena.sh" m4 "$MODELS/$REAL.tflite" 2>"$TMP/err")
  TMPDIR=$TMP/tmp MOTE_CM_DIR=$cm_dir \
    "$MOTE" inspect "$MODELS/$REAL.tflite" --target m4 --json \
    >"$TMP/out" 2>>"$TMP/err"
  RC=$?
  if [ "$RC" -eq 0 ] && [ -n "$DIRECT" ]; then
    json_check "inspect --json --target m4 on $REAL: target_arena.sh's $DIRECT bytes" "
assert d['target_arena_bytes'] == $DIRECT, d
assert d['target_arena_how'].startswith('measured'), d"
  else
    fail "inspect --json --target m4 on $REAL measured under QEMU" \
      "exit status $RC, direct '$DIRECT': $(tail -n 5 "$TMP/err")"
  fi
fi

finish
