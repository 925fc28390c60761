#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Multi-subgraph control flow (IF, WHILE, CALL_ONCE) and resource variables
# (VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE) through `mote gen`: the host
# test (tests/interp/test_control_flow.c, which holds its outputs to
# TFLM's or, for variables, to known values) writes its models with their
# inputs and the outputs it checked (--export), and each model is gen'd
# and built into tests/tools/gen_app.c, which requires the same bytes
# after as many invokes as the host made (stateful cases):
#
#   run_control_flow.sh m4|m55 MOTE CF_TEST BUILD_DIR
#     as firmware under QEMU (run_gen.sh); skips (exit 77) without the
#     cross tools, except under CI.
#   run_control_flow.sh host MOTE CF_TEST BUILD_DIR CC LIBMOTE LINK_FLAGS
#     as a host application (tests/tools/test_gen_run.sh).
set -u
usage="usage: run_control_flow.sh m4|m55|host MOTE CF_TEST BUILD_DIR [CC LIBMOTE LINK_FLAGS]"
[ $# -ge 4 ] || { echo "$usage" >&2; exit 2; }
where=$1
mote=$2
cf_test=$3
out=$4
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$cf_test" ] || { echo "run_control_flow.sh: no test at '$cf_test'" >&2; exit 2; }
case "$where" in
  m4 | m55)
    cpu=$where
    script=run_control_flow.sh
    . "$here/common.sh"
    need_target_tools ;;
  host) [ $# -eq 7 ] || { echo "$usage" >&2; exit 2; } ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

rm -rf "$out/models"
mkdir -p "$out" || exit 1
if ! "$cf_test" --export "$out/models" >"$out/export.log" 2>&1; then
  cat "$out/export.log"
  echo "run_control_flow.sh: the host test failed, nothing to compare with"
  exit 1
fi
models=$(cd "$out/models" && ls -- *.tflite | sed 's/\.tflite$//' | tr '\n' ' ')
[ -n "$models" ] || { echo "run_control_flow.sh: no model exported"; exit 1; }
export MOTE_GEN_MODELS="$models"
if [ "$where" = host ]; then
  exec sh "$here/../tools/test_gen_run.sh" "$mote" "$5" "$(cd "$here/../.." && pwd)" \
    "$6" "$7" "$out/models"
fi
MOTE_CM_DIR=$cm_dir MOTE_MODELS_DIR=$out/models \
  exec sh "$here/run_gen.sh" "$cpu" "$mote" "$out"
