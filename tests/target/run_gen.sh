#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `mote gen` for a Cortex-M, end to end under QEMU: for each model, the
# target's arena is measured (tools/gen/target_arena.sh), written by
# `mote gen --target CPU --arena-bytes N --name gm`, and the generated
# sources are built with tests/tools/gen_app.c into a firmware (-Wconversion
# -Werror) that checks prepare succeeds with exactly GM_ARENA_BYTES and
# fails with 16 bytes less, then runs every golden case of the model
# against TFLM's bytes (a case's `invokes` file: the outputs after that
# many invokes of one interpreter).
#
#   tests/target/run_gen.sh m4|m55 MOTE_BINARY [BUILD_DIR]
#
# Skips (exit 77) without the cross tools or the shared directory, except
# under CI. Prints the firmware's lines and "N passed, N failed".
set -u
cpu=${1:-}
mote=${2:-}
case "$cpu" in
  m4 | m55) ;;
  *) echo "usage: run_gen.sh m4|m55 MOTE_BINARY [BUILD_DIR]" >&2; exit 2 ;;
esac
script=run_gen.sh
. "$(cd "$(dirname "$0")" && pwd)/common.sh"
out=${3:-${TMPDIR:-/tmp}/mote-target-gen-$cpu}
[ -x "$mote" ] || { echo "run_gen.sh: no mote tool at '$mote'" >&2; exit 2; }
need_target_tools
# MOTE_MODELS_DIR may also be a directory of that layout written by a
# test (run_control_flow.sh), without the shared manifest.
[ -d "$models_dir/golden" ] || skip "no models with golden cases at $models_dir"
models=${MOTE_GEN_MODELS:-mlperf_kws_dscnn_int8 audio_preprocessor_int8}

passed=0
failed=0
mkdir -p "$out" || exit 1
for m in $models; do
  app=$out/app-$m
  rm -rf "$app"
  n=$(MOTE=$mote MOTE_CM_DIR=$cm_dir sh "$root/tools/gen/target_arena.sh" \
        "$cpu" "$models_dir/$m.tflite" "$out") ||
    { echo "$m: FAIL (cannot measure the arena on $cpu)"; failed=$((failed + 1)); continue; }
  echo "$m: $cpu arena $n bytes (host: $("$mote" gen "$models_dir/$m.tflite" \
    -o "$out/host-$m" --name gm | sed -n 's/.*arena \([0-9]*\) bytes.*/\1/p'))"
  if ! "$mote" gen "$models_dir/$m.tflite" -o "$app" --name gm \
         --target "$cpu" --arena-bytes "$n" >/dev/null ||
     ! sh "$here/gen_golden.sh" "$models_dir" "$m" "$app/golden.c" ||
     ! make -s -j "${MOTE_TARGET_JOBS:-2}" -f "$here/Makefile" CM_CPU="$cpu" \
         O="$out" CM="$cm_dir" GEN="$app" gen_app >"$out/build-$m.log" 2>&1; then
    tail -n 30 "$out/build-$m.log" 2>/dev/null
    echo "$m: FAIL (gen or build)"
    failed=$((failed + 1))
    continue
  fi
  if ! grep -q "GM_ARENA_BYTES ${n}u" "$app/gm_model.h"; then
    echo "$m: FAIL (gm_model.h does not hold $n)"
    failed=$((failed + 1))
    continue
  fi
  "$cm_dir/run-$cpu" --no-plugin --timeout "${MOTE_TARGET_TIMEOUT:-120}" \
    "$app/app.elf" >"$out/run-$m.log" 2>&1
  rc=$?
  cat "$out/run-$m.log"
  if [ "$rc" -eq 0 ] && grep -q '^gen app: all passed' "$out/run-$m.log"; then
    passed=$((passed + 1))
  else
    echo "$m: FAIL (exit status $rc)"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
