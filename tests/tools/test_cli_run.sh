#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# `mote run` inputs and outputs, end to end: --input from .npy, .wav,
# .pgm/.ppm, .bmp, .png and .bin, --random, --save-inputs, and every
# decoder's failure paths, on files cli_fixtures.py writes.
#
# usage: test_cli_run.sh MOTE_BINARY REPO_DIR [MODELS_DIR]
#   REPO_DIR holds models/sine_int8.tflite (int8 [1, 1] input, scale
#   0.0246399, zero point -128). MODELS_DIR (default $MOTE_MODELS_DIR,
#   then ../shared/models next to the repository) adds the checks on real
#   models and TFLM's golden data: person_detect on a BMP and a PNG,
#   the micro_speech front end on a .wav, hello_world on --random; they
#   are skipped when it is missing. Needs python3 (exit 77, skipped,
#   without it).

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/cli_test_lib.sh"
cli_test_init test_cli_run "$@"
if [ -f "$MODELS/person_detect.tflite" ] && [ -d "$MODELS/golden" ]; then
  HAVE_SHARED=1
else
  HAVE_SHARED=0
fi

# input_byte ARGS...: runs sine with ARGS and --save-inputs; sets GOT to
# the input byte as a signed decimal (empty when the run failed).
input_byte() {
  rm -rf "$TMP/si"
  GOT=
  mote run "$SINE" "$@" --save-inputs "$TMP/si"
  if [ "$RC" -eq 0 ]; then
    GOT=$(od -An -td1 "$TMP/si/input_0.bin" | tr -d ' ')
  fi
}

# expect_byte NAME WANT FILE...: FILE fed to sine gives input byte WANT.
expect_byte() {
  name=$1
  want=$2
  shift 2
  input_byte "$@"
  if [ "$RC" -eq 0 ] && [ "$GOT" = "$want" ]; then
    pass "$name"
  else
    fail "$name" "exit $RC, input byte '$GOT', expected $want; $(head -c 300 "$TMP/err")"
  fi
}

# --- help ----------------------------------------------------------------

mote run --help
expect_rc "run --help exits 0" 0
expect_out "run --help documents each input format" ".npy" ".wav" ".pgm" \
  ".bmp" ".png" ".bin" "p - 128" "--random SEED"

# --- .npy ----------------------------------------------------------------

# 1.5 / 0.0246399 = 60.88 -> 61, + zero point -128 = -67.
expect_byte "npy float32 is quantized with the input's scale and zero point" \
  -67 --input "$F/f32.npy"
expect_byte "npy float64 (numpy's default) is quantized the same" \
  -67 --input "$F/f64.npy"
expect_byte "npy version 2.0 header" -67 --input "$F/f32_v2.npy"
expect_byte "npy int8 into int8 keeps the bytes" -5 --input "$F/i8.npy"
expect_byte "npy int32 into int8 converts a value that fits" 100 \
  --input "$F/i32.npy"
mote run "$SINE" --input "$F/f32.npy"
expect_out "run says how each input was converted" \
  "input 0 (tensor 0, int8 [1, 1]) <- $F/f32.npy: .npy float32 [1, 1], quantized with scale 0.0246399436, zero point -128"
mote run "$SINE" --input "$F/shape.npy"
expect_fail "npy of the wrong shape names both shapes" "shape.npy" \
  "input 0" "[2, 3] (6 elements)" "[1, 1] (1 elements)"
mote run "$SINE" --input "$F/i32_big.npy"
expect_fail "npy value out of the tensor type's range" "value 300" \
  "does not fit int8"
mote run "$SINE" --input "$F/fortran.npy"
expect_fail "npy in Fortran order is refused" "Fortran order"
mote run "$SINE" --input "$F/bigendian.npy"
expect_fail "npy big-endian is refused with a fix" "big-endian"
mote run "$SINE" --input "$F/short.npy"
expect_fail "npy with too few data bytes" "2 data bytes" "takes 4"
mote run "$SINE" --input "$F/complex.npy"
expect_fail "npy of an unsupported dtype names it" "unsupported dtype '<c8'"
mote run "$SINE" --input "$F/header.npy"
expect_fail "npy header longer than the file" "truncated header"
mote run "$SINE" --input "$F/notnpy.npy"
expect_fail "a .npy without the magic" "not a .npy file"

# --- .wav ----------------------------------------------------------------

