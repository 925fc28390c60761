/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference FLOOR_DIV and FLOOR_MOD (floor_div_mod.h): TFLM's reference
 * functions, one output element at a time over the shared broadcast walk.
 */
#include <math.h>

#include "kernels/floor_div_mod.h"

static float floor_div(int k, float x, float y) {
  (void)k;
  return (float)floor((double)x / (double)y);
}

/* fmod is exact, so float and double give the same remainder. */
static float floor_mod(int k, float x, float y) {
  const float r = fmodf(x, y);
  (void)k;
  return r != 0.0f && ((y < 0.0f) != (r < 0.0f)) ? r + y : r;
}

void mote_floor_div_f32_ref(const mote_bcast_t *b, const float *in1,
                            const float *in2, float *out) {
  MOTE_BCAST_WALK(b, float, in1, in2, out, floor_div, 0, 0);
}

void mote_floor_mod_f32_ref(const mote_bcast_t *b, const float *in1,
                            const float *in2, float *out) {
  MOTE_BCAST_WALK(b, float, in1, in2, out, floor_mod, 0, 0);
}
