/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PAD tests. The expected output is built independently, element by
 * element: decode the output multi-index, and take the input element at
 * index - before when every coordinate falls inside the input, else the pad
 * value. Covered: ranks 0-6, zero and one-sided paddings, whole padded rows
 * and planes, pad values whose bytes differ (so a memset shortcut would be
 * wrong), and the typed values the kernel glue passes (int8 zero point,
 * int16 / int32 / float32 constants).
 */
#include <stdint.h>
#include <string.h>

#include "kernels/pad.h"
#include "test.h"

#define MAX_OUT 4096

static uint8_t in_buf[MAX_OUT * 8];
static uint8_t out_buf[MAX_OUT * 8 + 8];
static uint8_t want_buf[MAX_OUT * 8];

static int32_t prod(const int32_t *d, int rank) {
  int32_t n = 1;
  int i;
  for (i = 0; i < rank; ++i) {
    n *= d[i];
  }
  return n;
}

static void run(int rank, const int32_t *in_dims, const int32_t *before,
                const int32_t *after, size_t es, const void *value) {
  mote_pad_params_t p;
  int32_t od[MOTE_MAX_DIMS], in_stride[MOTE_MAX_DIMS];
  int32_t n_in = prod(in_dims, rank), n_out, k;
  int d;
  size_t b;

  if (rank < 0 || rank > MOTE_MAX_DIMS) { /* also tells gcc the bound */
    CHECK(0);
    return;
  }
  memset(&p, 0, sizeof(p));
  p.rank = (uint8_t)rank;
  p.elem_size = es;
  for (d = 0; d < rank; ++d) {
    p.in_dims[d] = in_dims[d];
    p.before[d] = before[d];
    p.after[d] = after[d];
    od[d] = in_dims[d] + before[d] + after[d];
  }
  n_out = prod(od, rank);
  CHECK(n_out <= MAX_OUT);
  for (d = rank - 1, k = 1; d >= 0; --d) {
    in_stride[d] = k;
    k *= in_dims[d];
  }
  for (k = 0; k < n_in; ++k) {
    for (b = 0; b < es; ++b) {
      in_buf[(size_t)k * es + b] = (uint8_t)(k * 31 + (int32_t)b * 7 + 1);
    }
  }
  for (k = 0; k < n_out; ++k) {
    int32_t rem = k, src = 0;
    int inside = 1;
    for (d = rank - 1; d >= 0; --d) {
      int32_t c = rem % od[d] - before[d];
      rem /= od[d];
      if (c < 0 || c >= in_dims[d]) {
        inside = 0;
      }
      src += c * in_stride[d];
    }
    memcpy(want_buf + (size_t)k * es,
           inside ? in_buf + (size_t)src * es : (const uint8_t *)value, es);
  }
  memset(out_buf, 0xEE, (size_t)n_out * es + 8);
  mote_pad(&p, in_buf, value, out_buf);
  if (memcmp(out_buf, want_buf, (size_t)n_out * es) != 0) {
    fprintf(stderr, "pad mismatch: rank %d elem %u\n", rank, (unsigned)es);
    CHECK(0);
  }
  CHECK(out_buf[(size_t)n_out * es] == 0xEE);
}

typedef struct pad_case {
  int rank;
  int32_t dims[MOTE_MAX_DIMS];
  int32_t before[MOTE_MAX_DIMS];
  int32_t after[MOTE_MAX_DIMS];
} pad_case_t;

static const pad_case_t cases[] = {
    {0, {0}, {0}, {0}},
    {1, {5}, {0}, {0}},
    {1, {5}, {2}, {3}},
    {1, {1}, {0}, {4}},
    {2, {3, 4}, {1, 0}, {0, 2}},
    {2, {3, 4}, {0, 2}, {2, 0}},
    /* mobilenet_v2: [0,0],[1,1],[1,1],[0,0] on NHWC. */
    {4, {1, 6, 5, 3}, {0, 1, 1, 0}, {0, 1, 1, 0}},
    /* Only batch and channel padded (TFLite's non image-style path). */
    {4, {2, 2, 3, 2}, {1, 0, 0, 2}, {1, 0, 0, 1}},
    {3, {2, 3, 4}, {2, 1, 0}, {1, 2, 3}},
    {5, {1, 2, 3, 2, 2}, {1, 0, 1, 0, 1}, {0, 1, 1, 1, 0}},
    {6, {2, 1, 2, 1, 2, 2}, {0, 1, 1, 0, 0, 1}, {1, 0, 0, 1, 1, 0}},
    /* Empty input dimension: everything is padding. */
    {2, {0, 3}, {1, 1}, {1, 0}},
};