# 16384 / 32768 = 0.5; 0.5 / 0.0246399 = 20.3 -> 20, - 128 = -108.
expect_byte "wav sample into int8 is quantized from [-1, 1)" -108 \
  --input "$F/one.wav"
expect_out "the note gives samples, rate and scaling" \
  ".wav, 1 samples at 16000 Hz, s / 32768 quantized with scale"
mote run "$SINE" --input "$F/stereo.wav"
expect_fail "stereo wav is refused" "2 channels" "mono"
mote run "$SINE" --input "$F/three.wav"
expect_fail "wav with the wrong sample count" "3 samples" "takes 1"
mote run "$SINE" --input "$F/float.wav"
expect_fail "float wav is refused" "not PCM"
mote run "$SINE" --input "$F/truncated.wav"
expect_fail "truncated wav" "runs past the end"

# --- images --------------------------------------------------------------

expect_byte "pgm pixel 200 into int8 is 200 - 128" 72 --input "$F/one.pgm"
# (10, 200, 90): 0.299 R + 0.587 G + 0.114 B = 131, - 128 = 3.
expect_byte "ppm RGB into a one-channel input is Rec. 601 gray" 3 \
  --input "$F/one.ppm"
# 51200 of 65535 is 199 of 255.
expect_byte "pgm with 16-bit samples is scaled to 8 bits" 71 \
  --input "$F/wide.pgm"
expect_byte "bmp 24-bit RGB into a one-channel input" 3 --input "$F/one.bmp"
expect_out "the note says BMP, RGB to gray, pixel - 128" \
  "one.bmp: BMP 1x1 RGB to gray, pixel - 128 as int8"
expect_byte "--raw-pixels keeps the pixel byte" -56 --raw-pixels \
  --input "$F/one.pgm"
mote run "$SINE" --input "$F/two.pgm"
expect_fail "image of the wrong size says what the model takes" "is 2x2" \
  "takes 1x1"
mote run "$SINE" --input "$F/two.bmp"
expect_fail "bmp of the wrong size" "is 2x2" "takes 1x1"
mote run "$SINE" --input "$F/short.pgm"
expect_fail "truncated pgm" "truncated"
mote run "$SINE" --input "$F/huge.pgm"
expect_fail "pgm with an absurd size" "out of range"
mote run "$SINE" --input "$F/truncated.bmp"
expect_fail "truncated bmp" "runs past the end"
mote run "$SINE" --input "$F/one.png"
if [ "$RC" -eq 1 ] && grep -q "PNG support was not built" "$TMP/err"; then
  pass "png without libpng says PNG support was not built"
  HAVE_PNG=0
else
  HAVE_PNG=1
  expect_byte "png gray pixel 200 into int8" 72 --input "$F/one.png"
  expect_byte "png RGB into a one-channel input" 3 --input "$F/one_rgb.png"
  mote run "$SINE" --input "$F/broken.png"
  expect_fail "broken png" "broken.png" "PNG"
fi

# --- into a float32 input (models/sine_float.tflite) -----------------------

SINE_F=$REPO/models/sine_float.tflite
# expect_float NAME WANT ARGS...: sine_float run with ARGS gets input WANT
# (printed to 7 significant digits).
expect_float() {
  name=$1
  want=$2
  shift 2
  rm -rf "$TMP/sf"
  mote run "$SINE_F" "$@" --save-inputs "$TMP/sf"
  if [ "$RC" -ne 0 ]; then
    fail "$name" "exit $RC: $(head -c 300 "$TMP/err")"
    return
  fi
  got=$(python3 -c 'import struct, sys; print("%.7g" % struct.unpack("<f", open(sys.argv[1], "rb").read())[0])' "$TMP/sf/input_0.bin")
  if [ "$got" = "$want" ]; then
    pass "$name"
  else
    fail "$name" "input $got, expected $want"
  fi
}
expect_float "npy float32 into a float input is the value" 1.5 \
  --input "$F/f32.npy"
expect_float "npy float64 into a float input is rounded to float" 1.5 \
  --input "$F/f64.npy"
expect_float "npy int8 into a float input is the integer" -5 --input "$F/i8.npy"
expect_float "wav sample into a float input is s / 32768" 0.5 \
  --input "$F/one.wav"
expect_float "pgm pixel into a float input is p / 255" 0.7843137 \
  --input "$F/one.pgm"
