# SPDX-License-Identifier: Apache-2.0
# Sourced by the size scripts: where things are, and the libmote they
# measure (Cortex-M4F, -Os, built with cmake/toolchains/arm-none-eabi.cmake).
#
#   MOTE_SIZE_LIB        use this libmote.a instead of building one
#   MOTE_SIZE_DIR        build directory (default build-size/)
#   MOTE_CM_HARNESS_DIR  the Cortex-M harness (default ../shared/tools/cortex-m)
root=$(cd "$(dirname "$0")/../.." && pwd)
size_dir=${MOTE_SIZE_DIR:-$root/build-size}
cm_dir=${MOTE_CM_HARNESS_DIR:-$root/../shared/tools/cortex-m}
# The harness' M4F flags (cm.mk), which are also the toolchain file's.
m4f_arch="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"

# Prints the path of the M4F -Os libmote.a, building it when not given.
m4f_lib() {
  if [ -n "${MOTE_SIZE_LIB:-}" ]; then
    echo "$MOTE_SIZE_LIB"
    return
  fi
  cmake -S "$root" -B "$size_dir/lib" \
    -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/arm-none-eabi.cmake" \
    -DMOTE_CPU=cortex-m4f -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS_RELEASE="-Os -DNDEBUG" >"$size_dir/lib.log" 2>&1 &&
    cmake --build "$size_dir/lib" -j 2 --target mote >>"$size_dir/lib.log" 2>&1 || {
    cat "$size_dir/lib.log" >&2
    echo "size: building libmote for cortex-m4f -Os failed" >&2
    exit 1
  }
  echo "$size_dir/lib/libmote.a"
}
