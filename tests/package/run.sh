#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The package tests (CTest package/*): mote used by another project the
# ways users use it, for the host and for Cortex-M4F.
#
#   run.sh install BUILD PREFIX             install a build of mote to PREFIX
#   run.sh install-m4 SRC WORK PREFIX       build libmote for Cortex-M4F in
#                                           WORK, install it to PREFIX
#   run.sh find-package host|m4 SRC PREFIX WORK
#         consumer/ with find_package(mote MAJOR.MINOR CONFIG); also that
#         another minor version, and (m4) a host project, are refused
#   run.sh pkg-config host|m4 SRC PREFIX WORK
#         consumer/main.c compiled with `pkg-config --cflags --libs mote`
#   run.sh subdirectory|fetchcontent host|m4 SRC WORK
#         parent/ with mote inside; only libmote is built, and mote's
#         warning flags are on mote's files only
#
# Every consumer runs the sine model: on the host directly, on Cortex-M4F
# under QEMU through the harness in MOTE_CM_DIR (without the harness or
# QEMU the firmware is only linked). WORK is made afresh. Environment: CC
# (the host compiler, default cc), MOTE_CM_DIR, CI (skips become failures).
# Exit 0 pass, 1 fail, 77 skip.
set -eu

script=package
fail() {
  echo "$script: FAIL: $*" >&2
  exit 1
}
skip() {
  echo "$script: $*" >&2
  ci=${CI:-}
  if [ -n "$ci" ] && [ "$ci" != 0 ] && [ "$ci" != false ]; then
    fail "$* (required under CI)"
  fi
  echo "$script: skipped"
  exit 77
}
# Runs a command quietly, printing its output only when it fails.
quiet() {
  log=$work.log
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    return 1
  fi
}

[ $# -ge 3 ] || { sed -n '2,22p' "$0" >&2; exit 2; }
mode=$1
shift
cc=${CC:-cc}
unset DESTDIR
jobs=2

if [ "$mode" = install ]; then
  build=$1 prefix=$2 work=$2
  rm -rf "$prefix" "$prefix.log"
  mkdir -p "$prefix"
  quiet cmake --install "$build" --prefix "$prefix" || fail "cmake --install"
  for f in include/mote/mote.h include/mote/version.h lib/cmake/mote/moteConfig.cmake \
           lib/cmake/mote/moteConfigVersion.cmake lib/cmake/mote/moteTargets.cmake; do
    [ -f "$prefix/$f" ] || fail "install has no $f"
  done
  ls "$prefix"/lib*/libmote.a "$prefix"/lib*/pkgconfig/mote.pc >/dev/null 2>&1 ||
    fail "install has no libmote.a or mote.pc"
  echo "$script: installed to $prefix"
  exit 0
fi

target=""
case "$mode" in
  install-m4) src=$1 work=$2 prefix=$3 ;;
  find-package | pkg-config) target=$1 src=$2 prefix=$3 work=$4 ;;
  subdirectory | fetchcontent) target=$1 src=$2 work=$3 ;;
  *) fail "unknown mode $mode" ;;
esac
script="package/$mode${target:+ $target}"
src=$(cd "$src" && pwd)
rm -rf "$work" "$work.log"
[ "$mode" != install-m4 ] || rm -rf "$prefix"
mkdir -p "$work"
model=$src/models/sine_int8.tflite
toolchain=$src/cmake/toolchains/arm-none-eabi.cmake
cm=${MOTE_CM_DIR:-$src/../shared/tools/cortex-m}
major=$(sed -n 's/^#define MOTE_VERSION_MAJOR \([0-9]*\)$/\1/p' "$src/include/mote/version.h")
minor=$(sed -n 's/^#define MOTE_VERSION_MINOR \([0-9]*\)$/\1/p' "$src/include/mote/version.h")
patch=$(sed -n 's/^#define MOTE_VERSION_PATCH \([0-9]*\)$/\1/p' "$src/include/mote/version.h")

