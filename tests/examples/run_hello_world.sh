#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs examples/hello_world on both repository models and checks that every
# printed y is within 0.05 of sin(x). Usage: run_hello_world.sh EXAMPLE REPO
set -u
example=$1
repo=$2
passed=0
failed=0
for model in sine_int8 sine_float; do
  out=$("$example" "$repo/models/$model.tflite" 2>&1)
  if [ $? -ne 0 ]; then
    echo "FAIL $model: exit status non-zero: $out"
    failed=$((failed + 1))
    continue
  fi
  bad=$(echo "$out" | awk -F'[ =]+' '/^x=/ { n++; d = $4 - $6; if (d < 0) d = -d; if (d > 0.05) bad++ }
                                   END { if (n != 20) print "lines=" n; else if (bad) print "bad=" bad }')
  if [ -n "$bad" ]; then
    echo "FAIL $model: $bad"
    echo "$out"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
# A missing model gives a clear error and a failing status.
if "$example" "$repo/models/no_such_model.tflite" >/dev/null 2>&1; then
  echo "FAIL missing model accepted"
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
