/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalOverlapAdd (overlap_add.h), both types: add the frame
 * onto the row's running sum, emit its first `step` samples, move the
 * rest down and zero the tail. The int16 and float32 loops differ only
 * in the addition (saturating or not); a macro for both was rejected as
 * harder to read than two short functions.
 */
#include <string.h>

#include "kernels/signal/overlap_add.h"

/* Emits the first step samples of sum and shifts it by step (bytes per
 * sample `elem`): the part common to both types. */
static void emit_and_shift(void *sum, void *out, size_t size, size_t step,
                           size_t elem) {
  memcpy(out, sum, step * elem);
  memmove(sum, (uint8_t *)sum + step * elem, (size - step) * elem);
  memset((uint8_t *)sum + (size - step) * elem, 0, step * elem);
}

void mote_signal_overlap_add_s16_ref(const mote_signal_overlap_add_params_t *p,
                                     const int16_t *input, int16_t *sum,
                                     int16_t *output) {
  const size_t size = (size_t)p->size, step = (size_t)p->step;
  int32_t r, f;
  for (r = 0; r < p->rows; ++r) {
    int16_t *s = sum + (size_t)r * size; /* [size] */
    for (f = 0; f < p->frames; ++f) {
      const size_t at = (size_t)r * (size_t)p->frames + (size_t)f;
      const int16_t *in = input + at * size; /* [size] */
      size_t i;
      for (i = 0; i < size; ++i) {
        const int32_t v = (int32_t)s[i] + in[i];
        s[i] = (int16_t)(v < INT16_MIN ? INT16_MIN
                                       : (v > INT16_MAX ? INT16_MAX : v));
      }
      emit_and_shift(s, output + at * step, size, step, sizeof *s);
    }
  }
}

void mote_signal_overlap_add_f32_ref(const mote_signal_overlap_add_params_t *p,
                                     const float *input, float *sum,
                                     float *output) {
  const size_t size = (size_t)p->size, step = (size_t)p->step;
  int32_t r, f;
  for (r = 0; r < p->rows; ++r) {
    float *s = sum + (size_t)r * size; /* [size] */
    for (f = 0; f < p->frames; ++f) {
      const size_t at = (size_t)r * (size_t)p->frames + (size_t)f;
      const float *in = input + at * size; /* [size] */
      size_t i;
      for (i = 0; i < size; ++i) {
        s[i] += in[i];
      }
      emit_and_shift(s, output + at * step, size, step, sizeof *s);
    }
  }
}
