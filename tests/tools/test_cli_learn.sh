#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `mote learn` end to end on resnet8 (CIFAR-10 base, int8 32x32x3 input):
# a labelled folder of synthetic 32x32 pictures of three clearly separable
# patterns, learnt with --save and --export; a second run continues from
# --state; a corrupt state and bad folders are refused; the exported model
# runs with `mote run` and gives the learner's classes.
#
# usage: test_cli_learn.sh MOTE_BINARY REPO_DIR [MODELS_DIR]
#   Skipped (77) without python3 (which draws the pictures) or without
#   MODELS_DIR/mlperf_ic_resnet8_int8.tflite.

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/cli_test_lib.sh"
cli_test_setup test_cli_learn "$@"
BASE=$MODELS/mlperf_ic_resnet8_int8.tflite
if [ ! -f "$BASE" ]; then
  echo "test_cli_learn: needs $BASE; skipped"
  exit 77
fi
D=$TMP/data

# Three classes, 12 pictures each, noisy: horizontal stripes (PPM),
# vertical stripes (PPM), a bright centre square on dark (PGM, gray,
# which the input conversion spreads to RGB).
python3 - "$D" <<'PY' || exit 1
import os, random, sys
root = sys.argv[1]
rng = random.Random(7)
def px(v):
    return max(0, min(255, v + rng.randint(-30, 30)))
def draw(kind, phase):
    rows = []
    for y in range(32):
        for x in range(32):
            if kind == "hstripes":
                on = ((y + phase) // 4) % 2 == 0
            elif kind == "vstripes":
                on = ((x + phase) // 4) % 2 == 0
            else:
                on = 8 + phase // 2 <= x < 24 and 8 <= y < 24 - phase // 2
            rows.append(px(220 if on else 30))
    return rows
for kind in ("hstripes", "vstripes", "square"):
    os.makedirs(os.path.join(root, kind))
    for i in range(12):
        v = draw(kind, i % 8)
        if kind == "square":
            data = b"P5\n32 32\n255\n" + bytes(v)
            name = "%02d.pgm" % i
        else:
            data = b"P6\n32 32\n255\n" + bytes(c for p in v for c in (p, p, p))
            name = "%02d.ppm" % i
        with open(os.path.join(root, kind, name), "wb") as f:
            f.write(data)
PY

# --- help ---------------------------------------------------------------

mote --help
expect_out "mote --help lists learn" "learn BASE DATA_DIR" "--export"
mote learn --help
expect_rc "learn --help exits 0" 0
expect_out "learn --help documents the options" "--cut TENSOR" "--state FILE" \
  "--save FILE" "--export OUT" "--epochs N" "--lr X" "--replay N" "--seed S"

# --- first run: learn, save, export --------------------------------------

mote learn "$BASE" "$D" --save "$TMP/state.bin" --export "$TMP/head.tflite" \
  --epochs 3 --seed 5 --json
expect_rc "learn exits 0" 0
cp "$TMP/out" "$TMP/run1.json"
# field FILE EXPR: a value of the JSON in FILE (python expression over j).
field() {
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" \
    "$1" 2>/dev/null
}
acc=$(field "$TMP/run1.json" "j['train_accuracy']")
if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 0.9 else 1)" "$acc"; then
  pass "training accuracy on separable patterns >= 90% ($acc)"
else
  fail "training accuracy on separable patterns >= 90%" "got $acc"
fi
counts1=$(field "$TMP/run1.json" "[c['learnt_total'] for c in j['classes']]")
if [ "$counts1" = "[36, 36, 36]" ]; then
  pass "per-class counts: 12 files x 3 epochs each"
else
  fail "per-class counts: 12 files x 3 epochs each" "got $counts1"
fi
names=$(field "$TMP/run1.json" "[c['name'] for c in j['classes']]")
if [ "$names" = "['hstripes', 'square', 'vstripes']" ]; then
  pass "classes are the sorted subdirectories"
else
  fail "classes are the sorted subdirectories" "got $names"
fi
agree=$(field "$TMP/run1.json" "j['export']['agreement']")
if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 0.9 else 1)" "$agree"; then
  pass "exported int8 model agrees with the learner ($agree)"
else
  fail "exported int8 model agrees with the learner" "got $agree"
fi
if [ -s "$TMP/state.bin" ] && [ ! -e "$TMP/state.bin.tmp" ]; then
  pass "state saved, no temporary file left"
else
  fail "state saved, no temporary file left" "$(ls "$TMP")"
fi

