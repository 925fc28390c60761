/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The output-pixel loop the reference CONV_2D and DEPTHWISE_CONV_2D share.
 *
 * Both visit output pixels in NHWC order and write every channel of a
 * pixel before the next, so one loop serves both ops and every type: it
 * computes the pixel's window (the taps inside the input, so that the
 * per-pixel work has no bounds checks) and hands it to a per-variant
 * function. The indirect call is once per pixel, against out_c windows
 * of MACs, and it is deliberate: a pixel function compiled apart keeps
 * its inner loop in registers, where one inlined nest spills (measured:
 * 7 instead of 6 instructions per int8 MAC on Cortex-M4 at -O2). Sharing
 * the loop keeps the traversal (and so the float summation order)
 * provably the same in every variant. Reference-only: optimized
 * implementations schedule their own loops.
 */
#ifndef MOTE_KERNELS_REF_CONV_LOOPS_H
#define MOTE_KERNELS_REF_CONV_LOOPS_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/conv_params.h"

/* Writes the out_c outputs of one pixel at `out`. `in` is the input at
 * (batch, 0, 0, 0); `w` the pixel's window. */
typedef void mote_conv_pixel_fn(const mote_conv_params_t *p,
                                const mote_conv_window_t *w, const void *in,
                                const void *filter, const void *bias,
                                void *out);

/* Every output pixel of every batch, in order. `elem` is the byte size of
 * an input and output element. */
void mote_conv_each_pixel(const mote_conv_params_t *p,
                          mote_conv_pixel_fn *pixel, size_t elem,
                          const void *input, const void *filter,
                          const void *bias, void *output);

/* Offset of the input element under tap (ky, kx) of window `w`, channel
 * 0, from the batch's first element. */
static inline ptrdiff_t mote_conv_tap_index(const mote_conv_params_t *p,
                                            const mote_conv_window_t *w,
                                            int32_t ky, int32_t kx) {
  return mote_conv_in_index(p, 0, w->y0 + p->dilation_h * ky,
                            w->x0 + p->dilation_w * kx);
}

#endif /* MOTE_KERNELS_REF_CONV_LOOPS_H */
