#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""mote as the embedded ecosystems build it (CTest package/ecosystem_*).

    ecosystems.py versions ROOT
    ecosystems.py binding ROOT WORK
    ecosystems.py arduino|platformio|zephyr|espidf ROOT WORK

Each ecosystem mode reads that ecosystem's manifest the way the ecosystem
does (the file set, include roots and definitions), checks that it names
the whole library (every .c under src/) and carries the version of
include/mote/version.h, then compiles exactly those files with
arm-none-eabi-gcc for Cortex-M4F (platformio: also Cortex-M55; espidf:
also RV32IMC, the ESP32-C3's ISA, with riscv64-unknown-elf-gcc, compiled
only) with the ecosystem's C standard, the manifest's flags and -Wall
-Wextra -Werror. The objects are archived and linked into a firmware: the Arduino sketch
(examples/arduino/SineModel, as arduino-cli turns an .ino into C++, over a
stub Arduino.h) for arduino, tests/package/consumer/main.c for the others;
under QEMU with the harness of MOTE_CM_DIR when it is there, each must
print sin(x) to within 0.05, and its FULLY_CONNECTED must be the CPU's
(mote_fc_s8_arm_dsp on M4F, _arm_mve on M55). zephyr also builds
CONFIG_MOTE_KERNELS_REF=y, whose firmware must link the reference alone.
No manifest names a defined kernel family:
the binding comes from src/kernels/impl_cpu.h, and `binding` holds that
header to cmake/kernels.cmake's registry for every CPU.

