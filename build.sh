#!/bin/sh
# mote's one entry point for a fresh machine.
#
#   ./build.sh demo   build, then run the sine model the repository contains
#   ./build.sh test   build (plain and sanitized) and run every test
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
    esac
  done
  if [ -n "$missing" ]; then
    echo "build.sh: installing:$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
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
  need_packages
  configure_build build
  echo
  echo "== mote inspect models/sine_int8.tflite"
  build/tools/mote inspect models/sine_int8.tflite
  echo
  echo "== examples/hello_world on models/sine_int8.tflite"
  build/examples/example_hello_world models/sine_int8.tflite
  ;;
test)
  need_packages clang python3
  configure_build build
  (cd build && ctest --output-on-failure -j "$jobs")
  # Sanitized run: every unit test, and conformance on the small models.
  configure_build build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTE_SANITIZE=ON
  (cd build-asan && MOTE_CONFORMANCE_SMALL=1 ctest --output-on-failure -j "$jobs")
  # The library must also build warning-free under clang.
  CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Release \
    -DMOTE_BUILD_TESTS=OFF -DMOTE_BUILD_TOOLS=OFF >/dev/null
  cmake --build build-clang -j "$jobs"
  ;;
*)
  echo "usage: ./build.sh demo | test" >&2
  exit 2
  ;;
esac
