#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# mote's one entry point for a fresh machine.
#
#   ./build.sh demo   build, then run the sine model the repository contains
#   ./build.sh test   build plain, sanitized, clang and cross; run every test
#
# Both install what they need on Debian (apt-get, as root or with sudo).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
jobs=$(nproc 2>/dev/null || echo 2)

need_packages() {
  missing=""
  command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
  command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
  command -v make >/dev/null 2>&1 || missing="$missing make"
  for tool in "$@"; do
    case "$tool" in
      clang) command -v clang >/dev/null 2>&1 || missing="$missing clang" ;;
      python3) command -v python3 >/dev/null 2>&1 || missing="$missing python3" ;;
      # The package tests build a consumer with pkg-config's flags.
      pkg-config) command -v pkg-config >/dev/null 2>&1 || missing="$missing pkgconf" ;;
      # PNG inputs for `mote run` (optional: the tool builds without it).
      libpng) [ -f /usr/include/png.h ] || missing="$missing libpng-dev" ;;
      # Cortex-M cross compiler with newlib, and QEMU to run it (target tests).
      arm-gcc)
        command -v arm-none-eabi-gcc >/dev/null 2>&1 &&
          [ "$(arm-none-eabi-gcc -print-file-name=libc_nano.a)" != libc_nano.a ] ||
          missing="$missing gcc-arm-none-eabi libnewlib-arm-none-eabi" ;;
      # The continual-learning benchmark's test (bench/learn) learns on it.
      fashion-mnist)
        [ -f /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ] ||
          missing="$missing dataset-fashion-mnist" ;;
      qemu-arm) command -v qemu-system-arm >/dev/null 2>&1 || missing="$missing qemu-system-arm" ;;
      # The API reference check (CTest docs/doxygen).
      doxygen) command -v doxygen >/dev/null 2>&1 || missing="$missing doxygen" ;;
      # RV32 cross compiler; it ships no C library, picolibc gives string.h/math.h.
      riscv-gcc)
        command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 &&
          [ -f /usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs ] ||
          missing="$missing gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf" ;;
    esac
  done
  if [ -n "$missing" ]; then
    echo "build.sh: installing:$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
      --no-install-recommends $missing
  fi
}

configure_build() { # dir, extra cmake args...
  dir=$1
  shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

case "${1:-}" in
demo)
  need_packages libpng
  configure_build build
  echo
  echo "== mote inspect models/sine_int8.tflite"
  build/tools/mote inspect models/sine_int8.tflite
  echo
  echo "== examples/hello_world on models/sine_int8.tflite"
  build/examples/example_hello_world models/sine_int8.tflite
  ;;
test)
  need_packages clang python3 pkg-config libpng arm-gcc qemu-arm riscv-gcc doxygen \
    fashion-mnist
  configure_build build
  (cd build && ctest --output-on-failure -j "$jobs" -O ctest.log)
  # Sanitized run: every unit test, and conformance on the small models.
  configure_build build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTE_SANITIZE=ON
  (cd build-asan &&
    MOTE_CONFORMANCE_SMALL=1 ctest --output-on-failure -j "$jobs" -O ctest.log)
  # The golden cases again with the reference kernels alone
  # (MOTE_KERNELS=ref): the plain and sanitized builds use the host's
  # faster implementations, so this holds the reference itself to TFLM.
  cmake -S . -B build-ref -DCMAKE_BUILD_TYPE=Release -DMOTE_KERNELS=ref >/dev/null
  cmake --build build-ref -j "$jobs" --target conformance_test_golden \
    conformance_test_audio_frontend
  (cd build-ref && ctest --output-on-failure -j "$jobs" -R '^conformance/' -O ctest.log)
  # Everything (library, tools, examples, tests) must also build
  # warning-free under clang, whose warnings differ from GCC's.
  CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Release \
    -DMOTE_BUILD_TESTS=ON -DMOTE_BUILD_TOOLS=ON >/dev/null
  cmake --build build-clang -j "$jobs"
  # Fuzz smoke (tests/fuzz, label fuzz): each libFuzzer target replays its
  # saved corpus and seeds, then fuzzes for MOTE_FUZZ_SMOKE_SECONDS.
  CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMOTE_FUZZ=ON -DMOTE_BUILD_TESTS=OFF -DMOTE_BUILD_TOOLS=OFF >/dev/null
  cmake --build build-fuzz -j "$jobs"
  (cd build-fuzz && ctest --output-on-failure -j "$jobs" -L fuzz -O ctest.log)
  # And with its error strings compiled out (MOTE_NO_ERROR_STRINGS).
  cmake -S . -B build-nostrings -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DMOTE_NO_ERROR_STRINGS=ON -DMOTE_BUILD_TESTS=OFF -DMOTE_BUILD_TOOLS=OFF >/dev/null
  cmake --build build-nostrings -j "$jobs"
  # Cross builds: the library for every Cortex-M and RV32IMC at -Os and -O2,
  # warning-free; then its size per object (M4F -Os), and the flash budget
  # of a minimal firmware, which also runs on QEMU against the host.
  sh cmake/cross_check.sh
  lib_m4f="$here/build-cross/cortex-m4f-Os/libmote.a"
  MOTE_SIZE_LIB="$lib_m4f" sh tools/size/size_report.sh --top 15
  MOTE_SIZE_LIB="$lib_m4f" MOTE_HOST_LIB="$here/build/libmote.a" \
    sh tools/size/fw_budget.sh
  # Worst-case invoke stack per shared model on Cortex-M4F -O2 against the
  # budget kept in tools/stack/budget.txt; the firmwares also run under
  # QEMU, which checks each bound against the stack an invoke was seen to
  # use.
  MOTE_BENCH_DIR="$here/build-stack" sh bench/run.sh --stack-check tools/stack/budget.txt
  # One closing line for the ctest runs (set -e stopped at any failure).
  total=$(cat build/ctest.log build-asan/ctest.log build-ref/ctest.log \
    build-fuzz/ctest.log |
    sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1 \2/p' |
    awk '{ failed += $1; total += $2 } END { print total - failed " passed, " failed " failed" }')
  echo
  echo "build.sh test: $total"
  ;;
*)
  echo "usage: ./build.sh demo | test" >&2
  exit 2
  ;;
esac
