#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Worst-case stack depth of mote_interp_invoke, per model, from the
compiler's own figures.

The library is compiled with -fcallgraph-info=su (GCC), which writes beside
each object a .ci graph: every function's frame in bytes (the figure
-fstack-usage gives) and its direct calls after inlining. Calls through
pointers appear as edges to "__indirect_call"; they are resolved here:

  * in src/interp/ (the kernel's invoke): to the invoke functions of the
    kernels the model registers, read from the kernel objects' relocations
    (mote_kernel_t is {name, max_version, prepare, invoke});
  * elsewhere (compute functions a kernel hands to a shared loop): to every
    function whose address is taken in a translation unit that reaches the
    calling function, is not a kernel's prepare or invoke and does not
    itself reach the calling function (that would be recursion through a
    pointer, which mote does not do). That over-approximates the targets,
    so the bound stays a bound.

Functions without a .ci node (newlib, libm, libgcc) are read from the
model's linked firmware: the frame from the prologue (push, vpush,
sub sp), the calls from bl/b.w. libgcc helpers the compiler calls without
a call-graph edge (__aeabi_ldivmod, ...) are covered by adding the deepest
such helper in the firmware once, at the bottom of the worst path.

The profiler callback (mote_interp_set_profiler) is the application's and
not counted. Recursion or a dynamic frame (alloca, VLA) is an error.

  stack_depth.py --lib-dir DIR --elf MODEL=ELF... [--kernels-from GEN_DIR]
                 [--json OUT] [--budget FILE] [--objdump TOOL]

