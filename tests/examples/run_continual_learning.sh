#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs examples/continual_learning as a user would.
#
# usage: run_continual_learning.sh EXAMPLE MODELS_DIR
#
# Synthetic images of two clearly separable classes (horizontal stripes,
# label 7, as grey PGMs of 40x40; vertical stripes, label 9, as colour
# PPMs of 32x32; random phase, level and noise) are learnt one class per
# run, the state persisting in one file across runs; held-out images of
# both must be predicted right (>= 90%). Then the A/B store: one damaged
# slot falls back to the other with a warning, both damaged are refused
# with one clear line and exit 1, and reset forgets. Prints
# "N passed, N failed" last.
set -u
EXAMPLE=$1
MODELS=$2
MODEL=$MODELS/mlperf_ic_resnet8_int8.tflite

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mote-continual-learning.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM

# pass, fail and finish.
. "$(dirname "$0")/../tools/cli_test_lib.sh"

if [ ! -x "$EXAMPLE" ] || [ ! -f "$MODEL" ]; then
  echo "run_continual_learning: $EXAMPLE or $MODEL not found" >&2
  exit 1
fi

# DIR/{train,test}_{h,v}_N.{pgm,ppm}: 12 training and 10 test images a class.
python3 - "$TMP" <<'PY' || exit 1
import random, sys
out = sys.argv[1]
rnd = random.Random(5)
def image(kind, side):
    phase, lo, hi = rnd.randrange(8), rnd.randrange(0, 60), rnd.randrange(180, 256)
    px = []
    for y in range(side):
        for x in range(side):
            on = ((y if kind == "h" else x) + phase) // 4 % 2
            v = (hi if on else lo) + rnd.randrange(-20, 21)
            px.append(max(0, min(255, v)))
    return px
for split, n in (("train", 12), ("test", 10)):
    for i in range(n):
        px = image("h", 40)
        with open(f"{out}/{split}_h_{i}.pgm", "wb") as f:
            f.write(b"P5\n# horizontal stripes\n40 40\n255\n" + bytes(px))
        px = image("v", 32)
        tint = [rnd.randrange(70, 101) / 100 for _ in range(3)]
        rgb = bytes(int(p * t) for p in px for t in tint)
        with open(f"{out}/{split}_v_{i}.ppm", "wb") as f:
            f.write(b"P6\n32 32\n255\n" + rgb)
PY

STATE=$TMP/state.bin
run() {
  "$EXAMPLE" --model "$MODEL" "$@" >"$TMP/out" 2>"$TMP/err"
}

# How many of the test images are predicted right: top class 7 for the
# horizontal, 9 for the vertical stripes.
score() {
  run "$STATE" predict "$TMP"/test_h_*.pgm "$TMP"/test_v_*.ppm || return 1
  h=$(grep -c 'test_h_[0-9]*\.pgm: 7 (' "$TMP/out")
  v=$(grep -c 'test_v_[0-9]*\.ppm: 9 (' "$TMP/out")
  echo $((h + v))
}

# Run 1: class 7 only; a fresh state file.
if run "$STATE" learn 7 "$TMP"/train_h_*.pgm && grep -q "new state file" "$TMP/out" &&
  grep -q "learnt 12 images of class 7 .*; 1 classes" "$TMP/out"; then
  pass "learn 7 into a new state: $(grep learnt "$TMP/out")"
else
  fail "learn 7:"; cat "$TMP/out" "$TMP/err"
fi
# Run 2: class 9, a new class, on top of the saved state.
if run "$STATE" learn 9 "$TMP"/train_v_*.ppm && [ ! -s "$TMP/err" ] &&
  grep -q "loaded save 1 (slot A): 1 classes" "$TMP/out" &&
  grep -q "; 2 classes" "$TMP/out"; then
  pass "learn 9 on the loaded state: $(grep learnt "$TMP/out")"
else
  fail "learn 9:"; cat "$TMP/out" "$TMP/err"
fi
cp "$STATE" "$TMP/good_state.bin"
right=$(score)
if [ -n "$right" ] && [ "$right" -ge 18 ] && [ ! -s "$TMP/err" ] &&
  grep -q "loaded save 2 (slot B)" "$TMP/out"; then
  pass "predict held-out images: $right of 20 right"
else
  fail "predict: ${right:-error} of 20 right (want >= 18):"; cat "$TMP/out" "$TMP/err"
fi