mote run "$SINE_F" --input "$F/f32.npy" --json
expect_rc "run --json on a float model exits 0" 0
if python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))["outputs"][0]
assert o["type"] == "float32" and o["quantization"] is None, o
assert "dequantized" not in o and abs(o["values"][0] - 0.997) < 0.05, o
' "$TMP/out" 2>"$TMP/py"; then
  pass "run --json on a float output: no quantization, plain values"
else
  fail "run --json on a float output: no quantization, plain values" \
    "$(tail -n 1 "$TMP/py")"
fi

# --- .bin, unknown formats, --random, usage --------------------------------

expect_byte "bin bytes go in exactly" 7 --input "$F/one.bin"
mote run "$SINE" --input "$F/two.bin"
expect_fail "bin of the wrong size" "2 bytes" "exactly 1 bytes"
mote run "$SINE" --input "$F/mystery.dat"
expect_fail "unknown format lists what mote reads" "unknown format" ".npy"
mote run "$SINE" --input "$F/one.bin" --input "$F/one.bin"
expect_fail "more --input files than inputs" "2 --input files" "1 input"
mote run "$SINE" --input "$F/missing.npy"
expect_fail "missing --input file" "missing.npy"
mote run "$SINE" --inputs "$F" --input "$F/one.bin"
expect_rc "--inputs with --input is a usage error" 2
mote run "$SINE" --random banana
expect_rc "--random needs a number" 2

input_byte --random 7
A=$GOT
input_byte --random 7
B=$GOT
input_byte --random 8
C=$GOT
input_byte --random 0
Z=$GOT
if [ -n "$A" ] && [ "$A" = "$B" ] && [ "$A" != "$C" ] && [ "$Z" != 0 ]; then
  pass "--random is deterministic per seed ($A, $C)"
else
  fail "--random is deterministic per seed" "'$A' '$B' '$C', seed 0: '$Z'"
fi

# --- --json, --top-k, --labels, --output ----------------------------------

mote run "$SINE" --input "$F/f32.npy" --json --labels "$F/labels1.txt"
expect_rc "run --json exits 0" 0
cp "$TMP/out" "$TMP/run.json"
if python3 - "$TMP/run.json" 2>"$TMP/py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["model"].endswith("sine_int8.tflite") and d["operators"] == 3, d
assert d["arena_used_bytes"] > 0 and d["invoke"]["runs"] == 1, d
o = d["outputs"][0]
assert o["name"] == "output" and o["type"] == "int8" and o["shape"] == [1, 1], o
q = o["quantization"]
assert abs(q["scale"] - 0.00785116) < 1e-7 and q["zero_point"] == -1, q
v = o["values"][0]
assert abs(o["dequantized"][0] - (v + 1) * q["scale"]) < 1e-6, o
assert abs(o["dequantized"][0] - 0.997) < 0.02, o  # sin(1.5)
t = d["top_k"]
assert t == [{"index": 0, "label": "sine", "score": o["dequantized"][0]}], t
EOF
then
  pass "run --json holds the model, arena, invoke, outputs and top_k"
else
  fail "run --json holds the model, arena, invoke, outputs and top_k" \
    "$(tail -n 1 "$TMP/py")"
fi
mote run "$SINE" --input "$F/f32.npy" --top-k 3 --labels "$F/labels1.txt"
expect_rc "run --top-k larger than the output exits 0" 0
expect_out "run --top-k names the label and index" "top 1 of output 0" \
  "1. sine" "(index 0)"
mote run "$SINE" --input "$F/f32.npy" --labels "$F/labels2.txt"
expect_fail "labels file with the wrong count says both counts" \
  "labels2.txt" "2 labels" "has 1 elements"
mote run "$SINE" --input "$F/f32.npy" --labels "$F/labels_blank.txt"
expect_fail "labels file with an empty line names the line" "line 1 is empty"
mote run "$SINE" --input "$F/f32.npy" --labels "$F/nope.txt"
expect_fail "missing labels file" "nope.txt"
mote run "$SINE" --input "$F/f32.npy" --top-k 0
expect_rc "--top-k 0 is a usage error" 2
mote run "$SINE" --input "$F/shape.npy" --json
if [ "$RC" -eq 1 ] && [ ! -s "$TMP/out" ]; then
  pass "run --json prints nothing on stdout when an input is wrong"
else
  fail "run --json prints nothing on stdout when an input is wrong" "rc $RC"
fi

