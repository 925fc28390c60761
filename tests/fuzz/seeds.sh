#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Writes the seed corpus of one fuzz target into DIR.
#
#   tests/fuzz/seeds.sh model|flexbuffer|cli_inputs|learner_state DIR
#
# model: every .tflite in models/ and ${MOTE_MODELS_DIR:-../shared/models}
# (whole, however large), the regressions and the saved corpus (corpus/model:
# models of several subgraphs that tests/interp/test_control_flow.c builds
# with MOTE_TEST_DUMP_DIR set), each model
# with fuzz_model's 4-byte run trailer appended twice over (the defaults;
# and 4 invokes with reset_state, a second interpreter and a kept tensor)
# flexbuffer: the flexbuffers of tests/format/test_flexbuffer.c (real
# signal-op options and hand-made ones) and the saved corpus.
# cli_inputs: the CLI test fixtures (.npy, .wav, PGM/PPM, BMP, PNG) that
# tests/tools/cli_fixtures.py writes.
# learner_state: a few recipes of fuzz_learner_state.c.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 model|flexbuffer|cli_inputs|learner_state DIR" >&2; exit 2; }
target=$1
dir=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
models=${MOTE_MODELS_DIR:-$root/../shared/models}
mkdir -p "$dir"
case "$target" in
model)
  n=0
  for f in "$root"/models/*.tflite "$here"/regressions/* "$here"/corpus/model/* \
           "$models"/*.tflite; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    { cat "$f"; printf '\300\000\000\000'; } >"$dir/seed-$n-a"
    { cat "$f"; printf '\300\037\003\007'; } >"$dir/seed-$n-b"
  done
  [ -d "$models" ] || echo "seeds.sh: $models not found; seeding with models/ only" >&2
  ;;
flexbuffer)
  python3 - "$root/tests/format/test_flexbuffer.c" "$dir" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
for name, body in re.findall(r"static const uint8_t (\w+)\[\d*\] = \{([^}]*)\};", src):
    data = bytes(int(x, 0) for x in re.findall(r"0x[0-9a-fA-F]+|\d+", body))
    open("%s/seed-%s" % (sys.argv[2], name), "wb").write(data)
PY
  ;;
cli_inputs)
  python3 "$root/tests/tools/cli_fixtures.py" "$dir"
  ;;
learner_state)
  # Recipes (fuzz_learner_state.c): a learner, then changes to its image.
  printf '\060' >"$dir/seed-int8-linear"
  printf '\363' >"$dir/seed-float-hidden-balanced"
  printf '\372\020\000\001' >"$dir/seed-crc-fixed-change"
  printf '\376\000\000\377\007' >"$dir/seed-crc-fixed-truncated"
  ;;
*)
  echo "seeds.sh: unknown target $target (model, flexbuffer, cli_inputs, learner_state)" >&2
  exit 2
  ;;
esac
if [ -d "$here/corpus/$target" ]; then
  cp "$here/corpus/$target"/* "$dir/" 2>/dev/null || true
fi
