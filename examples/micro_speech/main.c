/* SPDX-License-Identifier: Apache-2.0 */
/*
 * micro_speech: spot "yes" and "no" in one second of 16 kHz speech.
 *
 *   example_micro_speech [--models DIR] [--dump-features FILE] WAV
 *
 * Two models, as in TFLM's micro_speech example:
 *
 *   audio_preprocessor_int8.tflite  480 int16 samples (30 ms) -> 40 int8
 *                                   features; run every 20 ms, 49 times
 *   micro_speech_quantized.tflite   49 x 40 = 1960 features -> 4 int8
 *                                   scores: silence, unknown, yes, no
 *
 * The front end is stateful (a noise estimate carried from window to
 * window), so all 49 windows go through one interpreter, in order.
 *
 * The resolver holds only the 21 kernels these two models use: twelve
 * builtins and the nine signal-library custom ops of the front end. That
 * is how a firmware keeps every other kernel out of flash.
 *
 * Models come from --models DIR, else $MOTE_MODELS_DIR, else
 * ../shared/models (relative to the repository root). --dump-features
 * writes the 1960 features for comparison with TFLM's. --omit-op NAME
 * leaves one kernel out of the resolver (a testing aid: it shows the error
 * a firmware gets when it forgets one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "mote/signal_ops.h"
#include "wav.h"

#define SAMPLE_RATE 16000
#define WINDOW 480 /* samples: 30 ms */
#define STRIDE 320 /* samples: 20 ms */
#define FRAMES 49
#define FEATURES 40 /* per frame */
#define LABELS 4

static const char *const kLabels[LABELS] = {"silence", "unknown", "yes", "no"};

/* Both interpreters share this arena: their persistent data stacks at the
 * tail and their activations overlap at the head (they never run at the
 * same time). TFLM needs about 10 KiB for the larger of the two. */
#define ARENA_BYTES (32 * 1024)
static uint8_t arena_buffer[ARENA_BYTES];

/* The kernels of the two models; `name` is the builtin's name or the
 * custom op's name in the model. */
typedef struct op_entry {
  int32_t op;
  const char *name;
  const mote_kernel_t *kernel;
} op_entry_t;

static const op_entry_t kOps[] = {
    /* audio_preprocessor_int8.tflite: the signal library... */
    {MOTE_OP_CUSTOM, "SignalWindow", &mote_kernel_signal_window},
    {MOTE_OP_CUSTOM, "SignalFftAutoScale", &mote_kernel_signal_fft_auto_scale},
    {MOTE_OP_CUSTOM, "SignalRfft", &mote_kernel_signal_rfft},
    {MOTE_OP_CUSTOM, "SignalEnergy", &mote_kernel_signal_energy},
    {MOTE_OP_CUSTOM, "SignalFilterBank", &mote_kernel_signal_filter_bank},
    {MOTE_OP_CUSTOM, "SignalFilterBankSquareRoot",
     &mote_kernel_signal_filter_bank_square_root},
    {MOTE_OP_CUSTOM, "SignalFilterBankSpectralSubtraction",
     &mote_kernel_signal_filter_bank_spectral_subtraction},
    {MOTE_OP_CUSTOM, "SignalPCAN", &mote_kernel_signal_pcan},
    {MOTE_OP_CUSTOM, "SignalFilterBankLog", &mote_kernel_signal_filter_bank_log},
    /* ...and the builtins around them, */
    {MOTE_OP_ADD, "ADD", &mote_kernel_add},
    {MOTE_OP_CAST, "CAST", &mote_kernel_cast},
    {MOTE_OP_CONCATENATION, "CONCATENATION", &mote_kernel_concatenation},
    {MOTE_OP_DIV, "DIV", &mote_kernel_div},
    {MOTE_OP_MAXIMUM, "MAXIMUM", &mote_kernel_maximum},
    {MOTE_OP_MINIMUM, "MINIMUM", &mote_kernel_minimum},
    {MOTE_OP_MUL, "MUL", &mote_kernel_mul},
    {MOTE_OP_RESHAPE, "RESHAPE", &mote_kernel_reshape},
    {MOTE_OP_STRIDED_SLICE, "STRIDED_SLICE", &mote_kernel_strided_slice},
    /* micro_speech_quantized.tflite (RESHAPE too). */
    {MOTE_OP_DEPTHWISE_CONV_2D, "DEPTHWISE_CONV_2D",
     &mote_kernel_depthwise_conv_2d},
    {MOTE_OP_FULLY_CONNECTED, "FULLY_CONNECTED", &mote_kernel_fully_connected},
    {MOTE_OP_SOFTMAX, "SOFTMAX", &mote_kernel_softmax},
};
#define OP_COUNT (sizeof kOps / sizeof kOps[0])