`versions` needs python3 alone. --update (first argument) rewrites the
sketch's model array from models/sine_int8.tflite instead of checking it.
Environment: MOTE_CM_DIR, CI (skips become failures). Exit 0 pass, 1 fail,
77 skip. Python 3 standard library only: the YAML read is the subset the
manifests use (nested mappings, lists of scalars).
"""
import concurrent.futures
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys

CPUS = {
    "m4": ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"],
    "m55": ["-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"],
}
WARN = ["-Wall", "-Wextra", "-Werror"]
SOURCE_EXT = (".c", ".cpp", ".S")
JOBS = 2


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def fail(msg):
    raise Failure(msg)


# ---------------------------------------------------------------- reading --

def mote_version(root):
    text = open(os.path.join(root, "include/mote/version.h")).read()
    parts = []
    for part in ("MAJOR", "MINOR", "PATCH"):
        m = re.search(r"^#define MOTE_VERSION_%s (\d+)$" % part, text, re.M)
        if not m:
            fail("include/mote/version.h has no MOTE_VERSION_" + part)
        parts.append(m.group(1))
    return ".".join(parts)


def library_sources(root):
    """Every .c of the library, relative to root, sorted."""
    out = []
    for d, _, files in os.walk(os.path.join(root, "src")):
        out += [os.path.relpath(os.path.join(d, f), root) for f in files if f.endswith(".c")]
    return sorted(out)


def yaml_lite(path):
    """Nested mappings and lists of scalars, by indentation; comments dropped."""
    root = {}
    stack = [(-1, root)]  # (indent, container)
    last_key = None
    for raw in open(path):
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        while stack and indent <= stack[-1][0]:
            stack.pop()
        parent = stack[-1][1]
        if text.startswith("- "):
            if not isinstance(parent, list):
                # The key above opened an empty mapping: it holds a list.
                if parent or len(stack) < 2:
                    fail("%s: a list item where a mapping was" % path)
                lst = []
                stack[-2][1][last_key] = lst
                stack[-1] = (stack[-1][0], lst)
                parent = lst
            parent.append(text[2:].strip().strip("\"'"))
            continue
        key, _, value = text.partition(":")
        key, value = key.strip(), value.strip().strip("\"'")
        if isinstance(parent, list):
            fail("%s: mapping inside a list is beyond yaml-lite" % path)
        if value:
            parent[key] = value
        else:
            parent[key] = {}
            stack.append((indent, parent[key]))
        last_key = key
    return root


def cmake_commands(path):
    """(name, [args]) of every command in a CMake file, comments dropped;
    arguments split at whitespace (the manifests quote nothing)."""
    text = re.sub(r"#[^\n]*", "", open(path).read())
    out = []
    for m in re.finditer(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(", text):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        out.append((m.group(1), text[m.end():i - 1].split()))
    return out


def expand(arg, variables):
    return re.sub(r"\$\{(\w+)\}", lambda m: variables.get(m.group(1), ""), arg)


def glob_files(root, base, pattern):
    """Files under root/base matching pattern; a matched directory brings
    everything beneath it (PlatformIO's srcFilter and CMake's GLOB_RECURSE
    both walk down)."""
    import glob as globmod
    out = []
    for hit in globmod.glob(os.path.join(root, base, pattern), recursive=True):
        if os.path.isdir(hit):
            for d, _, files in os.walk(hit):
                out += [os.path.join(d, f) for f in files]
        else:
            out.append(hit)
    return sorted(os.path.relpath(p, root) for p in out)


# ------------------------------------------------------------- manifests --

def read_platformio(root):
    manifest = json.load(open(os.path.join(root, "library.json")))
    build = manifest.get("build", {})
    src_dir = build.get("srcDir", "src")
    inc_dir = build.get("includeDir", "include")
    filters = build.get("srcFilter", ["+<*>", "-<.git/>", "-<.svn/>"])
    if isinstance(filters, str):
        filters = re.findall(r"[+-]<[^>]*>", filters)
    files = set()
    for f in filters:
        sign, pattern = f[0], f[2:-1]
        hits = set(glob_files(root, src_dir, pattern.rstrip("/") or "*"))
        files = files | hits if sign == "+" else files - hits
    flags = " ".join(build.get("flags", []))
    incs, defs = [inc_dir, src_dir], []
    for m in re.finditer(r"-([ID])\s*(\S+)", flags):
        (incs if m.group(1) == "I" else defs).append(m.group(2))
    return {"version": manifest.get("version"),
            "sources": sorted(f for f in files if f.endswith(SOURCE_EXT)),
            "includes": list(dict.fromkeys(os.path.normpath(i) for i in incs)),
            "defines": defs, "std": "gnu11"}


ARDUINO_REQUIRED = ("name", "version", "author", "maintainer", "sentence", "paragraph",
                    "category", "url", "architectures")
ARDUINO_CATEGORIES = ("Display", "Communication", "Signal Input/Output", "Sensors",
                      "Device Control", "Timing", "Data Storage", "Data Processing", "Other")


def read_arduino(root):
    props = {}
    for line in open(os.path.join(root, "library.properties"), encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            key, sep, value = line.partition("=")
            if not sep:
                fail("library.properties: '%s' is not key=value" % line)
            props[key.strip()] = value.strip()
    for key in ARDUINO_REQUIRED:
        if not props.get(key):
            fail("library.properties has no %s" % key)
    if props["category"] not in ARDUINO_CATEGORIES:
        fail("library.properties: category %s is not one of Arduino's" % props["category"])
    # The 1.5 layout: with src/ present, Arduino compiles src/ recursively
    # and adds src/ alone to the include path; a sketch's #include of a
    # header at the top of src/ is how it finds the library.
    for header in props.get("includes", "").split(","):
        if header.strip() and not os.path.isfile(os.path.join(root, "src", header.strip())):
            fail("library.properties includes=%s, not at the top of src/" % header)
    if not os.path.isfile(os.path.join(root, "src/mote.h")):
        fail("no src/mote.h: a sketch's #include <mote.h> finds nothing")
    # With src/ the only include root, "mote/x.h" resolves to src/mote/x.h:
    # one forwarder per public header, and nothing else there.
    public = sorted(os.listdir(os.path.join(root, "include/mote")))
    if sorted(os.listdir(os.path.join(root, "src/mote"))) != public:
        fail("src/mote/ does not hold one forwarder per include/mote/ header")
    for h in public:
        if '#include "../../include/mote/%s"' % h not in open(
                os.path.join(root, "src/mote", h)).read():
            fail("src/mote/%s does not forward to include/mote/%s" % (h, h))
    sources = sorted(os.path.relpath(os.path.join(d, f), root)
                     for d, _, fs in os.walk(os.path.join(root, "src")) for f in fs
                     if f.endswith(SOURCE_EXT))
    return {"version": props["version"], "sources": sources, "includes": ["src"],
            "defines": [], "std": "gnu11", "props": props}


def read_zephyr(root, enabled=()):
    """The default configuration, or with the bool options `enabled` on."""
    module = yaml_lite(os.path.join(root, "zephyr/module.yml"))
    build = module.get("build", {})
    if not isinstance(build, dict) or "cmake" not in build:
        fail("zephyr/module.yml has no build: cmake:")
    kconfig = os.path.join(root, build.get("kconfig", "zephyr/Kconfig"))
    ktext = open(kconfig).read()
    m = re.search(r'config MOTE_VERSION\n\s+string\n\s+default "([^"]*)"', ktext)
    version = m.group(1) if m else None
    # Bool options in this Kconfig default n.
    variables = {"ZEPHYR_CURRENT_MODULE_DIR": root, "CONFIG_MOTE": "y"}
    variables.update((name, "y") for name in enabled)
    sources, incs, defs = [], [], []
    for name, args in cmake_commands(os.path.join(root, build["cmake"], "CMakeLists.txt")):
        args = [expand(a, variables) for a in args]
        if name == "set":
            variables[args[0]] = " ".join(args[1:])
        elif name == "file" and args[0] in ("GLOB", "GLOB_RECURSE"):
            hits = []
            for pattern in args[2:]:
                rel = os.path.relpath(pattern, root)
                if args[0] == "GLOB_RECURSE":
                    base, _, leaf = rel.rpartition("/")
                    rel = base + "/**/" + leaf
                hits += glob_files(root, "", rel)
            variables[args[1]] = " ".join(os.path.join(root, h) for h in hits)
        elif name == "zephyr_library_sources":
            sources += [os.path.relpath(p, root) for a in args for p in a.split()]
        elif name in ("zephyr_include_directories", "zephyr_library_include_directories"):
            incs += [os.path.relpath(a, root) for a in args]
        elif name == "zephyr_library_compile_definitions":
            defs += args
        elif name == "zephyr_library_compile_definitions_ifdef":
            if variables.get(args[0]) == "y":
                defs += args[1:]
        elif name.endswith("_ifdef") and variables.get(args[0]) == "y":
            fail("zephyr: %s(%s) is beyond this check" % (name, args[0]))
    return {"version": version, "sources": sorted(set(sources)), "includes": incs,
            "defines": defs, "std": "c99"}


def read_espidf(root):
    component = yaml_lite(os.path.join(root, "idf_component.yml"))
    register = None
    in_esp = False
    for name, args in cmake_commands(os.path.join(root, "CMakeLists.txt")):
        if name == "if" and args == ["ESP_PLATFORM"]:
            in_esp = True
        elif name == "idf_component_register" and in_esp:
            register = args
            break
    if register is None:
        fail("CMakeLists.txt has no idf_component_register under if(ESP_PLATFORM)")
    keys = ("SRCS", "SRC_DIRS", "EXCLUDE_SRCS", "INCLUDE_DIRS", "PRIV_INCLUDE_DIRS",
            "REQUIRES", "PRIV_REQUIRES", "LDFRAGMENTS", "EMBED_FILES")
    fields, key = {}, None
    for a in register:
        if a in keys:
            key = a
            fields[key] = []
        elif key is None:
            fail("idf_component_register: %s before any keyword" % a)
        else:
            fields[key].append(a)
    sources = set(fields.get("SRCS", []))
    for d in fields.get("SRC_DIRS", []):  # not recursive, as IDF reads it
        full = os.path.join(root, d)
        if not os.path.isdir(full):
            fail("idf_component_register: SRC_DIRS %s does not exist" % d)
        sources |= {os.path.join(d, f) for f in os.listdir(full) if f.endswith(SOURCE_EXT)}
    sources -= set(fields.get("EXCLUDE_SRCS", []))
    return {"version": component.get("version"), "sources": sorted(sources),
            "includes": fields.get("INCLUDE_DIRS", []) + fields.get("PRIV_INCLUDE_DIRS", []),
            "defines": [], "std": "gnu17"}


READERS = {"arduino": read_arduino, "platformio": read_platformio,
           "zephyr": read_zephyr, "espidf": read_espidf}
MANIFESTS = {"arduino": "library.properties", "platformio": "library.json",
             "zephyr": "zephyr/Kconfig (MOTE_VERSION)", "espidf": "idf_component.yml"}


# -------------------------------------------------------------- building --

def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kw)


def compile_all(root, work, jobs):
    """jobs: (source, flags); returns the objects, one per command."""
    os.makedirs(os.path.join(work, "obj"), exist_ok=True)

    def one(job):
        src, flags = job
        cmd = flags + ["-c", os.path.join(root, src)]
        key = hashlib.sha1("\0".join(cmd).encode()).hexdigest()[:16]
        obj = os.path.join(work, "obj", "%s-%s.o" % (os.path.basename(src), key))
        if not os.path.exists(obj):
            r = run(cmd + ["-o", obj + ".tmp"])
            if r.returncode != 0:
                return None, "%s\n%s" % (" ".join(cmd), r.stdout)
            os.replace(obj + ".tmp", obj)
        return obj, None

    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        results = list(pool.map(one, jobs))
    errors = [e for _, e in results if e]
    if errors:
        fail("compile errors:\n" + "\n".join(errors[:5]))
    return [o for o, _ in results]


def c_array(data, name):
    rows = ["  " + ", ".join("0x%02x" % b for b in data[i:i + 12]) + ","
            for i in range(0, len(data), 12)]
    return ("// SPDX-License-Identifier: Apache-2.0\n"
            "// models/sine_int8.tflite as a C array: made by\n"
            "// `tests/package/ecosystems.py --update arduino .`, held equal to the\n"
            "// file by CTest package/ecosystem_arduino. 16-byte aligned: mote reads\n"
            "// the model in place and wants at least 4.\n"
            "#ifndef SINE_MODEL_DATA_H\n#define SINE_MODEL_DATA_H\n\n"
            "alignas(16) static const unsigned char %s[%d] = {\n%s\n};\n\n"
            "#endif  // SINE_MODEL_DATA_H\n" % (name, len(data), "\n".join(rows)))


def harness():
    cm = os.environ.get("MOTE_CM_DIR", "")
    if cm and os.path.isfile(os.path.join(cm, "cm_harness.h")) and shutil.which("qemu-system-arm"):
        return cm
    return None


def link_and_run(root, work, cpu, objs, app_objs, label, fc="auto"):
    """Archives objs (as dot_a_linkage / a component library would), links
    app_objs against it and runs the firmware; returns its output. The
    sine model's FULLY_CONNECTED must have linked mote_fc_s8_<fc>: by
    default the CPU's family (impl_cpu.h's binding at work)."""
    lib = os.path.join(work, "libmote-%s-%s.a" % (label, cpu))
    if os.path.exists(lib):
        os.remove(lib)
    r = run(["arm-none-eabi-ar", "rcs", lib] + objs)
    if r.returncode:
        fail("ar: " + r.stdout)
    exe = os.path.join(work, "%s-%s.elf" % (label, cpu))
    cm = harness()
    arch = CPUS[cpu]
    if cm:
        machine = {"m4": "mps2-an386.ld", "m55": "mps3-an547.ld"}[cpu]
        extra = [os.path.join(cm, f) for f in ("cm_startup.c", "cm_semihost.c", "cm_count.c")]
        defs = ["-DCM_MACHINE_MPS3_AN547"] if cpu == "m55" else []
        ld = ["-nostartfiles", "-L" + os.path.join(cm, "ld"), "-T", machine,
              "-I" + cm] + defs + extra
    else:
        ld = ["--specs=nosys.specs"]
    r = run(["arm-none-eabi-gcc"] + arch + ["-O2", "--specs=nano.specs", "-Wl,--gc-sections"]
            + app_objs + ld + [lib, "-lm", "-o", exe])
    if r.returncode:
        fail("link %s for %s:\n%s" % (label, cpu, r.stdout))
    if fc == "auto":
        fc = {"m4": "arm_dsp", "m55": "arm_mve"}[cpu]
    r = run(["arm-none-eabi-nm", "--defined-only", exe])
    fcs = sorted(set(re.sub(r"_(scratch_bytes|persistent_bytes|precompute)$", "", s)
                     for s in re.findall(r" T (mote_fc_s8_\w+)$", r.stdout, re.M)))
    if fcs != ["mote_fc_s8_" + fc]:
        fail("%s for %s: FULLY_CONNECTED int8 linked %s, expected mote_fc_s8_%s"
             % (label, cpu, fcs, fc))
    print("%s for %s: FULLY_CONNECTED int8 is mote_fc_s8_%s" % (label, cpu, fc))
    if not cm:
        print("%s: linked %s; not run (no harness or QEMU at MOTE_CM_DIR)" % (label, exe))
        return None
    r = run([os.path.join(cm, "run-m4" if cpu == "m4" else "run-m55"), "--no-plugin",
             "--timeout", "60", exe])
    if r.returncode:
        fail("%s on QEMU (%s) exited with %d:\n%s" % (exe, cpu, r.returncode, r.stdout))
    return r.stdout


def sketch_objects(root, work, cpu, sketch_dir, flags_common):
    """The sketch as arduino-cli builds it: Name.ino becomes Name.ino.cpp
    with #include <Arduino.h> first, compiled as C++ with the sketch folder
    and the library's src/ on the include path; a stub Arduino core
    (tests/package/arduino) supplies Serial, delay() and main()."""
    name = os.path.basename(sketch_dir)
    ino = os.path.join(sketch_dir, name + ".ino")
    gen = os.path.join(work, "sketch")
    os.makedirs(gen, exist_ok=True)
    cpp = os.path.join(gen, name + ".ino.cpp")
    with open(cpp, "w") as f:
        f.write('#include <Arduino.h>\n#line 1 "%s"\n' % ino)
        f.write(open(ino).read())
    core = os.path.join(root, "tests/package/arduino")
    cm = harness()
    cxx = ["arm-none-eabi-g++"] + CPUS[cpu] + ["-std=gnu++11", "-O2", "-fno-exceptions",
                                               "-fno-rtti", "-fno-threadsafe-statics",
                                               "-ffunction-sections", "-fdata-sections"]
    cxx += WARN + ["-I" + core, "-I" + sketch_dir, "-I" + os.path.join(root, "src")]
    if cm:
        cxx += ["-DSTUB_CM", "-I" + cm]
    return compile_app(cxx, [cpp, os.path.join(core, "stub_core.cpp")], gen, cpu)


def consumer_objects(root, work, cpu):
    """tests/package/consumer/main.c and the model array it links."""
    gen = os.path.join(work, "consumer")
    os.makedirs(gen, exist_ok=True)
    model = open(os.path.join(root, "models/sine_int8.tflite"), "rb").read()
    data = os.path.join(gen, "consumer_model.c")
    with open(data, "w") as f:
        f.write("const unsigned char consumer_model[%d] __attribute__((aligned(16))) = {%s};\n"
                "const unsigned long consumer_model_len = %du;\n"
                % (len(model), ",".join(str(b) for b in model), len(model)))
    cm = harness()
    cc = ["arm-none-eabi-gcc"] + CPUS[cpu] + ["-O2", "-std=c99"] + WARN + \
         ["-I" + os.path.join(root, "include")]
    if cm:
        cc += ["-DCONSUMER_CM", "-I" + cm]
    return compile_app(cc, [os.path.join(root, "tests/package/consumer/main.c"), data], gen, cpu)


def compile_app(cmd, sources, gen, cpu):
    """The application's own objects, into gen."""
    objs = []
    for src in sources:
        obj = os.path.join(gen, os.path.basename(src) + "-%s.o" % cpu)
        r = run(cmd + ["-c", src, "-o", obj])
        if r.returncode:
            fail("compile %s:\n%s" % (src, r.stdout))
        objs.append(obj)
    return objs


