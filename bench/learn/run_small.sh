#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The continual-learning benchmark's small version, a test's floor
# (tests/CMakeLists.txt: train/learn_bench_small): 150 training images per
# class, 40 test images per class, the default (benchmark) config with 6
# epochs per task (150 images of a class once are too few steps); every
# replay run must end at least 20 points above naive sequential
# learning and, as joint, at or above MIN percent (default 60).
#
#   bench/learn/run_small.sh HOST_TOOL CACHE_DIR [MIN [VAL]]
#
# VAL (default 0): training images per class held out as the validation
# split, on which joint's epochs then stop (train/learn_bench_val).
#
# Skips (77) without the model or Fashion-MNIST, except under CI. Env:
# MOTE_MODELS_DIR, MOTE_FASHION_MNIST_DIR (default
# /usr/share/datasets/fashion-mnist: Debian's dataset-fashion-mnist).
set -u
tool=${1:?usage: run_small.sh HOST_TOOL CACHE_DIR [MIN]}
cache=${2:?usage: run_small.sh HOST_TOOL CACHE_DIR [MIN]}
min=${3:-60}
val=${4:-0}
root=$(cd "$(dirname "$0")/../.." && pwd)
models_dir=${MOTE_MODELS_DIR:-$root/../shared/models}
data_dir=${MOTE_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}
model=$models_dir/mlperf_ic_resnet8_int8.tflite

skip() {
  echo "run_small.sh: $*" >&2
  ci=${CI:-}
  if [ -n "$ci" ] && [ "$ci" != 0 ] && [ "$ci" != false ]; then
    echo "0 passed, 1 failed (required under CI)"
    exit 1
  fi
  echo "0 passed, 0 failed, 1 skipped"
  exit 77
}
[ -f "$model" ] || skip "no $model"
[ -f "$data_dir/t10k-labels-idx1-ubyte.gz" ] || skip "no Fashion-MNIST in $data_dir"
mkdir -p "$cache" || exit 1
exec "$tool" --model "$model" --data "$data_dir" --cache "$cache" \
  --train-per-class 150 --test-per-class 40 --val-per-class "$val" --epochs 6 --check "$min"
