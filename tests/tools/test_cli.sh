#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# End-to-end tests of the `mote` command-line tool.
#
# usage: test_cli.sh MOTE_BINARY [MODELS_DIR]
#   MODELS_DIR defaults to $MOTE_MODELS_DIR, then to ../shared/models next to
#   the repository. Needs hello_world_int8.tflite and its golden cases.
#
# Checks the happy paths (inspect, inspect --json, run against TFLM's golden
# bytes) and, mostly, the failure paths: exit status 1 with a one-line
# "mote: ..." message naming what failed, exit status 2 for bad usage.
# Prints one line per check and "N passed, N failed" last; exits 1 when any
# check failed.

MOTE=$1
if [ -z "$MOTE" ]; then
  echo "usage: $0 MOTE_BINARY [MODELS_DIR]" >&2
  exit 2
fi
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
MODELS=${2:-${MOTE_MODELS_DIR:-$SCRIPT_DIR/../../../shared/models}}
MODEL=$MODELS/hello_world_int8.tflite
GOLDEN=$MODELS/golden/hello_world_int8

if [ ! -x "$MOTE" ]; then
  echo "test_cli: $MOTE is not an executable" >&2
  exit 1
fi
if [ ! -f "$MODEL" ] || [ ! -d "$GOLDEN/q_0" ]; then
  echo "test_cli: $MODEL or $GOLDEN/q_0 not found (set MOTE_MODELS_DIR)" >&2
  exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mote-cli-test.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM

. "$SCRIPT_DIR/cli_test_lib.sh"

if command -v python3 >/dev/null 2>&1; then
  HAVE_PYTHON=1
else
  HAVE_PYTHON=0
fi

# --- help, version, usage errors ---------------------------------------

mote version
expect_rc "version exits 0" 0
expect_out "version prints the version" "mote 0."

mote help
expect_rc "help exits 0" 0
expect_out "help shows both commands" "inspect MODEL" "run MODEL [--input FILE]..."

# --- ops: the operator table of this build --------------------------------

mote ops
expect_rc "ops exits 0" 0
expect_out "ops lists builtins with version and types" \
  "    3  CONV_2D" "float32 int16 int8" "SignalRfft" "custom operators"
mote ops --json
expect_rc "ops --json exits 0" 0
if [ "$HAVE_PYTHON" = 1 ]; then
  if python3 -c '
import json, sys
ops = json.load(open(sys.argv[1]))
conv = [o for o in ops if o["op"] == "CONV_2D"]
assert conv and conv[0]["code"] == 3 and "int8" in conv[0]["types"], conv
assert all(set(o) >= {"op", "code", "types"} for o in ops)
assert any(o["custom"] and o["op"] == "SignalPCAN" for o in ops)
' "$TMP/out" 2>"$TMP/py"; then
    pass "ops --json is a list of {op, code, types}"
  else
    fail "ops --json is a list of {op, code, types}" "$(cat "$TMP/py")"
  fi
fi
mote ops --bogus
expect_rc "ops with a bad flag exits 2" 2
for cmd in inspect run ops diff profile; do
  mote "$cmd" --help
  expect_rc "$cmd --help exits 0" 0
  expect_out "$cmd --help prints a usage line" "usage: mote"
done

mote
expect_rc "no arguments exits 2" 2

mote frobnicate
expect_rc "unknown command exits 2" 2

mote inspect
expect_rc "inspect without MODEL exits 2" 2

mote inspect "$MODEL" --bogus
expect_rc "inspect with an unknown option exits 2" 2

mote run "$MODEL" --outputs "$TMP/o"
expect_fail "run without inputs says how to give them" "no data for input 0" \
  "--input FILE"

mote run "$MODEL" --inputs "$GOLDEN/q_0" --outputs "$TMP/o" --arena-bytes lots
expect_rc "run with a bad --arena-bytes exits 2" 2

mote run "$MODEL" --inputs "$GOLDEN/q_0" --outputs "$TMP/o" --repeat 0
expect_rc "run with --repeat 0 exits 2" 2

