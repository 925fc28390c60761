#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The "Where we stand" tables of docs/performance.md, from one full run.

    bench/doc_tables.py bench/results/latest.json [REF_HOST.json]

LATEST is a full `bench/run.sh` (--per-op or not); REF_HOST, optional, a
host-only run of the reference kernels (`bench/run.sh --kernels ref
--no-target --models ...`) for the portable / reference lines. Prints
Markdown on stdout; nothing is measured here.
"""
import json
import math
import sys

SIX = ["mlperf_kws_dscnn_int8", "mlperf_vww_mobilenet_int8",
       "mlperf_ic_resnet8_int8", "mlperf_ad_autoencoder_int8",
       "person_detect", "micro_speech_quantized"]
CPUS = [("m4", "Cortex-M4F"), ("m55", "Cortex-M55"), ("m7", "Cortex-M7")]


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def rows_for(targets, cpu, opt):
    return {t["model"]: t for t in targets
            if t["cpu"] == cpu and t["opt"] == opt and t.get("status") == "ok"}


def cpu_table(data, cpu, name):
    rows = rows_for(data["targets"], cpu, "O2")
    out = ["%s -O2 (mote / TFLM+CMSIS-NN):" % name, "",
           "| model | insns | TFLM | ×TFLM | insns/MAC | arena | TFLM | ×TFLM "
           "| flash | TFLM | ×TFLM |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    ratios = {"insns": [], "arena": [], "flash": []}
    for model in SIX:
        t = rows.get(model)
        if t is None or "tflm" not in t:
            continue
        tf = t["tflm"]
        r = (t["invoke_insns"] / tf["invoke_insns"],
             t["arena_used_bytes"] / tf["arena_used_bytes"],
             t["sizes"]["fw_flash"] / tf["fw_flash"])
        ratios["insns"].append(r[0])
        ratios["arena"].append(r[1])
        ratios["flash"].append(r[2])
        out.append("| %s | %s | %s | %.2f | %.2f | %s | %s | %.3f | %s | %s | %.3f |" % (
            model, f"{t['invoke_insns']:,}", f"{tf['invoke_insns']:,}", r[0],
            t["insns_per_mac"], f"{t['arena_used_bytes']:,}",
            f"{tf['arena_used_bytes']:,}", r[1], f"{t['sizes']['fw_flash']:,}",
            f"{tf['fw_flash']:,}", r[2]))
    out.append("| geomean | | | %.2f | | | | %.3f | | | %.3f |" % (
        geomean(ratios["insns"]), geomean(ratios["arena"]),
        geomean(ratios["flash"])))
    worst_arena = worst_flash = (0.0, "")
    for opt in ("O2", "Os"):
        for model, t in rows_for(data["targets"], cpu, opt).items():
            tf = t.get("tflm")
            if not tf:
                continue
            a = t["arena_used_bytes"] / tf["arena_used_bytes"]
            f = t["sizes"]["fw_flash"] / tf["fw_flash"]
            worst_arena = max(worst_arena, (a, model))
            worst_flash = max(worst_flash, (f, "%s %s" % (model, opt)))
    out += ["", "Every model with a TFLM figure, -O2 and -Os: max arena ratio "
            "%.3f (%s), max flash ratio %.3f (%s)" % (
                worst_arena[0], worst_arena[1], worst_flash[0], worst_flash[1]),
            ""]
    return out


def host_lines(data, ref):
    fast = {h["model"]: h for h in data["host"] if h.get("status") == "ok"}
    slow = {h["model"]: h for h in ref["host"] if h.get("status") == "ok"}
    out = ["Host (callgrind), portable / reference instructions:"]
    for model in SIX + sorted(set(slow) - set(SIX)):
        if model in fast and model in slow:
            a, b = fast[model]["invoke_insns"], slow[model]["invoke_insns"]
            out.append("- %s: %s / %s = %.3f" % (model, f"{a:,}", f"{b:,}", a / b))
    return out + [""]


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1]) as f:
        data = json.load(f)
    lines = ["From the full run in `bench/results/latest.md` (commit %s),"
             % data["commit"][:7],
             "instructions per invoke at -O2 beside TFLM+CMSIS-NN, the six models the",
             "performance work is measured on:", ""]
    for cpu, name in CPUS:
        lines += cpu_table(data, cpu, name)
    if len(argv) > 2:
        with open(argv[2]) as f:
            lines += host_lines(data, json.load(f))
    print("\n".join(lines).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
