#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs one fuzz target for a while, seeded (tests/fuzz/seeds.sh).
#
#   tests/fuzz/run.sh model|flexbuffer|cli_inputs|learner_state FUZZER [SECONDS] [libFuzzer args...]
#
# FUZZER is the fuzz_<target> binary (cmake -DMOTE_FUZZ=ON, CC=clang).
# SECONDS defaults to 60. The seeds go to a temporary directory, removed
# afterwards, so new finds do not pile up in the tree; to keep them, pass a
# directory of your own as the first extra argument (libFuzzer writes new
# inputs to the first corpus directory it is given). Crashes are written to
# ./crash-* (libFuzzer's default); minimise them with FUZZER
# -minimize_crash=1 and add them to tests/fuzz/corpus/<target>/ (and, for
# models, the model part to tests/fuzz/regressions/).
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 model|flexbuffer|cli_inputs|learner_state FUZZER [SECONDS] [libFuzzer args...]" >&2
  exit 2
fi
target=$1
fuzzer=$2
seconds=${3:-60}
shift 2
[ $# -gt 0 ] && shift

here=$(cd "$(dirname "$0")" && pwd)
corpus=$(mktemp -d "${TMPDIR:-/tmp}/mote-fuzz-corpus.XXXXXX")
trap 'rm -rf "$corpus"' EXIT INT TERM
sh "$here/seeds.sh" "$target" "$corpus"
# The largest seed (whole models, up to a few MB) bounds the input length.
max_len=$(find "$corpus" -type f -printf '%s\n' | sort -n | tail -n 1)
max_len=$((max_len > 4096 ? max_len : 4096))
echo "run.sh: $target: $(ls "$corpus" | wc -l) seeds, max_len $max_len, $seconds s"

dict=""
[ -f "$here/$target.dict" ] && dict="-dict=$here/$target.dict"
# shellcheck disable=SC2086
"$fuzzer" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 \
  -rss_limit_mb=4096 $dict "$@" "$corpus"
