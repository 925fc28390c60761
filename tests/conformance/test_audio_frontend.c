/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The micro_speech front end end to end, state included.
 *
 * The golden input of micro_speech_quantized (49 x 40 int8 features per
 * one-second clip) was made by real TFLM invoking audio_preprocessor_int8
 * 49 times on one interpreter, over 30 ms windows (480 samples) with a
 * 20 ms stride, as micro_speech_test.cc does. Rebuilding those features
 * from the wav files checks what the single-window golden cases cannot:
 * the noise estimate carried from invoke to invoke by
 * SignalFilterBankSpectralSubtraction, and its effect through PCAN.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/signal_ops.h"
#include "support.h"
#include "test.h"

#define WINDOW 480
#define STRIDE 320
#define FRAMES 49
#define FEATURES 40
#define ARENA_BYTES (64u * 1024u)

/* The 16-bit PCM samples of a RIFF/WAVE file: the "data" chunk. */
static const int16_t *wav_samples(const uint8_t *wav, size_t len,
                                  size_t *count) {
  size_t at = 12;
  if (len < 12 || memcmp(wav, "RIFF", 4) != 0 || memcmp(wav + 8, "WAVE", 4)) {
    return NULL;
  }
  while (at + 8 <= len) {
    const size_t size = (size_t)wav[at + 4] | ((size_t)wav[at + 5] << 8) |
                        ((size_t)wav[at + 6] << 16) |
                        ((size_t)wav[at + 7] << 24);
    if (memcmp(wav + at, "data", 4) == 0) {
      if (size > len - at - 8) {
        return NULL;
      }
      *count = size / 2;
      return (const int16_t *)(const void *)(wav + at + 8);
    }
    at += 8 + size + (size & 1);
  }
  return NULL;
}

static void check_clip(const char *clip) {
  char path[1024];
  size_t model_len = 0, wav_len = 0, want_len = 0, n_samples = 0;
  uint8_t *model_bytes, *wav, *want;
  static int8_t features[FRAMES * FEATURES];
  static uint8_t arena_mem[ARENA_BYTES] __attribute__((aligned(16)));
  mote_resolver_entry_t
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t resolver;
  mote_model_t model;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_error_t err;
  const int16_t *samples;
  int f, pass, mismatches = 0;

  snprintf(path, sizeof path, "%s/audio_preprocessor_int8.tflite",
           mote_test_models_dir());
  model_bytes = mote_test_read_file(path, &model_len);
  snprintf(path, sizeof path, "%s/wav/%s_1000ms.wav", mote_test_models_dir(),
           clip);
  wav = mote_test_read_file(path, &wav_len);
  snprintf(path, sizeof path,
           "%s/golden/micro_speech_quantized/wav_%s_1000ms/input_0.bin",
           mote_test_models_dir(), clip);
  want = mote_test_read_file(path, &want_len);
  CHECK(model_bytes != NULL && wav != NULL && want != NULL);
  if (model_bytes == NULL || wav == NULL || want == NULL) {
    fprintf(stderr, "%s: missing model, wav or golden features\n", clip);
    goto done;
  }
  samples = wav_samples(wav, wav_len, &n_samples);
  CHECK(samples != NULL);
  CHECK_EQ_INT(want_len, FRAMES * FEATURES);
  if (samples == NULL || want_len != FRAMES * FEATURES ||
      n_samples < (FRAMES - 1) * STRIDE + WINDOW) {
    goto done;
  }

  CHECK_EQ_INT(mote_model_open(&model, model_bytes, model_len, &err), MOTE_OK);
  mote_resolver_init(&resolver, entries,
                     MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS);
  CHECK_EQ_INT(mote_resolver_add_builtins(&resolver), MOTE_OK);
  CHECK_EQ_INT(mote_resolver_add_signal_ops(&resolver), MOTE_OK);
  mote_arena_init(&arena, arena_mem, sizeof arena_mem);
  CHECK_EQ_INT(mote_interp_init(&interp, &model, &resolver, &arena, &err),
               MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&interp, &err), MOTE_OK);

  /* Twice: the second pass after mote_interp_reset_state() must give the
   * same features, i.e. reset restarts the stateful front end. */
  for (pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      CHECK_EQ_INT(mote_interp_reset_state(&interp), MOTE_OK);
    }
    for (f = 0; f < FRAMES; ++f) {
      mote_tensor_t in, out;
      mote_interp_input(&interp, 0, &in);
      memcpy(in.data, samples + f * STRIDE, WINDOW * sizeof(int16_t));
      if (mote_interp_invoke(&interp, &err) != MOTE_OK) {
        fprintf(stderr, "%s frame %d: %s\n", clip, f, err.message);
        CHECK(0);
        goto done;
      }
      mote_interp_output(&interp, 0, &out);
      memcpy(features + f * FEATURES, out.data, FEATURES);
    }
    for (f = 0; f < FRAMES * FEATURES; ++f) {
      if (features[f] != (int8_t)want[f]) {
        if (mismatches++ == 0) {
          fprintf(stderr, "%s: frame %d feature %d: got %d, want %d\n", clip,
                  f / FEATURES, f % FEATURES, features[f], (int8_t)want[f]);
        }
      }
    }
    CHECK_EQ_INT(mismatches, 0);
    printf("%-8s %d frames x %d features%s: %s\n", clip, FRAMES, FEATURES,
           pass ? " after reset" : "",
           mismatches == 0 ? "identical to TFLM" : "MISMATCH");
  }
done:
  free(model_bytes);
  free(wav);
  free(want);
}

static void test_yes(void) {
  check_clip("yes");
}
static void test_no(void) {
  check_clip("no");
}
static void test_silence(void) {
  check_clip("silence");
}
static void test_noise(void) {
  check_clip("noise");
}

int main(void) {
  MOTE_RUN(test_yes);
  MOTE_RUN(test_no);
  MOTE_RUN(test_silence);
  MOTE_RUN(test_noise);
  return MOTE_TEST_END();
}
