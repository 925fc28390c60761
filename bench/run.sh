#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The mote benchmark: one table per CPU (Cortex-M4F, M7, M55 under QEMU) and
# per build (-O2, -Os), and one for the host under callgrind, each model's
# figures beside TFLM's. Not a test: nothing here passes or fails on a
# figure (it exits 1 only when a model does not build, run, or give TFLM's
# output). See bench/results/README.md for what every column means.
#
#   bench/run.sh                 every CPU and build, and the host (~2 min on
#                                2 cores)
#   bench/run.sh --quick         Cortex-M4F only (-O2 and -Os), no host
#   bench/run.sh --models a,b --cpus m4,m55 --opts O2 --no-host
#   bench/run.sh --stack-check tools/stack/budget.txt  Cortex-M4F -O2 only:
#                                fail when a model's worst-case invoke stack
#                                passes its budget (./build.sh test runs it)
#   bench/run.sh --compare bench/results/latest.json   also diff against
#                                an earlier run (do it before a full run
#                                overwrites latest.json, or pass --json)
#
# A full run writes bench/results/latest.json; partial runs write
# $MOTE_BENCH_DIR/results.json (default build dir ${TMPDIR:-/tmp}/mote-bench).
# Needs the shared directory beside the repository (models, TFLM anchors,
# the Cortex-M harness); override with MOTE_MODELS_DIR, MOTE_CM_DIR,
# MOTE_ANCHORS. Installs what is missing with apt-get, as build.sh does.
set -eu

here=$(cd "$(dirname "$0")" && pwd)

missing=""
need() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need python3 python3
need make make
need cmake cmake
need cc "gcc libc6-dev"
need qemu-system-arm qemu-system-arm
case " $* " in
  *" --stack-check "* | *" --no-host "* | *" --quick "*) ;; # no callgrind run
  *) need valgrind valgrind ;;
esac
if ! command -v arm-none-eabi-gcc >/dev/null 2>&1 ||
  [ "$(arm-none-eabi-gcc -print-file-name=libc_nano.a)" = libc_nano.a ]; then
  missing="$missing gcc-arm-none-eabi libnewlib-arm-none-eabi"
fi
if [ -n "$missing" ]; then
  echo "bench/run.sh: installing:$missing" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >&2
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing >&2
fi

exec python3 "$here/bench.py" "$@"
