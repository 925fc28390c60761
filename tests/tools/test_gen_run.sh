#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# What `mote gen` writes, used as a host application would: for each model
# below, gen --name gm, then tests/tools/gen_app.c + the generated sources
# + the golden cases (tests/target/gen_golden.sh) compiled with
# -Wall -Wextra -Werror -Wconversion and linked against libmote. The app
# checks GM_ARENA_BYTES against prepare (exactly enough, 16 less too
# little) and every golden case against TFLM's bytes.
#
#   test_gen_run.sh MOTE_BINARY CC REPO_ROOT LIBMOTE "LINK_FLAGS" [MODELS_DIR]
#
# MOTE_GEN_MODELS names other models of MODELS_DIR to run.
MOTE=$1
CC=$2
ROOT=$3
LIB=$4
LINK=$5
MODELS=${6:-${MOTE_MODELS_DIR:-$ROOT/../shared/models}}
if [ ! -x "$MOTE" ] || [ ! -f "$LIB" ] || [ ! -d "$ROOT/include/mote" ]; then
  echo "usage: $0 MOTE_BINARY CC REPO_ROOT LIBMOTE LINK_FLAGS [MODELS_DIR]" >&2
  exit 2
fi
ROOT=$(cd "$ROOT" && pwd)
LIB=$(cd "$(dirname "$LIB")" && pwd)/$(basename "$LIB")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mote-gen-run.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
failed=0
for m in ${MOTE_GEN_MODELS:-mlperf_kws_dscnn_int8 hello_world_float audio_preprocessor_int8}; do
  if [ ! -f "$MODELS/$m.tflite" ]; then
    echo "FAIL $m: no $MODELS/$m.tflite (set MOTE_MODELS_DIR)"
    failed=$((failed + 1))
    continue
  fi
  d=$TMP/$m
  if ! "$MOTE" gen "$MODELS/$m.tflite" -o "$d" --name gm >"$TMP/log" 2>&1 ||
     ! sh "$ROOT/tests/target/gen_golden.sh" "$MODELS" "$m" "$d/golden.c" >>"$TMP/log" 2>&1 ||
     ! "$CC" -std=c99 -Wall -Wextra -Wpedantic -Werror -Wconversion \
         -I"$ROOT/include" -I"$ROOT/tests/support" -I"$ROOT/tests/target" -I"$d" \
         "$ROOT/tests/tools/gen_app.c" "$ROOT/tests/support/compare.c" \
         "$d/gm_model.c" "$d/gm_resolver.c" "$d/golden.c" "$LIB" -lm $LINK \
         -o "$d/app" >>"$TMP/log" 2>&1; then
    echo "FAIL $m: gen or build"
    cat "$TMP/log"
    failed=$((failed + 1))
    continue
  fi
  if "$d/app"; then
    echo "ok   $m"
  else
    echo "FAIL $m"
    failed=$((failed + 1))
  fi
done
# The CMake snippet, as a user's project includes it: NAME_add_to() must
# bring the sources, the include directory and mote::mote (here an
# imported libmote with its include directory, standing in for
# find_package).
d=$TMP/mlperf_kws_dscnn_int8
if [ -x "$d/app" ] && command -v cmake >/dev/null 2>&1; then
  mkdir -p "$TMP/proj"
  cat >"$TMP/proj/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.13)
project(gen_user C)
add_library(mote::mote STATIC IMPORTED)
set_target_properties(mote::mote PROPERTIES IMPORTED_LOCATION "$LIB"
  INTERFACE_INCLUDE_DIRECTORIES "$ROOT/include" INTERFACE_LINK_LIBRARIES "m;$LINK")
add_executable(app "$ROOT/tests/tools/gen_app.c" "$ROOT/tests/support/compare.c"
  "$d/golden.c")
target_include_directories(app PRIVATE "$ROOT/tests/support" "$ROOT/tests/target")
include("$d/gm.cmake")
gm_add_to(app)
CM
  if cmake -S "$TMP/proj" -B "$TMP/proj/b" -DCMAKE_C_COMPILER="$CC" >"$TMP/log" 2>&1 &&
     cmake --build "$TMP/proj/b" >>"$TMP/log" 2>&1 && "$TMP/proj/b/app" >/dev/null; then
    echo "ok   gm.cmake: gm_add_to(app) builds an app that passes"
  else
    echo "FAIL gm.cmake: gm_add_to(app)"
    tail -n 30 "$TMP/log"
    failed=$((failed + 1))
  fi
fi
echo "$failed failed"
[ "$failed" -eq 0 ]
