#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Code size of libmote per object file for Cortex-M4F at -Os, largest
# first, as a Markdown table (bytes; text includes read-only data, as
# arm-none-eabi-size counts it). This is the whole library, before an
# application's --gc-sections drops the kernels it does not register: see
# fw_budget.sh for what a real firmware pays.
#
#   tools/size/size_report.sh [--top N]     (MOTE_SIZE_LIB: see common.sh)
set -eu
. "$(dirname "$0")/common.sh"
top=0
if [ "${1:-}" = "--top" ]; then
  top=$2
fi
mkdir -p "$size_dir"
lib=$(m4f_lib)

echo "libmote.a, Cortex-M4F, -Os (arm-none-eabi-gcc $(arm-none-eabi-gcc -dumpversion))"
echo
echo "| object | text | data | bss | total |"
echo "| --- | ---: | ---: | ---: | ---: |"
# size's lines: text data bss dec hex filename "(ex libmote.a)"
arm-none-eabi-size "$lib" | awk 'NR > 1 { n = $6; sub(/\.c\.obj$|\.c\.o$|\.o$/, "", n); print $4, n, $1, $2, $3 }' |
  sort -k1,1nr -k2,2 | awk -v top="$top" '
    { t += $3; d += $4; b += $5; all += $1 }
    top == 0 || NR <= top { printf "| %s | %d | %d | %d | %d |\n", $2, $3, $4, $5, $1 }
    END { printf "| **all %d objects** | %d | %d | %d | %d |\n", NR, t, d, b, all }'