def check_sine_output(out, label):
    """The sketch prints `x=<x> y=<y>` per loop(): 20 points, each within
    0.05 of sin(x)."""
    points = re.findall(r"x=(-?[0-9.]+) y=(-?[0-9.]+)", out)
    if len(points) < 20:
        fail("%s printed %d points, expected 20:\n%s" % (label, len(points), out))
    worst = max(abs(float(y) - math.sin(float(x))) for x, y in points)
    if worst > 0.05:
        fail("%s: an output is %.3f from sin(x):\n%s" % (label, worst, out))
    print("%s: 20 points within %.3f of sin(x)" % (label, worst))


# ----------------------------------------------------------------- modes --

def mode_versions(root):
    want = mote_version(root)
    bad = []
    for eco, reader in READERS.items():
        got = reader(root)["version"]
        print("%-10s %-32s %s" % (eco, MANIFESTS[eco], got))
        if got != want:
            bad.append("%s (%s) says %s" % (eco, MANIFESTS[eco], got))
    if bad:
        fail("include/mote/version.h says %s; %s" % (want, "; ".join(bad)))
    print("versions: every manifest carries %s" % want)


def mode_ecosystem(root, work, eco, update):
    if not shutil.which("arm-none-eabi-gcc"):
        raise Skip("arm-none-eabi-gcc not found")
    m = READERS[eco](root)
    if m["version"] != mote_version(root):
        fail("%s carries version %s, include/mote/version.h %s"
             % (MANIFESTS[eco], m["version"], mote_version(root)))
    want = library_sources(root)
    got = [s for s in m["sources"] if s.endswith(".c")]
    missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
    if missing or extra:
        fail("%s: the manifest's file set is not the library: missing %s, extra %s"
             % (eco, missing[:8], extra[:8]))
    print("%s: %d sources, include roots %s, defines %s"
          % (eco, len(got), m["includes"], m["defines"] or "none"))
    cpus = ["m4", "m55"] if eco == "platformio" else ["m4"]
    for cpu in cpus:
        flags = ["arm-none-eabi-gcc"] + CPUS[cpu] + ["-std=" + m["std"], "-O2",
                                                   "-ffunction-sections", "-fdata-sections"]
        flags += WARN + ["-I" + os.path.join(root, i) for i in m["includes"]]
        flags += ["-D" + d for d in m["defines"]]
        objs = compile_all(root, work, [(s, flags) for s in got])
        print("%s: compiled for %s warning-free" % (eco, cpu))
        if eco == "arduino":
            sketch = os.path.join(root, "examples/arduino/SineModel")
            check_model_array(root, sketch, update)
            app = sketch_objects(root, work, cpu, sketch, flags)
            out = link_and_run(root, work, cpu, objs, app, "arduino")
            if out is not None:
                check_sine_output(out, "arduino SineModel on " + cpu)
        else:
            out = link_and_run(root, work, cpu, objs, consumer_objects(root, work, cpu), eco)
            if out is not None:
                if "13 points within 0.05" not in out:
                    fail("%s consumer on %s:\n%s" % (eco, cpu, out))
                print("%s consumer on %s: %s" % (eco, cpu, out.strip().splitlines()[-1]))
    if eco == "espidf":
        espidf_riscv(root, work, m, got)
    if eco == "zephyr":
        zephyr_reference(root, work)