# Damage one byte in the middle of a slot's payload (slot k at k x the
# slot size, which the file is twice).
SLOT=$(($(wc -c <"$STATE") / 2))
damage() {
  python3 -c 'import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(int(sys.argv[2])); b = f.read(1); f.seek(-1, 1); f.write(bytes([b[0] ^ 0xFF]))' "$STATE" "$1"
}
damage $((SLOT + 100)) # slot B: the newest save
right=$(score)
if [ -n "$right" ] && grep -q "warning: slot B is damaged; using slot A (save 1)" "$TMP/err" &&
  grep -q "loaded save 1 (slot A): 1 classes" "$TMP/out"; then
  pass "damaged slot B: falls back to slot A: $(cat "$TMP/err")"
else
  fail "damaged slot B:"; cat "$TMP/out" "$TMP/err"
fi
damage 100 # and slot A
run "$STATE" predict "$TMP"/test_h_0.pgm
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$TMP/out" ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] &&
  grep -q "no good state in either slot.*refusing" "$TMP/err"; then
  pass "both slots damaged: refused: $(cat "$TMP/err")"
else
  fail "both slots damaged: exit $rc:"; cat "$TMP/out" "$TMP/err"
fi
cp "$STATE" "$TMP/damaged.bin"
run "$STATE" learn 7 "$TMP"/train_h_0.pgm
rc=$?
if [ $rc -eq 1 ] && cmp -s "$STATE" "$TMP/damaged.bin" && grep -q "refusing" "$TMP/err"; then
  pass "both slots damaged: learn refused too, file untouched"
else
  fail "both slots damaged, learn: exit $rc"; cat "$TMP/out" "$TMP/err"
fi
# Damaged slot A only: the newest, slot B, is still used, with a warning.
cp "$TMP/good_state.bin" "$STATE"
damage 100
right=$(score)
if [ -n "$right" ] && [ "$right" -ge 18 ] && grep -q "warning: slot A is damaged; using slot B (save 2)" "$TMP/err"; then
  pass "damaged slot A: slot B still used, $right of 20 right"
else
  fail "damaged slot A:"; cat "$TMP/out" "$TMP/err"
fi
# A learn run then saves over the damaged slot: both good again.
if run "$STATE" learn 9 "$TMP"/train_v_0.ppm && grep -q "slot A is damaged" "$TMP/err" &&
  run "$STATE" predict "$TMP"/test_h_0.pgm && [ ! -s "$TMP/err" ] &&
  grep -q "loaded save 3 (slot A)" "$TMP/out"; then
  pass "learn after a damaged slot rewrites it: $(head -1 "$TMP/out")"
else
  fail "learn after damage:"; cat "$TMP/out" "$TMP/err"
fi

# reset: no classes afterwards.
if run "$STATE" reset && run "$STATE" predict "$TMP"/test_h_0.pgm; then
  fail "predict after reset succeeded:"; cat "$TMP/out"
elif grep -q "0 classes" "$TMP/out" && grep -q "no class" "$TMP/err"; then
  pass "reset: $(cat "$TMP/err")"
else
  fail "reset:"; cat "$TMP/out" "$TMP/err"
fi

# Bad inputs: exit 1 and one line naming the problem.
printf 'P5\n40 40\n255\n' >"$TMP/short.pgm"
for args in "short.pgm:truncated: 40x40 pixels need 1600 bytes" \
  "good_state.bin:not a binary PGM (P5) or PPM (P6) file" \
  "no_such.pgm:cannot read"; do
  file=${args%%:*}
  want=${args#*:}
  run "$TMP/fresh.bin" learn 1 "$TMP/$file"
  rc=$?
  if [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "$want" "$TMP/err" &&
    [ ! -e "$TMP/fresh.bin" ]; then
    pass "bad image $file: $(cat "$TMP/err")"
  else
    fail "bad image $file: exit $rc:"; cat "$TMP/out" "$TMP/err"
  fi
done
run "$TMP/fresh.bin" predict "$TMP/test_h_0.pgm"
if [ $? -eq 1 ] && grep -q "no state yet" "$TMP/err"; then
  pass "predict without state: $(cat "$TMP/err")"
else
  fail "predict without state:"; cat "$TMP/out" "$TMP/err"
fi
for args in "" "$STATE" "$STATE learn" "$STATE learn x $TMP/test_h_0.pgm" "$STATE predict" "$STATE fly"; do
  # shellcheck disable=SC2086
  "$EXAMPLE" $args >/dev/null 2>&1
  rc=$?
  if [ $rc -eq 2 ]; then pass "usage for \"$args\""; else fail "\"$args\": exit $rc, want 2"; fi
done

finish
