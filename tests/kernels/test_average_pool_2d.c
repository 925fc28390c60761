/* SPDX-License-Identifier: Apache-2.0 */
/*
 * AVERAGE_POOL_2D kernels against a direct evaluation of the definition:
 * every filter tap visited, taps in the padding skipped and not counted,
 * the integer mean as the exact quotient rounded half away from zero, the
 * float mean summed in the same tap order and divided by the count.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arith_ref.h"
#include "kernels/pooling.h"
#include "pool_ref.h"
#include "test.h"

#define MAXN 4096

/* fn_call: the bound implementation of fn with the scratch it asks for. */
#define AVG_CALL(fn, T)                                                        \
  static void fn##_call(const mote_pool_params_t *p, const T *in, T *out) {    \
    const size_t n = fn##_scratch_bytes(p);                                    \
    void *scratch = n > 0 ? malloc(n) : NULL;                                  \
    fn(p, in, out, scratch);                                                   \
    free(scratch);                                                             \
  }
AVG_CALL(mote_avg_pool_s8, int8_t)
AVG_CALL(mote_avg_pool_s16, int16_t)
AVG_CALL(mote_avg_pool_f32, float)

/* Sum and tap count of output (b, oy, ox, ch); float sum in tap order. */
static int32_t window_sum(const mote_pool_params_t *p, const int32_t *vals,
                          const float *fvals, int32_t b, int32_t oy,
                          int32_t ox, int32_t ch, int64_t *sum, float *fsum) {
  int32_t fy, fx, count = 0;
  *sum = 0;
  *fsum = 0.0f;
  for (fy = 0; fy < p->filter_h; ++fy) {
    for (fx = 0; fx < p->filter_w; ++fx) {
      const int32_t at = ref_pool_at(p, b, oy * p->stride_h - p->pad_h + fy,
                                     ox * p->stride_w - p->pad_w + fx, ch);
      if (at >= 0) {
        *sum += vals[at];
        *fsum += fvals[at];
        ++count;
      }
    }
  }
  return count;
}

static void run_cases(int type) { /* 0 int8, 1 int16, 2 float32 */
  static int32_t vals[MAXN];
  static int8_t in8[MAXN], out8[MAXN];
  static int16_t in16[MAXN], out16[MAXN];
  static float inf[MAXN], outf[MAXN];
  size_t ci;
  for (ci = 0; ci < NPOOL; ++ci) {
    mote_pool_params_t p;
    int32_t n, i, b, oy, ox, ch, o = 0;
    if (type == 1) {
      ref_pool_params(&pool_cases[ci], 0.001f, 0, INT16_MIN, INT16_MAX, &p);
    } else {
      ref_pool_params(&pool_cases[ci], 0.05f, -10, INT8_MIN, INT8_MAX, &p);
    }
    n = p.batches * p.in_h * p.in_w * p.depth;
    for (i = 0; i < n; ++i) {
      vals[i] = type == 1 ? ref_rand_range(INT16_MIN, INT16_MAX)
                          : ref_rand_range(INT8_MIN, INT8_MAX);
      in8[i] = (int8_t)vals[i];
      in16[i] = (int16_t)vals[i];
      inf[i] = ref_rand_float(10.0f);
    }
    if (type == 0) {
      mote_avg_pool_s8_call(&p, in8, out8);
    } else if (type == 1) {
      mote_avg_pool_s16_call(&p, in16, out16);
    } else {
      mote_avg_pool_f32_call(&p, inf, outf);
    }
    for (b = 0; b < p.batches; ++b) {
      for (oy = 0; oy < p.out_h; ++oy) {
        for (ox = 0; ox < p.out_w; ++ox) {
          for (ch = 0; ch < p.depth; ++ch, ++o) {
            int64_t sum;
            float fsum;
            const int32_t count =
                window_sum(&p, vals, inf, b, oy, ox, ch, &sum, &fsum);
            CHECK(count > 0);
            if (type == 2) {
              float want = fsum / (float)count;
              want = want < p.act_min_f ? p.act_min_f : want;
              want = want > p.act_max_f ? p.act_max_f : want;
              CHECK(outf[o] == want);
            } else {
              const int32_t want = ref_clamp(
                  (int64_t)ref_round((long double)sum / count), p.act_min,
                  p.act_max);
              CHECK_EQ_INT(type == 0 ? out8[o] : out16[o], want);
            }
          }
        }
      }
    }
  }
}

static void test_avg_pool_s8(void) { run_cases(0); }
static void test_avg_pool_s16(void) { run_cases(1); }
static void test_avg_pool_f32(void) { run_cases(2); }

static void test_avg_pool_ties(void) {
  /* One 2x2 window, six channels: sums 3, 2, -2, -3, 1, -1 over 4 taps,
   * i.e. 0.75, 0.5, -0.5, -0.75, 0.25, -0.25 -> 1, 1, -1, -1, 0, 0. */
  static const int8_t in[4 * 6] = {1, 1, -1, -1, 1, -1,  /* (0,0) */
                                   2, 1, -1, -2, 0, 0,   /* (0,1) */
                                   0, 0, 0, 0, 0, 0,     /* (1,0) */
                                   0, 0, 0, 0, 0, 0};    /* (1,1) */
  static const int8_t want[6] = {1, 1, -1, -1, 0, 0};
  const pool_case_t c = {1, 2, 2, 6, 2, 2, 2, 2, 0, 0};
  mote_pool_params_t p;
  int8_t out[6];
  ref_pool_params(&c, 1.0f, 0, INT8_MIN, INT8_MAX, &p);
  CHECK_EQ_INT(p.out_h, 1);
  mote_avg_pool_s8_call(&p, in, out);
  CHECK(memcmp(out, want, sizeof(want)) == 0);
}

int main(void) {
  MOTE_RUN(test_avg_pool_s8);
  MOTE_RUN(test_avg_pool_s16);
  MOTE_RUN(test_avg_pool_f32);
  MOTE_RUN(test_avg_pool_ties);
  return MOTE_TEST_END();
}
