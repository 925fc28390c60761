#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Coverage of src/ that a fuzz corpus reaches, per source directory (the
# figures docs/robustness.md records for a campaign).
#
#   tests/fuzz/coverage.sh TARGET=CORPUS_DIR [TARGET=CORPUS_DIR...]
#
# e.g. tests/fuzz/coverage.sh model=/work/fuzz-campaign/model \
#        flexbuffer=/work/fuzz-campaign/flexbuffer
# Builds the fuzz targets with clang's source-based coverage in
# ${MOTE_COVERAGE_DIR:-build-fuzz-cov}, replays each corpus once
# (-runs=0), merges the profiles and prints lines and functions covered per
# directory of src/ (llvm-cov report), then the total.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 TARGET=CORPUS_DIR..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${MOTE_COVERAGE_DIR:-$root/build-fuzz-cov}
CC=clang cmake -S "$root" -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMOTE_FUZZ=ON -DMOTE_BUILD_TESTS=OFF -DMOTE_BUILD_TOOLS=OFF \
  -DCMAKE_C_FLAGS="-fprofile-instr-generate -fcoverage-mapping" >/dev/null
cmake --build "$out" -j 2 >/dev/null
rm -rf "$out/profiles"
mkdir -p "$out/profiles"
objects=""
for spec in "$@"; do
  target=${spec%%=*}
  corpus=${spec#*=}
  bin=$out/tests/fuzz/fuzz_$target
  [ -x "$bin" ] || { echo "coverage: no fuzz target $target" >&2; exit 2; }
  echo "coverage: replaying $(ls "$corpus" | wc -l) inputs through fuzz_$target" >&2
  LLVM_PROFILE_FILE="$out/profiles/$target-%p.profraw" \
    "$bin" -runs=0 -rss_limit_mb=4096 -timeout=60 "$corpus" >/dev/null 2>&1
  if [ -z "$objects" ]; then objects=$bin; else objects="$objects -object=$bin"; fi
done
llvm-profdata merge -sparse "$out"/profiles/*.profraw -o "$out/fuzz.profdata"
# shellcheck disable=SC2086
llvm-cov report $objects -instr-profile="$out/fuzz.profdata" \
  "$root/src" >"$out/report.txt"
# Rows: file, regions, missed, cover, functions, missed, executed, lines,
# missed, cover (llvm-cov 14 adds branches after). Sum per directory.
awk -v root="$root/src/" '
  # llvm-cov names files relative to the one directory given, or in full.
  $1 ~ /\.[ch]$/ {
    f = index($1, root) == 1 ? substr($1, length(root) + 1) : $1
    d = f; sub(/\/[^\/]*$/, "", d); if (d == f) d = "."
    fn[d] += $5; fnm[d] += $6; ln[d] += $8; lnm[d] += $9
    tf += $5; tfm += $6; tl += $8; tlm += $9
  }
  END {
    printf "%-28s %14s %14s\n", "src/ directory", "lines", "functions"
    for (d in ln)
      printf "%-28s %6d/%-6d %3.0f%% %5d/%-5d %3.0f%%\n", d, ln[d] - lnm[d], ln[d],
        100 * (ln[d] - lnm[d]) / ln[d], fn[d] - fnm[d], fn[d],
        fn[d] ? 100 * (fn[d] - fnm[d]) / fn[d] : 0 | "sort"
    close("sort")
    printf "%-28s %6d/%-6d %3.0f%% %5d/%-5d %3.0f%%\n", "total", tl - tlm, tl,
      100 * (tl - tlm) / tl, tf - tfm, tf, 100 * (tf - tfm) / tf
  }' "$out/report.txt"
