#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `mote inspect --target` and `--svg`, end to end.
#
# usage: test_cli_inspect.sh MOTE_BINARY REPO_DIR [MODELS_DIR]
#   Uses models/sine_int8.tflite from REPO_DIR; with MODELS_DIR (default
#   $MOTE_MODELS_DIR, then ../shared/models) also the keyword-spotting and
#   person-detection models. Needs python3 (exit 77, skipped, without it).
#
# --target: the host figure is inspect's arena and the NAME_ARENA_BYTES
# `mote gen` writes; a 32-bit target that is not measured (no script
# here; measuring is test_cli_inspect_target.sh's) gets a report that
# says how to measure it. --svg: the file parses as XML (python3's
# xml.etree; xmllint too when installed), has one rectangle per planned
# tensor and per scratch buffer of the plan `inspect --json` reports
# (memory.tensor_count, memory.scratch_count; the tensors also counted
# from the tensor list), rectangles only inside the plot, under the peak
# line, which is where the peak is; an unwritable file fails with a
# message and exit status 1. The README's picture (docs/img) is checked
# for its form.

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/cli_test_lib.sh"
cli_test_init test_cli_inspect "$@"

MODEL_LIST=$REPO/models/sine_int8.tflite
for m in mlperf_kws_dscnn_int8 person_detect; do
  if [ -f "$MODELS/$m.tflite" ]; then
    MODEL_LIST="$MODEL_LIST $MODELS/$m.tflite"
  else
    skip "inspect --svg on $m" "no $MODELS/$m.tflite"
  fi
done

# check_svg NAME SVG JSON: the drawing against inspect --json's plan.
check_svg() {
  if python3 - "$2" "$3" 2>"$TMP/py" <<'PY'
import json, re, sys
import xml.etree.ElementTree as ET
svg, rep = sys.argv[1], json.load(open(sys.argv[2]))
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(svg).getroot()
assert root.tag == ns + "svg", root.tag
rects = list(root.iter(ns + "rect"))
tensors = [r for r in rects if r.get("class") == "tensor"]
scratch = [r for r in rects if r.get("class") == "scratch"]
mem = rep["memory"]
assert len(tensors) == mem["tensor_count"], (len(tensors), mem)
assert len(scratch) == mem["scratch_count"], (len(scratch), mem)
planned = [t for t in rep["tensors"]
           if not t["constant"] and not t["variable"] and t["bytes"] > 0]
assert len(tensors) == len(planned), (len(tensors), len(planned))
# Each tensor rectangle names a planned tensor, each one once.
named = sorted(int(re.match(r"tensor (\d+) ", r.find(ns + "title").text)
                   .group(1)) for r in tensors)
assert named == sorted(t["index"] for t in planned), named
peaks = [l for l in root.iter(ns + "line") if l.get("class") == "peak"]
assert len(peaks) == 1, len(peaks)
assert str(mem["planned_bytes"]) in peaks[0].find(ns + "title").text
label = [t for t in root.iter(ns + "text") if t.get("class") == "peak-label"]
assert len(label) == 1 and "peak %d bytes" % mem["planned_bytes"] in \
    label[0].text, label
peak_y = float(peaks[0].get("y1"))
axis = [l for l in root.iter(ns + "line")][1]  # the y axis: x1 = x2
left, top, bottom = float(axis.get("x1")), float(axis.get("y1")), \
    float(axis.get("y2"))
# Buffers lie inside the plot and under the peak; the highest touches it.
highest = bottom
for r in tensors + scratch:
    x, y = float(r.get("x")), float(r.get("y"))
    w, h = float(r.get("width")), float(r.get("height"))
    assert x >= left - 0.01 and w > 0 and h > 0, r.attrib
    assert y >= peak_y - 0.6 and y + h <= bottom + 0.6, (r.attrib, peak_y)
    highest = min(highest, y)
assert abs(highest - peak_y) < 0.6, (highest, peak_y)
assert top < peak_y < bottom
assert "persistent" in "".join(root.itertext())
PY
  then
    pass "$1"
  else
    fail "$1" "$(tail -n 1 "$TMP/py")"
  fi
}

# --- --target ------------------------------------------------------------

M=$REPO/models/sine_int8.tflite
mote inspect --help
expect_out "inspect --help documents --target and --svg" "--target T" \
  "--svg FILE" "target_arena.sh"

mote inspect "$M" --target host
expect_rc "inspect --target host exits 0" 0
HOST=$(sed -n 's/^arena for host: *\([0-9][0-9]*\) .*/\1/p' "$TMP/out")
USED=$(sed -n 's/^arena used bytes: \([0-9][0-9]*\) .*/\1/p' "$TMP/out")
if [ -n "$HOST" ] && [ "$HOST" = "$USED" ]; then
  pass "inspect --target host reports the planned arena ($HOST)"
else
  fail "inspect --target host reports the planned arena" \
    "host '$HOST', used '$USED'"
fi
"$MOTE" gen "$M" -o "$TMP/gen" --name sine >/dev/null 2>"$TMP/err"
GEN=$(sed -n 's/^#define SINE_ARENA_BYTES \([0-9][0-9]*\)u$/\1/p' \
  "$TMP/gen/sine_model.h")
if [ -n "$GEN" ] && [ "$GEN" = "$HOST" ]; then
  pass "inspect --target host gives mote gen's SINE_ARENA_BYTES"
else
  fail "inspect --target host gives mote gen's SINE_ARENA_BYTES" \
    "gen '$GEN', inspect '$HOST'"
fi

