#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Regenerates the table in docs/conformance.md from a run of the golden
conformance test and `mote inspect --json` (host build).

usage: tools/conformance_table.py BUILD_DIR [MODELS_DIR]
Prints the table rows; paste them over the table in docs/conformance.md.
"""
import collections, json, os, re, subprocess, sys

build = sys.argv[1]
models_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "models")
manifest = json.load(open(os.path.join(models_dir, "manifest.json")))["models"]
out = subprocess.run([os.path.join(build, "tests", "conformance_test_golden")],
                     capture_output=True, text=True,
                     env=dict(os.environ, MOTE_MODELS_DIR=models_dir)).stdout
cases = collections.Counter()
exact = collections.Counter()
arena = {}
for line in out.splitlines():
    m = re.match(r"\s+(\S+)\s+(\S+)\s+pass \(bit-exact\)", line)
    if m:
        exact[m.group(1)] += 1
    m2 = re.match(r"\s+(\S+)\s+(\S+)\s+(pass|FAIL)", line)
    if m2:
        cases[m2.group(1)] += 1
    m3 = re.match(r"\s+(\S+)\s+arena: mote (\d+) bytes", line)
    if m3:
        arena[m3.group(1)] = int(m3.group(2))
print("| model | golden cases | identical to TFLM | mote arena, 64-bit host "
      "| TFLM i386 | TFLM x86-64 | mote / TFLM i386 | MACs |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name in sorted(cases):
    info = json.loads(subprocess.run(
        [os.path.join(build, "tools", "mote"), "inspect", "--json",
         os.path.join(models_dir, manifest[name]["file"])],
        capture_output=True, text=True).stdout)
    mine = arena.get(name, info.get("arena_used_bytes"))
    t32 = manifest[name].get("arena_used_bytes_i386")
    t64 = manifest[name].get("arena_used_bytes_x86_64")
    print("| %s | %d | %d | %d | %s | %s | %s | %d |" % (
        name, cases[name], exact[name], mine, t32, t64,
        "%.2f" % (mine / t32) if t32 else "—", info.get("macs", 0)))