def zephyr_reference(root, work):
    """CONFIG_MOTE_KERNELS_REF=y: the reference kernels, nothing else."""
    m = read_zephyr(root, ["CONFIG_MOTE_KERNELS_REF"])
    if "MOTE_KERNELS_BOUND" not in m["defines"]:
        fail("zephyr: CONFIG_MOTE_KERNELS_REF does not define MOTE_KERNELS_BOUND")
    flags = ["arm-none-eabi-gcc"] + CPUS["m4"] + ["-std=" + m["std"], "-O2",
                                                "-ffunction-sections", "-fdata-sections"]
    flags += WARN + ["-I" + os.path.join(root, i) for i in m["includes"]]
    flags += ["-D" + d for d in m["defines"]]
    objs = compile_all(root, work, [(s, flags) for s in m["sources"]])
    out = link_and_run(root, work, "m4", objs, consumer_objects(root, work, "m4"),
                       "zephyr-ref", fc="ref")
    if out is not None and "13 points within 0.05" not in out:
        fail("zephyr CONFIG_MOTE_KERNELS_REF consumer:\n" + out)
    print("zephyr: CONFIG_MOTE_KERNELS_REF builds and runs the reference kernels")


def espidf_riscv(root, work, m, sources):
    """ESP32-C3 and C6 are RV32IMC(A): the same file set for RV32IMC, where
    the Cortex-M files must compile to nothing and the portable kernels be
    the ones defined."""
    cc = "riscv64-unknown-elf-gcc"
    if not shutil.which(cc):
        print("espidf: %s not found; RV32IMC not built" % cc)
        return
    flags = [cc, "-march=rv32imc", "-mabi=ilp32", "--specs=picolibc.specs",
             "-std=" + m["std"], "-O2", "-ffunction-sections", "-fdata-sections"]
    flags += WARN + ["-I" + os.path.join(root, i) for i in m["includes"]]
    objs = compile_all(root, work, [(s, flags) for s in sources])
    r = run(["riscv64-unknown-elf-nm", "--defined-only"] + objs)
    if r.returncode:
        fail("nm: " + r.stdout)
    defined = set(line.split()[-1] for line in r.stdout.splitlines() if line.count(" ") >= 2)
    arm = sorted(s for s in defined if re.search(r"_arm_(dsp|mve)", s))
    if arm or "mote_fc_s8_portable" not in defined:
        fail("espidf on RV32IMC: Cortex-M symbols %s, portable FC %s"
             % (arm[:4], "mote_fc_s8_portable" in defined))
    print("espidf: compiled for RV32IMC warning-free, portable kernels, no Cortex-M code")