GEN_DIR holds bench.py's gen/<model>.c, whose mote_kernel_* references are
the kernels the model registers. With --budget (lines "model bytes"), exits
1 when a model's bound exceeds its budget or has none.
"""
import argparse
import json
import os
import re
import subprocess
import sys

INDIRECT = "__indirect_call"
NODE_RE = re.compile(r'^node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE_RE = re.compile(r'^edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
BYTES_RE = re.compile(r"\\n(\d+) bytes \(([a-z, ]+)\)")


class Fail(Exception):
    pass


def read_ci(path):
    """Nodes with frames {title: (bytes, kind)}, declared-only titles, edges."""
    frames, edges = {}, []
    with open(path) as f:
        for line in f:
            m = NODE_RE.match(line)
            if m:
                b = BYTES_RE.search(m.group(2))
                if b:
                    frames[m.group(1)] = (int(b.group(1)), b.group(2))
                continue
            m = EDGE_RE.match(line)
            if m:
                edges.append((m.group(1), m.group(2)))
    return frames, edges


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise Fail("%s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    return r.stdout


def address_taken(objdump, obj):
    """Functions whose address an object takes (data words, movw/movt), and
    the kernel objects' (prepare, invoke) symbols. With -ffunction-sections
    a static function is referenced through its section, .text.<name>."""
    taken, kernels = set(), {}
    section = None
    for line in run([objdump, "-r", obj]).splitlines():
        m = re.match(r"RELOCATION RECORDS FOR \[([^\]]+)\]", line)
        if m:
            section = m.group(1)
            continue
        parts = line.split()
        if len(parts) != 3 or not re.fullmatch(r"[0-9a-f]+", parts[0]):
            continue
        off, rtype, sym = int(parts[0], 16), parts[1], parts[2]
        if rtype in ("R_ARM_THM_CALL", "R_ARM_THM_JUMP24", "R_ARM_THM_JUMP19",
                     "R_ARM_CALL", "R_ARM_JUMP24"):
            continue
        name = sym[len(".text."):] if sym.startswith(".text.") else sym
        if sym.startswith(".") and not sym.startswith(".text."):
            continue  # data sections, strings
        taken.add(name)
        km = re.fullmatch(r"\.rodata\.(mote_kernel_\w+)", section or "")
        if km and rtype == "R_ARM_ABS32" and off in (8, 12):
            kernels.setdefault(km.group(1), {})["prepare" if off == 8 else "invoke"] = name
    return taken, kernels


class Graph:
    def __init__(self, lib_dir, objdump):
        self.frames = {}      # qualified title -> bytes
        self.edges = {}       # title -> set(title)
        self.file_of = {}     # title -> source object (relative)
        self.taken = {}       # object -> set(plain names)
        self.kernels = {}     # mote_kernel_x -> {"prepare": title, "invoke": title}
        self.by_plain = {}    # (object, plain) -> title ; plain global -> title
        cis = []
        for root, _, files in os.walk(lib_dir):
            for f in files:
                if f.endswith(".ci"):
                    cis.append(os.path.join(root, f))
        if not cis:
            raise Fail("no .ci files under %s (build with -fcallgraph-info=su)" % lib_dir)
        for ci in sorted(cis):
            obj = ci[:-3] + ".o"
            rel = os.path.relpath(obj, lib_dir)
            frames, edges = read_ci(ci)
            for title, (nbytes, kind) in frames.items():
                if "dynamic" in kind and "bounded" not in kind:
                    raise Fail("%s has a dynamic stack frame (%s): no bound" % (title, kind))
                self.frames[title] = nbytes
                self.file_of[title] = rel
                plain = title.split(":")[-1]
                self.by_plain[(rel, plain)] = title
            for a, b in edges:
                self.edges.setdefault(a, set()).add(b)
            if os.path.exists(obj):
                taken, kernels = address_taken(objdump, obj)
                self.taken[rel] = taken
                for k, fns in kernels.items():
                    self.kernels[k] = {
                        role: self.by_plain.get((rel, fn), fn) for role, fn in fns.items()}
        self.kernel_fns = set()
        for fns in self.kernels.values():
            self.kernel_fns.update(fns.values())
        self._callers_closure = {}

    def resolve_indirect(self, caller):
        """Possible targets of the calls through pointers in `caller`
        (not the interpreter's)."""
        # Objects that reach `caller`: its own, and those of every function
        # that calls it, transitively.
        if caller in self._callers_closure:
            return self._callers_closure[caller]
        rev = {}
        for a, bs in self.edges.items():
            for b in bs:
                rev.setdefault(b, set()).add(a)
        seen, todo = {caller}, [caller]
        while todo:
            f = todo.pop()
            for a in rev.get(f, ()):
                if a not in seen:
                    seen.add(a)
                    todo.append(a)
        objs = {self.file_of[f] for f in seen if f in self.file_of}
        targets = set()
        for obj in objs:
            for plain in self.taken.get(obj, ()):
                t = self.by_plain.get((obj, plain), plain)
                # A function that reaches `caller` is already on the stack
                # below it: calling it again would be recursion through a
                # pointer, which the library never does (a function hands
                # its own helper to a shared loop and the loop calls that).
                if t in self.frames and t not in self.kernel_fns and t not in seen:
                    targets.add(t)
        self._callers_closure[caller] = targets
        return targets


PROLOGUE_PUSH = re.compile(r"\b(?:push|stmdb)(?:\.w)?\s+(?:sp!,\s*)?\{([^}]*)\}")
VPUSH = re.compile(r"\bvpush\s+\{([^}]*)\}")
SUB_SP = re.compile(r"\bsub(?:s|w|\.w)?\s+sp,\s*(?:sp,\s*)?#(\d+)")
CALL = re.compile(r"\b(?:bl|blx|b\.w|b)\s+[0-9a-f]+ <([^>+]+)>")


def reg_count(regs, wide):
    n = 0
    for part in regs.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"([rds])(\d+)-[rds](\d+)", part)
        n += (int(m.group(3)) - int(m.group(2)) + 1) if m else 1
    return n * (8 if wide else 4)


def elf_functions(objdump, elf):
    """{name: (frame bytes, set(callees))} for every function in the ELF,
    from the prologue of each (before the first branch)."""
    out, name, body = {}, None, []

    def flush():
        if name is None:
            return
        frame, calls, in_prologue = 0, set(), True
        for ins in body:
            if in_prologue:
                m = PROLOGUE_PUSH.search(ins)
                if m:
                    frame += reg_count(m.group(1), False)
                    continue
                m = VPUSH.search(ins)
                if m:
                    frame += reg_count(m.group(1), m.group(1).strip().startswith("d"))
                    continue
                m = SUB_SP.search(ins)
                if m:
                    frame += int(m.group(1))
                    continue
                if re.search(r"\b(b|bl|bx|blx|cbz|cbnz|b\w\w)(\.w|\.n)?\s", ins):
                    in_prologue = False
            if re.search(r"\bsub(?:s|\.w)?\s+sp,\s*(?:sp,\s*)?r\d", ins):
                raise Fail("%s in the firmware adjusts sp by a register: no bound" % name)
            m = CALL.search(ins)
            if m and m.group(1) != name:
                calls.add(m.group(1))
        out[name] = (frame, calls)

    for line in run([objdump, "-d", "--no-show-raw-insn", elf]).splitlines():
        m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
        if m:
            flush()
            name, body = m.group(1), []
        elif name is not None and line.startswith(" "):
            body.append(line)
    flush()
    return out


