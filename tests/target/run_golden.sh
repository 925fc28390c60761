#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Golden conformance on an emulated Cortex-M (QEMU): builds libmote for the
# CPU once, one firmware per model with its golden cases linked in (see
# golden_fw.c), runs each under the shared harness' runner and checks every
# case against TFLM's bytes with the host test's rule.
#
#   tests/target/run_golden.sh m4|m55 [BUILD_DIR]
#
# Needs arm-none-eabi-gcc (+ newlib), qemu-system-arm, make, and the shared
# directory beside the repository (models/ and tools/cortex-m/); override
# with MOTE_MODELS_DIR and MOTE_CM_DIR. Without them it skips (exit 77),
# except under CI, where it fails. Prints one line per case and a summary
# "N passed, N failed"; exits 0 only when every case passed.
set -u

cpu=${1:-}
case "$cpu" in
  m4 | m55) ;;
  *) echo "usage: run_golden.sh m4|m55 [BUILD_DIR]" >&2; exit 2 ;;
esac
script=run_golden.sh
. "$(cd "$(dirname "$0")" && pwd)/common.sh"
out=${2:-${TMPDIR:-/tmp}/mote-target-$cpu}
timeout_s=${MOTE_TARGET_TIMEOUT:-120}

# The models are those the host conformance test runs (RUN in its table,
# tests/conformance/test_golden.c), less those that do not fit the emulated
# memory: mobilenet_v2_int8_224 (4 MB of weights + 0.5 MB of golden data
# overflow the 4 MiB code region; its 300 M MACs would also cost minutes).
too_big="mobilenet_v2_int8_224"
models=$(sed -n 's/^ *{"\([A-Za-z0-9_]*\)", RUN,.*/\1/p' \
  "$root/tests/conformance/test_golden.c")
for m in $too_big; do
  models=$(echo "$models" | grep -vx "$m")
done
[ -n "$models" ] || { echo "run_golden.sh: no models found in test_golden.c" >&2; exit 1; }

need_target_tools
[ -f "$models_dir/manifest.json" ] || skip "no shared models at $models_dir"

mkdir -p "$out" || exit 1
# Regenerate the data and relink every run (cheap; the library objects are
# kept): make cannot see the golden files change, and an ELF left by an
# earlier build must not stand in for a model that no longer builds.
rm -rf "$out/gen"
for m in $models; do rm -f "$out/$m.elf"; done
echo "== building for $cpu in $out"
# -k: a model that does not build (or fit) fails alone, below.
if ! make -s -k -j "${MOTE_TARGET_JOBS:-2}" -f "$here/Makefile" CM_CPU="$cpu" \
    O="$out" MODELS_DIR="$models_dir" CM="$cm_dir" MODELS="$(echo $models)" \
    >"$out/build.log" 2>&1; then
  tail -n 40 "$out/build.log"
fi

passed=0
failed=0
start_all=$(date +%s)
for m in $models; do
  elf="$out/$m.elf"
  log="$out/$m.log"
  if [ ! -f "$elf" ]; then
    echo "$m: FAIL (did not build or link; see $out/build.log)"
    failed=$((failed + 1))
    continue
  fi
  t0=$(date +%s.%N)
  "$cm_dir/run-$cpu" --no-plugin --timeout "$timeout_s" "$elf" >"$log" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  grep -E ': (pass|FAIL)|stack peak|TIMEOUT|[Ff]ault' "$log"
  p=$(grep -c ': pass' "$log")
  f=$(grep -c ': FAIL' "$log")
  passed=$((passed + p))
  failed=$((failed + f))
  # The exit status is the number of failed cases; anything else (a fault,
  # a timeout, a case that never printed) fails the model as a whole.
  if [ "$rc" -ne "$f" ] || [ $((p + f)) -eq 0 ]; then
    echo "$m: FAIL (exit status $rc after $p passed, $f failed cases)"
    failed=$((failed + 1))
  fi
  awk -v m="$m" -v a="$t0" -v b="$t1" \
    'BEGIN { printf "%s: %.1f s under QEMU\n", m, b - a }'
done
echo "== $cpu: $(($(date +%s) - start_all)) s running"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
