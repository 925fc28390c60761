#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs examples/micro_speech as a user would.
#
# usage: run_micro_speech.sh EXAMPLE MODELS_DIR
#
# The four test clips give TFLM's words and int8 scores, and the 49x40
# features the front end computes are byte-identical to the golden input
# of micro_speech_quantized (made by real TFLM from the same wav). Bad
# inputs (wrong sample rate, stereo, 8-bit, float, truncated, too short,
# not a wav, a kernel missing from the resolver) exit 1 with one line on
# stderr naming the problem. Prints "N passed, N failed" last.
set -u
EXAMPLE=$1
MODELS=$2
WAV=$MODELS/wav
GOLDEN=$MODELS/golden/micro_speech_quantized

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mote-micro-speech.XXXXXX") || exit 1
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

# A clip: exit 0, last line exactly WANT, features identical to TFLM's.
# The first clip finds the models through $MOTE_MODELS_DIR instead of
# --models, to cover the default.
check_clip() {
  clip=$1
  want=$2
  if [ "$clip" = yes ]; then
    MOTE_MODELS_DIR=$MODELS "$EXAMPLE" --dump-features "$TMP/$clip.bin" \
      "$WAV/${clip}_1000ms.wav" >"$TMP/out" 2>&1
  else
    "$EXAMPLE" --models "$MODELS" --dump-features "$TMP/$clip.bin" \
      "$WAV/${clip}_1000ms.wav" >"$TMP/out" 2>&1
  fi
  rc=$?
  got=$(tail -n 1 "$TMP/out")
  if [ $rc -ne 0 ] || [ "$got" != "$want" ]; then
    fail "$clip: exit $rc, want \"$want\", got:"
    cat "$TMP/out"
    return
  fi
  pass "$clip -> $got"
  if cmp -s "$TMP/$clip.bin" "$GOLDEN/wav_${clip}_1000ms/input_0.bin"; then
    pass "$clip: 1960 features identical to TFLM's"
  else
    fail "$clip: features differ from $GOLDEN/wav_${clip}_1000ms/input_0.bin"
    cmp "$TMP/$clip.bin" "$GOLDEN/wav_${clip}_1000ms/input_0.bin"
  fi
}

# A bad input: exit status 1 (not a crash, not usage), nothing on stdout,
# exactly one line on stderr, containing PATTERN.
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

# Copies the yes clip to FILE and overwrites bytes at OFFSET with the
# printf(1) escapes in BYTES.
patched() {
  cp "$WAV/yes_1000ms.wav" "$1"
  chmod u+w "$1"
  printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

if [ ! -x "$EXAMPLE" ] || [ ! -f "$WAV/yes_1000ms.wav" ]; then
  echo "run_micro_speech: $EXAMPLE or $WAV/yes_1000ms.wav not found" >&2
  exit 1
fi

# TFLM's results (manifest.json, micro_speech_quantized e2e).
check_clip yes "yes (score 127)"
check_clip no "no (score 114)"
check_clip silence "silence (score -42)"
check_clip noise "silence (score 120)"

# Header fields, little-endian: 20 format tag, 22 channels, 24 sample
# rate, 28 byte rate, 34 bits per sample.
patched "$TMP/8khz.wav" 24 '\100\037\000\000\200\076\000\000'
expect_error "8 kHz wav" "sample rate is 8000 Hz, needs 16000" \
  "$EXAMPLE" --models "$MODELS" "$TMP/8khz.wav"
patched "$TMP/stereo.wav" 22 '\002\000'
expect_error "stereo wav" "2 channels, needs 1 (mono)" \
  "$EXAMPLE" --models "$MODELS" "$TMP/stereo.wav"
patched "$TMP/8bit.wav" 34 '\010\000'
expect_error "8-bit wav" "8 bits per sample, needs 16" \
  "$EXAMPLE" --models "$MODELS" "$TMP/8bit.wav"
patched "$TMP/float.wav" 20 '\003\000'
expect_error "float wav" "format tag is 3 (IEEE float)" \
  "$EXAMPLE" --models "$MODELS" "$TMP/float.wav"
head -c 1000 "$WAV/yes_1000ms.wav" >"$TMP/truncated.wav"
expect_error "truncated wav" "truncated: 'data' chunk" \
  "$EXAMPLE" --models "$MODELS" "$TMP/truncated.wav"
head -c 30 "$WAV/yes_1000ms.wav" >"$TMP/header_only.wav"
expect_error "wav cut in its header" "truncated: 'fmt ' chunk" \
  "$EXAMPLE" --models "$MODELS" "$TMP/header_only.wav"
expect_error "30 ms wav" "480 samples (30 ms), needs at least 15840" \
  "$EXAMPLE" --models "$MODELS" "$WAV/yes_30ms.wav"
expect_error "not a wav" "not a RIFF/WAVE file" \
  "$EXAMPLE" --models "$MODELS" "$MODELS/micro_speech_quantized.tflite"
expect_error "missing wav" "cannot read" \
  "$EXAMPLE" --models "$MODELS" "$TMP/no_such.wav"
expect_error "missing models" "cannot read model" \
  "$EXAMPLE" --models "$TMP/no_such_dir" "$WAV/yes_1000ms.wav"

# A firmware that forgets a kernel: the custom op, or a builtin, is named.
expect_error "resolver without SignalPCAN" \
  'no kernel in the resolver for custom op "SignalPCAN" (op' \
  "$EXAMPLE" --models "$MODELS" --omit-op SignalPCAN "$WAV/yes_1000ms.wav"
expect_error "resolver without SOFTMAX" "no kernel in the resolver for SOFTMAX (builtin 25; op" \
  "$EXAMPLE" --models "$MODELS" --omit-op SOFTMAX "$WAV/yes_1000ms.wav"

# Bad usage: status 2.
"$EXAMPLE" >/dev/null 2>&1
rc=$?
if [ $rc -eq 2 ]; then pass "no arguments: usage"; else fail "no arguments: exit $rc"; fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