# CMake arguments for the target.
if [ "${target:-m4}" = m4 ]; then
  command -v arm-none-eabi-gcc >/dev/null 2>&1 || skip "arm-none-eabi-gcc not found"
  set -- -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DMOTE_CPU=cortex-m4f -DMOTE_CM_DIR="$cm"
else
  set -- -DCMAKE_C_COMPILER="$cc"
fi

# Runs the consumer `exe` (host, or firmware under QEMU) and checks it.
run_consumer() {
  exe=$1
  if [ "$target" = host ]; then
    out=$("$exe") || fail "$exe exited with $?: $out"
  elif [ -x "$cm/run-m4" ] && [ -f "$cm/cm_harness.h" ] &&
       command -v qemu-system-arm >/dev/null 2>&1; then
    out=$("$cm/run-m4" --no-plugin --timeout 60 "$exe") ||
      fail "$exe on QEMU mps2-an386 exited with $?: $out"
  else
    echo "$script: linked $exe; not run (no harness or QEMU at $cm)"
    return 0
  fi
  echo "$out"
  case "$out" in
    *"mote $major.$minor.$patch: 13 points within 0.05 of sin(x)"*) ;;
    *) fail "unexpected output from $exe" ;;
  esac
}

case "$mode" in
install-m4)
  quiet cmake -S "$src" -B "$work/build" "$@" -DCMAKE_BUILD_TYPE=MinSizeRel ||
    fail "configure libmote for Cortex-M4F"
  quiet cmake --build "$work/build" -j "$jobs" || fail "build libmote for Cortex-M4F"
  quiet cmake --install "$work/build" --prefix "$prefix" || fail "install"
  grep -q 'mote_CPU "cortex-m4f"' "$prefix"/lib*/cmake/mote/moteConfig.cmake ||
    fail "moteConfig.cmake does not say cortex-m4f"
  echo "$script: installed libmote for Cortex-M4F to $prefix"
  ;;

find-package)
  quiet cmake -S "$src/tests/package/consumer" -B "$work/build" "$@" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCONSUMER_MODEL="$model" \
    -DCONSUMER_WANT_VERSION="$major.$minor" ||
    fail "configure the consumer with find_package(mote $major.$minor)"
  quiet cmake --build "$work/build" -j "$jobs" || fail "build the consumer"
  run_consumer "$work/build/consumer"
  # The version file: another minor version of a 0.x is not compatible.
  if cmake -S "$src/tests/package/consumer" -B "$work/other-minor" "$@" \
       -DCMAKE_PREFIX_PATH="$prefix" -DCONSUMER_MODEL="$model" \
       -DCONSUMER_WANT_VERSION="$major.$((minor + 1))" >"$work.log" 2>&1; then
    fail "find_package(mote $major.$((minor + 1))) accepted $major.$minor.$patch"
  fi
  grep -q "compatible" "$work.log" || fail "find_package(mote $major.$((minor + 1))) failed otherwise"
  # A Cortex-M libmote is not for a 64-bit host project.
  if [ "$target" = m4 ] &&
     cmake -S "$src/tests/package/consumer" -B "$work/host" -DCMAKE_C_COMPILER="$cc" \
       -DCMAKE_PREFIX_PATH="$prefix" -DCONSUMER_MODEL="$model" >"$work.log" 2>&1; then
    fail "a host project accepted the Cortex-M4F package"
  fi
  [ "$target" != m4 ] || grep -q "(32bit)" "$work.log" ||
    fail "the host project refused the Cortex-M4F package for another reason"
  echo "$script: find_package(mote $major.$minor CONFIG) builds and runs"
  ;;

