/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CONCATENATION tests. Each case places its inputs one by one with
 * mote_concatenation_place (as the kernel does) and compares with an
 * output built independently: for every output multi-index, find the input
 * that owns its axis coordinate and copy that input's element.
 * Covered: ranks 1-6, every axis, 1-5 inputs, inputs empty along the axis,
 * element sizes 1/2/4/8, and the audio_preprocessor case (int32 [5] +
 * [236] + [16] along axis 0).
 */
#include <stdint.h>
#include <string.h>

#include "kernels/concatenation.h"
#include "mote/tensor.h"
#include "test.h"

#define MAX_ELEMS 2048
#define MAX_INPUTS 5

typedef struct cat_case {
  int rank;
  int axis;
  int n_in;
  int32_t dims[MOTE_MAX_DIMS];    /* output shape with axis size unused */
  int32_t axis_sizes[MAX_INPUTS]; /* per input */
} cat_case_t;

static const cat_case_t cases[] = {
    {1, 0, 3, {0}, {5, 236, 16}},
    {1, 0, 1, {0}, {7}},
    {2, 0, 2, {0, 3}, {2, 1}},
    {2, 1, 2, {4, 0}, {2, 3}},
    {2, 1, 3, {3, 0}, {1, 0, 2}},
    {3, 0, 2, {0, 2, 3}, {1, 2}},
    {3, 1, 3, {2, 0, 3}, {1, 2, 1}},
    {3, 2, 4, {2, 3, 0}, {1, 1, 2, 3}},
    {4, 3, 2, {1, 2, 2, 0}, {3, 5}},
    {4, 1, 5, {2, 0, 2, 2}, {1, 2, 1, 1, 3}},
    {5, 2, 2, {2, 1, 0, 2, 2}, {2, 3}},
    {6, 4, 3, {1, 2, 1, 2, 0, 2}, {1, 2, 2}},
    {6, 0, 2, {0, 2, 1, 2, 1, 2}, {2, 1}},
};

static uint8_t in_bufs[MAX_INPUTS][MAX_ELEMS * 8];
static uint8_t out_buf[MAX_ELEMS * 8 + 8];
static uint8_t want_buf[MAX_ELEMS * 8];

static void run(const cat_case_t *c, size_t es) {
  int32_t dims[MOTE_MAX_DIMS], in_dims[MAX_INPUTS][MOTE_MAX_DIMS];
  mote_concat_params_t p;
  int32_t n_out = 1, k, axis_total = 0;
  size_t offset = 0, b;
  int i, d;

  memcpy(dims, c->dims, sizeof(dims));
  for (i = 0; i < c->n_in; ++i) {
    axis_total += c->axis_sizes[i];
  }
  dims[c->axis] = axis_total;
  for (d = 0; d < c->rank; ++d) {
    n_out *= dims[d];
  }
  CHECK(n_out <= MAX_ELEMS);

  /* Inputs: element k of input i has bytes derived from (i, k). */
  for (i = 0; i < c->n_in; ++i) {
    int32_t n = 1;
    memcpy(in_dims[i], dims, sizeof(dims));
    in_dims[i][c->axis] = c->axis_sizes[i];
    for (d = 0; d < c->rank; ++d) {
      n *= in_dims[i][d];
    }
    for (k = 0; k < n; ++k) {
      for (b = 0; b < es; ++b) {
        in_bufs[i][(size_t)k * es + b] =
            (uint8_t)(i * 61 + k * 7 + (int32_t)b * 3 + 1);
      }
    }
  }

  /* Reference: decode each output index, locate the owning input. */
  for (k = 0; k < n_out; ++k) {
    int32_t coord[MOTE_MAX_DIMS] = {0}, rem = k, a, src = 0;
    for (d = c->rank - 1; d >= 0; --d) {
      coord[d] = rem % dims[d];
      rem /= dims[d];
    }
    a = coord[c->axis];
    for (i = 0; a >= c->axis_sizes[i]; ++i) {
      a -= c->axis_sizes[i];
    }
    coord[c->axis] = a;
    for (d = 0; d < c->rank; ++d) {
      src = src * in_dims[i][d] + coord[d];
    }
    memcpy(want_buf + (size_t)k * es, in_bufs[i] + (size_t)src * es, es);
  }

  /* Under test: outer = dims before the axis, rows from the axis on. */
  p.outer = 1;
  for (d = 0; d < c->axis; ++d) {
    p.outer *= dims[d];
  }
  p.out_row_bytes = es;
  for (d = c->axis; d < c->rank; ++d) {
    p.out_row_bytes *= (size_t)dims[d];
  }
  memset(out_buf, 0xEE, (size_t)n_out * es + 8);
  for (i = 0; i < c->n_in; ++i) {
    size_t row = es;
    for (d = c->axis; d < c->rank; ++d) {
      row *= (size_t)in_dims[i][d];
    }
    mote_concatenation_place(&p, in_bufs[i], row, offset, out_buf);
    offset += row;
  }
  if (memcmp(out_buf, want_buf, (size_t)n_out * es) != 0) {
    fprintf(stderr, "concat mismatch: rank %d axis %d inputs %d elem %u\n",
            c->rank, c->axis, c->n_in, (unsigned)es);
    CHECK(0);
  }
  CHECK(out_buf[(size_t)n_out * es] == 0xEE);
}

static void test_table(void) {
  static const size_t sizes[] = {1, 2, 4, 8};
  size_t c, z;
  for (c = 0; c < sizeof(cases) / sizeof(cases[0]); ++c) {
    for (z = 0; z < 4; ++z) {
      run(&cases[c], sizes[z]);
    }
  }
}

static void test_audio_preprocessor_values(void) {
  /* int32 zeros[5] ++ x[236] ++ zeros[16], as the audio front-end pads its
   * spectrum back to 257 bins. */
  static int32_t head[5], tail[16], mid[236], out[257];
  mote_concat_params_t p = {1, sizeof(out)};
  int i;
  for (i = 0; i < 236; ++i) {
    mid[i] = 1000 + i;
  }
  memset(out, 0x5A, sizeof(out));
  mote_concatenation_place(&p, head, sizeof(head), 0, out);
  mote_concatenation_place(&p, mid, sizeof(mid), sizeof(head), out);
  mote_concatenation_place(&p, tail, sizeof(tail), sizeof(head) + sizeof(mid),
                           out);
  for (i = 0; i < 257; ++i) {
    CHECK_EQ_INT(out[i], (i >= 5 && i < 241) ? 1000 + (i - 5) : 0);
  }
}

int main(void) {
  MOTE_RUN(test_table);
  MOTE_RUN(test_audio_preprocessor_values);
  return MOTE_TEST_END();
}
