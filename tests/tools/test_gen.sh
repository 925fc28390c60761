#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `mote gen` end to end, compile-only (lean enough for CI):
#
#   test_gen.sh MOTE_BINARY CC REPO_ROOT [MODELS_DIR]
#
# For every shared model (MODELS_DIR/*.tflite): gen succeeds and every
# generated .c compiles warning-free with CC -std=c99 -Wall -Wextra
# -Werror -Wconversion -Wpedantic (-fsyntax-only); with arm-none-eabi-gcc
# or riscv64-unknown-elf-gcc on PATH, the resolvers of every model and the
# keyword-spotting model's bytes compile for Cortex-M4F and RV32IMC too. Then the options (default name,
# --section, --help) and each failure path: exit status 1 with a
# "mote: " line naming what failed, 2 for bad usage. Prints one line per
# check and "N passed, N failed"; exits 1 when any check failed.
MOTE=$1
CC=$2
ROOT=$3
MODELS=${4:-${MOTE_MODELS_DIR:-$ROOT/../shared/models}}
if [ ! -x "$MOTE" ] || [ -z "$CC" ] || [ ! -d "$ROOT/include/mote" ]; then
  echo "usage: $0 MOTE_BINARY CC REPO_ROOT [MODELS_DIR]" >&2
  exit 2
fi
if [ ! -f "$MODELS/hello_world_int8.tflite" ]; then
  echo "test_gen: no shared models at $MODELS (set MOTE_MODELS_DIR)" >&2
  exit 1
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mote-gen-test.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
PASSED=0
FAILED=0
CFLAGS="-std=c99 -Wall -Wextra -Werror -Wconversion -Wpedantic -I$ROOT/include"

pass() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1"; [ -z "$2" ] || echo "     $2"; }

# Runs "$MOTE $@" with stdout in $TMP/out and stderr in $TMP/err; sets RC.
mote() { "$MOTE" "$@" >"$TMP/out" 2>"$TMP/err"; RC=$?; }

# expect NAME RC TEXT...: the last command exited RC and its stderr holds
# every TEXT (for RC 1: on a line starting "mote: ").
expect() {
  name=$1; want=$2; shift 2
  if [ "$RC" -ne "$want" ]; then
    fail "$name" "exit status $RC, expected $want; stderr: $(head -c 300 "$TMP/err")"
    return
  fi
  if [ "$want" -eq 1 ] && ! grep -q '^mote: ' "$TMP/err"; then
    fail "$name" "no 'mote: ' line on stderr: $(head -c 300 "$TMP/err")"
    return
  fi
  for text in "$@"; do
    if ! grep -qF -- "$text" "$TMP/err"; then
      fail "$name" "stderr lacks '$text': $(head -c 300 "$TMP/err")"
      return
    fi
  done
  pass "$name"
}