def check_model_array(root, sketch, update):
    model = open(os.path.join(root, "models/sine_int8.tflite"), "rb").read()
    text = c_array(model, "g_sine_model")
    path = os.path.join(sketch, "sine_model_data.h")
    if update:
        with open(path, "w") as f:
            f.write(text)
    elif not os.path.isfile(path) or open(path).read() != text:
        fail("%s is not models/sine_int8.tflite: run tests/package/ecosystems.py "
             "--update arduino ROOT WORK" % os.path.relpath(path, root))


# Compilers and flags per MOTE_CPU of cmake/kernels.cmake, for `binding`.
BINDING_CPUS = {
    "host": ["cc"],
    "cortex-m0plus": ["arm-none-eabi-gcc", "-mcpu=cortex-m0plus", "-mthumb", "-mfloat-abi=soft"],
    "cortex-m3": ["arm-none-eabi-gcc", "-mcpu=cortex-m3", "-mthumb", "-mfloat-abi=soft"],
    "cortex-m4f": ["arm-none-eabi-gcc"] + CPUS["m4"],
    "cortex-m7": ["arm-none-eabi-gcc", "-mcpu=cortex-m7", "-mthumb", "-mfloat-abi=hard",
                  "-mfpu=fpv5-d16"],
    "cortex-m33": ["arm-none-eabi-gcc", "-mcpu=cortex-m33", "-mthumb", "-mfloat-abi=hard",
                   "-mfpu=fpv5-sp-d16"],
    "cortex-m55": ["arm-none-eabi-gcc"] + CPUS["m55"],
}


