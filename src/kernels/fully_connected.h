/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FULLY_CONNECTED compute functions: the seam between the op's glue
 * (fully_connected.c) and its implementations (impl.h).
 *
 * Layouts (row-major, as TFLite):
 *   input  [batches][accum_depth]
 *   filter [out_depth][accum_depth]
 *   bias   [out_depth] or NULL
 *   output [batches][out_depth]
 * The integer variants accumulate sum(filter * (input + input_offset)) +
 * bias exactly (int32 wrapping, or int64 for 16x8 with an int64 bias),
 * then requantize through p->out.rq (channel = output row): TFLite's
 * MultiplyByQuantizedMultiplier, the output zero point, the fused
 * activation clamp. Filters are symmetric (zero point 0), as TFLite Micro
 * requires. Float sums run in index order, the bias added last, then the
 * clamp. `scratch` holds *_scratch_bytes(p) bytes (NULL when 0), 16-byte
 * aligned. None of these validate or fail: the glue has checked.
 */
#ifndef MOTE_KERNELS_FULLY_CONNECTED_H
#define MOTE_KERNELS_FULLY_CONNECTED_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/core/requant.h"
#include "kernels/impl.h"

typedef struct mote_fc_params {
  int32_t batches;
  int32_t out_depth;
  int32_t accum_depth;
  int32_t input_offset; /* minus the input zero point; 0 for int16 */
  /* A variant uses one or the other, so they share bytes: a
   * FULLY_CONNECTED layer's op data is 8 bytes smaller on 32-bit CPUs,
   * which is 5% of a small MLP's arena. */
  union {
    mote_requant_t rq; /* integer variants: [out_depth] or per-tensor */
    struct {
      float min, max;  /* float32: the fused activation clamp */
    } act_f;
  } out;
#ifdef MOTE_IMPL_FC_S8_PRECOMPUTE
  /* int8: what mote_fc_s8_precompute derived in prepare from the constant
   * filter and bias (implementation-defined contents, read-only at
   * invoke), or NULL: none, the implementation derives it per invoke.
   * Only in builds whose bound implementation precomputes: elsewhere the
   * pointer would cost every FULLY_CONNECTED layer arena for nothing. */
  const void *precomputed;
#endif
} mote_fc_params_t;

typedef size_t mote_fc_scratch_fn(const mote_fc_params_t *p);
/* Persistent bytes an int8 implementation wants for what it derives from
 * the constant filter and bias (0: none), and the function that derives
 * it into `mem` (8-byte aligned, that many bytes) in prepare; p is
 * complete but for p->precomputed. See impl.h. */
typedef size_t mote_fc_persistent_fn(const mote_fc_params_t *p);
typedef void mote_fc_s8_precompute_fn(const mote_fc_params_t *p,
                                      const int8_t *filter,
                                      const int32_t *bias, void *mem);
typedef void mote_fc_s8_fn(const mote_fc_params_t *p, const int8_t *input,
                           const int8_t *filter, const int32_t *bias,
                           int8_t *output, void *scratch);
/* 16x8 with an int64 bias (int64 sum, the int64 rescale; shifts <= 14). */
typedef void mote_fc_s16_fn(const mote_fc_params_t *p, const int16_t *input,
                            const int8_t *filter, const int64_t *bias,
                            int16_t *output, void *scratch);
/* 16x8 with an int32 bias or none: TFLM's int32 sum and rescale. */
typedef void mote_fc_s16_b32_fn(const mote_fc_params_t *p, const int16_t *input,
                                const int8_t *filter, const int32_t *bias,
                                int16_t *output, void *scratch);
typedef void mote_fc_f32_fn(const mote_fc_params_t *p, const float *input,
                            const float *filter, const float *bias,
                            float *output, void *scratch);

mote_fc_s8_fn mote_fc_s8_ref;
mote_fc_s16_fn mote_fc_s16_ref;
mote_fc_s16_b32_fn mote_fc_s16_b32_ref;
mote_fc_f32_fn mote_fc_f32_ref;

#ifdef MOTE_IMPL_FC_S8
#define mote_fc_s8 MOTE_IMPL_NAME(fc_s8, MOTE_IMPL_FC_S8)
#define mote_fc_s8_scratch_bytes MOTE_IMPL_SCRATCH_NAME(fc_s8, MOTE_IMPL_FC_S8)
mote_fc_s8_fn mote_fc_s8;
mote_fc_scratch_fn mote_fc_s8_scratch_bytes;
#else
#define mote_fc_s8 mote_fc_s8_ref
#define mote_fc_s8_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_FC_S8_PRECOMPUTE
#define mote_fc_s8_persistent_bytes                                            \
  MOTE_IMPL_PERSISTENT_NAME(fc_s8, MOTE_IMPL_FC_S8_PRECOMPUTE)
#define mote_fc_s8_precompute                                                  \
  MOTE_IMPL_PRECOMPUTE_NAME(fc_s8, MOTE_IMPL_FC_S8_PRECOMPUTE)
mote_fc_persistent_fn mote_fc_s8_persistent_bytes;
mote_fc_s8_precompute_fn mote_fc_s8_precompute;
#else
#define mote_fc_s8_persistent_bytes(p) ((void)(p), (size_t)0)
#define mote_fc_s8_precompute(p, filter, bias, mem)                            \
  ((void)(p), (void)(filter), (void)(bias), (void)(mem))
#endif
#ifdef MOTE_IMPL_FC_S16
#define mote_fc_s16 MOTE_IMPL_NAME(fc_s16, MOTE_IMPL_FC_S16)
#define mote_fc_s16_scratch_bytes                                              \
  MOTE_IMPL_SCRATCH_NAME(fc_s16, MOTE_IMPL_FC_S16)
mote_fc_s16_fn mote_fc_s16;
mote_fc_scratch_fn mote_fc_s16_scratch_bytes;
#else
#define mote_fc_s16 mote_fc_s16_ref
#define mote_fc_s16_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_FC_S16_B32
#define mote_fc_s16_b32 MOTE_IMPL_NAME(fc_s16_b32, MOTE_IMPL_FC_S16_B32)
#define mote_fc_s16_b32_scratch_bytes                                          \
  MOTE_IMPL_SCRATCH_NAME(fc_s16_b32, MOTE_IMPL_FC_S16_B32)
mote_fc_s16_b32_fn mote_fc_s16_b32;
mote_fc_scratch_fn mote_fc_s16_b32_scratch_bytes;
#else
#define mote_fc_s16_b32 mote_fc_s16_b32_ref
#define mote_fc_s16_b32_scratch_bytes(p) ((void)(p), (size_t)0)
#endif
#ifdef MOTE_IMPL_FC_F32
#define mote_fc_f32 MOTE_IMPL_NAME(fc_f32, MOTE_IMPL_FC_F32)
#define mote_fc_f32_scratch_bytes                                              \
  MOTE_IMPL_SCRATCH_NAME(fc_f32, MOTE_IMPL_FC_F32)
mote_fc_f32_fn mote_fc_f32;
mote_fc_scratch_fn mote_fc_f32_scratch_bytes;
#else
#define mote_fc_f32 mote_fc_f32_ref
#define mote_fc_f32_scratch_bytes(p) ((void)(p), (size_t)0)
#endif

#endif /* MOTE_KERNELS_FULLY_CONNECTED_H */
