# SPDX-License-Identifier: Apache-2.0
# Shared by the run_*.sh scripts of tests/target: sourced after they set
# `script` (their name, for messages) and `cpu`. Sets here, root,
# models_dir and cm_dir, and defines skip(): skip with a note (exit 77),
# except under CI, where a missing tool or harness is a failure.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
models_dir=${MOTE_MODELS_DIR:-$root/../shared/models}
cm_dir=${MOTE_CM_DIR:-$models_dir/../tools/cortex-m}

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

# The cross compiler, QEMU and the harness, or skip().
need_target_tools() {
  for tool in arm-none-eabi-gcc qemu-system-arm make "$@"; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool not found"
  done
  [ -f "$cm_dir/cm.mk" ] || skip "no Cortex-M harness at $cm_dir"
}
