#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The op table on an emulated Cortex-M (QEMU): every case of
# tests/kernels/table through libmote as built for the CPU (its DSP or
# Helium implementations, by MOTE_KERNELS=auto) and through the reference
# twin, byte for byte (see kernel_table_fw.c).
#
#   tests/target/run_kernel_table.sh m4|m55 [BUILD_DIR]
#
# Needs arm-none-eabi-gcc (+ newlib), qemu-system-arm, make and the shared
# Cortex-M harness (MOTE_CM_DIR, default ../shared/tools/cortex-m beside
# the repository). Without them it skips (exit 77), except under CI, where
# it fails. KERNELS=... picks other implementations (cmake/kernels.cmake).
# Prints a line per op and "N passed, N failed"; exits 0 only when every
# case matched.
set -u

cpu=${1:-}
case "$cpu" in
  m4 | m55) ;;
  *) echo "usage: run_kernel_table.sh m4|m55 [BUILD_DIR]" >&2; exit 2 ;;
esac
script=run_kernel_table.sh
. "$(cd "$(dirname "$0")" && pwd)/common.sh"
out=${2:-${TMPDIR:-/tmp}/mote-kernel-table-$cpu}

need_target_tools cmake

mkdir -p "$out" || exit 1
rm -f "$out/kernel_table.elf"
echo "== building the op table firmware for $cpu in $out"
if ! make -s -j "${MOTE_TARGET_JOBS:-2}" -f "$here/Makefile" CM_CPU="$cpu" \
    O="$out" CM="$cm_dir" kernel_table >"$out/build.log" 2>&1; then
  tail -n 40 "$out/build.log"
  echo "0 passed, 1 failed (the firmware did not build)"
  exit 1
fi
"$cm_dir/run-$cpu" --no-plugin --timeout "${MOTE_TARGET_TIMEOUT:-600}" \
  "$out/kernel_table.elf" >"$out/run.log" 2>&1
rc=$?
cat "$out/run.log"
# The exit status is the number of failed cases; a fault or a timeout
# leaves no summary line.
if [ "$rc" -ne 0 ] || ! grep -q '^[0-9]* passed, 0 failed$' "$out/run.log"; then
  echo "run_kernel_table.sh: $cpu failed (exit status $rc)"
  exit 1
fi
