/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The prepare-time glue AVERAGE_POOL_2D and MAX_POOL_2D share, and the op
 * data both keep. The compute side (parameters, windows) is pooling.h.
 */
#ifndef MOTE_KERNELS_POOL_COMMON_H
#define MOTE_KERNELS_POOL_COMMON_H

#include <stdint.h>

#include "kernels/pooling.h"
#include "mote/kernel.h"

/* Per-operator state, in persistent arena memory. */
typedef struct mote_pool_op {
  mote_pool_params_t p;
  int32_t scratch; /* scratch buffer index, or -1 for none */
  uint8_t type;    /* mote_type_t of input and output */
} mote_pool_op_t;

/*
 * The prepare both operators run: reads Pool2DOptions, checks one 4-D
 * input and output of the same type (float32, int8 or int16; integers
 * with the same scale and zero point), that the output shape is the one
 * SAME / VALID padding gives, and keeps the params (padding, activation
 * range) and the element type in persistent memory as the op's user
 * data, returned in *op with no scratch. Fails through mote_kctx_fail()
 * with the reason.
 */
mote_status_t mote_pool_prepare(mote_kctx_t *ctx, mote_pool_op_t **op);

#endif /* MOTE_KERNELS_POOL_COMMON_H */