mote run "$MODEL" --inputs
expect_rc "run with an option missing its value exits 2" 2

# --- inspect -------------------------------------------------------------

mote inspect "$MODEL"
expect_rc "inspect exits 0" 0
expect_out "inspect lists operators, tensors and totals" \
  "FULLY_CONNECTED" "serving_default_dense_input:0" "weight bytes:" \
  "activation bytes:" "MACs:             288" "arena used bytes: "

mote inspect --json "$MODEL"
expect_rc "inspect --json exits 0" 0
cp "$TMP/out" "$TMP/inspect.json"
if [ $HAVE_PYTHON = 1 ]; then
  if python3 -m json.tool "$TMP/inspect.json" >/dev/null 2>"$TMP/err"; then
    pass "inspect --json is valid JSON"
  else
    fail "inspect --json is valid JSON" "$(cat "$TMP/err")"
  fi
  if python3 - "$TMP/inspect.json" 2>"$TMP/err" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
keys = ["file", "description", "subgraphs", "operators", "tensors", "inputs",
        "outputs", "weight_bytes", "activation_bytes", "macs",
        "arena_used_bytes"]
missing = [k for k in keys if k not in d]
assert not missing, "missing keys %s" % missing
assert isinstance(d["arena_used_bytes"], int) and d["arena_used_bytes"] > 0, \
    "arena_used_bytes %r" % d["arena_used_bytes"]
assert [o["name"] for o in d["operators"]] == ["FULLY_CONNECTED"] * 3
assert d["macs"] == 288 == sum(o["macs"] for o in d["operators"])
t = d["tensors"][d["inputs"][0]]
assert t["type"] == "int8" and t["shape"] == [1, 1] and t["zero_point"] == -128
assert d["weight_bytes"] == sum(t["bytes"] for t in d["tensors"] if t["constant"])
EOF
  then
    pass "inspect --json has every key and consistent values"
  else
    fail "inspect --json has every key and consistent values" \
      "$(tail -n 1 "$TMP/err")"
  fi
else
  # No python3: check the shape of the document by grep only.
  if head -n 1 "$TMP/inspect.json" | grep -q '^{' &&
     tail -n 1 "$TMP/inspect.json" | grep -q '^}' &&
     grep -q '"operators": \[' "$TMP/inspect.json"; then
    pass "inspect --json looks like one JSON object (no python3)"
  else
    fail "inspect --json looks like one JSON object (no python3)"
  fi
fi
if grep -q '"arena_used_bytes": [1-9][0-9]*,' "$TMP/inspect.json"; then
  pass "inspect --json reports arena_used_bytes"
else
  fail "inspect --json reports arena_used_bytes" "$(grep arena "$TMP/inspect.json")"
fi
ARENA=$(sed -n 's/.*"arena_used_bytes": \([0-9][0-9]*\),.*/\1/p' "$TMP/inspect.json")

# Tensor names are arbitrary bytes: a quote, a backslash, a control byte and
# invalid UTF-8 must still give valid JSON. Same length, so still a valid
# model.
cp "$MODEL" "$TMP/names.tflite"
OFFSET=$(grep -abo 'serving_default_dense_input' "$MODEL" | head -n 1 | cut -d: -f1)
if [ -n "$OFFSET" ]; then
  printf '"\\\001\377' |
    dd of="$TMP/names.tflite" bs=1 seek="$OFFSET" conv=notrunc 2>/dev/null
  mote inspect --json "$TMP/names.tflite"
  expect_rc "inspect --json on odd tensor names exits 0" 0
  if [ $HAVE_PYTHON = 1 ]; then
    if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
name = d["tensors"][d["inputs"][0]]["name"]
assert name.startswith("\"\\\x01\ufffding_default"), repr(name)
' "$TMP/out" 2>"$TMP/err"; then
      pass "inspect --json escapes odd tensor names"
    else
      fail "inspect --json escapes odd tensor names" "$(tail -n 1 "$TMP/err")"
    fi
  fi
fi

mote inspect "$TMP/does-not-exist.tflite"
expect_fail "inspect on a missing file fails naming it" "does-not-exist.tflite"