/* One model: its file bytes (malloc'ed; 4-byte aligned as mote needs),
 * the verified view, and an interpreter on the shared arena. */
typedef struct loaded {
  const char *file;
  uint8_t *bytes;
  mote_model_t model;
  mote_interp_t interp;
} loaded_t;

static void usage(void) {
  fprintf(stderr,
          "usage: example_micro_speech [--models DIR] [--dump-features FILE] "
          "WAV\n"
          "  WAV   one second (or more) of 16 kHz mono 16-bit PCM\n"
          "  --models DIR          model directory (default $MOTE_MODELS_DIR "
          "or ../shared/models)\n"
          "  --dump-features FILE  write the 49x40 int8 features to FILE\n"
          "  --omit-op NAME        testing aid: leave kernel NAME (e.g. "
          "SignalPCAN, SOFTMAX)\n"
          "                        out of the resolver\n");
}

/* Reads a whole file into malloc'ed memory; NULL if it cannot. */
static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *data = NULL;
  long size;
  if (f == NULL) {
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
      fseek(f, 0, SEEK_SET) == 0) {
    data = (uint8_t *)malloc(size > 0 ? (size_t)size : 1);
    if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
      free(data);
      data = NULL;
    }
    *len = (size_t)size;
  }
  fclose(f);
  return data;
}

/* Loads `m->file` from `dir`, verifies it and prepares an interpreter. */
static int load(loaded_t *m, const char *dir, const mote_resolver_t *resolver,
                mote_arena_t *arena) {
  char path[1024];
  size_t len = 0;
  mote_error_t err;
  snprintf(path, sizeof path, "%s/%s", dir, m->file);
  m->bytes = read_file(path, &len);
  if (m->bytes == NULL) {
    fprintf(stderr, "micro_speech: cannot read model %s (use --models DIR)\n",
            path);
    return -1;
  }
  if (mote_model_open(&m->model, m->bytes, len, &err) != MOTE_OK ||
      mote_interp_init(&m->interp, &m->model, resolver, arena, &err) !=
          MOTE_OK ||
      mote_interp_prepare(&m->interp, &err) != MOTE_OK) {
    fprintf(stderr, "micro_speech: %s: %s (%s)\n", m->file, err.message,
            mote_status_str(err.status));
    return -1;
  }
  return 0;
}

/* Checks that input and output 0 of `m` have the types and sizes this
 * program writes and reads, and returns their views. */
