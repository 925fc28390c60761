#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tools/check_layers.sh itself: silent and 0 on a clean tree; on a tree
# with an upward include, a new unplaced directory and an include of an
# unknown one, exit 1 naming each FILE:LINE, and nothing else.
#
#   test_check_layers.sh CHECKER
set -eu
checker=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/common" "$tmp/src/memory" "$tmp/src/interp" "$tmp/src/kernels/signal"
printf '#include "mote/interp.h"\n#include <string.h>\n' >"$tmp/src/common/a.h"
printf '#include "common/a.h"\n#include "memory/b.h"\n' >"$tmp/src/memory/b.c"
printf '#include "memory/b.h"\n#include "format/fb.h"\n' >"$tmp/src/interp/c.c"
printf '#include "interp/c.h"\n' >"$tmp/src/kernels/signal/d.c"
out=$(sh "$checker" "$tmp/src") || {
  echo "clean tree rejected:"
  echo "$out"
  exit 1
}
[ -z "$out" ] || { echo "clean tree: unexpected output: $out"; exit 1; }

printf 'int x;\n  #  include "interp/c.h"\n' >>"$tmp/src/memory/b.c"
mkdir -p "$tmp/src/training"
printf '#include "kernels/k.h"\n' >"$tmp/src/training/e.c"
printf '#include "nowhere/n.h"\n' >"$tmp/src/common/f.c"
status=0
out=$(sh "$checker" "$tmp/src") || status=$?
echo "$out"
[ "$status" -eq 1 ] || { echo "expected exit 1, got $status"; exit 1; }
for want in "/src/memory/b.c:4: memory/ includes interp/" \
            "/src/training/e.c:1: directory training/ has no place" \
            "/src/common/f.c:1: includes nowhere/, which has no place"; do
  case "$out" in
  *"$want"*) ;;
  *) echo "missing: $want"; exit 1 ;;
  esac
done
[ "$(echo "$out" | wc -l)" -eq 3 ] || { echo "expected exactly 3 lines"; exit 1; }
echo "check_layers: ok"