head -c 1000 "$MODEL" >"$TMP/truncated.tflite"
mote inspect "$TMP/truncated.tflite"
expect_fail "inspect on a truncated model fails as corrupt" "truncated.tflite" "corrupt"

mote inspect --json "$TMP/truncated.tflite"
expect_fail "inspect --json on a truncated model fails as corrupt" "corrupt"
if [ -s "$TMP/out" ]; then
  fail "inspect --json prints nothing on stdout for a corrupt model"
else
  pass "inspect --json prints nothing on stdout for a corrupt model"
fi

# --- run -----------------------------------------------------------------

for CASE in "$GOLDEN"/*/; do
  CASE=${CASE%/}
  NAME=$(basename "$CASE")
  mote run "$MODEL" --inputs "$CASE" --outputs "$TMP/run_$NAME"
  if [ "$RC" -ne 0 ]; then
    fail "run $NAME exits 0" "exit status $RC: $(cat "$TMP/err")"
  elif cmp -s "$TMP/run_$NAME/output_0.bin" "$CASE/output_0.bin"; then
    pass "run $NAME matches TFLM's golden output_0.bin"
  else
    fail "run $NAME matches TFLM's golden output_0.bin"
  fi
done

mote run "$MODEL" --inputs "$GOLDEN/q_0" --outputs "$TMP/nested/dir/out"
expect_rc "run creates a nested output directory" 0
expect_out "run summarises the output" "StatefulPartitionedCall:0" "int8 [1, 1]" \
  "values:" "dequantized:"
if cmp -s "$TMP/nested/dir/out/output_0.bin" "$GOLDEN/q_0/output_0.bin"; then
  pass "run output in the nested directory matches"
else
  fail "run output in the nested directory matches"
fi

mote run "$MODEL" --inputs "$GOLDEN/q_0" --outputs "$TMP/prof" --profile
expect_rc "run --profile exits 0" 0
expect_out "run --profile lists every operator" "op   2  FULLY_CONNECTED"

mote run "$MODEL" --inputs "$GOLDEN/q_0" --outputs "$TMP/repeat" --repeat 5
expect_rc "run --repeat 5 exits 0" 0
expect_out "run --repeat reports timing" "invoke: 5 runs"
if cmp -s "$TMP/repeat/output_0.bin" "$GOLDEN/q_0/output_0.bin"; then
  pass "run --repeat 5 still matches the golden output"
else
  fail "run --repeat 5 still matches the golden output"
fi

mote run "$MODEL" --inputs "$GOLDEN/q_0" --outputs "$TMP/o" --arena-bytes 64
expect_fail "run with a 64-byte arena fails naming the arena" "arena"

if [ -n "$ARENA" ]; then
  mote run "$MODEL" --inputs "$GOLDEN/q_0" --outputs "$TMP/exact" \
    --arena-bytes "$ARENA"
  expect_rc "run in exactly inspect's arena_used_bytes ($ARENA) works" 0
fi

mkdir -p "$TMP/empty"
mote run "$MODEL" --inputs "$TMP/empty" --outputs "$TMP/o"
expect_fail "run with a missing input file fails naming it" "$TMP/empty/input_0.bin"

mkdir -p "$TMP/big"
printf 'ab' >"$TMP/big/input_0.bin"
mote run "$MODEL" --inputs "$TMP/big" --outputs "$TMP/o"
expect_fail "run with a wrongly sized input names file and sizes" \
  "$TMP/big/input_0.bin" "2 bytes" "exactly 1 bytes"

mote run "$TMP/truncated.tflite" --inputs "$GOLDEN/q_0" --outputs "$TMP/o"
expect_fail "run on a truncated model fails as corrupt" "corrupt"

printf 'x' >"$TMP/file"
mote run "$MODEL" --inputs "$GOLDEN/q_0" --outputs "$TMP/file"
expect_fail "run with an output path that is a file fails naming it" "$TMP/file"

echo "$PASSED passed, $FAILED failed"
if [ "$FAILED" -ne 0 ]; then
  exit 1
fi
exit 0
