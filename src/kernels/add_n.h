/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ADD_N compute functions: the seam between the op's glue (add_n.c) and
 * its implementations (impl.h). `inputs` holds `n` pointers to tensors of
 * `count` elements each; out[i] is the sum of element i of every input.
 *
 * float32: summed from +0.0 in input order, as TFLM. int8 (one scale and
 * zero point for all inputs): TFLM's ADD_N arithmetic, which brings each
 * (x + offset) << 20 to half scale (offset_multiplier, shift 0 from a real
 * 0.5), starts the sum from the offset so scaled (TFLM's
 * reference does, so the sum carries one extra offset term), adds in
 * 32 bits (wrapping), then scales by multiplier * 2^shift (shift <= 0),
 * adds the output zero point and clamps to int8. No validation, no
 * failure, no scratch.
 */
#ifndef MOTE_KERNELS_ADD_N_H
#define MOTE_KERNELS_ADD_N_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_add_n_params {
  int32_t n, count;
  int32_t input_offset;                     /* minus the input zero point */
  int32_t input_multiplier, input_shift;    /* shift <= 0 */
  int32_t output_multiplier, output_shift;  /* shift <= 0 */
  int32_t output_offset;
} mote_add_n_params_t;

typedef void mote_add_n_f32_fn(const mote_add_n_params_t *p,
                               const float *const *inputs, float *out);
typedef void mote_add_n_s8_fn(const mote_add_n_params_t *p,
                              const int8_t *const *inputs, int8_t *out);

mote_add_n_f32_fn mote_add_n_f32_ref;
mote_add_n_s8_fn mote_add_n_s8_ref;

#define mote_add_n_f32 mote_add_n_f32_ref
#define mote_add_n_s8 mote_add_n_s8_ref

#endif /* MOTE_KERNELS_ADD_N_H */
