#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The committed sine models are exactly what mote-sine-fit writes with its
# defaults: the repository's demo model is reproducible from our own code.
# Usage: regen_sine.sh MOTE_SINE_FIT REPO
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$1" --out-float "$tmp/f.tflite" --out-int8 "$tmp/i.tflite" >/dev/null
failed=0
cmp -s "$tmp/f.tflite" "$2/models/sine_float.tflite" || { echo "sine_float.tflite differs"; failed=$((failed + 1)); }
cmp -s "$tmp/i.tflite" "$2/models/sine_int8.tflite" || { echo "sine_int8.tflite differs"; failed=$((failed + 1)); }
echo "$((2 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
