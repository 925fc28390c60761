/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalDelay (delay.h). TFLM keeps a ring of frame + delay
 * samples per row and writes, reads and discards a frame through it; the
 * same stream comes out of a plain history of `delay` samples: the output
 * is the history followed by the head of the input, and the history
 * becomes the tail of (history, input). Rejected: a ring, which saves the
 * history's shift when delay > frame but needs a read index in state.
 */
#include <string.h>

#include "kernels/signal/delay.h"

void mote_signal_delay_ref(const mote_signal_delay_params_t *p,
                           const int16_t *input, int16_t *history,
                           int16_t *output) {
  const size_t frame = (size_t)p->frame, delay = (size_t)p->delay;
  int32_t r;
  for (r = 0; r < p->rows; ++r) {
    const int16_t *in = input + (size_t)r * frame; /* [frame] */
    int16_t *out = output + (size_t)r * frame;     /* [frame] */
    int16_t *h;                                    /* [delay] */
    if (delay == 0) {
      memcpy(out, in, frame * sizeof *in);
      continue;
    }
    h = history + (size_t)r * delay;
    if (delay <= frame) {
      memcpy(out, h, delay * sizeof *h);
      memcpy(out + delay, in, (frame - delay) * sizeof *in);
      memcpy(h, in + (frame - delay), delay * sizeof *h);
    } else {
      memcpy(out, h, frame * sizeof *h);
      memmove(h, h + frame, (delay - frame) * sizeof *h);
      memcpy(h + (delay - frame), in, frame * sizeof *in);
    }
  }
}
