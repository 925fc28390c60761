/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generator: CIRCULAR_BUFFER (TFLM's streaming custom op), int8,
 * cycles_max 1, a window of 1 to 8 slots. Each case runs at least as
 * many invokes (on the same input) as the window has slots: before that
 * TFLM shows whatever the arena held in the slots not yet written (mote
 * zeros, kernels/test_circular_buffer checks them), so only full windows
 * compare; up to two more invokes scroll slots out. The last case has
 * cycles_max 2: TFLM's kernel then ends the first invoke early
 * (kTfLiteAbort, which its Invoke returns as a failure, so no output can
 * be compared) and mote refuses the option at prepare: refused by both.
 */
#include "cases_gen.h"

void kt_gen_circular_buffer(int index, kt_case_t *c, uint32_t *rng) {
  int32_t shape[4];
  kt_flex_t f;
  shape[0] = 1, shape[1] = 1;
  shape[2] = kt_rand_int(rng, 1, 3);
  shape[3] = kt_rand_int(rng, 1, 24);
  kt_add(c, KT_INPUT, KT_I8, 4, shape);
  shape[1] = index == 0 ? 1 : kt_rand_int(rng, 2, 8);
  kt_add(c, KT_OUTPUT, KT_I8, 4, shape);
  c->invokes = (uint16_t)(shape[1] + index % 3);
  f.n = 0;
  kt_flex_int(&f, "cycles_max", index == 8 ? 2 : 1);
  kt_flex_end(c, &f);
  kt_name_io(c, KT_I8, 1);
  kt_name_n(c, " invokes ", c->invokes);
}
