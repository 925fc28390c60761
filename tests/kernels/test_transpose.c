/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TRANSPOSE tests: every permutation of ranks 0-4, a sample of 5-D and 6-D
 * permutations, element sizes 1/2/4/8/16, and misaligned buffers. The
 * expected output is built independently: for each output element its
 * multi-index is decoded, mapped back through the permutation and the
 * input element at that index is taken (out[i] = in[j], j[perm[d]] = i[d]).
 */
#include <stdint.h>
#include <string.h>

#include "kernels/transpose.h"
#include "test.h"

#define MAX_ELEMS 800

/* Unions keep skew 0 aligned so that the typed-load path is exercised. */
static union {
  uint8_t b[MAX_ELEMS * 16 + 16];
  uint64_t align_;
} in_u;
static union {
  uint8_t b[MAX_ELEMS * 16 + 32];
  uint64_t align_;
} out_u;
static uint8_t want_buf[MAX_ELEMS * 16];
#define in_buf in_u.b
#define out_buf out_u.b

static int32_t count_elems(const int32_t *dims, int rank) {
  int32_t n = 1;
  int d;
  for (d = 0; d < rank; ++d) {
    n *= dims[d];
  }
  return n;
}

/* Runs one case; in/out start `skew` bytes into their buffers. */
static void run(const int32_t *in_dims, const int32_t *perm, int rank,
                size_t es, size_t skew) {
  mote_transpose_params_t p;
  int32_t out_dims[MOTE_MAX_DIMS], in_stride[MOTE_MAX_DIMS];
  int32_t n = count_elems(in_dims, rank), k;
  uint8_t *in = in_buf + skew, *out = out_buf + skew;
  int d;
  size_t b;

  memset(&p, 0, sizeof(p));
  p.rank = (uint8_t)rank;
  p.elem_size = es;
  for (d = 0; d < rank; ++d) {
    p.in_dims[d] = in_dims[d];
    p.perm[d] = perm[d];
    out_dims[d] = in_dims[perm[d]];
  }
  for (d = rank - 1, k = 1; d >= 0; --d) {
    in_stride[d] = k;
    k *= in_dims[d];
  }
  for (k = 0; k < n; ++k) {
    for (b = 0; b < es; ++b) {
      in[(size_t)k * es + b] = (uint8_t)(k * 13 + (int32_t)b * 101 + 7);
    }
  }
  for (k = 0; k < n; ++k) {
    int32_t rem = k, src = 0;
    for (d = rank - 1; d >= 0; --d) {
      src += (rem % out_dims[d]) * in_stride[perm[d]];
      rem /= out_dims[d];
    }
    memcpy(want_buf + (size_t)k * es, in + (size_t)src * es, es);
  }
  memset(out, 0xEE, (size_t)n * es + 8);
  mote_transpose(&p, in, out);
  if (memcmp(out, want_buf, (size_t)n * es) != 0) {
    fprintf(stderr, "rank %d elem %u skew %u perm", rank, (unsigned)es,
            (unsigned)skew);
    for (d = 0; d < rank; ++d) {
      fprintf(stderr, " %d", (int)perm[d]);
    }
    fprintf(stderr, ": mismatch\n");
    CHECK(0);
  }
  CHECK(out[(size_t)n * es] == 0xEE);
}

/* Calls run() for every permutation of 0..rank-1 (Heap's algorithm). */
static void all_perms(const int32_t *dims, int rank, size_t es, size_t skew) {
  int32_t perm[MOTE_MAX_DIMS] = {0};
  int c[MOTE_MAX_DIMS] = {0};
  int i = 1, d;
  for (d = 0; d < rank; ++d) {
    perm[d] = d;
  }
  run(dims, perm, rank, es, skew);
  while (i < rank) {
    if (c[i] < i) {
      int j = (i % 2 == 0) ? 0 : c[i];
      int32_t t = perm[j];
      perm[j] = perm[i];
      perm[i] = t;
      run(dims, perm, rank, es, skew);
      ++c[i];
      i = 1;
    } else {
      c[i] = 0;
      ++i;
    }
  }
}

static void test_all_perms_small_ranks(void) {
  static const int32_t shapes[][4] = {
      {1, 1, 1, 1}, {5, 1, 1, 1}, {2, 3, 1, 1}, {3, 1, 4, 1},
      {2, 3, 4, 1}, {2, 3, 4, 5}, {1, 3, 1, 5}, {4, 1, 3, 2}};
  static const int ranks[] = {0, 1, 2, 2, 3, 4, 4, 4};
  static const size_t sizes[] = {1, 2, 4, 8, 16};
  size_t s, z;
  for (s = 0; s < sizeof(ranks) / sizeof(ranks[0]); ++s) {
    for (z = 0; z < sizeof(sizes) / sizeof(sizes[0]); ++z) {
      all_perms(shapes[s], ranks[s], sizes[z], 0);
    }
  }
}

static void test_high_ranks(void) {
  static const int32_t dims5[] = {2, 3, 1, 4, 2};
  static const int32_t dims6[] = {2, 2, 3, 1, 2, 3};
  static const size_t sizes[] = {1, 2, 4};
  size_t z;
  for (z = 0; z < 3; ++z) {
    all_perms(dims5, 5, sizes[z], 0);
    all_perms(dims6, 6, sizes[z], 0);
  }
}

static void test_misaligned(void) {
  /* Constants may sit unaligned in the model buffer. */
  static const int32_t dims[] = {3, 4, 5};
  static const size_t sizes[] = {2, 4, 8};
  size_t z, skew;
  for (z = 0; z < 3; ++z) {
    for (skew = 1; skew < 4; ++skew) {
      all_perms(dims, 3, sizes[z], skew);
    }
  }
}

static void test_mobilenet_nchw_to_nhwc(void) {
  /* mobilenet_v2_int8_224 starts with perm [0, 2, 3, 1] on [1, 3, H, W]. */
  static const int32_t dims[] = {1, 3, 8, 10};
  static const int32_t perm[] = {0, 2, 3, 1};
  run(dims, perm, 4, 1, 0);
}

static void test_zero_sized(void) {
  static const int32_t dims[] = {2, 0, 3};
  static const int32_t perm[] = {2, 0, 1};
  mote_transpose_params_t p;
  memset(&p, 0, sizeof(p));
  p.rank = 3;
  p.elem_size = 4;
  memcpy(p.in_dims, dims, sizeof(dims));
  memcpy(p.perm, perm, sizeof(perm));
  out_buf[0] = 0xEE;
  mote_transpose(&p, in_buf, out_buf);
  CHECK(out_buf[0] == 0xEE);
}

int main(void) {
  MOTE_RUN(test_all_perms_small_ranks);
  MOTE_RUN(test_high_ranks);
  MOTE_RUN(test_misaligned);
  MOTE_RUN(test_mobilenet_nchw_to_nhwc);
  MOTE_RUN(test_zero_sized);
  return MOTE_TEST_END();
}
