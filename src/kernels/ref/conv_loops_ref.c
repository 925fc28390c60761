/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The reference convolutions' pixel loop; the design note is in
 * conv_loops.h.
 */
#include "kernels/ref/conv_loops.h"

void mote_conv_each_pixel(const mote_conv_params_t *p,
                          mote_conv_pixel_fn *pixel, size_t elem,
                          const void *input, const void *filter,
                          const void *bias, void *output) {
  const uint8_t *in = (const uint8_t *)input;
  uint8_t *out = (uint8_t *)output;
  const size_t in_batch = elem * (size_t)mote_conv_in_index(p, 1, 0, 0);
  const size_t out_pixel = elem * (size_t)p->out_c;
  int32_t b, oy, ox;
  for (b = 0; b < p->batches; ++b, in += in_batch) {
    for (oy = 0; oy < p->out_h; ++oy) {
      for (ox = 0; ox < p->out_w; ++ox, out += out_pixel) {
        mote_conv_window_t w;
        mote_conv_window(p, oy, ox, &w);
        pixel(p, &w, in, filter, bias, out);
      }
    }
  }
}
