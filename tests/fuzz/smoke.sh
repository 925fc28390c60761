#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# CI's fuzz check for one target: replay the saved corpus and the seeds
# once each (every input that ever crashed stays fixed), then fuzz from
# them for SECONDS.
#
#   tests/fuzz/smoke.sh FUZZER model|flexbuffer|cli_inputs|learner_state SECONDS
set -eu
[ $# -eq 3 ] || { echo "usage: $0 FUZZER model|flexbuffer|cli_inputs|learner_state SECONDS" >&2; exit 2; }
fuzzer=$1
target=$2
seconds=$3
here=$(cd "$(dirname "$0")" && pwd)
seeds=$(mktemp -d "${TMPDIR:-/tmp}/mote-fuzz-smoke.XXXXXX")
trap 'rm -rf "$seeds"' EXIT INT TERM
sh "$here/seeds.sh" "$target" "$seeds"
echo "smoke: replaying $(ls "$seeds" | wc -l) inputs"
# -runs=0 with a directory executes each input once and stops.
"$fuzzer" -runs=0 -rss_limit_mb=4096 -timeout=60 "$seeds"
sh "$here/run.sh" "$target" "$fuzzer" "$seconds" -print_final_stats=1