def model_kernels(gen_file):
    return sorted(set(re.findall(r"&(mote_kernel_\w+)", open(gen_file).read())))


def worst_invoke(g, kernels, elf_fns, entry="mote_interp_invoke"):
    """(bytes, path) of the deepest stack from `entry` into the kernels."""
    invokes = []
    for k in kernels:
        if k not in g.kernels or "invoke" not in g.kernels[k]:
            raise Fail("kernel object %s not found in the library's objects" % k)
        invokes.append(g.kernels[k]["invoke"])
    memo, active = {}, set()

    def depth(f):
        if f in memo:
            return memo[f]
        if f in active:
            raise Fail("recursion through %s: no bound" % f)
        active.add(f)
        if f in g.frames:
            own = g.frames[f]
            callees = set(g.edges.get(f, ()))
            if INDIRECT in callees:
                callees.discard(INDIRECT)
                if g.file_of.get(f, "").startswith("interp/"):
                    callees.update(invokes)
                else:
                    callees.update(g.resolve_indirect(f))
        elif f in elf_fns:
            own, callees = elf_fns[f]
        else:
            active.discard(f)
            memo[f] = (0, [f + " (not linked)"])
            return memo[f]
        best = (0, [])
        for c in sorted(callees):
            d = depth(c)
            if d[0] > best[0]:
                best = d
        active.discard(f)
        memo[f] = (own + best[0], ["%s %d" % (f.split(":")[-1], own)] + best[1])
        return memo[f]

    total, path = depth(entry)
    helper = (0, None)
    for name, (frame, _) in elf_fns.items():
        if name.startswith("__aeabi_") or re.fullmatch(r"__(u?divmod|u?div|mod)\w*", name):
            d = depth(name)
            if d[0] > helper[0]:
                helper = (d[0], name)
    if helper[1] is not None:
        path = path + ["+ libgcc %s %d" % (helper[1], helper[0])]
    return total + helper[0], path


def read_budget(path):
    budget = {}
    for line in open(path):
        line = line.split("#")[0].split()
        if len(line) == 2:
            budget[line[0]] = int(line[1])
    return budget


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lib-dir", required=True, help="objects and .ci files of libmote")
    ap.add_argument("--elf", action="append", default=[], help="MODEL=firmware.elf")
    ap.add_argument("--kernels-from", required=True, help="directory of gen/<model>.c")
    ap.add_argument("--objdump", default="arm-none-eabi-objdump")
    ap.add_argument("--json", default=None)
    ap.add_argument("--budget", default=None)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    try:
        g = Graph(args.lib_dir, args.objdump)
        results = {}
        for spec in args.elf:
            model, elf = spec.split("=", 1)
            kernels = model_kernels(os.path.join(args.kernels_from, model + ".c"))
            nbytes, path = worst_invoke(g, kernels, elf_functions(args.objdump, elf))
            results[model] = {"invoke_stack_bound": nbytes, "path": path}
    except Fail as e:
        print("stack_depth: %s" % e, file=sys.stderr)
        return 2
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
    failed = []
    budget = read_budget(args.budget) if args.budget else None
    for model in sorted(results):
        r = results[model]
        line = "%-28s %6d bytes" % (model, r["invoke_stack_bound"])
        if budget is not None:
            b = budget.get(model)
            if b is None:
                line += "  (no budget in %s)" % args.budget
                failed.append(model)
            else:
                line += "  budget %d%s" % (b, "" if r["invoke_stack_bound"] <= b else "  OVER")
                if r["invoke_stack_bound"] > b:
                    failed.append(model)
        if not args.quiet:
            print(line)
            print("    " + " > ".join(r["path"]))
    if failed:
        print("stack_depth: over budget or unbudgeted: %s" % ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
