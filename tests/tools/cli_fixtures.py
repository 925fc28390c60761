# SPDX-License-Identifier: Apache-2.0
"""Writes the small input files the `mote` CLI tests feed to `mote run`.

usage: cli_fixtures.py OUTDIR [SHARED_MODELS_DIR]

Every file is made here from a few bytes, so the repository holds no
binary fixtures: good files of each format (.npy, .wav, .pgm, .ppm, .bmp,
.png) for a [1, 1] input, and broken ones, each wrong in one way a test
names. With SHARED_MODELS_DIR, also person.png: the pixels of
images/person.bmp as a gray PNG, to check PNG and BMP decode alike.
"""
import os
import struct
import sys
import zlib


def npy(path, descr, shape, data, fortran=False, version=1):
    dims = "".join("%d, " % d for d in shape) if len(shape) != 1 else "%d," % shape[0]
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': (%s), }" % (
        descr, "True" if fortran else "False", dims)
    pre = 10 if version == 1 else 12
    header += " " * ((64 - (pre + len(header) + 1) % 64) % 64) + "\n"
    size = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY" + bytes([version, 0]) + size + header.encode() + data)


def wav(path, samples, channels=1, bits=16, fmt=1, cut=0):
    data = b"".join(struct.pack("<h", s) for s in samples)
    block = channels * bits // 8
    fmt_chunk = struct.pack("<HHIIHH", fmt, channels, 16000, 16000 * block, block, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt_chunk
    body += b"LIST" + struct.pack("<I", 3) + b"abc\0"  # odd chunk, padded
    body += b"data" + struct.pack("<I", len(data)) + data
    blob = b"RIFF" + struct.pack("<I", len(body)) + body
    with open(path, "wb") as f:
        f.write(blob[:len(blob) - cut])


def bmp24(path, w, h, rgb_rows, cut=0):
    stride = (w * 3 + 3) & ~3
    pixels = b""
    for row in reversed(rgb_rows):  # bottom-up
        line = b"".join(bytes([b, g, r]) for r, g, b in row)
        pixels += line + b"\0" * (stride - len(line))
    info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    head = b"BM" + struct.pack("<IHHI", 14 + 40 + len(pixels), 0, 0, 54)
    blob = head + info + pixels
    with open(path, "wb") as f:
        f.write(blob[:len(blob) - cut])


def png(path, w, h, gray_rows=None, rgb_rows=None):
    color = 0 if gray_rows is not None else 2
    rows = gray_rows if gray_rows is not None else rgb_rows
    raw = b""
    for row in rows:
        raw += b"\0" + (bytes(row) if color == 0 else b"".join(bytes(p) for p in row))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    blob = (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(blob)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    out = sys.argv[1]
    j = lambda name: os.path.join(out, name)
    # .npy for a [1, 1] input.
    npy(j("f32.npy"), "<f4", (1, 1), struct.pack("<f", 1.5))
    npy(j("f64.npy"), "<f8", (1,), struct.pack("<d", 1.5))
    npy(j("f32_v2.npy"), "<f4", (1, 1), struct.pack("<f", 1.5), version=2)
    npy(j("i8.npy"), "|i1", (1, 1), struct.pack("<b", -5))
    npy(j("i32.npy"), "<i4", (1,), struct.pack("<i", 100))
    npy(j("i32_big.npy"), "<i4", (1, 1), struct.pack("<i", 300))
    npy(j("shape.npy"), "<f4", (2, 3), struct.pack("<6f", *range(6)))
    npy(j("fortran.npy"), "<f4", (1, 1), struct.pack("<f", 1.0), fortran=True)
    npy(j("bigendian.npy"), ">f4", (1, 1), struct.pack(">f", 1.0))
    npy(j("short.npy"), "<f4", (1, 1), b"\0\0")
    npy(j("complex.npy"), "<c8", (1, 1), b"\0" * 8)
    write(j("header.npy"), b"\x93NUMPY\x01\x00\xff\x7f{'descr'")
    write(j("notnpy.npy"), b"hello, world")
    # .wav: 16384 is 0.5 in [-1, 1).
    wav(j("one.wav"), [16384])
    wav(j("stereo.wav"), [16384, 16384], channels=2)
    wav(j("three.wav"), [1, 2, 3])
    wav(j("float.wav"), [0, 0], fmt=3, bits=32)
    wav(j("truncated.wav"), [1, 2, 3, 4], cut=3)
    # Images, 1x1 (gray 200; RGB (10, 200, 90), which is gray 131).
    write(j("one.pgm"), b"P5\n# a comment\n1 1\n255\n\xc8")
    write(j("one.ppm"), b"P6 1 1 255\n\x0a\xc8\x5a")
    write(j("wide.pgm"), b"P5\n1 1\n65535\n\xc8\x00")
    write(j("two.pgm"), b"P5\n2 2\n255\n\x01\x02\x03\x04")
    write(j("short.pgm"), b"P5\n4 4\n255\n\x01\x02")
    write(j("huge.pgm"), b"P5\n999999 999999\n255\n\x01")
    bmp24(j("one.bmp"), 1, 1, [[(10, 200, 90)]])
    bmp24(j("two.bmp"), 2, 2, [[(1, 2, 3), (4, 5, 6)], [(7, 8, 9), (10, 11, 12)]])
    bmp24(j("truncated.bmp"), 4, 4, [[(1, 2, 3)] * 4] * 4, cut=20)
    png(j("one.png"), 1, 1, gray_rows=[[200]])
    png(j("one_rgb.png"), 1, 1, rgb_rows=[[(10, 200, 90)]])
    write(j("broken.png"), b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR")
    write(j("one.bin"), b"\x07")
    write(j("two.bin"), b"\x07\x08")
    write(j("mystery.dat"), b"\x01\x02\x03")
    # Labels for a one-element output (top-k).
    write(j("labels1.txt"), b"sine\n")
    write(j("labels2.txt"), b"sine\ncosine\n")
    write(j("labels_blank.txt"), b"\n")
    # `mote diff`: float32 [1, 3] pairs, NaN, int8 as .npy and .bin.
    nan = float("nan")
    npy(j("diff_a.npy"), "<f4", (1, 3), struct.pack("<3f", 1.0, 2.0, 3.0))
    npy(j("diff_b.npy"), "<f4", (1, 3), struct.pack("<3f", 1.0, 2.5, 3.25))
    npy(j("diff_a4.npy"), "<f4", (4,), struct.pack("<4f", 1.0, 2.0, 3.0, 4.0))
    npy(j("diff_a_flat.npy"), "<f4", (3,), struct.pack("<3f", 1.0, 2.0, 3.0))
    npy(j("diff_nan1.npy"), "<f4", (2,), struct.pack("<2f", nan, 1.0))
    npy(j("diff_nan2.npy"), "<f4", (2,), struct.pack("<2f", nan, 1.0))
    npy(j("diff_nan3.npy"), "<f4", (2,), struct.pack("<2f", 0.0, 1.0))
    npy(j("diff_i8.npy"), "|i1", (1, 3), bytes([1, 2, 3]))
    write(j("diff_i8.bin"), bytes([1, 2, 5]))
    write(j("diff_other.bin"), bytes([1, 2, 5]))
    if len(sys.argv) > 2:
        with open(os.path.join(sys.argv[2], "images", "person.bmp"), "rb") as f:
            b = f.read()
        off = struct.unpack("<I", b[10:14])[0]
        w, h = struct.unpack("<ii", b[18:26])
        # 8-bit gray palette with entry k = (k, k, k): rows are the bytes.
        rows = [list(b[off + r * w:off + (r + 1) * w]) for r in range(h)][::-1]
        png(j("person.png"), w, h, gray_rows=rows)
        bmp24(j("person_small.bmp"), 2, 2, [[(1, 1, 1)] * 2] * 2)


if __name__ == "__main__":
    main()
