#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Flash budget of the framework in a minimal firmware, and an on-target
# smoke test of that firmware.
#
# Builds tools/size/hello_fw.c (mote core + FULLY_CONNECTED, with
# models/sine_int8.tflite linked in as a const array) for Cortex-M4F at -Os
# with the QEMU harness' start-up code and --gc-sections, and an empty
# main() with the same harness. Then
#
#   framework = flash(hello_fw) - sizeof(model array) - flash(empty)
#
# where flash = every section stored in flash (.vectors .text .rodata
# .ARM.exidx .init_array .data; .bss and the stack are RAM only). What is
# left is what an application pays for mote: the core, the one kernel, the
# libc/libgcc helpers they pull in, plus hello_fw's own ~600 bytes (main,
# the hex output, the platform layer's log call).
# It fails when that exceeds the budget in tools/size/budget.txt.
#
# Then it runs the firmware on QEMU mps2-an386 (run-m4) and the same source
# on the host, and fails unless both print the same output bytes for all
# 256 inputs.
#
#   tools/size/fw_budget.sh
#
# Environment: MOTE_SIZE_LIB, MOTE_SIZE_DIR, MOTE_CM_HARNESS_DIR (common.sh);
# MOTE_HOST_LIB, a host libmote.a to link the host run with (default: build
# one); MOTE_SIZE_NO_RUN=1 skips both runs. Without the harness the check is
# skipped with a note, except under CI, where it fails.
set -eu
. "$(dirname "$0")/common.sh"
budget_file=$root/tools/size/budget.txt
model=$root/models/sine_int8.tflite
fw=$size_dir/fw
mkdir -p "$fw"

if [ ! -f "$cm_dir/cm_harness.h" ]; then
  if [ -n "${CI:-}" ]; then
    echo "fw_budget: no Cortex-M harness at $cm_dir" >&2
    exit 1
  fi
  echo "fw_budget: skipped: no Cortex-M harness at $cm_dir"
  exit 0
fi

lib=$(m4f_lib)
cc_arm="arm-none-eabi-gcc $m4f_arch -Os -ffunction-sections -fdata-sections"
strict="-std=c99 -Wall -Wextra -Wpedantic -Werror"

# --- build both ELFs ---------------------------------------------------------
sh "$root/tools/size/bin2c.sh" hello_model "$model" "$fw/hello_model.c"
printf 'int main(void);\nint main(void) { return 0; }\n' >"$fw/empty.c"
for src in cm_startup cm_semihost cm_count; do
  $cc_arm -I"$cm_dir" -c "$cm_dir/$src.c" -o "$fw/$src.o"
done
$cc_arm $strict -I"$root/include" -I"$cm_dir" \
  -c "$root/platform/cortex_m_semihost.c" -o "$fw/platform.o"
$cc_arm $strict -I"$root/include" -c "$root/tools/size/hello_fw.c" -o "$fw/hello_fw.o"
$cc_arm $strict -c "$fw/hello_model.c" -o "$fw/hello_model.o"
$cc_arm $strict -c "$fw/empty.c" -o "$fw/empty.o"

link() { # output objects...
  out=$1
  shift
  arm-none-eabi-gcc $m4f_arch -Os -nostartfiles --specs=nano.specs \
    -Wl,--gc-sections -L"$cm_dir/ld" -T mps2-an386.ld \
    -Wl,-Map="$out.map" "$@" "$fw/cm_startup.o" "$fw/cm_semihost.o" \
    "$fw/cm_count.o" -lm -o "$out"
}
link "$fw/empty.elf" "$fw/empty.o"
link "$fw/hello_fw.elf" "$fw/hello_fw.o" "$fw/platform.o" "$fw/hello_model.o" "$lib"

# --- sizes -------------------------------------------------------------------
flash() { # elf: bytes of every flash-resident section
  arm-none-eabi-size -A "$1" | awk '
    $1 == ".vectors" || $1 == ".text" || $1 == ".rodata" || $1 == ".ARM.extab" ||
    $1 == ".ARM.exidx" || $1 == ".init_array" || $1 == ".data" { s += $2 }
    END { print s + 0 }'
}
section() { # elf name
  arm-none-eabi-size -A "$1" | awk -v n="$2" '$1 == n { s += $2 } END { print s + 0 }'
}
hello=$(flash "$fw/hello_fw.elf")
empty=$(flash "$fw/empty.elf")
model_hex=$(arm-none-eabi-nm -S "$fw/hello_fw.elf" | awk '$4 == "hello_model_image" { print $2 }')
[ -n "$model_hex" ] || { echo "fw_budget: hello_model_image not in the ELF" >&2; exit 1; }
model_bytes=$(printf '%d' "0x$model_hex")
framework=$((hello - model_bytes - empty))

