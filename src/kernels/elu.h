/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ELU compute functions: the seam between the op's glue (elu.c) and its
 * implementations (impl.h). float32 is x for x >= 0 and expm1(x) below
 * (TFLite's reference, libm's expm1f); int8 maps each input byte through
 * a 256-entry table the glue builds at prepare, as TFLite Micro does. No
 * validation, no failure, no scratch.
 */
#ifndef MOTE_KERNELS_ELU_H
#define MOTE_KERNELS_ELU_H

#include <stdint.h>

#include "kernels/impl.h"

/* output[i] = ELU(input[i]) for i < n; output may be input. */
typedef void mote_elu_f32_fn(const float *input, float *output, int32_t n);
/* output[i] = table[(uint8_t)input[i]] for i < n; output may be input. */
typedef void mote_elu_s8_fn(const int8_t *table, const int8_t *input,
                            int8_t *output, int32_t n);

mote_elu_f32_fn mote_elu_f32_ref;
mote_elu_s8_fn mote_elu_s8_ref;

#ifdef MOTE_IMPL_ELU_F32
#define mote_elu_f32 MOTE_IMPL_NAME(elu_f32, MOTE_IMPL_ELU_F32)
mote_elu_f32_fn mote_elu_f32;
#else
#define mote_elu_f32 mote_elu_f32_ref
#endif
#ifdef MOTE_IMPL_ELU_S8
#define mote_elu_s8 MOTE_IMPL_NAME(elu_s8, MOTE_IMPL_ELU_S8)
mote_elu_s8_fn mote_elu_s8;
#else
#define mote_elu_s8 mote_elu_s8_ref
#endif

#endif /* MOTE_KERNELS_ELU_H */
