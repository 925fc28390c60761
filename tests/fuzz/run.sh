#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs the model fuzzer for a while, seeded with real models.
#
#   tests/fuzz/run.sh FUZZER [SECONDS] [libFuzzer args...]
#
# FUZZER is the fuzz_model binary (cmake -DMOTE_FUZZ=ON, CC=clang). SECONDS
# defaults to 60. The seed corpus is models/*.tflite plus the shared models
# under 400 KB from ${MOTE_MODELS_DIR:-../shared/models}; it is copied into
# a temporary directory, which is removed afterwards, so new finds do not
# pile up in the tree; to keep them, pass a directory of your own as the
# first extra argument (libFuzzer writes new inputs to the first corpus
# directory it is given). Crashes are written to ./crash-* (libFuzzer's
# default); minimise them with FUZZER -minimize_crash=1 and add them to
# tests/fuzz/regressions/.
set -eu

if [ $# -lt 1 ]; then
  echo "usage: $0 FUZZER [SECONDS] [libFuzzer args...]" >&2
  exit 2
fi
fuzzer=$1
seconds=${2:-60}
shift
[ $# -gt 0 ] && shift

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
models=${MOTE_MODELS_DIR:-$root/../shared/models}

corpus=$(mktemp -d "${TMPDIR:-/tmp}/mote-fuzz-corpus.XXXXXX")
trap 'rm -rf "$corpus"' EXIT INT TERM

for f in "$root"/models/*.tflite "$here"/regressions/*; do
  [ -f "$f" ] && cp "$f" "$corpus/"
done
if [ -d "$models" ]; then
  find "$models" -maxdepth 1 -name '*.tflite' -size -400k \
    -exec cp {} "$corpus/" \;
else
  echo "run.sh: $models not found; seeding with models/ only" >&2
fi
echo "run.sh: $(ls "$corpus" | wc -l) seeds, $seconds s"

# Models up to 512 KiB (the seeds fit); a few seconds is a hang for them.
"$fuzzer" -max_total_time="$seconds" -max_len=524288 -timeout=10 \
  -rss_limit_mb=2048 "$@" "$corpus"
