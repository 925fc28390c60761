/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Checks the memory plan of every real model: after prepare, no two
 * tensors that are alive at the same operator step share a byte, except
 * a convolution's output written row by row over its dying input
 * (kernels/inplace.h), every activation lies inside the arena's head and
 * is 16-byte aligned. Lifetimes are recomputed here from the model,
 * independently of the interpreter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "test.h"

#define ARENA_BYTES (8u * 1024u * 1024u)

typedef struct span {
  uint8_t *lo;
  uint8_t *hi;
  int32_t first;
  int32_t last;
} span_t;

/* Whether tensors a and b overlap as an operator writing its output over
 * its dying input may: one is an input and the other output 0 of op k,
 * where the input dies and the output is born; for a convolution the
 * input starts at the output's start or, when the output is larger, up to
 * the size difference (rounded up) later (kernels/inplace.h), for anything else (an
 * element-wise op, RESHAPE) both start together and have one size. */
static int in_place_pair(const mote_model_t *m, const span_t *spans,
                         uint32_t a, uint32_t b) {
  uint32_t k, j;
  for (k = 0; k < mote_model_op_count(m, 0); k++) {
    mote_op_info_t info;
    int32_t out = mote_model_op_output(m, 0, k, 0);
    mote_model_op(m, 0, k, &info);
    if ((uint32_t)out != a && (uint32_t)out != b) {
      continue;
    }
    for (j = 0; j < info.input_count; j++) {
      const int32_t in = mote_model_op_input(m, 0, k, j);
      const span_t *si = &spans[in < 0 ? 0 : in];
      const span_t *so = &spans[out];
      size_t block;
      int conv = info.builtin == MOTE_OP_CONV_2D ||
                 info.builtin == MOTE_OP_DEPTHWISE_CONV_2D;
      if (in < 0 || (uint32_t)(in + out) != a + b) {
        continue;
      }
      /* How far past the output's start the input may start: by the
       * size difference, rounded up to the alignment. */
      block = so->hi - so->lo > si->hi - si->lo
                  ? (size_t)((so->hi - so->lo) - (si->hi - si->lo))
                  : 0;
      block = (block + 15u) & ~(size_t)15u;
      if (si->last == (int32_t)k && so->first == (int32_t)k &&
          (conv ? si->lo >= so->lo && (size_t)(si->lo - so->lo) <= block
                : si->lo == so->lo && si->hi == so->hi)) {
        return 1;
      }
    }
  }
  return 0;
}

