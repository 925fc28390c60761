#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The exact arena a model needs on an emulated Cortex-M, for
# `mote gen --target m4|m55 --arena-bytes N`:
#
#   N=$(tools/gen/target_arena.sh m4|m55 MODEL [BUILD_DIR])
#
# The host cannot compute this figure: a 32-bit target has smaller
# pointers and kernel op data, and its kernel family (arm_dsp on M4,
# arm_mve on M55) requests scratch and persistent memory of its own. So
# the target computes it: libmote is cross-built for the CPU (kernels as
# KERNELS selects, default auto, as CMake's MOTE_KERNELS), the model and
# its generated resolver are linked into tools/gen/arena_fw.c, which
# prepares it under QEMU and prints mote_interp_arena_used_bytes(). Prints
# N alone on stdout; build output goes to BUILD_DIR/build-gen.log.
#
# Needs arm-none-eabi-gcc with newlib, qemu-system-arm, make, the shared
# Cortex-M harness (MOTE_CM_DIR, default ../shared/tools/cortex-m) and the
# mote tool (MOTE, default build/tools/mote).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cpu=${1:-}
model=${2:-}
case "$cpu" in
  m4 | m55) ;;
  *) echo "usage: target_arena.sh m4|m55 MODEL [BUILD_DIR]" >&2; exit 2 ;;
esac
[ -n "$model" ] || { echo "usage: target_arena.sh m4|m55 MODEL [BUILD_DIR]" >&2; exit 2; }
out=${3:-${TMPDIR:-/tmp}/mote-target-$cpu}
mote=${MOTE:-$root/build/tools/mote}
cm_dir=${MOTE_CM_DIR:-$root/../shared/tools/cortex-m}
for tool in arm-none-eabi-gcc qemu-system-arm make; do
  command -v "$tool" >/dev/null 2>&1 ||
    { echo "target_arena.sh: $tool not found" >&2; exit 1; }
done
[ -x "$mote" ] || { echo "target_arena.sh: no mote tool at $mote (set MOTE)" >&2; exit 1; }
[ -f "$cm_dir/cm.mk" ] || { echo "target_arena.sh: no Cortex-M harness at $cm_dir" >&2; exit 1; }

mkdir -p "$out" || exit 1
gen=$(mktemp -d "$out/arena.XXXXXX") || exit 1
trap 'rm -rf "$gen"' EXIT
trap 'exit 1' INT TERM
log=$out/build-gen.log
"$mote" gen "$model" -o "$gen" --name gm >/dev/null || exit 1
if ! make -s -j "${MOTE_TARGET_JOBS:-2}" -f "$root/tests/target/Makefile" \
    CM_CPU="$cpu" O="$out" CM="$cm_dir" KERNELS="${KERNELS:-auto}" \
    GEN="$gen" GEN_APP="$here/arena_fw.c" gen_app >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "target_arena.sh: the measuring firmware did not build (see $log)" >&2
  exit 1
fi
"$cm_dir/run-$cpu" --no-plugin --timeout "${MOTE_TARGET_TIMEOUT:-120}" \
  "$gen/app.elf" >"$gen/run.log" 2>&1
n=$(sed -n 's/^arena=\([0-9][0-9]*\).*/\1/p' "$gen/run.log")
if [ -z "$n" ]; then
  echo "target_arena.sh: $model does not prepare on $cpu:" >&2
  cat "$gen/run.log" >&2
  exit 1
fi
echo "$n"
