#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Static analysis of the library (src/); fails on any finding. Part of
# ./build.sh test; docs/static_analysis.md says what runs and why.
#
#   tools/analyze.sh [tidy] [fanalyzer]     default: both
#
# tidy       clang-tidy with .clang-tidy's checks, every warning an error,
#            over the host library (compile database from CMake, CC=clang)
#            and over the Arm families with --target=arm-none-eabi:
#            src/kernels/arm_dsp from a Cortex-M4F database, arm_mve from
#            a Cortex-M55 one. conv_2d_arm_mve.c is left to -fanalyzer:
#            its inline assembly names memory as "m"(*(const T(*)[])p),
#            a GCC form clang does not accept.
# fanalyzer  GCC's -fanalyzer building libmote (-Werror) for the host, for
#            Cortex-M4F (the arm_dsp family) and Cortex-M55 (arm_mve).
#
# Trees go to ${MOTE_ANALYZE_DIR:-build-analyze}/<name> and are reused: a
# second run analyzes only what changed. ${MOTE_ANALYZE_JOBS:-2} jobs.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out=${MOTE_ANALYZE_DIR:-$here/build-analyze}
jobs=${MOTE_ANALYZE_JOBS:-2}
what=${*:-"tidy fanalyzer"}
toolchain=$here/cmake/toolchains/arm-none-eabi.cmake
mkdir -p "$out"
failed=""

# configure DIR CMAKE-ARGS...: the library alone, quietly.
configure() {
  dir=$1
  shift
  cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DMOTE_BUILD_TOOLS=OFF \
    -DMOTE_BUILD_TESTS=OFF -DMOTE_INSTALL=OFF "$@" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log" >&2; return 1; }
}

# sources DB REGEX: the files of compile database DB matching REGEX.
sources() {
  sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' "$1" | grep -E "$2" | sort
}

# tidy NAME DB FILES...: clang-tidy over FILES, $jobs at a time.
tidy() {
  name=$1
  db=$2
  shift 2
  log=$out/tidy-$name.log
  # The cross databases carry GCC-only flags; clang need not know them.
  if printf '%s\n' "$@" | xargs -P "$jobs" -n 4 clang-tidy -p "$db" --quiet \
       --warnings-as-errors='*' --extra-arg=-Wno-unknown-warning-option \
       $tidy_extra >"$log" 2>&1; then
    echo "analyze: clang-tidy $name: $# files, clean"
  else
    grep -v -E '^[0-9]+ (warning|error)s? generated\.$' "$log" >&2 || true
    echo "analyze: clang-tidy $name: findings (log: $log)" >&2
    failed="$failed tidy-$name"
  fi
}

# fanalyzer NAME CMAKE-ARGS...: libmote with -fanalyzer (and -Werror).
fanalyzer() {
  name=$1
  shift
  dir=$out/fanalyzer-$name
  configure "$dir" -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG -fanalyzer" "$@"
  if cmake --build "$dir" -j "$jobs" --target mote >"$dir.log" 2>&1 &&
     ! grep -q 'warning:' "$dir.log"; then
    echo "analyze: gcc -fanalyzer $name: clean"
  else
    grep -E -A 3 'warning:|error:' "$dir.log" | head -n 60 >&2 || true
    echo "analyze: gcc -fanalyzer $name: findings (log: $dir.log)" >&2
    failed="$failed fanalyzer-$name"
  fi
}

for step in $what; do
  case "$step" in
    tidy)
      CC=clang configure "$out/tidy-host"
      tidy_extra=""
      # shellcheck disable=SC2046
      tidy host "$out/tidy-host" $(sources "$out/tidy-host/compile_commands.json" '/src/')
      configure "$out/tidy-m4f" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DMOTE_CPU=cortex-m4f
      configure "$out/tidy-m55" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DMOTE_CPU=cortex-m55
      # newlib's headers, where arm-none-eabi-gcc finds them.
      libc=$(echo | arm-none-eabi-gcc -xc -E -v - 2>&1 |
        sed -n 's/^ \(.*arm-none-eabi\/include\)$/\1/p' | head -n 1)
      tidy_extra="--extra-arg=--target=arm-none-eabi --extra-arg=-isystem$libc"
      # shellcheck disable=SC2046
      tidy arm_dsp "$out/tidy-m4f" $(sources "$out/tidy-m4f/compile_commands.json" '/src/kernels/arm_dsp/')
      # shellcheck disable=SC2046
      tidy arm_mve "$out/tidy-m55" $(sources "$out/tidy-m55/compile_commands.json" '/src/kernels/arm_mve/' |
        grep -v '/conv_2d_arm_mve\.c$')
      ;;
    fanalyzer)
      fanalyzer host
      fanalyzer cortex-m4f -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DMOTE_CPU=cortex-m4f
      fanalyzer cortex-m55 -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DMOTE_CPU=cortex-m55
      ;;
    *)
      echo "usage: tools/analyze.sh [tidy] [fanalyzer]" >&2
      exit 2
      ;;
  esac
done

if [ -n "$failed" ]; then
  echo "analyze: failed:$failed" >&2
  exit 1
fi
echo "analyze: no findings"