# The exported model with `mote run`: output 0 is the probability of each
# class slot; its top slot must be the learner's class for most files.
ok=0
total=0
for f in "$D"/hstripes/00.ppm "$D"/hstripes/05.ppm "$D"/vstripes/00.ppm \
         "$D"/vstripes/05.ppm "$D"/square/00.pgm "$D"/square/05.pgm; do
  cls=$(basename "$(dirname "$f")")
  mote run "$TMP/head.tflite" --input "$f" --top-k 1 --json
  if [ "$RC" -ne 0 ]; then
    fail "mote run on the exported model ($f)" "$(cat "$TMP/err")"
    continue
  fi
  slot=$(field "$TMP/out" "j['top_k'][0]['index']")
  want=$(field "$TMP/run1.json" "[c['slot'] for c in j['classes'] if c['name'] == '$cls'][0]")
  total=$((total + 1))
  if [ "$slot" = "$want" ]; then
    ok=$((ok + 1))
  fi
done
if [ "$total" -eq 6 ] && [ "$ok" -ge 5 ]; then
  pass "mote run on the export gives the learnt classes ($ok/6)"
else
  fail "mote run on the export gives the learnt classes" "$ok/$total"
fi

# --cut by name and by index picks the default's tensor.
cut=$(field "$TMP/run1.json" "j['cut']['index']")
cutname=$(field "$TMP/run1.json" "j['cut']['name']")
mote learn "$BASE" "$D" --epochs 1 --cut "$cutname" --json
got=$(field "$TMP/out" "j['cut']['index']")
mote learn "$BASE" "$D" --epochs 1 --cut "$cut" --json
got2=$(field "$TMP/out" "j['cut']['name']")
if [ -n "$cut" ] && [ "$got" = "$cut" ] && [ "$got2" = "$cutname" ]; then
  pass "--cut by name ($cutname) and by index ($cut)"
else
  fail "--cut by name and by index" "default $cut '$cutname', got $got '$got2'"
fi

# Without a replay buffer to calibrate an int8 head on, a float one.
mote learn "$BASE" "$D" --epochs 1 --replay 0 --export "$TMP/float.tflite" --json
head=$(field "$TMP/out" "j['export']['head'], j['export']['agreement']")
if [ "$RC" -eq 0 ] && [ "$head" = "float32 1" ]; then
  pass "--replay 0 exports a float head that agrees"
else
  fail "--replay 0 exports a float head that agrees" "exit $RC, $head; $(cat "$TMP/err")"
fi

# Text form.
mote learn "$BASE" "$D" --epochs 1
expect_out "text report" "training accuracy:" "hstripes" "vstripes" "square" \
  "learnt" "total"

# --- second run continues from the state ---------------------------------

mote learn "$BASE" "$D" --state "$TMP/state.bin" --save "$TMP/state2.bin" \
  --epochs 1 --json
expect_rc "learn --state exits 0" 0
counts2=$(field "$TMP/out" "[c['learnt_total'] for c in j['classes']]")
if [ "$counts2" = "[48, 48, 48]" ]; then
  pass "--state continues: counts grow from 36 to 48"
else
  fail "--state continues: counts grow from 36 to 48" "got $counts2"
fi

# --- refusals ------------------------------------------------------------

python3 - "$TMP/state.bin" "$TMP/bad.bin" <<'PY' || exit 1
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[len(b) // 2] ^= 0x40
open(sys.argv[2], "wb").write(b)
PY
mote learn "$BASE" "$D" --state "$TMP/bad.bin"
expect_fail "a corrupted state is refused, naming the file and the CRC" \
  "$TMP/bad.bin" "CRC"
head -c 100 "$TMP/state.bin" >"$TMP/short.bin"
mote learn "$BASE" "$D" --state "$TMP/short.bin"
expect_fail "a truncated state is refused" "$TMP/short.bin"
mote learn "$BASE" "$D" --state "$TMP/state.bin" --replay 10
expect_fail "a state of another shape is refused" "$TMP/state.bin"

mote learn "$BASE" "$TMP/nope"
expect_fail "a missing DATA_DIR is named" "$TMP/nope" "not a directory"
mkdir -p "$TMP/empty/a"
mote learn "$BASE" "$TMP/empty"
expect_fail "an empty class is named" "$TMP/empty/a" "no files"
mkdir -p "$TMP/bad/a"
printf 'P5\n16 16\n255\n' >"$TMP/bad/a/x.pgm"
head -c 256 /dev/zero >>"$TMP/bad/a/x.pgm"
mote learn "$BASE" "$TMP/bad"
expect_fail "a file the input does not take is named" "$TMP/bad/a/x.pgm"
mote learn "$BASE" "$D" --cut no_such_tensor
expect_fail "an unknown --cut is named" "no_such_tensor"
mote learn "$BASE" "$D" --epochs 0
expect_rc "--epochs 0 is a usage error" 2
mote learn "$BASE"
expect_rc "a missing DATA_DIR is a usage error" 2

finish
