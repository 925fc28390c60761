#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `mote diff`, end to end: .npy and .bin files and directories of
# outputs, --atol, --model, NaN, and the failure and usage paths.
#
# usage: test_cli_diff.sh MOTE_BINARY REPO_DIR [MODELS_DIR]
#   Uses models/sine_int8.tflite from REPO_DIR; with MODELS_DIR (default
#   $MOTE_MODELS_DIR, then ../shared/models) also compares runs against
#   TFLM's golden outputs. Needs python3 (exit 77, skipped, without it).

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/cli_test_lib.sh"
cli_test_init test_cli_diff "$@"

mote diff --help
expect_rc "diff --help exits 0" 0
expect_out "diff --help explains inputs and exit status" "--atol X" \
  "output_<i>.npy" "Exit status"

mote diff "$F/diff_a.npy" "$F/diff_a.npy"
expect_rc "diff of a file with itself exits 0" 0
expect_out "diff says identical" "identical (3 elements)"

mote diff "$F/diff_a.npy" "$F/diff_b.npy"
expect_rc "diff over atol 0 exits 1" 1
expect_out "diff reports max diff, count and first mismatch" \
  "float32 [1, 3]" "max abs diff 0.5 at index 1" "2 of 3 elements over atol 0" \
  "first at index 1 (2 vs 2.5)"

mote diff "$F/diff_a.npy" "$F/diff_b.npy" --atol 0.3
expect_rc "diff with one element over --atol 0.3 exits 1" 1
expect_out "diff counts only elements over atol" "1 of 3 elements over atol 0.3" \
  "first at index 1"

mote diff "$F/diff_a.npy" "$F/diff_b.npy" --atol=0.5
expect_rc "diff within --atol=0.5 exits 0" 0
expect_out "diff within atol still reports the max diff" "max abs diff 0.5" \
  "0 of 3 elements over atol 0.5"

mote diff "$F/diff_a.npy" "$F/diff_a_flat.npy"
expect_rc "diff of [1, 3] with [3] compares the elements" 0
expect_out "diff names both shapes when they differ" "[1, 3] vs float32 [3]"

mote diff "$F/diff_a.npy" "$F/diff_a4.npy"
expect_fail "diff of different element counts names both" "3 elements" \
  "has 4"

mote diff "$F/diff_nan1.npy" "$F/diff_nan2.npy"
expect_rc "diff: NaN equals NaN" 0
mote diff "$F/diff_nan1.npy" "$F/diff_nan3.npy"
expect_rc "diff: NaN against a number is a mismatch" 1
expect_out "diff: the NaN mismatch is at index 0" "first at index 0 (nan vs 0)"

mote diff "$F/diff_i8.npy" "$F/diff_i8.bin"
expect_rc "diff reads a .bin with the other side's .npy type" 1
expect_out "diff of int8 .npy and .bin" "int8 [1, 3]" "max abs diff 2 at index 2"

mote diff "$F/diff_i8.bin" "$F/diff_other.bin"
expect_fail "diff of two raw .bin files says to give --model" "--model MODEL"

mote diff "$F/diff_a.npy" "$F/diff_i8.bin"
expect_fail "diff of a .bin of the wrong size" "3 bytes" "12 bytes"

mote diff "$F/diff_a.npy" "$TMP/missing.npy"
expect_fail "diff of a missing file names it" "missing.npy"

printf 'junk' >"$TMP/junk.npy"
mote diff "$F/diff_a.npy" "$TMP/junk.npy"
expect_fail "diff of a broken .npy" "junk.npy" "not a .npy file"

mote diff "$F/diff_a.npy"
expect_rc "diff with one argument exits 2" 2
mote diff "$F/diff_a.npy" "$TMP"
expect_rc "diff of a file with a directory exits 2" 2
mote diff "$F/diff_a.npy" "$F/diff_b.npy" --atol -1
expect_rc "diff --atol -1 exits 2" 2

# Directories written by mote run.
mote run "$SINE" --random 1 --output "$TMP/r1" --outputs "$TMP/r1bin"
mote run "$SINE" --random 1 --output "$TMP/r1again"
mote run "$SINE" --random 2 --output "$TMP/r2"
mote diff "$TMP/r1" "$TMP/r1again"
expect_rc "diff of two runs on the same seed exits 0" 0
expect_out "diff of directories names each output" "output 0: int8 [1, 1]: identical"
mote diff "$TMP/r1" "$TMP/r2"
expect_rc "diff of runs on different seeds exits 1" 1
mote diff "$TMP/r1bin" "$TMP/r2"
expect_rc "diff of a .bin directory against a .npy one" 1
mote diff "$TMP/r1bin" "$TMP/r1bin"
expect_fail "diff of two .bin directories without --model" "--model MODEL"
mote diff --model "$SINE" "$TMP/r1bin" "$TMP/r1bin"
expect_rc "diff --model reads .bin directories" 0
mkdir -p "$TMP/empty"
mote diff "$TMP/empty" "$TMP/r1"
expect_fail "diff of a directory without outputs" "output_0"

if [ -d "$MODELS/golden/hello_world_float" ]; then
  G=$MODELS/golden
  mote run "$MODELS/hello_world_float.tflite" --inputs "$G/hello_world_float/x_1" \
    --output "$TMP/hf"
  mote diff "$TMP/hf" "$G/hello_world_float/x_1" --atol 1e-6
  expect_rc "hello_world_float matches TFLM's golden output within 1e-6" 0
  mote diff "$TMP/hf" "$G/hello_world_float/x_3"
  expect_rc "hello_world_float differs from another case's output" 1
  mote run "$MODELS/person_detect.tflite" --random 1 --outputs "$TMP/pd"
  mote diff --model "$MODELS/person_detect.tflite" "$TMP/pd" \
    "$G/person_detect/random_0"
  expect_rc "person_detect --random 1 equals golden random_0 (diff --model)" 0
  expect_out "diff --model uses the model's output type" "int8 [1, 2]: identical"
else
  skip "golden comparisons" "no $MODELS"
fi

finish