static void check_model(const char *path) {
  size_t len = 0;
  uint8_t *bytes = mote_test_read_file(path, &len);
  uint8_t *arena_mem = (uint8_t *)malloc(ARENA_BYTES);
  mote_model_t model;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  span_t *spans;
  uint32_t n, ops, i, j, k;
  int overlaps = 0;
  int in_place = 0;
  if (bytes == NULL) {
    printf("  %s: not present\n", path);
    CHECK(!mote_test_under_ci());
    free(arena_mem);
    return;
  }
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, &err), MOTE_OK);
  mote_resolver_init(&resolver, entries, MOTE_RESOLVER_BUILTINS);
  mote_resolver_add_builtins(&resolver);
  mote_arena_init(&arena, arena_mem, ARENA_BYTES);
  if (mote_interp_init(&in, &model, &resolver, &arena, &err) != MOTE_OK ||
      mote_interp_prepare(&in, &err) != MOTE_OK) {
    /* Models with ops of later work: nothing planned to check. */
    printf("  %s: not runnable yet (%s)\n", path, err.message);
    free(bytes);
    free(arena_mem);
    return;
  }
  n = mote_model_tensor_count(&model, 0);
  ops = mote_model_op_count(&model, 0);
  spans = (span_t *)calloc(n, sizeof *spans);
  for (i = 0; i < n; i++) {
    spans[i].first = -1;
    spans[i].last = -1;
  }
  for (i = 0; i < mote_model_input_count(&model, 0); i++) {
    spans[mote_model_input_index(&model, 0, i)].first = 0;
  }
  for (k = 0; k < ops; k++) {
    mote_op_info_t info;
    mote_model_op(&model, 0, k, &info);
    for (j = 0; j < info.output_count; j++) {
      span_t *s = &spans[mote_model_op_output(&model, 0, k, j)];
      if (s->first < 0) {
        s->first = (int32_t)k;
      }
      if (s->last < (int32_t)k) {
        s->last = (int32_t)k;
      }
    }
    for (j = 0; j < info.input_count; j++) {
      int32_t t = mote_model_op_input(&model, 0, k, j);
      if (t >= 0) {
        if (spans[t].first < 0) {
          spans[t].first = 0;
        }
        if (spans[t].last < (int32_t)k) {
          spans[t].last = (int32_t)k;
        }
      }
    }
  }
  for (i = 0; i < mote_model_output_count(&model, 0); i++) {
    spans[mote_model_output_index(&model, 0, i)].last = (int32_t)ops;
  }
  for (i = 0; i < n; i++) {
    mote_tensor_t t;
    mote_interp_tensor(&in, i, &t);
    if ((t.flags & (MOTE_TENSOR_CONST | MOTE_TENSOR_VARIABLE)) != 0 ||
        spans[i].first < 0) {
      spans[i].first = -1; /* not planned */
      continue;
    }
    CHECK(t.data != NULL);
    if (t.data == NULL) {
      continue;
    }
    spans[i].lo = (uint8_t *)t.data;
    spans[i].hi = spans[i].lo + t.bytes;
    CHECK(((uintptr_t)t.data & 15u) == 0);
    CHECK(spans[i].lo >= arena.base_ && spans[i].hi <= arena.base_ + arena.size_);
  }
  for (i = 0; i < n; i++) {
    for (j = i + 1; j < n; j++) {
      const span_t *a = &spans[i];
      const span_t *b = &spans[j];
      if (a->first < 0 || b->first < 0 || a->lo == a->hi || b->lo == b->hi) {
        continue;
      }
      if (a->first <= b->last && b->first <= a->last && a->lo < b->hi &&
          b->lo < a->hi) {
        if (in_place_pair(&model, spans, i, j)) {
          in_place++;
        } else if (overlaps++ < 3) {
          fprintf(stderr, "%s: tensors %u and %u overlap while both alive\n",
                  path, (unsigned)i, (unsigned)j);
        }
      }
    }
  }
  printf("  %s: %u tensors, %u ops, %d in place, plan sound: %s\n", path,
         (unsigned)n, (unsigned)ops, in_place, overlaps ? "NO" : "yes");
  CHECK_EQ_INT(overlaps, 0);
  free(spans);
  free(bytes);
  free(arena_mem);
}

static void test_every_model_plan(void) {
  static const char *names[] = {
      "hello_world_float", "hello_world_int8", "micro_speech_quantized",
      "person_detect", "simple_add", "mobilenet_v2_int8_224",
      "mlperf_ad_autoencoder_float", "mlperf_ad_autoencoder_int8",
      "mlperf_ic_resnet8_float", "mlperf_ic_resnet8_int8",
      "mlperf_kws_dscnn_int8", "mlperf_sww_int8",
      "mlperf_vww_mobilenet_float", "mlperf_vww_mobilenet_int8",
      "audio_preprocessor_float", "audio_preprocessor_int8",
      "keyword_scrambled", "keyword_scrambled_8bit", "mnist_lstm_float",
      "mnist_lstm_int8", "dtln_noise_suppression", "micro_speech_lstm"};
  size_t i;
  char path[1024];
  check_model(MOTE_SOURCE_DIR "/models/sine_int8.tflite");
  check_model(MOTE_SOURCE_DIR "/models/sine_float.tflite");
  for (i = 0; i < sizeof names / sizeof names[0]; i++) {
    snprintf(path, sizeof path, "%s/%s.tflite", mote_test_models_dir(), names[i]);
    check_model(path);
  }
}

int main(void) {
  MOTE_RUN(test_every_model_plan);
  return MOTE_TEST_END();
}