# Measuring (test_cli_inspect_target.sh) is kept out of this test: with
# no script, m4 and m55 fall back to saying how to measure.
MOTE_TARGET_ARENA_SCRIPT=$TMP/no-such-script
export MOTE_TARGET_ARENA_SCRIPT
for T in m4 m55; do
  mote inspect "$M" --target $T
  expect_rc "inspect --target $T exits 0" 0
  expect_out "inspect --target $T says how to measure it" \
    "arena for $T:" "tools/gen/target_arena.sh $T $M"
done
mote inspect "$M" --target rv32
expect_out "inspect --target rv32 points at the device" \
  "mote_interp_arena_used_bytes() on the device"

mote inspect "$M" --json --target m55
expect_rc "inspect --json --target m55 exits 0" 0
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["target"] == "m55" and d["target_arena_bytes"] is None, d
assert "target_arena.sh m55" in d["target_arena_how"], d
' "$TMP/out" 2>"$TMP/py"; then
  pass "inspect --json --target m55: no figure, how to measure it"
else
  fail "inspect --json --target m55: no figure, how to measure it" \
    "$(tail -n 1 "$TMP/py")"
fi
mote inspect "$M" --json --target host
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = d["memory"]
assert d["target"] == "host", d
assert d["target_arena_bytes"] == d["arena_used_bytes"] > 0, d
assert d["target_arena_how"] is None, d
total = m["persistent_bytes"] + m["head_bytes"]
assert d["arena_used_bytes"] == (total + 15) // 16 * 16, (d, m)
assert m["persistent_bytes"] == m["runtime_bytes"] + m["variable_bytes"] + \
    m["kernel_bytes"], m
assert m["planned_bytes"] <= m["head_bytes"], m
' "$TMP/out" 2>"$TMP/py"; then
  pass "inspect --json --target host: the figure and its breakdown"
else
  fail "inspect --json --target host: the figure and its breakdown" \
    "$(tail -n 1 "$TMP/py")"
fi

mote inspect "$M" --target m7
expect_rc "inspect with an unknown target exits 2" 2
mote inspect "$M" --target
expect_rc "inspect --target without a value exits 2" 2

# --- --svg ---------------------------------------------------------------

for M in $MODEL_LIST; do
  N=$(basename "$M" .tflite)
  mote inspect "$M" --svg "$TMP/$N.svg"
  expect_rc "inspect --svg on $N exits 0" 0
  mote inspect "$M" --json
  cp "$TMP/out" "$TMP/$N.json"
  check_svg "inspect --svg on $N: one rectangle per planned buffer, peak" \
    "$TMP/$N.svg" "$TMP/$N.json"
  if command -v xmllint >/dev/null 2>&1; then
    if xmllint --noout "$TMP/$N.svg" 2>"$TMP/err"; then
      pass "xmllint takes the SVG of $N"
    else
      fail "xmllint takes the SVG of $N" "$(head -n 3 "$TMP/err")"
    fi
  fi
done

# Tensor names are arbitrary bytes; the SVG must stay well-formed XML.
# Same length as "dense_1/relu", so still a valid model.
M=$REPO/models/sine_int8.tflite
OFFSET=$(grep -abo 'dense_1/relu' "$M" | head -n 1 | cut -d: -f1)
if [ -n "$OFFSET" ]; then
  cp "$M" "$TMP/odd.tflite"
  printf '<&"\001\377' |
    dd of="$TMP/odd.tflite" bs=1 seek="$OFFSET" conv=notrunc 2>/dev/null
  mote inspect "$TMP/odd.tflite" --svg "$TMP/odd.svg"
  expect_rc "inspect --svg on odd tensor names exits 0" 0
  mote inspect "$TMP/odd.tflite" --json
  cp "$TMP/out" "$TMP/odd.json"
  check_svg "inspect --svg escapes odd tensor names" "$TMP/odd.svg" \
    "$TMP/odd.json"
  if grep -qF 'tensor 3 "&lt;&amp;&quot;??_1/relu"' "$TMP/odd.svg"; then
    pass "inspect --svg names the tensor in its tooltip, escaped"
  else
    fail "inspect --svg names the tensor in its tooltip, escaped" \
      "$(grep -o 'tensor 3 [^:]*' "$TMP/odd.svg")"
  fi
else
  fail "sine_int8.tflite has a tensor named dense_1/relu"
fi

# The README's picture: a plan this tool drew (its figures depend on the
# kernels of the build that drew it, so only its form is checked).
DOC=$REPO/docs/img/memory_plan_person_detect.svg
if python3 - "$DOC" 2>"$TMP/py" <<'PY'
import sys
import xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
classes = [e.get("class") for e in root.iter()]
assert classes.count("tensor") > 10 and classes.count("peak") == 1, classes
assert "/" not in root.find(ns + "text").text, "title names a local path"
PY
then
  pass "docs/img/memory_plan_person_detect.svg is a drawn plan"
else
  fail "docs/img/memory_plan_person_detect.svg is a drawn plan" \
    "$(tail -n 1 "$TMP/py")"
fi

if grep -qF '](docs/img/memory_plan_person_detect.svg)' "$REPO/README.md"; then
  pass "README.md shows the memory plan picture"
else
  fail "README.md shows the memory plan picture"
fi

mote inspect "$M" --svg "$TMP/no/such/dir/plan.svg"
expect_fail "inspect --svg into a missing directory fails naming it" \
  "$TMP/no/such/dir/plan.svg" "cannot write the SVG"
mote inspect "$M" --svg "$TMP"
expect_fail "inspect --svg onto a directory fails naming it" \
  "$TMP: cannot write the SVG"
mote inspect "$M" --svg
expect_rc "inspect --svg without a value exits 2" 2

finish
