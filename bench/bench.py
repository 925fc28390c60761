#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""mote benchmark: instructions, arena, flash and RAM per model, beside TFLM.

Run through bench/run.sh (which checks the tools first). For every model the
conformance test runs (RUN in tests/conformance/test_golden.c), on Cortex-M4F,
M7 and M55 at -Os and -O2:

* builds bench_fw.c with a generated file that registers only the model's
  operators and links in the model and one input (Makefile);
* runs it under QEMU with the harness' instruction-counting plugin: the
  exact instructions of one mote_interp_invoke (as TFLM's anchor counts one
  MicroInterpreter::Invoke between the same markers);
* reads sizes with arm-none-eabi-size/nm: flash = text + rodata + data less
  the model and input arrays, RAM = data + bss less the arena array, the
  definitions of ../shared/anchors/tflm_cortex_m.json (harness included);
* on the host, builds the same firmware at -O2 -g and counts the invoke with
  valgrind --tool=callgrind --toggle-collect=mote_interp_invoke, against
  ../shared/models/tflm_host_counts.json.

The input on target is the one TFLM's anchor used for that model (so the
ratio compares like with like); for models without an anchor, and on the
host, it is a golden case (the first real sample, else random_0), and the
outputs are checked against TFLM's. Prints markdown tables and writes JSON
(bench/results/README.md explains every field).