static int bind(const loaded_t *m, mote_type_t in_type, uint32_t in_bytes,
                uint32_t out_bytes, mote_tensor_t *in, mote_tensor_t *out) {
  if (mote_interp_input(&m->interp, 0, in) != MOTE_OK ||
      mote_interp_output(&m->interp, 0, out) != MOTE_OK ||
      in->type != in_type || in->bytes != in_bytes ||
      out->type != MOTE_TYPE_INT8 || out->bytes != out_bytes) {
    fprintf(stderr,
            "micro_speech: %s: expected a %s input of %lu bytes and an int8 "
            "output of %lu bytes\n",
            m->file, mote_type_name(in_type), (unsigned long)in_bytes,
            (unsigned long)out_bytes);
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *models = getenv("MOTE_MODELS_DIR");
  const char *wav_path = NULL, *dump_path = NULL, *omit = NULL;
  loaded_t front = {"audio_preprocessor_int8.tflite", NULL, {0}, {0}};
  loaded_t speech = {"micro_speech_quantized.tflite", NULL, {0}, {0}};
  mote_resolver_entry_t entries[OP_COUNT];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_tensor_t samples_in, features_out, features_in, scores_out;
  static int8_t features[FRAMES * FEATURES]; /* [frame][feature] */
  const int8_t *scores;
  wav_pcm16_t wav;
  char msg[200];
  uint8_t *wav_bytes = NULL;
  size_t wav_len = 0, k;
  int i, f, best, rc = 1;

  if (models == NULL || models[0] == '\0') {
    models = "../shared/models";
  }
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--models") == 0 && i + 1 < argc) {
      models = argv[++i];
    } else if (strcmp(argv[i], "--dump-features") == 0 && i + 1 < argc) {
      dump_path = argv[++i];
    } else if (strcmp(argv[i], "--omit-op") == 0 && i + 1 < argc) {
      omit = argv[++i];
    } else if (argv[i][0] != '-' && wav_path == NULL) {
      wav_path = argv[i];
    } else {
      usage();
      return 2;
    }
  }
  if (wav_path == NULL) {
    usage();
    return 2;
  }

  /* 1. The audio: check it before loading anything else. */
  wav_bytes = read_file(wav_path, &wav_len);
  if (wav_bytes == NULL) {
    fprintf(stderr, "micro_speech: cannot read %s\n", wav_path);
    return 1;
  }
  if (wav_open_pcm16_mono(wav_bytes, wav_len, SAMPLE_RATE, &wav, msg,
                          sizeof msg) != 0) {
    fprintf(stderr, "micro_speech: %s: %s\n", wav_path, msg);
    goto done;
  }
  if (wav.count < (FRAMES - 1) * STRIDE + WINDOW) {
    fprintf(stderr,
            "micro_speech: %s: %lu samples (%lu ms), needs at least %d "
            "(%d ms)\n",
            wav_path, (unsigned long)wav.count,
            (unsigned long)(wav.count * 1000 / SAMPLE_RATE),
            (FRAMES - 1) * STRIDE + WINDOW,
            ((FRAMES - 1) * STRIDE + WINDOW) * 1000 / SAMPLE_RATE);
    goto done;
  }

  /* 2. Register exactly the kernels the two models use. */
  if (mote_resolver_init(&resolver, entries, OP_COUNT) != MOTE_OK) {
    fprintf(stderr, "micro_speech: mote_resolver_init failed\n");
    goto done;
  }
  for (k = 0; k < OP_COUNT; k++) {
    mote_status_t s;
    if (omit != NULL && strcmp(omit, kOps[k].name) == 0) {
      continue;
    }
    s = kOps[k].op == MOTE_OP_CUSTOM
            ? mote_resolver_add_custom(&resolver, kOps[k].name, kOps[k].kernel)
            : mote_resolver_add(&resolver, kOps[k].op, kOps[k].kernel);
    if (s != MOTE_OK) {
      fprintf(stderr, "micro_speech: cannot register %s: %s\n", kOps[k].name,
              mote_status_str(s));
      goto done;
    }
  }

  /* 3. Both models on one arena. */
  if (mote_arena_init(&arena, arena_buffer, sizeof arena_buffer) != MOTE_OK) {
    fprintf(stderr, "micro_speech: mote_arena_init failed\n");
    goto done;
  }
  if (load(&front, models, &resolver, &arena) != 0 ||
      load(&speech, models, &resolver, &arena) != 0 ||
      bind(&front, MOTE_TYPE_INT16, WINDOW * 2, FEATURES, &samples_in,
           &features_out) != 0 ||
      bind(&speech, MOTE_TYPE_INT8, FRAMES * FEATURES, LABELS, &features_in,
           &scores_out) != 0) {
    goto done;
  }

  /* 4. The front end over 49 windows of 30 ms, 20 ms apart. */
  for (f = 0; f < FRAMES; f++) {
    int16_t *window = (int16_t *)samples_in.data; /* [480] */
    mote_error_t err;
    for (i = 0; i < WINDOW; i++) {
      window[i] = wav_sample(&wav, (size_t)(f * STRIDE + i));
    }
    if (mote_interp_invoke(&front.interp, &err) != MOTE_OK) {
      fprintf(stderr, "micro_speech: %s, window %d: %s\n", front.file, f,
              err.message);
      goto done;
    }
    memcpy(features + f * FEATURES, features_out.data, FEATURES);
  }
  if (dump_path != NULL) {
    FILE *out = fopen(dump_path, "wb");
    if (out == NULL || fwrite(features, 1, sizeof features, out) !=
                           sizeof features) {
      fprintf(stderr, "micro_speech: cannot write %s\n", dump_path);
      if (out != NULL) {
        fclose(out);
      }
      goto done;
    }
    fclose(out);
  }

  /* 5. The classifier. The features are copied only now: the front end's
   *    invokes reuse the head of the shared arena, where this input lives. */
  {
    mote_error_t err;
    memcpy(features_in.data, features, sizeof features);
    if (mote_interp_invoke(&speech.interp, &err) != MOTE_OK) {
      fprintf(stderr, "micro_speech: %s: %s\n", speech.file, err.message);
      goto done;
    }
  }
  scores = (const int8_t *)scores_out.data; /* [4], one per label */
  best = 0;
  printf("%s: %d frames x %d features, arena %lu of %d bytes used\n",
         wav_path, FRAMES, FEATURES,
         (unsigned long)mote_arena_used_bytes(&arena), ARENA_BYTES);
  for (i = 0; i < LABELS; i++) {
    printf("  %-8s %4d  (%.3f)\n", kLabels[i], scores[i],
           (double)(scores_out.scale *
                    (float)(scores[i] - scores_out.zero_point)));
    if (scores[i] > scores[best]) {
      best = i;
    }
  }
  printf("%s (score %d)\n", kLabels[best], scores[best]);
  rc = 0;

done:
  free(wav_bytes);
  free(front.bytes);
  free(speech.bytes);
  return rc;
}
