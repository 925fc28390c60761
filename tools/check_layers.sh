#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Fails when a source directory includes one above it in the layer order
#
#   common < format < memory < interp < kernels < train
#
# (a file in src/X may include "Y/..." only when Y is X or below it; the
# public "mote/..." headers are allowed everywhere). Every violation is
# printed as FILE:LINE, and so is any include of, or file in, a directory
# the order does not name: a new directory must be given its place here.
#
#   tools/check_layers.sh [SRC_DIR]      (default: the src/ beside tools/)
#
# src/mote/ is no layer: it holds the forwarders to the public headers
# (src/mote.h says why), which include nothing else.
#
# POSIX sh, find, awk; exits 0 when clean, 1 on a violation, 2 on bad use.
set -eu
src=${1:-$(cd "$(dirname "$0")/.." && pwd)/src}
if [ ! -d "$src" ]; then
  echo "check_layers: no directory $src" >&2
  exit 2
fi
order="common format memory interp kernels train"
files=$(cd "$src" && find . -type f \( -name '*.c' -o -name '*.h' \) | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$files" ] || { echo "check_layers: no sources under $src" >&2; exit 2; }
cd "$src"
# shellcheck disable=SC2086
awk -v order="$order" -v src="$src" '
  BEGIN {
    n = split(order, names, " ")
    for (i = 1; i <= n; i++) rank[names[i]] = i
    bad = 0
  }
  FNR == 1 {
    layer = FILENAME
    sub(/\/.*/, "", layer)
    if (!(layer in rank) && layer != "mote" && FILENAME ~ /\//) {
      printf "%s/%s:1: directory %s/ has no place in the layer order (%s)\n",
             src, FILENAME, layer, order
      bad = 1
    }
  }
  /^[ \t]*#[ \t]*include[ \t]*"[^"]*\// {
    inc = $0
    sub(/^[^"]*"/, "", inc)
    sub(/\/.*/, "", inc)
    if (inc == "mote" || inc == layer || layer == "mote") next
    if (!(inc in rank)) {
      printf "%s/%s:%d: includes %s/, which has no place in the layer order (%s)\n",
             src, FILENAME, FNR, inc, order
      bad = 1
    } else if ((layer in rank) && rank[inc] > rank[layer]) {
      printf "%s/%s:%d: %s/ includes %s/, a higher layer (order: %s)\n",
             src, FILENAME, FNR, layer, inc, order
      bad = 1
    }
  }
  END { exit bad }
' $files
