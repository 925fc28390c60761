/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND (space_batch.h), in
 * TFLite's loop order: SPACE_TO_BATCH_ND walks the output and writes each
 * pixel once (copied, or pad bytes); BATCH_TO_SPACE_ND walks the input and
 * skips the cropped pixels, which covers the whole output because the
 * glue checked the shapes agree.
 */
#include <string.h>

#include "kernels/space_batch.h"

/* Byte offset of pixel (b, y, x) in an NHWC tensor of dims d. */
static size_t pixel_at(const int32_t *d, int32_t b, int32_t y, int32_t x,
                       size_t pixel) {
  return (((size_t)b * (size_t)d[1] + (size_t)y) * (size_t)d[2] + (size_t)x) *
         pixel;
}

void mote_space_to_batch_ref(const mote_space_batch_params_t *p, const void *in,
                             void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out;
  const size_t pixel = (size_t)p->out[3] * p->elem_size;
  int32_t ob, oy, ox;
  for (ob = 0; ob < p->out[0]; ++ob) {
    const int32_t ib = ob % p->in[0];
    const int32_t shift_w = (ob / p->in[0]) % p->block_w;
    const int32_t shift_h = (ob / p->in[0]) / p->block_w;
    for (oy = 0; oy < p->out[1]; ++oy) {
      const int32_t iy = oy * p->block_h + shift_h - p->top;
      for (ox = 0; ox < p->out[2]; ++ox) {
        const int32_t ix = ox * p->block_w + shift_w - p->left;
        if (iy < 0 || iy >= p->in[1] || ix < 0 || ix >= p->in[2]) {
          memset(dst, p->pad_byte, pixel);
        } else {
          memcpy(dst, src + pixel_at(p->in, ib, iy, ix, pixel), pixel);
        }
        dst += pixel;
      }
    }
  }
}

void mote_batch_to_space_ref(const mote_space_batch_params_t *p, const void *in,
                             void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out;
  const size_t pixel = (size_t)p->in[3] * p->elem_size;
  int32_t ib, iy, ix;
  for (ib = 0; ib < p->in[0]; ++ib) {
    const int32_t ob = ib % p->out[0];
    const int32_t shift = ib / p->out[0];
    for (iy = 0; iy < p->in[1]; ++iy) {
      const int32_t oy = iy * p->block_h + shift / p->block_w - p->top;
      if (oy < 0 || oy >= p->out[1]) {
        continue;
      }
      for (ix = 0; ix < p->in[2]; ++ix) {
        const int32_t ox = ix * p->block_w + shift % p->block_w - p->left;
        if (ox < 0 || ox >= p->out[2]) {
          continue;
        }
        memcpy(dst + pixel_at(p->out, ob, oy, ox, pixel),
               src + pixel_at(p->in, ib, iy, ix, pixel), pixel);
      }
    }
  }
}
