#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds libmote for every cross target at -Os and -O2 and fails on any
# warning (the library is compiled with -Werror; the build log is searched
# too, for warnings from the assembler, archiver or CMake itself). Prints
# text/data/bss of libmote.a per build, then the link check of
# CMakeLists.txt runs as a POST_BUILD step with the target's nm.
#
#   cmake/cross_check.sh [CPU...]     default: every CPU below
#
# CPUs: cortex-m0plus cortex-m3 cortex-m4f cortex-m7 cortex-m33 cortex-m55
# (arm-none-eabi-gcc) and rv32imc (riscv64-unknown-elf-gcc + picolibc).
# Build trees go to ${MOTE_CROSS_DIR:-build-cross}/<cpu>-<opt>; each is a
# fresh configure, since a changed optimisation level rebuilds everything
# anyway. Only the library is built (CMakeLists.txt turns tools and tests
# off when cross compiling), about 40 files per build.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out=${MOTE_CROSS_DIR:-$here/build-cross}
jobs=${MOTE_CROSS_JOBS:-2}
cpus=${*:-"cortex-m0plus cortex-m3 cortex-m4f cortex-m7 cortex-m33 cortex-m55 rv32imc"}
mkdir -p "$out"

failed=""
printf '%-14s %-4s %8s %6s %6s  %s\n' cpu opt text data bss "libmote.a"
for cpu in $cpus; do
  case "$cpu" in
    rv32imc)
      toolchain=$here/cmake/toolchains/riscv32.cmake
      size_tool=riscv64-unknown-elf-size
      extra="" ;;
    cortex-m*)
      toolchain=$here/cmake/toolchains/arm-none-eabi.cmake
      size_tool=arm-none-eabi-size
      extra="-DMOTE_CPU=$cpu" ;;
    *)
      echo "cross_check: unknown CPU $cpu" >&2
      exit 2 ;;
  esac
  for opt in Os O2; do
    dir=$out/$cpu-$opt
    log=$dir.log
    rm -rf "$dir"
    # shellcheck disable=SC2086
    if cmake -S "$here" -B "$dir" -DCMAKE_TOOLCHAIN_FILE="$toolchain" $extra \
         -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-$opt -DNDEBUG" \
         >"$log" 2>&1 &&
       cmake --build "$dir" -j "$jobs" >>"$log" 2>&1 &&
       ! grep -qi 'warning' "$log"; then
      # size -t ends with the totals line: text data bss dec hex (TOTALS)
      set -- $("$size_tool" -t "$dir/libmote.a" | tail -n 1)
      printf '%-14s %-4s %8s %6s %6s\n' "$cpu" "-$opt" "$1" "$2" "$3"
    else
      printf '%-14s %-4s FAILED (log: %s)\n' "$cpu" "-$opt" "$log"
      grep -iE 'warning|error:|error [0-9]' "$log" | head -n 20 >&2 || true
      failed="$failed $cpu-$opt"
    fi
  done
done

if [ -n "$failed" ]; then
  echo "cross_check: failed:$failed" >&2
  exit 1
fi
echo "cross_check: every build is warning-free"