pkg-config)
  command -v pkg-config >/dev/null 2>&1 || skip "pkg-config not found"
  PKG_CONFIG_LIBDIR=$(echo "$prefix"/lib*/pkgconfig)
  export PKG_CONFIG_LIBDIR
  unset PKG_CONFIG_PATH
  version=$(pkg-config --modversion mote) || fail "pkg-config does not find mote.pc"
  [ "$version" = "$major.$minor.$patch" ] || fail "mote.pc says version $version"
  flags=$(pkg-config --cflags --libs mote)
  echo "$script: pkg-config --cflags --libs mote: $flags"
  cmake -DMODEL="$model" -DOUT="$work/consumer_model.c" \
    -P "$src/tests/package/consumer/embed.cmake" || fail "embed the model"
  main=$src/tests/package/consumer/main.c
  if [ "$target" = host ]; then
    # shellcheck disable=SC2086
    quiet "$cc" -std=c99 -Wall -Wextra -o "$work/consumer" "$main" \
      "$work/consumer_model.c" $flags || fail "compile and link with pkg-config's flags"
    run_consumer "$work/consumer"
  else
    arch="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"
    if [ -f "$cm/cm_harness.h" ]; then
      fw="-DCONSUMER_CM -I$cm $cm/cm_startup.c $cm/cm_semihost.c $cm/cm_count.c
          -nostartfiles -L$cm/ld -T mps2-an386.ld"
    else
      fw="--specs=nosys.specs"
    fi
    # shellcheck disable=SC2086
    quiet arm-none-eabi-gcc $arch -std=c99 -Os -ffunction-sections -fdata-sections \
      --specs=nano.specs -Wl,--gc-sections -o "$work/consumer.elf" "$main" \
      "$work/consumer_model.c" $fw $flags ||
      fail "compile and link for Cortex-M4F with pkg-config's flags"
    run_consumer "$work/consumer.elf"
  fi
  ;;

subdirectory | fetchcontent)
  fetch=OFF
  [ "$mode" = fetchcontent ] && fetch=ON
  quiet cmake -S "$src/tests/package/parent" -B "$work/build" "$@" \
    -DMOTE_SOURCE_DIR="$src" -DCONSUMER_MODEL="$model" \
    -DPARENT_USE_FETCHCONTENT=$fetch || fail "configure the parent project"
  quiet cmake --build "$work/build" -j "$jobs" || fail "build the parent project"
  run_consumer "$work/build/consumer"
  # Only the library: one archive, no tools, tests, examples or platform.
  libs=$(cd "$work/build" && find . -name '*.a' | sort | tr '\n' ' ')
  case "$libs" in
    "./mote/libmote.a " | "./_deps/mote-build/libmote.a ") ;;
    *) fail "the parent build made other libraries than libmote.a: $libs" ;;
  esac
  others=$(cd "$work/build" && find . -type d \( -name tools -o -name tests -o \
           -name examples -o -name bench \) | grep -v CMakeFiles || true)
  [ -z "$others" ] || fail "the parent build has mote's $others"
  # Flags per file, from compile_commands.json: mote's sources with its
  # warnings and -Werror, the parent's without.
  awk '/"command":/ { cmd = $0 } /"file":/ { print $0 " " cmd }' \
    "$work/build/compile_commands.json" >"$work/commands.txt"
  grep '/src/interp/interp.c"' "$work/commands.txt" | grep -q -- '-Werror' ||
    fail "mote's own sources are not built with -Werror (MOTE_WERROR=ON)"
  grep '/src/interp/interp.c"' "$work/commands.txt" | grep -q -- '-Wconversion' ||
    fail "mote's own sources are not built with its warnings"
  for f in noisy.c main.c consumer_model.c; do
    line=$(grep "/$f\"" "$work/commands.txt") || fail "no compile command for $f"
    case "$line" in
      *-Werror* | *-Wconversion* | *-Wpedantic*) fail "mote's flags reached the parent's $f: $line" ;;
    esac
    case "$line" in
      *-Wno-unused-parameter*-Wno-unused-variable* | *-Wno-unused-variable*-Wno-unused-parameter*) ;;
      *) fail "the parent's own flags are missing from $f: $line" ;;
    esac
  done
  echo "$script: only libmote built; mote's flags on mote's files only"
  ;;
esac
echo "$script: passed"