Design choices: one Python driver rather than shell, because the tables,
ratios and JSON need parsing and arithmetic that sh does badly; the build
stays in make so objects are reused across models. The library is built
from src/ directly with the harness' flags (not through CMake), as
tests/target does, so that every object, the harness included, is at the
one optimisation level being measured.
"""

import argparse
import concurrent.futures
import datetime
import hashlib
import json
import math
import os
import re
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CPUS = ["m4", "m7", "m55"]
OPTS = ["O2", "Os"]
CPU_NAMES = {"m4": "Cortex-M4F", "m7": "Cortex-M7", "m55": "Cortex-M55"}
# Keys of the anchor file.
ANCHOR_ARCH = {"m4": "cortex-m4+fp", "m7": "cortex-m7+fp", "m55": "cortex-m55"}
QEMU_MACHINE = {"m4": "mps2-an386", "m7": "mps2-an500", "m55": "mps3-an547"}

# Models that cannot run on the emulated targets (same list as
# tests/target/run_golden.sh): 4 MB of weights overflow the code region.
TOO_BIG_FOR_TARGET = {
    "mobilenet_v2_int8_224":
        "4 MB of weights overflow the emulated code region (4 MiB M4/M7, 2 MiB M55)",
}

# Fewest instructions per MAC the CPU can issue, by the type the MACs work
# on. M4/M7: SMLAD does two 16x16 MACs (int8 is widened to 16 bits first);
# VFMA.F32 one. M55 (MVE, 128-bit): VMLADAV.S8 sums 16 int8 products,
# .S16 8, VFMA.F32 4 lanes. In cycles the M55 retires a 128-bit MVE
# instruction in two beats, i.e. 8 int8 MACs per cycle; QEMU counts
# instructions, so the floors here are per instruction.
FLOOR = {
    ("m4", "int8"): 1 / 2, ("m7", "int8"): 1 / 2, ("m55", "int8"): 1 / 16,
    ("m4", "int16"): 1 / 2, ("m7", "int16"): 1 / 2, ("m55", "int16"): 1 / 8,
    ("m4", "float32"): 1.0, ("m7", "float32"): 1.0, ("m55", "float32"): 1 / 4,
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


def first_line(cmd):
    try:
        out = run(cmd)
        return (out.stdout or out.stderr).splitlines()[0].strip()
    except (OSError, IndexError):
        return None


# ---------------------------------------------------------------- models ---

def golden_models():
    """Models marked RUN in the conformance test, in its order."""
    src = open(os.path.join(ROOT, "tests/conformance/test_golden.c")).read()
    return re.findall(r'^\s*\{"([A-Za-z0-9_]+)", RUN,', src, re.M)


def parse_ops_header():
    """Builtin op enum names and kernel symbols declared in ops.h, and the
    custom name -> kernel map of signal_ops.h (from its comments)."""
    ops_h = open(os.path.join(ROOT, "include/mote/ops.h")).read()
    enums = set(re.findall(r"\bMOTE_OP_([A-Z0-9_]+)\s*=", ops_h))
    kernels = set(re.findall(r"extern const mote_kernel_t (mote_kernel_\w+);", ops_h))
    sig_h = open(os.path.join(ROOT, "include/mote/signal_ops.h")).read()
    custom = dict(re.findall(
        r'/\*\*?\s*Custom op\s*"(\w+)"[^*]*\*/\s*extern const mote_kernel_t (mote_kernel_\w+);',
        sig_h))
    kernels |= set(re.findall(r"extern const mote_kernel_t (mote_kernel_\w+);", sig_h))
    return enums, kernels, custom


def md5(path):
    return hashlib.md5(open(path, "rb").read()).hexdigest()


def inspect(cli, path):
    out = run([cli, "inspect", path, "--json"])
    if out.returncode != 0:
        raise RuntimeError("mote inspect %s failed: %s" % (path, out.stderr.strip()))
    return json.loads(out.stdout)


def mac_type(info):
    """Type of the activations the model's MACs read: input 0 of the first
    operator that has MACs."""
    for op in info["operators"]:
        if op.get("macs", 0) > 0 and op["inputs"]:
            t = info["tensors"][op["inputs"][0]]["type"]
            return {"uint8": "int8"}.get(t, t)
    return None


def registration(info, enums, kernels, custom):
    """C lines registering each distinct operator once, or (None, reason)."""
    lines, seen, headers = [], set(), set()
    for op in info["operators"]:
        name = op["name"]
        if name in seen:
            continue
        seen.add(name)
        if re.fullmatch(r"[A-Z0-9_]+", name):
            kernel = "mote_kernel_" + name.lower()
            if name not in enums or kernel not in kernels:
                return None, "no mote kernel for builtin %s" % name
            lines.append("  if (st == MOTE_OK) st = mote_resolver_add(r, MOTE_OP_%s, &%s);"
                         % (name, kernel))
        else:
            if name not in custom:
                return None, "no mote kernel for custom op %s" % name
            headers.add("mote/signal_ops.h")
            kernel = custom[name]
            # The FFTs' one-type kernels, as mote gen registers them.
            if op["inputs"] and op["inputs"][0] >= 0:
                typed = kernel + "_" + info["tensors"][op["inputs"][0]]["type"]
                if typed in kernels and all(
                        o["name"] != name or info["tensors"][o["inputs"][0]]["type"]
                        == info["tensors"][op["inputs"][0]]["type"]
                        for o in info["operators"]):
                    kernel = typed
            lines.append('  if (st == MOTE_OK) st = mote_resolver_add_custom(r, "%s", &%s);'
                         % (name, kernel))
    return (lines, sorted(headers)), None


# ---------------------------------------------------------------- inputs ---

def golden_case(manifest, model):
    """The golden case the benchmark uses: the first real sample in manifest
    order, else random_0."""
    cases = list(manifest["models"][model]["cases"])
    real = [c for c in cases if not c.startswith("random_")]
    return (real or ["random_0"])[0]


def golden_inputs(models_dir, manifest, model, case):
    files = manifest["models"][model]["cases"][case]["inputs"]
    return [os.path.join(models_dir, f) for f in files]


def anchor_input(desc, total_bytes, info, models_dir, manifest, model, out_dir):
    """Input files reproducing the input TFLM's anchor measured (its
    input_desc), or None when the description is not understood."""
    def write(data):
        os.makedirs(out_dir, exist_ok=True)
        path = os.path.join(out_dir, "%s.input_0.bin" % model)
        open(path, "wb").write(data)
        return [path]
    if len(info["inputs"]) != 1:
        return None
    if desc.startswith("synthetic: byte i = (i*73+41) mod 256"):
        return write(bytes((i * 73 + 41) % 256 for i in range(total_bytes)))
    m = re.fullmatch(r"x=([-0-9.]+)f", desc)
    if m:
        return write(struct.pack("<f", float(m.group(1))))
    m = re.search(r"quantized: .*= (-?\d+)$", desc)
    if m:
        return write(struct.pack("<b", int(m.group(1))))
    # Real samples that are also golden cases.
    for key, case in (("person.bmp", "person"), ("sample 0", "mlperf_sample_0")):
        if key in desc and case in manifest["models"][model]["cases"]:
            return golden_inputs(models_dir, manifest, model, case)
    return None


def write_gen(path, model, model_file, inputs, reg):
    """gen/<model>.c: the data by .incbin, and bench_add_ops()."""
    lines, headers = reg
    for p in [model_file] + inputs:
        if '"' in p or "\\" in p:
            raise RuntimeError("cannot quote the path %s in .incbin" % p)
    asm = []

    def blob(sym, file):
        asm.extend([
            '"  .pushsection .rodata.%s,\\"a\\"\\n"' % sym,
            '"  .balign 16\\n"',
            '"  .global %s\\n"' % sym,
            '"  .type %s, STT_OBJECT\\n"' % sym,
            '"%s:\\n"' % sym,
            '"  .incbin \\"%s\\"\\n"' % file,
            '"  .size %s, . - %s\\n"' % (sym, sym),
            '"  .popsection\\n"',
        ])
    blob("bench_model_data", model_file)
    for i, f in enumerate(inputs):
        blob("bench_input_%d_data" % i, f)
    c = ["/* Generated by bench/bench.py for %s; do not edit. */" % model,
         '#include "bench_data.h"', '#include "mote/ops.h"']
    c += ['#include "%s"' % h for h in headers]
    c += ["", "__asm__("] + ["    " + a for a in asm] + [");", ""]
    c.append("extern const uint8_t bench_model_data[];")
    for i in range(len(inputs)):
        c.append("extern const uint8_t bench_input_%d_data[];" % i)
    c.append("")
    c.append('const char bench_model_name[] = "%s";' % model)
    c.append("const bench_blob_t bench_model = {bench_model_data, %du};"
             % os.path.getsize(model_file))
    c.append("const bench_blob_t bench_inputs[] = {%s};" % ", ".join(
        "{bench_input_%d_data, %du}" % (i, os.path.getsize(f)) for i, f in enumerate(inputs)))
    c.append("const uint32_t bench_input_count = %du;" % len(inputs))
    c += ["", "mote_status_t bench_add_ops(mote_resolver_t *r) {",
          "  mote_status_t st = MOTE_OK;"] + lines + ["  return st;", "}", ""]
    text = "\n".join(c)
    if not os.path.exists(path) or open(path).read() != text:
        open(path, "w").write(text)
    nops = path[:-2] + ".nops"
    n = "%d\n" % max(1, len(lines))
    if not os.path.exists(nops) or open(nops).read() != n:
        open(nops, "w").write(n)


# ---------------------------------------------------------- output check ---

def check_outputs(got_hex, expected):
    """got_hex: the firmware's out<i> hex strings. expected: list of
    (type, bytes) or a hex prefix string for output 0 (anchor). Returns
    "exact", "within 1e-5" or "MISMATCH ..."."""
    if isinstance(expected, str):
        got = got_hex[0] if got_hex else ""
        n = min(len(got), len(expected))
        if n == 0 or got[:n] != expected[:n]:
            return "MISMATCH out0 %s vs TFLM %s" % (got[:24], expected[:24])
        return "exact"
    inexact = False
    for i, (typ, want) in enumerate(expected):
        if i >= len(got_hex):
            return "MISMATCH: output %d missing" % i
        got = bytes.fromhex(got_hex[i])
        want = want[:len(got)]
        if got == want:
            continue
        if typ != "float32" or len(got) != len(want):
            return "MISMATCH output %d" % i
        for a, b in zip(struct.iter_unpack("<f", got), struct.iter_unpack("<f", want)):
            a, b = a[0], b[0]
            if a != b and not (abs(a - b) <= max(1e-5 * abs(b), 1e-6)):
                return "MISMATCH output %d: %g vs %g" % (i, a, b)
        inexact = True
    return "within 1e-5" if inexact else "exact"


def golden_expected(models_dir, manifest, info, model, case):
    outs = manifest["models"][model]["cases"][case]["outputs"]
    types = [info["tensors"][t]["type"] for t in info["outputs"]]
    return [(types[i] if i < len(types) else "?",
             open(os.path.join(models_dir, f), "rb").read()) for i, f in enumerate(outs)]


def parse_bench_line(text):
    m = re.search(r"^bench \S+: ok arena=(\d+) stack=(\d+)(.*)$", text, re.M)
    if not m:
        f = re.search(r"^bench \S+: (FAIL.*)$", text, re.M)
        return None, (f.group(1) if f else "no result line")
    outs = dict(re.findall(r" out(\d+)=([0-9a-f]*)", m.group(3)))
    inv = re.search(r" invoke_stack=(\d+)", m.group(3))
    return {"arena": int(m.group(1)), "stack": int(m.group(2)),
            "invoke_stack": int(inv.group(1)) if inv else None,
            "outs": [outs[k] for k in sorted(outs, key=int)]}, None


# ----------------------------------------------------------------- sizes ---

def elf_sizes(elf, n_inputs):
    secs = {}
    for line in run(["arm-none-eabi-size", "-A", elf]).stdout.splitlines():
        p = line.split()
        if len(p) >= 2 and p[0].startswith(".") and p[1].isdigit():
            secs[p[0]] = secs.get(p[0], 0) + int(p[1])
    syms = {}
    for line in run(["arm-none-eabi-nm", "-S", elf]).stdout.splitlines():
        p = line.split()
        if len(p) == 4:
            syms[p[3]] = int(p[1], 16)
    text = secs.get(".vectors", 0) + secs.get(".text", 0)
    rodata = sum(secs.get(s, 0) for s in (".rodata", ".ARM.exidx", ".ARM.extab", ".init_array"))
    data, bss = secs.get(".data", 0), secs.get(".bss", 0)
    model = syms.get("bench_model_data", 0)
    inputs = sum(syms.get("bench_input_%d_data" % i, 0) for i in range(n_inputs))
    arena = syms.get("bench_arena", 0)
    return {"text": text, "rodata": rodata, "data": data, "bss": bss,
            "model_array": model, "input_arrays": inputs, "arena_array": arena,
            "fw_flash": text + rodata + data - model - inputs,
            "fw_ram": data + bss - arena}


# ---------------------------------------------------------------- tables ---

def fint(v):
    return "—" if v is None else "{:,}".format(v)


def fratio(a, b):
    if a is None or not b:
        return "—"
    return "%.2f" % (a / b)


def ratio(a, b):
    return None if a is None or not b else round(a / b, 4)


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def target_table(rows, cpu, opt):
    out = ["### %s (QEMU %s), -%s" % (CPU_NAMES[cpu], QEMU_MACHINE[cpu], opt), ""]
    out.append("| model | MACs | insns | TFLM | ×TFLM | ×ref | insns/MAC | ×floor "
               "| arena | TFLM | ×TFLM | flash | TFLM | ×TFLM | RAM | TFLM | stack | invoke | bound "
               "| TFLM |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:"
               "|---:|---:|---:|---:|---:|---:|")
    notes = []
    for r in rows:
        if r["status"] != "ok":
            out.append("| %s | %s | %s |%s" % (r["model"], fint(r.get("macs")),
                                               r["status"], " |" * 17))
            continue
        t = r["tflm"] or {}
        ipm = r["insns_per_mac"]
        flag = "" if r["output_check"] in ("exact", "within 1e-5") else " (!)"
        if flag:
            notes.append("%s: output %s" % (r["model"], r["output_check"]))
        out.append("| %s%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s "
                   "| %s | %s | %s | %s | %s | %s |" % (
                       r["model"], flag, fint(r["macs"] or None), fint(r["invoke_insns"]),
                       fint(t.get("invoke_insns")), fratio(r["invoke_insns"], t.get("invoke_insns")),
                       fratio(r["invoke_insns"], t.get("ref_invoke_insns")),
                       "—" if ipm is None else "%.2f" % ipm,
                       "—" if r["x_floor"] is None else "%.1f" % r["x_floor"],
                       fint(r["arena_used_bytes"]), fint(t.get("arena_used_bytes")),
                       fratio(r["arena_used_bytes"], t.get("arena_used_bytes")),
                       fint(r["sizes"]["fw_flash"]), fint(t.get("fw_flash")),
                       fratio(r["sizes"]["fw_flash"], t.get("fw_flash")),
                       fint(r["sizes"]["fw_ram"]), fint(t.get("fw_ram")),
                       fint(r["stack_peak_bytes"]), fint(r.get("invoke_stack_bytes")),
                       fint(r.get("invoke_stack_bound")),
                       fint(t.get("stack_peak_bytes"))))
    anch = [r for r in rows if r["status"] == "ok" and r["tflm"]]
    if anch:
        out.append("")
        out.append("Geometric mean of mote / TFLM over the %d models with a TFLM figure: "
                   "insns %.2f, arena %.2f, flash %.2f." % (
                       len(anch),
                       geomean([r["ratio"]["insns"] for r in anch]),
                       geomean([r["ratio"]["arena"] for r in anch]),
                       geomean([r["ratio"]["flash"] for r in anch])))
    elif opt == "Os" and cpu != "m4":
        out.append("")
        out.append("The TFLM anchors have no -Os build for this CPU.")
    out += [""] + notes
    return out


def host_table(rows):
    out = ["### Host (x86-64, cc -O2 -g), callgrind Ir of one invoke", ""]
    out.append("| model | case | MACs | insns | TFLM | ×TFLM | insns/MAC | arena (64-bit) | TFLM | ×TFLM |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    notes = []
    for r in rows:
        if r["status"] != "ok":
            out.append("| %s | %s | %s | %s | | | | | | |" % (
                r["model"], r.get("case", ""), fint(r.get("macs")), r["status"]))
            continue
        flag = "" if r["output_check"] in ("exact", "within 1e-5") else " (!)"
        if flag:
            notes.append("%s: output %s" % (r["model"], r["output_check"]))
        t = r["tflm"] or {}
        out.append("| %s%s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["model"], flag, r["case"], fint(r["macs"] or None), fint(r["invoke_insns"]),
            fint(t.get("invoke_insns")), fratio(r["invoke_insns"], t.get("invoke_insns")),
            "—" if r["insns_per_mac"] is None else "%.2f" % r["insns_per_mac"],
            fint(r["arena_used_bytes"]), fint(t.get("arena_used_bytes_x86_64")),
            fratio(r["arena_used_bytes"], t.get("arena_used_bytes_x86_64"))))
    anch = [r for r in rows if r["status"] == "ok" and r["tflm"]]
    if anch:
        out.append("")
        out.append("Geometric mean of mote / TFLM over %d models: insns %.2f, arena %.2f." % (
            len(anch), geomean([r["ratio"]["insns"] for r in anch]),
            geomean([r["ratio"]["arena"] for r in anch])))
    return out + [""] + notes


def compare(old_path, new):
    old = json.load(open(old_path))
    print("## Changes against %s (commit %s)" % (old_path, old.get("commit")))
    print()
    print("| where | model | figure | before | after | change |")
    print("|---|---|---|---:|---:|---:|")
    key = lambda r: (r.get("cpu", "host"), r.get("opt", "O2"), r["model"])
    before = {key(r): r for r in old.get("targets", []) + old.get("host", [])}
    changed = 0
    for r in new.get("targets", []) + new.get("host", []):
        o = before.get(key(r))
        if not o:
            continue
        if o.get("status") != "ok" or r.get("status") != "ok":
            if o.get("status") != r.get("status"):
                changed += 1
                print("| %s %s | %s | status | %s | %s | |" % (
                    key(r)[0], key(r)[1], r["model"], o.get("status"), r.get("status")))
            continue
        figs = [("insns", o["invoke_insns"], r["invoke_insns"]),
                ("arena", o["arena_used_bytes"], r["arena_used_bytes"])]
        if "sizes" in r and "sizes" in o:
            figs += [("flash", o["sizes"]["fw_flash"], r["sizes"]["fw_flash"]),
                     ("RAM", o["sizes"]["fw_ram"], r["sizes"]["fw_ram"])]
        for name, a, b in figs:
            if a != b:
                changed += 1
                print("| %s %s | %s | %s | %s | %s | %+.2f%% |" % (
                    key(r)[0], key(r)[1], r["model"], name, fint(a), fint(b),
                    100.0 * (b - a) / a if a else 0.0))
    if not changed:
        print("| (no figure changed) | | | | | |")
    print()


# ------------------------------------------------------------------ main ---

def kernel_query(cpu, kernels, query):
    """cmake/kernels.cmake's answer for a bench CPU name (m4, m7, m55, host)."""
    mote_cpu = {"m4": "cortex-m4f", "m7": "cortex-m7", "m55": "cortex-m55"}.get(cpu, cpu)
    r = run(["cmake", "-DMOTE_CPU=" + mote_cpu, "-DMOTE_KERNELS=" + kernels,
             "-DMOTE_QUERY=" + query, "-P", os.path.join(ROOT, "cmake/kernels.cmake")])
    return r.stdout.strip() if r.returncode == 0 else "refused: " + r.stderr.strip()[-200:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="Cortex-M4F only, no host table")
    ap.add_argument("--cpus", default=",".join(CPUS))
    ap.add_argument("--opts", default=",".join(OPTS))
    ap.add_argument("--models", default="", help="comma-separated subset")
    ap.add_argument("--no-host", action="store_true")
    ap.add_argument("--no-target", action="store_true")
    ap.add_argument("--out", default=os.environ.get("MOTE_BENCH_DIR") or
                    os.path.join(os.environ.get("TMPDIR", "/tmp"), "mote-bench"))
    ap.add_argument("--json", default=None,
                    help="where to write results (default: bench/results/latest.json "
                         "for a full run, OUT/results.json otherwise)")
    ap.add_argument("--compare", default=None, help="an earlier results JSON to diff against")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MOTE_BENCH_JOBS", "2")))
    ap.add_argument("--per-op", action="store_true",
                    help="also count each operator at -O2 on the target CPUs and print a "
                         "per-operator table beside TFLM+CMSIS-NN's (tflm_cortex_m_ops.json)")
    ap.add_argument("--kernels", default="auto",
                    help="kernel implementations, as CMake's MOTE_KERNELS: auto (the best "
                         "each CPU has), ref, portable, arm_dsp or arm_mve")
    ap.add_argument("--stack-check", default=None, metavar="BUDGET",
                    help="build the Cortex-M4F -O2 firmwares only (no run) and fail when a "
                         "model's worst-case invoke stack passes its line in BUDGET "
                         "(tools/stack/budget.txt)")
    args = ap.parse_args()
    t_start = time.time()
    if args.stack_check:
        args.cpus, args.opts, args.no_host = "m4", "O2", True

    models_dir = os.path.abspath(os.environ.get("MOTE_MODELS_DIR",
                                                os.path.join(ROOT, "../shared/models")))
    cm_dir = os.path.abspath(os.environ.get("MOTE_CM_DIR",
                                            os.path.join(models_dir, "../tools/cortex-m")))
    anchors_path = os.path.abspath(os.environ.get(
        "MOTE_ANCHORS", os.path.join(models_dir, "../anchors/tflm_cortex_m.json")))
    cpus = ["m4"] if args.quick else [c for c in args.cpus.split(",") if c]
    opts = [o for o in args.opts.split(",") if o]
    do_host = not (args.quick or args.no_host)
    do_target = not args.no_target
    for c in cpus:
        if c not in CPUS:
            sys.exit("bench: unknown cpu %s (m4, m7, m55)" % c)
    for o in opts:
        if o not in OPTS:
            sys.exit("bench: unknown opt %s (O2, Os)" % o)
    full = (not args.quick and not args.models and cpus == CPUS and set(opts) == set(OPTS)
            and do_host and do_target and args.kernels == "auto")
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    json_path = args.json or (os.path.join(HERE, "results/latest.json") if full
                              else os.path.join(out, "results.json"))

    manifest = json.load(open(os.path.join(models_dir, "manifest.json")))
    anchors = json.load(open(anchors_path)) if os.path.exists(anchors_path) else None
    host_counts_path = os.path.join(models_dir, "tflm_host_counts.json")
    host_counts = json.load(open(host_counts_path)) if os.path.exists(host_counts_path) else None

    models = golden_models()
    if args.models:
        want = args.models.split(",")
        unknown = [m for m in want if m not in models]
        if unknown:
            sys.exit("bench: not a RUN model of test_golden.c: %s" % ", ".join(unknown))
        models = [m for m in models if m in want]

    # The mote CLI, for `inspect --json` (operators, MACs, tensor types).
    cli = os.environ.get("MOTE_CLI")
    if not cli:
        cli_dir = os.path.join(out, "cli")
        log("== building the mote CLI in %s" % cli_dir)
        for cmd in (["cmake", "-S", ROOT, "-B", cli_dir, "-DCMAKE_BUILD_TYPE=Release",
                     "-DMOTE_BUILD_TESTS=OFF"],
                    ["cmake", "--build", cli_dir, "-j", "2", "--target", "mote-cli"]):
            r = run(cmd)
            if r.returncode != 0:
                sys.exit("bench: %s failed:\n%s%s" % (" ".join(cmd), r.stdout[-3000:], r.stderr[-3000:]))
        cli = os.path.join(cli_dir, "tools/mote")

    enums, kernels, custom = parse_ops_header()
    anchor_by_md5 = {}
    if anchors:
        for name, m in anchors["models"].items():
            anchor_by_md5[m["md5"]] = name

    info, meta, reg = {}, {}, {}
    skipped = []
    for m in models:
        path = os.path.join(models_dir, m + ".tflite")
        info[m] = inspect(cli, path)
        r, why = registration(info[m], enums, kernels, custom)
        aname = anchor_by_md5.get(md5(path))
        meta[m] = {"file": os.path.basename(path), "bytes": os.path.getsize(path),
                   "macs": info[m]["macs"], "mac_type": mac_type(info[m]),
                   "ops": sorted({op["name"] for op in info[m]["operators"]}),
                   "tflm_anchor": aname}
        if r is None:
            skipped.append({"where": "all", "model": m, "reason": why})
        reg[m] = r

    # ---- generated files: target inputs (TFLM anchor's) and host (golden)
    gen_t = os.path.join(out, "gen/target")
    gen_h = os.path.join(out, "gen/host")
    os.makedirs(gen_t, exist_ok=True)
    os.makedirs(gen_h, exist_ok=True)
    target_models, host_models = [], []
    expect_t, expect_h = {}, {}
    for m in models:
        if reg[m] is None:
            continue
        model_file = os.path.join(models_dir, m + ".tflite")
        case = golden_case(manifest, m)
        meta[m]["golden_case"] = case
        g_in = golden_inputs(models_dir, manifest, m, case)
        write_gen(os.path.join(gen_h, m + ".c"), m, model_file, g_in, reg[m])
        host_models.append(m)
        expect_h[m] = golden_expected(models_dir, manifest, info[m], m, case)
        if m in TOO_BIG_FOR_TARGET:
            continue
        aname = meta[m]["tflm_anchor"]
        t_in = None
        if aname:
            am = anchors["models"][aname]
            t_in = anchor_input(am["input_desc"], am["input_bytes"], info[m], models_dir,
                                manifest, m, os.path.join(out, "inputs"))
            if t_in is None:
                log("bench: %s: TFLM anchor input not understood (%s); using golden case %s"
                    % (m, am["input_desc"], case))
        if t_in is not None:
            meta[m]["target_input"] = "TFLM anchor input: " + anchors["models"][aname]["input_desc"]
            res = [r for r in anchors["results"] if r["model"] == aname]
            expect_t[m] = res[0]["output0_hex"] if res else None
        else:
            t_in = g_in
            meta[m]["target_input"] = "golden case " + case
            expect_t[m] = expect_h[m]
        write_gen(os.path.join(gen_t, m + ".c"), m, model_file, t_in, reg[m])
        target_models.append(m)

    def make(cpu, opt, gen, mlist, per_op=False):
        o = os.path.join(out, "%s-%s%s" % (cpu, opt, "-perop" if per_op else ""))
        for mm in mlist:  # relink every run: an old ELF must not stand in
            p = os.path.join(o, mm + ".elf")
            if os.path.exists(p):
                os.remove(p)
        cmd = ["make", "-s", "-k", "-j", str(args.jobs), "-f", os.path.join(HERE, "Makefile"),
               "CPU=" + cpu, "OPT=" + opt, "O=" + o, "GEN=" + gen, "CM=" + cm_dir,
               "KERNELS=" + args.kernels,
               "MODELS=" + " ".join(mlist)] + (["PER_OP=1"] if per_op else [])
        r = run(cmd)
        os.makedirs(o, exist_ok=True)
        open(os.path.join(o, "build.log"), "w").write(r.stdout + r.stderr)
        return o

    targets = []
    if do_target:
        for cpu in cpus:
            for opt in opts:
                t0 = time.time()
                log("== %s -%s: building %d firmwares" % (cpu, opt, len(target_models)))
                o = make(cpu, opt, gen_t, target_models)

                def one(m, cpu=cpu, opt=opt, o=o):
                    elf = os.path.join(o, m + ".elf")
                    row = {"cpu": cpu, "opt": opt, "model": m, "macs": meta[m]["macs"]}
                    if not os.path.exists(elf):
                        row["status"] = "did not build (see %s/build.log)" % o
                        return row
                    r = run([os.path.join(cm_dir, "run-" + cpu), "--timeout",
                             os.environ.get("MOTE_BENCH_TIMEOUT", "300"), elf])
                    open(os.path.join(o, m + ".log"), "w").write(r.stdout + r.stderr)
                    res, err = parse_bench_line(r.stdout)
                    cnt = re.search(r"cm-insncount: region 1: (\d+) insns", r.stdout)
                    if res is None or r.returncode != 0 or not cnt:
                        row["status"] = "failed: %s (exit %d)" % (err or "no count", r.returncode)
                        return row
                    row.update(status="ok", invoke_insns=int(cnt.group(1)),
                               arena_used_bytes=res["arena"], stack_peak_bytes=res["stack"],
                               invoke_stack_bytes=res["invoke_stack"],
                               sizes=elf_sizes(elf, len(info[m]["inputs"])),
                               output_check=check_outputs(res["outs"], expect_t[m])
                               if expect_t[m] is not None else "not checked")
                    return row
                bounds = stack_bounds(o, gen_t, target_models, budget=args.stack_check)
                if args.stack_check and bounds is None:
                    return 1
                with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
                    rows = list(ex.map(one, target_models))
                for row in rows:
                    row["invoke_stack_bound"] = (bounds or {}).get(row["model"])
                    finish_target_row(row, meta, anchors)
                targets += rows
                log("   %.0f s" % (time.time() - t0))
        for cpu in cpus:
            for m in models:
                if m in TOO_BIG_FOR_TARGET and reg[m] is not None:
                    skipped.append({"where": cpu, "model": m, "reason": TOO_BIG_FOR_TARGET[m]})

    per_op = []
    if do_target and args.per_op:
        per_op = run_per_op(args, cpus, target_models, meta, gen_t, make, cm_dir)

    host = []
    if do_host:
        t0 = time.time()
        log("== host: building %d programs, running each under callgrind" % len(host_models))
        o = make("host", "O2", gen_h, host_models)

        def one_host(m):
            elf = os.path.join(o, m + ".elf")
            row = {"model": m, "case": meta[m]["golden_case"], "macs": meta[m]["macs"]}
            if not os.path.exists(elf):
                row["status"] = "did not build (see %s/build.log)" % o
                return row
            r = run(["valgrind", "--tool=callgrind", "--toggle-collect=mote_interp_invoke",
                     "--callgrind-out-file=" + os.path.join(o, m + ".callgrind"), elf])
            open(os.path.join(o, m + ".log"), "w").write(r.stdout + r.stderr)
            res, err = parse_bench_line(r.stdout)
            cnt = re.search(r"Collected : (\d+)", r.stderr)
            if res is None or r.returncode != 0 or not cnt:
                row["status"] = "failed: %s (exit %d)" % (err or "no count", r.returncode)
                return row
            row.update(status="ok", invoke_insns=int(cnt.group(1)),
                       arena_used_bytes=res["arena"],
                       output_check=check_outputs(res["outs"], expect_h[m]))
            return row
        # The biggest model first, so that it does not run alone at the end.
        order = sorted(host_models, key=lambda m: -meta[m]["macs"])
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
            done = dict(zip(order, ex.map(one_host, order)))
        for m in host_models:
            row = done[m]
            hc = (host_counts or {}).get("models", {}).get(m)
            row["tflm"] = None
            if hc and row["case"] in hc["cases"]:
                row["tflm"] = {"invoke_insns": hc["cases"][row["case"]],
                               "arena_used_bytes_x86_64": hc.get("arena_used_bytes_x86_64")}
            if row["status"] == "ok":
                row["insns_per_mac"] = (round(row["invoke_insns"] / row["macs"], 3)
                                        if row["macs"] else None)
                t = row["tflm"] or {}
                row["ratio"] = {"insns": ratio(row["invoke_insns"], t.get("invoke_insns")),
                                "arena": ratio(row["arena_used_bytes"],
                                               t.get("arena_used_bytes_x86_64"))}
            host.append(row)
        log("   %.0f s" % (time.time() - t0))

    elapsed = time.time() - t_start
    result = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": first_line(["git", "-C", ROOT, "rev-parse", "HEAD"]),
        "worktree_dirty": bool(run(["git", "-C", ROOT, "status", "--porcelain",
                                    "--untracked-files=no"]).stdout.strip()),
        "mode": "full" if full else ("quick" if args.quick else "partial"),
        "runtime_s": round(elapsed, 1),
        "toolchain": {
            "arm-none-eabi-gcc": first_line(["arm-none-eabi-gcc", "--version"]),
            "qemu-system-arm": first_line(["qemu-system-arm", "--version"]),
            "host cc": first_line(["cc", "--version"]),
            "valgrind": first_line(["valgrind", "--version"]) if do_host else None,
        },
        "kernels": {
            "option": args.kernels,
            "bound": {c: kernel_query(c, args.kernels, "cflags")
                      for c in (cpus if do_target else []) + (["host"] if do_host else [])},
        },
        "flags": {
            "target": "harness flags (cm.mk) + -O2 or -Os -ffp-contract=off "
                      "-DMOTE_NO_ERROR_STRINGS, library, app and harness alike; "
                      "--specs=nano.specs -Wl,--gc-sections",
            "host": "cc -O2 -g -ffp-contract=off -ffunction-sections -fdata-sections, "
                    "error strings kept; -Wl,--gc-sections",
        },
        "anchors": {"cortex_m": os.path.relpath(anchors_path, ROOT) if anchors else None,
                    "cortex_m_variant": "cmsis_nn", "host": os.path.relpath(host_counts_path, ROOT)},
        "floor_insns_per_mac": {"%s/%s" % k: v for k, v in FLOOR.items()},
        "models": meta,
        "targets": targets,
        "per_op": per_op,
        "host": host,
        "skipped": skipped,
    }
    os.makedirs(os.path.dirname(os.path.abspath(json_path)), exist_ok=True)
    with open(json_path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")

    # ---- tables
    lines = ["# mote benchmark", "",
             "commit %s%s, %s; every figure measured in this run (%.0f s)." % (
                 (result["commit"] or "?")[:12], " (+ uncommitted changes)"
                 if result["worktree_dirty"] else "", result["generated"], elapsed), ""]
    lines += ["Kernels (MOTE_KERNELS=%s): %s." % (args.kernels, "; ".join(
        "%s %s" % (c, b or "reference only") for c, b in result["kernels"]["bound"].items())), ""]
    lines += ["insns: exact instructions of one invoke (QEMU plugin; not cycles). "
              "TFLM: tflite-micro with CMSIS-NN kernels at the same level "
              "(../shared/anchors/tflm_cortex_m.json); ×ref: mote / TFLM reference kernels. "
              "×floor: insns/MAC over the CPU's floor (%s). flash = .text+.rodata+.data "
              "less model and input, harness included; RAM = .data+.bss less the arena; "
              "stack = peak of the whole run (painted); invoke = what one invoke used (painted); "
              "bound = worst case of one invoke from the compiler's frame sizes and call "
              "graph (tools/stack/stack_depth.py); "
              "TFLM = its peak of the whole run. (!) = output differs from TFLM's." % (
                  "int8: 1/2 on M4/M7 (SMLAD), 1/16 on M55 (VMLADAV.S8); float: 1, 1/4"), ""]
    for cpu in cpus:
        for opt in opts:
            rows = [r for r in targets if r["cpu"] == cpu and r["opt"] == opt]
            if rows:
                lines += target_table(rows, cpu, opt)
    if per_op:
        lines += per_op_table(per_op)
    if host:
        lines += host_table(host)
    if skipped:
        lines.append("Not measured:")
        seen = set()
        for s in skipped:
            k = (s["model"], s["reason"])
            if k not in seen:
                seen.add(k)
                where = sorted({x["where"] for x in skipped if (x["model"], x["reason"]) == k})
                lines.append("* %s (%s): %s" % (s["model"], ", ".join(where), s["reason"]))
        lines.append("")
    shown = os.path.abspath(json_path)
    if shown.startswith(ROOT + os.sep):
        shown = os.path.relpath(shown, ROOT)
    lines.append("Results: %s" % shown)
    print("\n".join(lines))
    if args.compare:
        print()
        compare(args.compare, result)
    bad = [r for r in targets + host if r["status"] != "ok" or
           not r.get("output_check", "").startswith(("exact", "within"))]
    # A bound below what an invoke was seen to use is a bug in the analysis.
    unsound = [r["model"] for r in targets
               if r.get("invoke_stack_bytes") is not None and
               r.get("invoke_stack_bound") is not None and
               r["invoke_stack_bytes"] > r["invoke_stack_bound"]]
    if unsound:
        print("bench: the static stack bound is below the measured invoke stack: %s"
              % ", ".join(unsound), file=sys.stderr)
    return 1 if bad or unsound else 0


def run_per_op(args, cpus, target_models, meta, gen_t, make, cm_dir):
    """Each operator of each model as its own instruction-count region, at
    -O2, beside CMSIS-NN's per-operator counts; rows aggregated by op type."""
    path = os.path.join(ROOT, "..", "shared", "anchors", "tflm_cortex_m_ops.json")
    path = os.path.abspath(os.environ.get("MOTE_TFLM_OPS_ANCHORS", path))
    ops_anchor = json.load(open(path))["models"] if os.path.exists(path) else {}
    rows = []
    for cpu in cpus:
        key = {m: m if m in ops_anchor else meta[m].get("tflm_anchor") for m in target_models}
        mlist = [m for m in target_models if cpu in ops_anchor.get(key[m], {})]
        if not mlist:
            continue
        log("== %s -O2: per-operator counts of %d models" % (cpu, len(mlist)))
        o = make(cpu, "O2", gen_t, mlist, per_op=True)
        for m in mlist:
            r = run([os.path.join(cm_dir, "run-" + cpu), "--timeout", "300",
                     os.path.join(o, m + ".elf")])
            counts = [int(x) for x in re.findall(r"region \d+: (\d+) insns", r.stdout)]
            anchor = ops_anchor[key[m]][cpu]["ops"]
            agg = {}
            for i, a in enumerate(anchor):
                g = agg.setdefault(a["op"], {"mote": 0, "tflm": 0, "macs": 0, "count": 0})
                g["mote"] += counts[i] if i < len(counts) else 0
                g["tflm"] += a["insns"]
                g["macs"] += a.get("macs") or 0
                g["count"] += 1
            for op, g in sorted(agg.items(), key=lambda kv: -kv[1]["tflm"]):
                rows.append({"cpu": cpu, "model": m, "op": op, "ops": g["count"],
                             "insns": g["mote"], "tflm_insns": g["tflm"], "macs": g["macs"],
                             "complete": len(counts) == len(anchor)})
    return rows


def per_op_table(rows):
    lines = ["## Per operator, -O2: mote beside TFLM+CMSIS-NN "
             "(instructions summed over the model's operators of each type)", ""]
    for cpu in sorted({r["cpu"] for r in rows}):
        lines += ["### %s" % cpu, "",
                  "| model | op (count) | mote | TFLM | ×TFLM | mote/MAC | TFLM/MAC |",
                  "|---|---|---:|---:|---:|---:|---:|"]
        for r in [x for x in rows if x["cpu"] == cpu]:
            per = (lambda v: "%.2f" % (v / r["macs"]) if r["macs"] else "—")
            lines.append("| %s | %s (%d) | %s | %s | %s | %s | %s |" % (
                r["model"], r["op"], r["ops"], fint(r["insns"]), fint(r["tflm_insns"]),
                fratio(r["insns"], r["tflm_insns"]), per(r["insns"]), per(r["tflm_insns"])))
        lines.append("")
    return lines


def stack_bounds(o, gen, mlist, budget=None):
    """{model: worst-case invoke stack in bytes} from the build in `o`
    (tools/stack/stack_depth.py), or None when the analysis or, with a
    budget, the check fails (its output says why)."""
    built = [m for m in mlist if os.path.exists(os.path.join(o, m + ".elf"))]
    if len(built) != len(mlist):
        log("stack: firmwares did not build: %s (see %s/build.log)" % (
            ", ".join(sorted(set(mlist) - set(built))), o))
        if budget:
            return None
    out_json = os.path.join(o, "stack.json")
    cmd = [sys.executable, os.path.join(ROOT, "tools/stack/stack_depth.py"),
           "--lib-dir", os.path.join(o, "lib"), "--kernels-from", gen, "--json", out_json]
    cmd += ["--elf=%s=%s" % (m, os.path.join(o, m + ".elf")) for m in built]
    if budget:
        cmd += ["--budget", budget]
    r = run(cmd)
    if budget or r.returncode != 0:
        sys.stdout.write(r.stdout)
        sys.stderr.write(r.stderr)
    if r.returncode != 0:
        return None
    return {m: v["invoke_stack_bound"] for m, v in json.load(open(out_json)).items()}


def finish_target_row(row, meta, anchors):
    m, cpu, opt = row["model"], row["cpu"], row["opt"]
    row["tflm"] = None
    aname = meta[m].get("tflm_anchor")
    if anchors and aname and meta[m].get("target_input", "").startswith("TFLM"):
        def pick(kernels):
            for r in anchors["results"]:
                if (r["model"] == aname and r["arch"] == ANCHOR_ARCH[cpu] and
                        r["kernels"] == kernels and r["opt"] == opt):
                    return r
            return None
        a, ref = pick("cmsis_nn"), pick("ref")
        if a:
            s = a["sizes"]
            row["tflm"] = {"invoke_insns": a["invoke_insns"],
                           "arena_used_bytes": a["arena_used_bytes"],
                           "fw_flash": s["flash_framework"],
                           "fw_ram": s["framework_data"] + s["framework_bss"],
                           "stack_peak_bytes": a["stack_peak_bytes"],
                           "ref_invoke_insns": ref["invoke_insns"] if ref else None}
    if row["status"] != "ok":
        return
    macs = row["macs"]
    row["insns_per_mac"] = round(row["invoke_insns"] / macs, 3) if macs else None
    floor = FLOOR.get((cpu, meta[m]["mac_type"]))
    row["floor_insns_per_mac"] = floor
    row["x_floor"] = (round(row["insns_per_mac"] / floor, 2)
                      if floor and row["insns_per_mac"] else None)
    t = row["tflm"] or {}
    row["ratio"] = {"insns": ratio(row["invoke_insns"], t.get("invoke_insns")),
                    "insns_vs_ref": ratio(row["invoke_insns"], t.get("ref_invoke_insns")),
                    "arena": ratio(row["arena_used_bytes"], t.get("arena_used_bytes")),
                    "flash": ratio(row["sizes"]["fw_flash"], t.get("fw_flash")),
                    "ram": ratio(row["sizes"]["fw_ram"], t.get("fw_ram"))}


if __name__ == "__main__":
    sys.exit(main())