def mode_binding(root, work):
    """src/kernels/impl_cpu.h binds what MOTE_KERNELS=auto binds, per CPU."""
    if not shutil.which("arm-none-eabi-gcc"):
        raise Skip("arm-none-eabi-gcc not found")
    bad = []
    for cpu, cc in BINDING_CPUS.items():
        r = run(["cmake", "-DMOTE_CPU=" + cpu, "-DMOTE_KERNELS=auto", "-DMOTE_QUERY=cflags",
                 "-P", os.path.join(root, "cmake/kernels.cmake")])
        if r.returncode:
            fail("cmake/kernels.cmake for %s: %s" % (cpu, r.stdout))
        want = sorted(d for d in r.stdout.split() if d.startswith("-DMOTE_IMPL_"))
        if "-DMOTE_KERNELS_BOUND" not in r.stdout.split():
            fail("cmake/kernels.cmake's cflags lack -DMOTE_KERNELS_BOUND")
        r = run(cc + ["-E", "-dM", "-I" + os.path.join(root, "src"), "-include",
                      "kernels/impl.h", "-x", "c", os.devnull])
        if r.returncode:
            fail("%s -E: %s" % (cpu, r.stdout))
        got = sorted("-D%s=%s" % (m.group(1), m.group(2)) for m in
                     re.finditer(r"^#define (MOTE_IMPL_\w+) (\w+)$", r.stdout, re.M))
        print("%-14s %s" % (cpu, " ".join(g[12:] for g in got)))
        if got != want:
            bad.append("%s: impl_cpu.h binds %s, cmake/kernels.cmake %s" % (cpu, got, want))
    if bad:
        fail("\n".join(bad))
    print("binding: src/kernels/impl_cpu.h agrees with cmake/kernels.cmake on %d CPUs"
          % len(BINDING_CPUS))


def main(argv):
    update = bool(argv) and argv[0] == "--update"
    if update:
        argv = argv[1:]
    if not argv or argv[0] not in ("versions", "binding") + tuple(READERS):
        sys.stderr.write(__doc__)
        return 2
    mode, root = argv[0], os.path.abspath(argv[1])
    work = os.path.abspath(argv[2]) if len(argv) > 2 else None
    label = "package/ecosystem %s" % mode
    try:
        if mode == "versions":
            mode_versions(root)
        else:
            if work is None:
                sys.stderr.write(__doc__)
                return 2
            shutil.rmtree(work, ignore_errors=True)  # WORK is made afresh
            os.makedirs(work)
            if mode == "binding":
                mode_binding(root, work)
            else:
                mode_ecosystem(root, work, mode, update)
    except Skip as e:
        ci = os.environ.get("CI", "")
        if ci and ci not in ("0", "false"):
            print("%s: FAIL: %s (required under CI)" % (label, e))
            return 1
        print("%s: %s; skipped" % (label, e))
        return 77
    except Failure as e:
        print("%s: FAIL: %s" % (label, e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