static void test_table(void) {
  static const uint8_t v1 = 0xF2;                   /* int8 zero point -14 */
  static const uint8_t v2[2] = {0x34, 0x12};        /* int16 0x1234 */
  static const uint8_t v4[4] = {0x00, 0x00, 0xC0, 0xBF}; /* float -1.5f */
  static const uint8_t v8[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  static const uint8_t zero[8] = {0};
  size_t c;
  for (c = 0; c < sizeof(cases) / sizeof(cases[0]); ++c) {
    const pad_case_t *t = &cases[c];
    run(t->rank, t->dims, t->before, t->after, 1, &v1);
    run(t->rank, t->dims, t->before, t->after, 2, v2);
    run(t->rank, t->dims, t->before, t->after, 4, v4);
    run(t->rank, t->dims, t->before, t->after, 8, v8);
    run(t->rank, t->dims, t->before, t->after, 4, zero);
  }
}

static void test_typed_values(void) {
  /* The glue passes native values: check the bytes land as those types. */
  static const int32_t dims[] = {2, 2};
  static const int32_t before[] = {1, 1};
  static const int32_t after[] = {0, 1};
  const int8_t zp = -14;
  const int16_t s16 = -300;
  const int32_t s32 = 0x7F000001;
  const float f = -0.0f;
  mote_pad_params_t p;
  float fin[4] = {1.0f, 2.0f, 3.0f, 4.0f}, fout[12];
  int i;
  run(2, dims, before, after, 1, &zp);
  run(2, dims, before, after, 2, &s16);
  run(2, dims, before, after, 4, &s32);
  run(2, dims, before, after, 4, &f);

  /* Float: out[0][*] and out[*][0], out[*][3] are -0.0f. */
  memset(&p, 0, sizeof(p));
  p.rank = 2;
  p.elem_size = 4;
  memcpy(p.in_dims, dims, sizeof(dims));
  memcpy(p.before, before, sizeof(before));
  memcpy(p.after, after, sizeof(after));
  mote_pad(&p, fin, &f, fout);
  for (i = 0; i < 4; ++i) {
    CHECK(fout[i] == 0.0f && signbit(fout[i]));
  }
  CHECK(fout[5] == 1.0f && fout[6] == 2.0f && fout[9] == 3.0f &&
        fout[10] == 4.0f);
  CHECK(signbit(fout[4]) && signbit(fout[7]) && signbit(fout[8]) &&
        signbit(fout[11]));
}

static uint32_t rng = 88172645u;
static int32_t rnd(int32_t lo, int32_t hi) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return lo + (int32_t)(rng % (uint32_t)(hi - lo + 1));
}

static void test_random(void) {
  static const uint8_t value[8] = {0x81, 0x7E, 0x55, 0xAA, 9, 8, 7, 6};
  int iter;
  for (iter = 0; iter < 400; ++iter) {
    int32_t dims[MOTE_MAX_DIMS], before[MOTE_MAX_DIMS], after[MOTE_MAX_DIMS];
    int32_t out = 1;
    int rank = rnd(1, 6), d;
    size_t es = (size_t)1 << rnd(0, 3);
    for (d = 0; d < rank; ++d) {
      dims[d] = rnd(0, 3);
      before[d] = rnd(0, 2);
      after[d] = rnd(0, 2);
      out *= dims[d] + before[d] + after[d];
    }
    if (out > MAX_OUT) {
      continue;
    }
    run(rank, dims, before, after, es, value);
  }
}

int main(void) {
  MOTE_RUN(test_table);
  MOTE_RUN(test_typed_values);
  MOTE_RUN(test_random);
  return MOTE_TEST_END();
}
