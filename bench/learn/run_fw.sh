#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The learner on emulated Cortex-M4F (QEMU): writes the firmware's data with
# the host tool (a class-incremental stream of Fashion-MNIST features and
# the classes the host's learner predicts after it), builds learn_fw.elf,
# runs it under the shared harness with its instruction-count plugin, and
# prints the exact instructions of one learning step and one prediction.
#
#   bench/learn/run_fw.sh HOST_TOOL BUILD_DIR [tool options...]
#
# Passes (exit 0) when the firmware predicts every test example's class as
# the host did. Without the cross tools, the harness, the model or the data
# it skips (77), except under CI. Env: MOTE_MODELS_DIR, MOTE_CM_DIR,
# MOTE_FASHION_MNIST_DIR (default /usr/share/datasets/fashion-mnist).
set -u
tool=${1:?usage: run_fw.sh HOST_TOOL BUILD_DIR [tool options]}
out=${2:?usage: run_fw.sh HOST_TOOL BUILD_DIR [tool options]}
shift 2
script=run_fw.sh
cpu=m4
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
models_dir=${MOTE_MODELS_DIR:-$root/../shared/models}
cm_dir=${MOTE_CM_DIR:-$models_dir/../tools/cortex-m}
data_dir=${MOTE_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}
model=$models_dir/mlperf_ic_resnet8_int8.tflite

skip() {
  echo "$script: $*" >&2
  ci=${CI:-}
  if [ -n "$ci" ] && [ "$ci" != 0 ] && [ "$ci" != false ]; then
    echo "0 passed, 1 failed (required under CI)"
    exit 1
  fi
  echo "0 passed, 0 failed, 1 skipped"
  exit 77
}
for t in arm-none-eabi-gcc qemu-system-arm make; do
  command -v "$t" >/dev/null 2>&1 || skip "$t not found"
done
[ -f "$cm_dir/cm.mk" ] || skip "no Cortex-M harness at $cm_dir"
[ -f "$model" ] || skip "no $model"
[ -f "$data_dir/t10k-labels-idx1-ubyte.gz" ] || skip "no Fashion-MNIST in $data_dir"

mkdir -p "$out" || exit 1
rm -f "$out/data.c" "$out/learn_fw.elf"
"$tool" --model "$model" --data "$data_dir" --cache "$out" \
  --train-per-class 120 --test-per-class 20 --val-per-class 0 --fw-data "$out/data.c" "$@" || exit 1
if ! make -s -j "${MOTE_TARGET_JOBS:-2}" -f "$here/Makefile" CM_CPU=$cpu O="$out" \
    DATA="$out/data.c" CM="$cm_dir" >"$out/build.log" 2>&1; then
  tail -n 30 "$out/build.log"
  exit 1
fi
"$cm_dir/run-$cpu" --timeout "${MOTE_TARGET_TIMEOUT:-300}" "$out/learn_fw.elf" >"$out/run.log" 2>&1
rc=$?
grep '^learn_fw' "$out/run.log"
# Regions 1-16: learning steps; 17-32: predictions (learn_fw.c).
awk '/^cm-insncount: region [0-9]+:/ {
       n = $3 + 0; v = $4 + 0
       if (n <= 16) { s += v; if (v > smax) smax = v; ns++ }
       else if (n <= 32) { p += v; if (v > pmax) pmax = v; np++ } }
     END { if (ns && np)
             printf "cortex-m4f: step %d instructions (mean of %d, max %d); predict %d (mean of %d, max %d)\n",
                    s / ns, ns, smax, p / np, np, pmax }' "$out/run.log"
if [ "$rc" -ne 0 ]; then
  tail -n 5 "$out/run.log"
  echo "$script: firmware exit status $rc (predictions unlike the host's, or a fault)"
  exit 1
fi
echo "1 passed, 0 failed"
