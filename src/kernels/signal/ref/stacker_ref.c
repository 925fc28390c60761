/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SignalStacker (stacker.h). TFLM keeps the frames in a ring
 * of width frames; here they stay in order at the start of the buffer
 * and a drop moves the rest down, so the output is one copy.
 */
#include <string.h>

#include "kernels/signal/stacker.h"

void mote_signal_stacker_ref(const mote_signal_stacker_params_t *p,
                             const int16_t *input, int16_t *pending,
                             mote_signal_stacker_state_t *state,
                             int16_t *output, bool *ready) {
  const size_t frame = (size_t)p->channels; /* values per frame */
  const size_t width = (size_t)p->width * frame;
  size_t have = (size_t)state->frames * frame;
  const int32_t copies = state->started ? 1 : 1 + p->left;
  int32_t i;
  for (i = 0; i < copies; ++i) {
    memcpy(pending + have, input, frame * sizeof *input);
    have += frame;
  }
  state->started = 1;
  if (have == width) {
    const size_t drop = (size_t)p->step * frame;
    memcpy(output, pending, width * sizeof *output);
    have -= drop;
    memmove(pending, pending + drop, have * sizeof *pending);
    *ready = true;
  } else {
    memset(output, 0, width * sizeof *output);
    *ready = false;
  }
  state->frames = (int32_t)(have / frame);
}