# --- every shared model ----------------------------------------------------
# Cross compilers, when present: their flags, then the C files to compile
# (every resolver; the bytes of one model, as they are plain data).
ARM=$(command -v arm-none-eabi-gcc 2>/dev/null)
RV=$(command -v riscv64-unknown-elf-gcc 2>/dev/null)
ARM_FLAGS="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"
RV_FLAGS="-march=rv32imc -mabi=ilp32 --specs=picolibc.specs -ffreestanding"
CROSS="${ARM:+arm-none-eabi}${RV:+ riscv32}"
for model in "$MODELS"/*.tflite; do
  m=$(basename "$model" .tflite)
  mote gen "$model" -o "$TMP/all/$m" --name "g_$m"
  if [ "$RC" -ne 0 ]; then
    fail "gen $m" "exit status $RC: $(head -c 300 "$TMP/err")"
    continue
  fi
  bad=""
  for c in "$TMP/all/$m"/*.c; do
    "$CC" $CFLAGS -fsyntax-only "$c" >"$TMP/cc" 2>&1 || bad="$bad $(basename "$c")"
  done
  cross="$TMP/all/$m/g_${m}_resolver.c"
  [ "$m" != mlperf_kws_dscnn_int8 ] || cross="$cross $TMP/all/$m/g_${m}_model.c"
  for c in $cross; do
    if [ -n "$ARM" ]; then
      "$ARM" $ARM_FLAGS $CFLAGS -c "$c" -o "$TMP/x.o" >"$TMP/cc" 2>&1 ||
        bad="$bad arm:$(basename "$c")"
    fi
    if [ -n "$RV" ]; then
      "$RV" $RV_FLAGS $CFLAGS -c "$c" -o "$TMP/x.o" >"$TMP/cc" 2>&1 ||
        bad="$bad rv32:$(basename "$c")"
    fi
  done
  if [ -z "$bad" ]; then
    pass "gen $m: compiles warning-free (host${CROSS:+, $CROSS})"
  else
    fail "gen $m: compiles warning-free" "failed:$bad: $(head -c 600 "$TMP/cc")"
  fi
done

# --- options -----------------------------------------------------------------
MODEL=$MODELS/hello_world_int8.tflite
mote gen "$MODEL" -o "$TMP/d"
if [ "$RC" -eq 0 ] && [ -f "$TMP/d/hello_world_int8_model.c" ] &&
   [ -f "$TMP/d/hello_world_int8_resolver.h" ] && [ -f "$TMP/d/hello_world_int8.cmake" ] &&
   grep -q 'HELLO_WORLD_INT8_ARENA_BYTES [0-9][0-9]*u' "$TMP/d/hello_world_int8_model.h"; then
  pass "gen names the files after the model by default"
else
  fail "gen names the files after the model by default" "$(ls "$TMP/d" 2>&1)"
fi
# default_name FILE EXPECTED: gen on a copy of MODEL named FILE.tflite
# writes EXPECTED_model.c.
default_name() {
  cp "$MODEL" "$TMP/$1.tflite"
  mote gen "$TMP/$1.tflite" -o "$TMP/dn-$1"
  if [ "$RC" -eq 0 ] && [ -f "$TMP/dn-$1/$2_model.c" ]; then
    pass "file name '$1' gives the default name '$2'"
  else
    fail "file name '$1' gives the default name '$2'" "$(ls "$TMP/dn-$1" 2>&1)"
  fi
}
default_name 9-lives.v2 model_9_lives_v2
default_name mote_kws model_mote_kws
mote gen "$MODEL" -o "$TMP/s" --name sec --section .rodata.models
if [ "$RC" -eq 0 ] && grep -q 'section(".rodata.models")' "$TMP/s/sec_model.c" &&
   "$CC" $CFLAGS -c "$TMP/s/sec_model.c" -o "$TMP/sec.o" 2>"$TMP/cc" &&
   objdump -h "$TMP/sec.o" 2>/dev/null | grep -q '\.rodata\.models'; then
  pass "--section puts the bytes in that section"
else
  fail "--section puts the bytes in that section" "$(head -c 300 "$TMP/cc")"
fi
mote gen "$MODEL" -o "$TMP/a" --name fixed --target m4 --arena-bytes 4096
if [ "$RC" -eq 0 ] && grep -q 'FIXED_ARENA_BYTES 4096u' "$TMP/a/fixed_model.h" &&
   grep -q 'for target m4' "$TMP/a/fixed_model.h"; then
  pass "--target m4 --arena-bytes N writes N"
else
  fail "--target m4 --arena-bytes N writes N" "$(head -c 300 "$TMP/err")"
fi
mote gen --help
if [ "$RC" -eq 0 ] && grep -q 'gen MODEL -o DIR' "$TMP/out"; then
  pass "gen --help"
else
  fail "gen --help" "exit status $RC"
fi

# --- failures ---------------------------------------------------------------
mote gen "$TMP/missing.tflite" -o "$TMP/x"
expect "an unreadable model fails naming it" 1 "$TMP/missing.tflite"
head -c 200 "$MODEL" >"$TMP/truncated.tflite"
mote gen "$TMP/truncated.tflite" -o "$TMP/x"
expect "a model that fails verification fails as corrupt" 1 "truncated.tflite" "corrupt"
printf 'x' >"$TMP/file"
mote gen "$MODEL" -o "$TMP/file/sub"
expect "an unwritable DIR fails naming it" 1 "$TMP/file"
[ ! -e "$TMP/x" ] && pass "nothing is written for a failed model" ||
  fail "nothing is written for a failed model" "$TMP/x exists"
for bad in 9lives a-b "" "with space" abcdefghijabcdefghijabcdefghijabcdefghijX; do
  mote gen "$MODEL" -o "$TMP/x" --name "$bad"
  expect "--name '$bad' is refused" 2 "not a C identifier"
done
for bad in mote MOTE_x mote_kws _kws; do
  mote gen "$MODEL" -o "$TMP/x" --name "$bad"
  expect "--name '$bad' is refused as reserved" 2 "is reserved"
done
mote gen "$MODEL" -o "$TMP/x" --target m3
expect "an unknown target is refused" 2 "unknown target 'm3'"
# No script to measure with (measuring is test_cli_inspect_target.sh's).
export MOTE_TARGET_ARENA_SCRIPT="$TMP/no-such-script"
mote gen "$MODEL" -o "$TMP/x" --target m4
unset MOTE_TARGET_ARENA_SCRIPT
expect "a 32-bit target without --arena-bytes, unmeasurable, is refused" 1 \
  "--arena-bytes" "target m4" "no measuring script"
mote gen "$MODEL" -o "$TMP/x" --target rv32 --arena-bytes 100
expect "--arena-bytes not a multiple of 16 is refused" 2 "multiple of 16"
mote gen "$MODEL" -o "$TMP/x" --arena-bytes 4096
expect "--arena-bytes for the host is refused" 2 "gen computes the exact figure"
mote gen "$MODEL" -o "$TMP/x" --section 'a"b'
expect "a section name with a quote is refused" 2 "--section"
mote gen "$MODEL"
expect "missing -o is refused" 2 "missing -o DIR"
mote gen -o "$TMP/x"
expect "missing MODEL is refused" 2 "missing MODEL"
mote gen "$MODEL" -o "$TMP/x" --bogus
expect "an unknown option is refused" 2 "unknown option '--bogus'"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
