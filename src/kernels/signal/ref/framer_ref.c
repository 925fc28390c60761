/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalFramer (framer.h). TFLM runs each row through a ring
 * buffer of `capacity` samples; here the pending samples stay in order
 * at the start of the row's buffer and dropping `step` of them moves the
 * rest down, which gives the same frames with no read index to keep.
 * The count is the same for every row (they all see the same number of
 * samples), so one count serves them all.
 */
#include <string.h>

#include "kernels/signal/framer.h"

void mote_signal_framer_ref(const mote_signal_framer_params_t *p,
                            const int16_t *input, int16_t *pending,
                            int32_t *count, int16_t *output, bool *ready) {
  const size_t size = (size_t)p->size, step = (size_t)p->step;
  size_t have = 0;
  int32_t r, f;
  *ready = true;
  for (r = 0; r < p->rows; ++r) {
    int16_t *buf = pending + (size_t)r * (size_t)p->capacity; /* [capacity] */
    have = (size_t)p->prefill + (size_t)*count;
    for (f = 0; f < p->frames; ++f) {
      const size_t at = (size_t)r * (size_t)p->frames + (size_t)f;
      int16_t *out = output + at * size; /* [size] */
      memcpy(buf + have, input + at * step, step * sizeof *buf);
      have += step;
      if (have >= size) {
        memcpy(out, buf, size * sizeof *buf);
        have -= step;
        memmove(buf, buf + step, have * sizeof *buf);
      } else {
        memset(out, 0, size * sizeof *out);
        *ready = false;
      }
    }
  }
  *count = (int32_t)have - p->prefill;
}
