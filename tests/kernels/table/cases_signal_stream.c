/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the TFLM signal library's streaming ops, whose output
 * depends on earlier invokes (SignalDelay). Every case runs several
 * invokes on the same input, so the state has wrapped, shifted or filled
 * by the last one, which is the one compared; kernels/test_signal_stream
 * feeds a different input each time and checks the order of samples and
 * mote_interp_reset_state().
 */
#include "cases_gen.h"

/* A shape of rank 1 to 3 whose innermost dimension is `inner`. */
static int stream_input(kt_case_t *c, uint32_t *rng, int type, int32_t inner,
                        int32_t *shape) {
  const int rank = kt_rand_int(rng, 1, 3);
  int d;
  for (d = 0; d + 1 < rank; ++d) {
    shape[d] = kt_rand_int(rng, 1, 3);
  }
  shape[rank - 1] = inner;
  return kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
}

void kt_gen_signal_delay(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t frame = kt_rand_int(rng, 1, 40);
  /* No delay, a delay inside one frame, a delay of several frames. */
  const int32_t delay = index % 4 == 0   ? 0
                        : index % 4 == 1 ? kt_rand_int(rng, 1, frame)
                                         : kt_rand_int(rng, frame, 3 * frame);
  int32_t shape[KT_MAX_DIMS];
  const int in = stream_input(c, rng, KT_I16, frame, shape);
  kt_add(c, KT_OUTPUT, KT_I16, c->t[in].rank, shape);
  /* Enough invokes that the input shows through the delay. */
  c->invokes = (uint16_t)(delay / frame + kt_rand_int(rng, 1, 3));
  kt_flex_one(c, "delay_length", delay);
  kt_name_shape(c, in);
  kt_name_n(c, " delay_length ", delay);
  kt_name_n(c, " invokes ", c->invokes);
  if (index >= 8) {
    kt_special_values(c);
  }
}
