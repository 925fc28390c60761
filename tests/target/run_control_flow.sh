#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Multi-subgraph control flow (IF, WHILE, CALL_ONCE) and resource variables
# (VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE) on an emulated Cortex-M:
# the host test (tests/interp/test_control_flow.c, which holds its outputs
# to TFLM's or, for variables, to known values) writes its models with
# their inputs and the outputs it checked (--export), and run_gen.sh runs
# each through `mote gen --target CPU` as firmware under QEMU, requiring
# the same bytes, after as many invokes as the host made (stateful cases).
#
#   tests/target/run_control_flow.sh m4|m55 MOTE_BINARY CF_TEST [BUILD_DIR]
#
# Skips (exit 77) without the cross tools, except under CI. Prints the
# firmware's lines and "N passed, N failed".
set -u
cpu=${1:-}
mote=${2:-}
cf_test=${3:-}
case "$cpu" in
  m4 | m55) ;;
  *) echo "usage: run_control_flow.sh m4|m55 MOTE_BINARY CF_TEST [BUILD_DIR]" >&2
     exit 2 ;;
esac
script=run_control_flow.sh
. "$(cd "$(dirname "$0")" && pwd)/common.sh"
out=${4:-${TMPDIR:-/tmp}/mote-target-cf-$cpu}
[ -x "$cf_test" ] || { echo "$script: no control-flow test at '$cf_test'" >&2; exit 2; }
need_target_tools

rm -rf "$out/models"
mkdir -p "$out" || exit 1
if ! "$cf_test" --export "$out/models" >"$out/export.log" 2>&1; then
  cat "$out/export.log"
  echo "$script: the host test failed, nothing to compare with"
  echo "0 passed, 1 failed"
  exit 1
fi
models=$(cd "$out/models" && ls -- *.tflite | sed 's/\.tflite$//')
[ -n "$models" ] || { echo "$script: the host test exported no model"; exit 1; }
MOTE_CM_DIR=$cm_dir MOTE_MODELS_DIR=$out/models MOTE_GEN_MODELS=$(echo $models) \
  exec sh "$here/run_gen.sh" "$cpu" "$mote" "$out"