# Where the framework bytes come from, by input file, from the link map:
# every kept .text/.rodata/.data input section of libmote.a, of the C and
# compiler libraries, and of the application's own objects.
breakdown=$(awk '
  function hex(s,   i, n) { # mawk has no strtonum
    n = 0
    for (i = 3; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
    return n
  }
  function add(size, file) {
    if (file ~ /libmote\.a/) k = "libmote.a"
    else if (file ~ /lib(c|c_nano|m|g|gcc|nosys)\.a/) k = "libc/libm/libgcc"
    else if (file ~ /hello_model\.o/) k = "model"
    else if (file ~ /hello_fw\.o|platform\.o/) k = "hello_fw main"
    else return
    sum[k] += hex(size)
  }
  /^Linker script and memory map/ { on = 1; next }
  !on { next }
  /^ \.(text|rodata|data)[^ ]*$/ { pend = 1; next }
  pend && /^ +0x[0-9a-f]+ +0x[0-9a-f]+ / { add($2, $3); pend = 0; next }
  /^ \.(text|rodata|data)[^ ]* +0x[0-9a-f]+ +0x[0-9a-f]+ / { add($3, $4); pend = 0; next }
  { pend = 0 }
  END { for (k in sum) printf "%s=%d ", k, sum[k] }' "$fw/hello_fw.elf.map" 2>/dev/null || true)

budget=$(awk '$1 == "hello_fw_framework_bytes" { print $2 }' "$budget_file")
[ -n "$budget" ] || { echo "fw_budget: no hello_fw_framework_bytes in $budget_file" >&2; exit 1; }

echo "hello_fw, Cortex-M4F -Os, --gc-sections (flash bytes):"
echo "  firmware          $hello  (.text $(section "$fw/hello_fw.elf" .text), .rodata $(section "$fw/hello_fw.elf" .rodata), .data $(section "$fw/hello_fw.elf" .data))"
echo "  - model array     $model_bytes"
echo "  - empty harness   $empty"
echo "  = framework       $framework  (budget $budget, tools/size/budget.txt)"
[ -z "$breakdown" ] || echo "  kept by file:     $breakdown(libc/libgcc partly the harness')"

status=0
if [ "$framework" -gt "$budget" ]; then
  echo "fw_budget: FAILED: the framework takes $framework bytes, over the budget of $budget." >&2
  echo "  Find what grew with: arm-none-eabi-nm -S --size-sort $fw/hello_fw.elf" >&2
  status=1
elif [ $((framework * 10)) -lt $((budget * 8)) ]; then
  echo "  (more than 20% under budget: consider lowering it)"
fi

# --- smoke test: same bytes on QEMU and on the host --------------------------
if [ "${MOTE_SIZE_NO_RUN:-}" = "1" ]; then
  exit $status
fi
host_lib=${MOTE_HOST_LIB:-}
if [ -z "$host_lib" ]; then
  cmake -S "$root" -B "$size_dir/host" -DCMAKE_BUILD_TYPE=Release \
    -DMOTE_BUILD_TOOLS=OFF -DMOTE_BUILD_TESTS=OFF >"$size_dir/host.log" 2>&1 &&
    cmake --build "$size_dir/host" -j 2 --target mote >>"$size_dir/host.log" 2>&1 ||
    { cat "$size_dir/host.log" >&2; echo "fw_budget: host libmote build failed" >&2; exit 1; }
  host_lib=$size_dir/host/libmote.a
fi
cc $strict -O2 -I"$root/include" "$root/tools/size/hello_fw.c" \
  "$root/platform/host.c" "$fw/hello_model.c" "$host_lib" -lm -o "$fw/hello_fw_host"
"$fw/hello_fw_host" >"$fw/host.out" || {
  cat "$fw/host.out" >&2; echo "fw_budget: hello_fw failed on the host" >&2; exit 1; }

rc=0
"$cm_dir/run-m4" --no-plugin --timeout 120 "$fw/hello_fw.elf" >"$fw/target.out" 2>"$fw/target.err" || rc=$?
if [ "$rc" -ne 0 ]; then
  cat "$fw/target.out" "$fw/target.err" >&2
  echo "fw_budget: hello_fw failed on QEMU mps2-an386 (exit status $rc)" >&2
  exit 1
fi
if cmp -s "$fw/host.out" "$fw/target.out" && [ -s "$fw/host.out" ]; then
  echo "  QEMU Cortex-M4F output = host output ($(wc -c <"$fw/host.out" | tr -d ' ') bytes, 256 inputs)"
else
  diff "$fw/host.out" "$fw/target.out" >&2 || true
  echo "fw_budget: FAILED: hello_fw prints different bytes on QEMU than on the host" >&2
  status=1
fi
exit $status
