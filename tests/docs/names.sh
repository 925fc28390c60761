#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The guides name only what exists (CTest docs/names): every mote_ or
# MOTE_ identifier in docs/porting.md, docs/migrating-from-tflm.md and
# docs/api.md must be in include/mote/ (functions, types, kernels,
# macros) or, for MOTE_ build options and internal macros only, appear in
# src/, cmake/, platform/ or CMakeLists.txt. Placeholders (mote_kernel_xxx,
# MOTE_OP_XXX, MOTE_IMPL_<FN>) are skipped.
#
#   names.sh ROOT
set -eu
root=$1
cd "$root"
bad=0
names=$(grep -ohE '\b(mote|MOTE)_[A-Za-z0-9_]+' docs/porting.md docs/migrating-from-tflm.md \
          docs/api.md | sort -u)
for n in $names; do
  case "$n" in
    *_xxx | *_XXX | *_ | MOTE_IMPL_) continue ;;
  esac
  if grep -rqw -- "$n" include/mote; then
    continue
  fi
  # Only macros and options may live outside the public headers.
  if [ "$n" != "${n#MOTE_}" ] && grep -rqw -- "$n" src cmake platform CMakeLists.txt; then
    continue
  fi
  echo "docs/names: $n is named in the docs but exists nowhere in include/, src/, cmake/, platform/" >&2
  bad=1
done
[ "$bad" -eq 0 ] || exit 1
echo "docs/names: $(echo "$names" | wc -l) names, all defined"
