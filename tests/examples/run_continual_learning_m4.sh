#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The continual_learning example's firmware (examples/continual_learning/m4)
# on emulated Cortex-M4F: learns from stored features, saves through the
# A/B store, survives a power cut during a save (the previous save loads)
# and the next save loads. Prints the instructions of one learning step.
#
# usage: run_continual_learning_m4.sh BUILD_DIR
#
# Skips (77) without the cross tools or the harness, except under CI.
# Env: MOTE_CM_DIR (default ../shared/tools/cortex-m next to the repository).
set -u
out=${1:?usage: run_continual_learning_m4.sh BUILD_DIR}
script=run_continual_learning_m4
cpu=m4
# root, cm_dir, skip(), need_target_tools().
. "$(dirname "$0")/../target/common.sh"
need_target_tools

mkdir -p "$out" || exit 1
rm -f "$out/ab_fw.elf"
if ! make -s -j "${MOTE_TARGET_JOBS:-2}" -f "$root/examples/continual_learning/m4/Makefile" \
    CM_CPU=m4 O="$out" CM="$cm_dir" "$out/ab_fw.elf" >"$out/build.log" 2>&1; then
  tail -n 30 "$out/build.log"
  exit 1
fi
"$cm_dir/run-m4" --timeout "${MOTE_TARGET_TIMEOUT:-120}" "$out/ab_fw.elf" >"$out/run.log" 2>&1
rc=$?
cat "$out/run.log"
if [ "$rc" -ne 0 ] ||
  ! grep -q "^ab_fw: power cut during save 2: save 1 loaded, 2 classes" "$out/run.log" ||
  ! grep -q "^ab_fw: save 2 loaded, 3 classes" "$out/run.log"; then
  echo "run_continual_learning_m4: firmware exit status $rc (the number of the failed check)"
  echo "0 passed, 1 failed"
  exit 1
fi
awk '/^cm-insncount: region 1:/ { print "cortex-m4f: one learning step " $4 " instructions" }' "$out/run.log"
echo "1 passed, 0 failed"
