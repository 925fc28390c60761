/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: the TFLM signal library's streaming ops, whose output
 * depends on earlier invokes (SignalDelay, SignalFramer, SignalStacker,
 * SignalOverlapAdd). Every case runs several
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

void kt_gen_signal_framer(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t step = kt_rand_int(rng, 1, 16);
  const int32_t frames = index == 2 ? 1 : kt_rand_int(rng, 1, 4);
  /* Frames shorter than the step (no prefill then), of one step, of a
   * few steps, and between multiples of the step. */
  const int kind = index % 4;
  const int prefill = index % 3 == 1 && kind != 0;
  const int32_t size = kind == 0   ? kt_rand_int(rng, 1, step)
                       : kind == 1 ? step
                       : kind == 2 ? step * kt_rand_int(rng, 2, 4)
                                   : kt_rand_int(rng, step + 1, 4 * step);
  int32_t shape[KT_MAX_DIMS], first;
  kt_flex_t f;
  const int in = stream_input(c, rng, KT_I16, frames * step, shape);
  const int rank = c->t[in].rank;
  shape[rank - 1] = frames;
  shape[rank] = size;
  kt_add(c, KT_OUTPUT, KT_I16, rank + 1, shape);
  kt_add(c, KT_OUTPUT, KT_BOOL, 0, shape);
  /* Without prefill step s (from 0) is the first with a ready frame
   * when s = ceil(size / step) - 1, so from invoke s / frames + 1 on every
   * frame is ready; a frame not ready is TFLM's arena bytes (mote: zeros),
   * so the last invoke is all ready but in case 2, which stops before
   * any frame is (test_op_table lists it as a known difference). */
  first = (size + step - 1) / step - 1;
  c->invokes = (uint16_t)(index == 2 ? (first > 0 ? first : 1)
                                     : first / frames + 1 +
                                           kt_rand_int(rng, 0, 2));
  f.n = 0;
  kt_flex_int(&f, "frame_size", size);
  kt_flex_int(&f, "frame_step", step);
  kt_flex_bool(&f, "prefill", prefill);
  kt_flex_end(c, &f);
  kt_name_shape(c, in);
  kt_name_n(c, " frame_size ", size);
  kt_name_n(c, " frame_step ", step);
  kt_name(c, prefill ? " prefill" : "");
  kt_name_n(c, " invokes ", c->invokes);
  if (index >= 8) {
    kt_special_values(c);
  }
}

void kt_gen_signal_stacker(int index, kt_case_t *c, uint32_t *rng) {
  const int32_t channels = kt_rand_int(rng, 1, 40);
  const int32_t left = kt_rand_int(rng, 0, 4);
  const int32_t right = index % 4 == 0 ? 0 : kt_rand_int(rng, 1, 4);
  const int32_t width = left + 1 + right;
  const int32_t step = index % 3 == 0 ? 1 : kt_rand_int(rng, 1, width);
  kt_flex_t f;
  const int in = kt_add1(c, KT_INPUT, KT_I16, channels);
  int32_t shape[1];
  kt_add1(c, KT_OUTPUT, KT_I16, width * channels);
  kt_add(c, KT_OUTPUT, KT_BOOL, 0, shape);
  /* Outputs are ready at invoke right + 1 (the first input stands in
   * for the left context) and every step invokes after; the ones between
   * are TFLM's arena bytes or its last output (mote: zeros), so the last
   * invoke is a ready one but in case 2, which stops before the first
   * (test_op_table lists it as a known difference). */
  c->invokes = (uint16_t)(index == 2 ? right
                                     : right + 1 + step * kt_rand_int(rng, 0, 2));
  f.n = 0;
  kt_flex_int(&f, "num_channels", channels);
  kt_flex_int(&f, "stacker_left_context", left);
  kt_flex_int(&f, "stacker_right_context", right);
  kt_flex_int(&f, "stacker_step", step);
  kt_flex_end(c, &f);
  kt_name_shape(c, in);
  kt_name_n(c, " context ", left);
  kt_name_n(c, "+", right);
  kt_name_n(c, " step ", step);
  kt_name_n(c, " invokes ", c->invokes);
  if (index >= 8) {
    kt_special_values(c);
  }
}

void kt_gen_signal_overlap_add(int index, kt_case_t *c, uint32_t *rng) {
  const int type = index % 2 ? KT_F32 : KT_I16;
  const int32_t size = kt_rand_int(rng, 1, 40);
  /* A step of 1, of the whole frame (no overlap), and between. */
  const int32_t step = index % 6 < 2   ? 1
                       : index % 6 < 4 ? size
                                       : kt_rand_int(rng, 1, size);
  const int32_t frames = kt_rand_int(rng, 1, 4);
  const int outer = kt_rand_int(rng, 0, 2);
  int32_t shape[KT_MAX_DIMS];
  kt_flex_t f;
  int in, d;
  for (d = 0; d < outer; ++d) {
    shape[d] = kt_rand_int(rng, 1, 3);
  }
  shape[outer] = frames;
  shape[outer + 1] = size;
  in = kt_add(c, KT_INPUT, (uint8_t)type, outer + 2, shape);
  if (index % 4 == 2) { /* quiet: int16 sums that do not saturate */
    kt_range(c, in, -1000, 1000);
  }
  shape[outer] = frames * step;
  kt_add(c, KT_OUTPUT, (uint8_t)type, outer + 1, shape);
  c->invokes = (uint16_t)kt_rand_int(rng, 1, 4);
  f.n = 0;
  kt_flex_int(&f, "T", type);
  kt_flex_int(&f, "frame_step", step);
  kt_flex_end(c, &f);
  kt_name_io(c, type, in);
  kt_name_n(c, " frame_step ", step);
  kt_name_n(c, " invokes ", c->invokes);
  if (index >= 12) {
    kt_special_values(c);
  }
}
