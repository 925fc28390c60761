#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs examples/person_detection as a user would.
#
# usage: run_person_detection.sh EXAMPLE MODELS_DIR
#
# person.bmp and no_person.bmp give TFLM's int8 scores exactly, and the
# input tensor the example builds from each BMP is byte-identical to the
# golden input of person_detect (TFLM's own test image bytes). Bad inputs
# (truncated, not a BMP, 24-bit, colour palette, wrong size) exit 1 with
# one line on stderr naming the problem. Prints "N passed, N failed" last.
set -u
EXAMPLE=$1
MODELS=$2
IMAGES=$MODELS/images
GOLDEN=$MODELS/golden/person_detect

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mote-person-detection.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM

PASSED=0
FAILED=0
pass() {
  PASSED=$((PASSED + 1))
  echo "ok   $1"
}
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL $1"
}

# An image: exit 0, the scores line and the verdict exactly as given, and
# the input tensor bytes identical to TFLM's.
check_image() {
  name=$1
  want_scores=$2
  want_verdict=$3
  "$EXAMPLE" --models "$MODELS" --dump-input "$TMP/$name.bin" \
    "$IMAGES/$name.bmp" >"$TMP/out" 2>&1
  rc=$?
  scores=$(sed -n 2p "$TMP/out")
  verdict=$(sed -n 3p "$TMP/out")
  if [ $rc -ne 0 ] || [ "$scores" != "$want_scores" ] ||
    [ "$verdict" != "$want_verdict" ]; then
    fail "$name: exit $rc, want \"$want_scores\" / \"$want_verdict\", got:"
    cat "$TMP/out"
    return
  fi
  pass "$name: $scores -> $verdict"
  if cmp -s "$TMP/$name.bin" "$GOLDEN/$name/input_0.bin"; then
    pass "$name: 9216 input bytes identical to TFLM's"
  else
    fail "$name: input differs from $GOLDEN/$name/input_0.bin"
    cmp "$TMP/$name.bin" "$GOLDEN/$name/input_0.bin"
  fi
}

# A bad input: exit status 1, nothing on stdout, exactly one line on
# stderr, containing PATTERN.
expect_error() {
  what=$1
  pattern=$2
  shift 2
  "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
  lines=$(wc -l <"$TMP/stderr")
  if [ $rc -eq 1 ] && [ ! -s "$TMP/stdout" ] && [ "$lines" -eq 1 ] &&
    grep -q -- "$pattern" "$TMP/stderr"; then
    pass "$what: $(cat "$TMP/stderr")"
  else
    fail "$what: exit $rc, want one line matching \"$pattern\", got:"
    cat "$TMP/stdout" "$TMP/stderr"
  fi
}

# Copies person.bmp to FILE and overwrites bytes at OFFSET with the
# printf(1) escapes in BYTES.
patched() {
  cp "$IMAGES/person.bmp" "$1"
  chmod u+w "$1"
  printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

if [ ! -x "$EXAMPLE" ] || [ ! -f "$IMAGES/person.bmp" ]; then
  echo "run_person_detection: $EXAMPLE or $IMAGES/person.bmp not found" >&2
  exit 1
fi

# TFLM's results (manifest.json, person_detect cases).
check_image person "person score 113, no person score -113" "person"
check_image no_person "person score -57, no person score 57" "no person"

head -c 5000 "$IMAGES/person.bmp" >"$TMP/truncated.bmp"
expect_error "truncated bmp" "truncated: pixel data needs 9216 bytes" \
  "$EXAMPLE" --models "$MODELS" "$TMP/truncated.bmp"
head -c 30 "$IMAGES/person.bmp" >"$TMP/header_only.bmp"
expect_error "bmp cut in its header" "truncated: 40-byte info header" \
  "$EXAMPLE" --models "$MODELS" "$TMP/header_only.bmp"
expect_error "not a bmp" "not a BMP file" \
  "$EXAMPLE" --models "$MODELS" "$MODELS/wav/yes_1000ms.wav"
# Header fields, little-endian: 18 width, 28 bits per pixel; the palette
# starts at 54 (B, G, R, 0).
patched "$TMP/24bit.bmp" 28 '\030\000'
expect_error "24-bit bmp" "24 bits per pixel, needs 8" \
  "$EXAMPLE" --models "$MODELS" "$TMP/24bit.bmp"
patched "$TMP/colour.bmp" 58 '\377'
expect_error "colour palette" "palette entry 1 is (r=1, g=1, b=255), not gray" \
  "$EXAMPLE" --models "$MODELS" "$TMP/colour.bmp"
patched "$TMP/width.bmp" 18 '\100\000\000\000'
expect_error "64-pixel-wide bmp" "image is 64x96, needs 96x96" \
  "$EXAMPLE" --models "$MODELS" "$TMP/width.bmp"
expect_error "missing bmp" "cannot read" \
  "$EXAMPLE" --models "$MODELS" "$TMP/no_such.bmp"
expect_error "missing models" "cannot read model" \
  "$EXAMPLE" --models "$TMP/no_such_dir" "$IMAGES/person.bmp"

"$EXAMPLE" >/dev/null 2>&1
rc=$?
if [ $rc -eq 2 ]; then pass "no arguments: usage"; else fail "no arguments: exit $rc"; fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
