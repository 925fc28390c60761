#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The continual-learning benchmark, full (docs/learning.md): builds the host
# tool (bench/learn), measures one learning step and one prediction on
# emulated Cortex-M4F (bench/learn/run_fw.sh; skipped without the cross
# tools), then runs every protocol on all of Fashion-MNIST (60,000
# training images less a validation split of the last 1,000 of each class;
# 10,000 test images) and writes bench/results/learn.json and
# bench/results/learn.md. The configs are chosen first by --tune 3 on
# the validation split: naive and replay's (a grid of 144 configs, three
# learner seeds each) and, separately, joint's (a grid of 288, the same
# head shape), a few minutes in all; the test set is only reported.
# LEARN_OPTS="--tune 0" skips the search and uses the tool's default
# configs (the last search's choice).
#
#   bench/learn.sh [BUILD_DIR]        (default build-learn)
#
# The base's features are cached in BUILD_DIR/learn (the first run spends
# a few minutes on 70,000 ResNet-8 inferences; later runs seconds). Extra
# tool options (e.g. --hidden 32) may follow in LEARN_OPTS. Env:
# MOTE_MODELS_DIR, MOTE_CM_DIR, MOTE_FASHION_MNIST_DIR (default
# /usr/share/datasets/fashion-mnist: apt-get install dataset-fashion-mnist).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-learn}
models_dir=${MOTE_MODELS_DIR:-$root/../shared/models}
data_dir=${MOTE_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}
opts=${LEARN_OPTS:---tune 3}
results=$root/bench/results

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j 2 --target mote-learn-bench >/dev/null
tool=$build/tests/mote-learn-bench
mkdir -p "$build/learn" "$results"

step=0
predict=0
# shellcheck disable=SC2086
if sh "$root/bench/learn/run_fw.sh" "$tool" "$build/learn-m4" $opts >"$build/learn-m4.log" 2>&1; then
  line=$(grep '^cortex-m4f:' "$build/learn-m4.log")
  echo "$line"
  step=$(echo "$line" | sed -n 's/.*step \([0-9]*\) instructions.*/\1/p')
  predict=$(echo "$line" | sed -n 's/.*predict \([0-9]*\) (.*/\1/p')
else
  echo "learn.sh: no Cortex-M4F figures (see $build/learn-m4.log)"
  tail -n 3 "$build/learn-m4.log"
fi

# shellcheck disable=SC2086
"$tool" --model "$models_dir/mlperf_ic_resnet8_int8.tflite" --data "$data_dir" \
  --cache "$build/learn" --json "$results/learn.json" --md "$results/learn.md" \
  --m4f-step "$step" --m4f-predict "$predict" $opts
echo "learn.sh: wrote $results/learn.json and $results/learn.md"
