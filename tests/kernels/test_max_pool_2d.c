/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MAX_POOL_2D kernels against a direct evaluation of the definition: the
 * largest tap of the window (padding taps skipped), clamped to the
 * activation range.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "arith_ref.h"
#include "kernels/pooling.h"
#include "pool_ref.h"
#include "test.h"

#define MAXN 4096

static void run_cases(int type) { /* 0 int8, 1 int16, 2 float32 */
  static int8_t in8[MAXN], out8[MAXN];
  static int16_t in16[MAXN], out16[MAXN];
  static float inf[MAXN], outf[MAXN];
  size_t ci;
  for (ci = 0; ci < NPOOL; ++ci) {
    mote_pool_params_t p;
    int32_t n, i, b, oy, ox, ch, fy, fx, o = 0;
    if (type == 1) {
      ref_pool_params(&pool_cases[ci], 0.001f, 0, INT16_MIN, INT16_MAX, &p);
    } else {
      ref_pool_params(&pool_cases[ci], 0.05f, -10, INT8_MIN, INT8_MAX, &p);
    }
    n = p.batches * p.in_h * p.in_w * p.depth;
    for (i = 0; i < n; ++i) {
      in8[i] = (int8_t)ref_rand_range(INT8_MIN, INT8_MAX);
      in16[i] = (int16_t)ref_rand_range(INT16_MIN, INT16_MAX);
      inf[i] = ref_rand_float(10.0f);
    }
    if (type == 0) {
      mote_max_pool_s8(&p, in8, out8);
    } else if (type == 1) {
      mote_max_pool_s16(&p, in16, out16);
    } else {
      mote_max_pool_f32(&p, inf, outf);
    }
    for (b = 0; b < p.batches; ++b) {
      for (oy = 0; oy < p.out_h; ++oy) {
        for (ox = 0; ox < p.out_w; ++ox) {
          for (ch = 0; ch < p.depth; ++ch, ++o) {
            int32_t best = INT32_MIN;
            float fbest = -INFINITY;
            for (fy = 0; fy < p.filter_h; ++fy) {
              for (fx = 0; fx < p.filter_w; ++fx) {
                const int32_t at =
                    ref_pool_at(&p, b, oy * p.stride_h - p.pad_h + fy,
                                ox * p.stride_w - p.pad_w + fx, ch);
                if (at < 0) {
                  continue;
                }
                if (type == 0 && in8[at] > best) best = in8[at];
                if (type == 1 && in16[at] > best) best = in16[at];
                if (inf[at] > fbest) fbest = inf[at];
              }
            }
            if (type == 2) {
              fbest = fbest < p.act_min_f ? p.act_min_f : fbest;
              fbest = fbest > p.act_max_f ? p.act_max_f : fbest;
              CHECK(outf[o] == fbest);
            } else {
              CHECK_EQ_INT(type == 0 ? out8[o] : out16[o],
                           ref_clamp(best, p.act_min, p.act_max));
            }
          }
        }
      }
    }
  }
}

static void test_max_pool_s8(void) { run_cases(0); }
static void test_max_pool_s16(void) { run_cases(1); }
static void test_max_pool_f32(void) { run_cases(2); }

static void test_max_pool_edges(void) {
  /* 2x2 window over one channel. All -128: the maximum is -128, and RELU
   * at zero point -128 keeps it. A NaN tap never wins (std::max keeps the
   * running value), so the float result is the largest number. */
  const pool_case_t c = {1, 2, 2, 1, 2, 2, 2, 2, 0, 1};
  mote_pool_params_t p;
  const int8_t in8[4] = {-128, -128, -128, -128};
  const float inf[4] = {-3.0f, NAN, -1.5f, -2.0f};
  int8_t out8[1];
  float outf[1];
  ref_pool_params(&c, 0.5f, -128, INT8_MIN, INT8_MAX, &p);
  CHECK_EQ_INT(p.act_min, -128);
  mote_max_pool_s8(&p, in8, out8);
  CHECK_EQ_INT(out8[0], -128);
  p.act_min_f = -FLT_MAX; /* no activation for the float check */
  mote_max_pool_f32(&p, inf, outf);
  CHECK(outf[0] == -1.5f);
  /* RELU6 at scale 0.5, zero point 0 caps int8 at 12. */
  {
    const pool_case_t c6 = {1, 2, 2, 1, 2, 2, 2, 2, 0, 3};
    const int8_t big[4] = {100, 3, -7, 50};
    ref_pool_params(&c6, 0.5f, 0, INT8_MIN, INT8_MAX, &p);
    CHECK_EQ_INT(p.act_max, 12);
    mote_max_pool_s8(&p, big, out8);
    CHECK_EQ_INT(out8[0], 12);
  }
}

int main(void) {
  MOTE_RUN(test_max_pool_s8);
  MOTE_RUN(test_max_pool_s16);
  MOTE_RUN(test_max_pool_f32);
  MOTE_RUN(test_max_pool_edges);
  return MOTE_TEST_END();
}
