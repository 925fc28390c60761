/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Helium 1x1 GEMM of conv_2d_arm_mve.c as an entry of its own, for
 * FULLY_CONNECTED (fully_connected_arm_mve.c): calling it rather than the
 * whole convolution keeps im2col, the general pixel loop and the
 * reference fallback out of firmware that has no CONV_2D (1.5 KB on a
 * FULLY_CONNECTED-only Cortex-M55 build).
 */
#ifndef MOTE_KERNELS_ARM_MVE_MVE_CONV_H
#define MOTE_KERNELS_ARM_MVE_MVE_CONV_H

#include <stdint.h>

#include "kernels/conv_params.h"

/*
 * A 1x1 layer without padding and with filter_c == in_c: each output
 * pixel's in_c channels against out_c filter rows. `sums` holds out_c
 * (rounded up to 4) words: bias + input offset x the row's sum, formed
 * here unless p->reuse_scratch says they already are (then `bias` is not
 * read).
 */
void mote_mve_conv_1x1_s8(const mote_conv_params_t *p, const int8_t *input,
                          const int8_t *filter, const int32_t *bias,
                          int8_t *output, int32_t *sums);

#endif /* MOTE_KERNELS_ARM_MVE_MVE_CONV_H */