# --output writes .npy; fed back as an input it gives the same bytes.
mote run "$SINE" --input "$F/f32.npy" --output "$TMP/npy" --outputs "$TMP/bin"
expect_rc "run --output exits 0" 0
input_byte --input "$TMP/npy/output_0.npy"
if [ "$RC" -eq 0 ] && [ "$GOT" = "$(od -An -td1 "$TMP/bin/output_0.bin" | tr -d ' ')" ]; then
  pass "run --output .npy reads back as the same int8 value ($GOT)"
else
  fail "run --output .npy reads back as the same int8 value" "got '$GOT'"
fi
if python3 -c '
import ast, sys
b = open(sys.argv[1], "rb").read()
n = b[8] | b[9] << 8
h = ast.literal_eval(b[10:10 + n].decode())
assert b[:8] == b"\x93NUMPY\x01\x00" and (10 + n) % 64 == 0, b[:10]
assert h == {"descr": "|i1", "fortran_order": False, "shape": (1, 1)}, h
assert len(b) == 10 + n + 1
' "$TMP/npy/output_0.npy" 2>"$TMP/py"; then
  pass "run --output writes a numpy 1.0 header numpy reads"
else
  fail "run --output writes a numpy 1.0 header numpy reads" "$(tail -n 1 "$TMP/py")"
fi

# --- real models and TFLM's golden data -------------------------------------

if [ "$HAVE_SHARED" = 1 ]; then
  PD=$MODELS/person_detect.tflite
  G=$MODELS/golden
  mote run "$PD" --input "$MODELS/images/person.bmp" --save-inputs "$TMP/pd"
  expect_rc "person_detect runs on person.bmp" 0
  # TFLM's golden input is the picture's bytes; ours is each minus 128.
  python3 -c '
import sys
a = open(sys.argv[1], "rb").read()
g = open(sys.argv[2], "rb").read()
sys.exit(0 if len(a) == len(g) == 9216 and all(x == y ^ 0x80 for x, y in zip(a, g)) else 1)
' "$TMP/pd/input_0.bin" "$G/person_detect/person/input_0.bin"
  if [ $? -eq 0 ]; then
    pass "person.bmp decodes to TFLM's input bytes minus 128"
  else
    fail "person.bmp decodes to TFLM's input bytes minus 128"
  fi
  mote run "$PD" --input "$MODELS/images/person.bmp" --raw-pixels \
    --outputs "$TMP/pdraw"
  expect_same "person.bmp --raw-pixels gives TFLM's golden scores" \
    "$TMP/pdraw/output_0.bin" "$G/person_detect/person/output_0.bin"
  if [ "$HAVE_PNG" = 1 ]; then
    mote run "$PD" --input "$F/person.png" --save-inputs "$TMP/pdpng"
    expect_same "person as PNG gives the BMP's input bytes" \
      "$TMP/pdpng/input_0.bin" "$TMP/pd/input_0.bin"
  fi
  mote run "$PD" --input "$F/person_small.bmp"
  expect_fail "a 2x2 picture for person_detect says 96x96" "is 2x2" \
    "takes 96x96"
  AP=$MODELS/audio_preprocessor_int8.tflite
  mote run "$AP" --input "$MODELS/wav/yes_30ms.wav" --outputs "$TMP/ap"
  expect_same "yes_30ms.wav through the audio front end matches TFLM" \
    "$TMP/ap/output_0.bin" "$G/audio_preprocessor_int8/wav_yes_30ms/output_0.bin"
  mote run "$AP" --input "$MODELS/wav/yes_1000ms.wav"
  expect_fail "1 s of audio for a 30 ms input says both" "16000 samples" \
    "takes 480"
  mote run "$MODELS/hello_world_int8.tflite" --random 1 --outputs "$TMP/hw"
  expect_same "--random 1 reproduces the golden case random_0" \
    "$TMP/hw/output_0.bin" "$G/hello_world_int8/random_0/output_0.bin"
  MS=$MODELS/micro_speech_quantized.tflite
  printf 'silence\r\nunknown\r\nyes\r\nno' >"$TMP/ms_labels.txt"
  mote run "$MS" --inputs "$G/micro_speech_quantized/wav_yes_1000ms" \
    --labels "$TMP/ms_labels.txt" --top-k 2
  expect_out "micro_speech on 'yes' ranks yes first (CRLF labels)" \
    "1. yes" "(index 2)" "2. "
  mote run "$PD" --random 1001 --outputs "$TMP/pdr"
  expect_same "--random 1001 reproduces person_detect random_1" \
    "$TMP/pdr/output_0.bin" "$G/person_detect/random_1/output_0.bin"
else
  skip "real models and golden data" "no $MODELS"
fi

finish
