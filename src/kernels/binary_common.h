/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The glue ADD, MUL, DIV, MAXIMUM and MINIMUM share: the prepare checks,
 * the op data they keep, and the parameters rebuilt from it at invoke.
 * The compute side (broadcasting, mote_arith_params_t) is broadcast.h.
 *
 * Op data is packed. A mote_bcast_t takes 76 bytes; the canonical shape
 * packs into 28 (mote_bcast_op_t), and unpacking it costs a few dozen
 * instructions per invoke where re-reading three shapes from the model
 * cost far more. Likewise a mote_arith_params_t carries its output
 * scaling as a mote_requant_t, which with the one-entry arrays it points
 * at takes 12 bytes more than the values (20 on a 64-bit host), enough to
 * grow every MUL's op data by 16 bytes or more: the op data keeps the values
 * (mote_binary_op_t) and invoke builds the parameters around them, rq
 * pointing into the op data.
 */
#ifndef MOTE_KERNELS_BINARY_COMMON_H
#define MOTE_KERNELS_BINARY_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/broadcast.h"
#include "kernels/kernel_util.h"
#include "mote/kernel.h"
#include "mote/status.h"
#include "mote/tensor.h"

/* What every element-wise binary kernel keeps of the broadcast: the
 * merged extents, the dimensions each input varies along, and the type.
 * Each such kernel's op data begins with one. */
typedef struct mote_bcast_op {
  int32_t dims[MOTE_MAX_DIMS]; /* as mote_bcast_t.dims */
  uint8_t vary1;               /* bit d: input 1 varies along dims[d] */
  uint8_t vary2;
  uint8_t type; /* mote_type_t of both inputs and the output */
} mote_bcast_op_t;

/* Fills *b from *o: the description mote_bcast_init() gave in prepare. */
void mote_bcast_unpack(const mote_bcast_op_t *o, mote_bcast_t *b);

/* The op data of ADD, MUL and DIV (ADD's continues with its input
 * rescales): the broadcast, then mote_arith_params_t's common fields with
 * rq's entry as values. */
typedef struct mote_binary_op {
  mote_bcast_op_t bc;
  int32_t input1_offset, input2_offset;
  int32_t multiplier; /* rq's one entry */
  int32_t output_offset;
  int32_t act_min, act_max; /* integer clamp (int32 MUL, DIV: the range) */
  float act_min_f, act_max_f;
  int8_t shift; /* rq's one entry */
} mote_binary_op_t;

/* The op data of ADD and SUB: the common part, then each input's rescale
 * to the common scale (mote_addsub_prepare_quant). */
typedef struct mote_addsub_op {
  mote_binary_op_t q;
  int32_t input1_multiplier, input2_multiplier;
  int8_t input1_shift, input2_shift; /* <= 0 */
  int8_t left_shift;
} mote_addsub_op_t;

/*
 * The prepare checks of an element-wise binary operator: 2 inputs and 1
 * output; the builtin options of union type `options_type` into *opt
 * (skipped when opt is NULL); an output type among `types` (MOTE_TYPE_BIT
 * flags), else MOTE_ERR_UNSUPPORTED_TYPE with "output 0 has type T; " and
 * `supported`; inputs of the output's type; and shapes that broadcast to
 * the output (MOTE_ERR_BAD_SHAPE). Fills the three views, then takes
 * `op_bytes` (at least sizeof(mote_bcast_op_t)) of zeroed persistent
 * memory for the op data, fills the mote_bcast_op_t it begins with and
 * returns it in *op. Fails through mote_kctx_fail().
 */
mote_status_t mote_bcast_prepare(mote_kctx_t *ctx, uint8_t options_type,
                                 mote_options_t *opt, uint32_t types,
                                 const char *supported, size_t op_bytes,
                                 void **op, mote_tensor_t *in1,
                                 mote_tensor_t *in2, mote_tensor_t *out);

/* The shape half of mote_bcast_prepare, for kernels that check their
 * tensors' types themselves (the comparisons: a bool output): the
 * broadcast of in1 and in2 to out (MOTE_ERR_BAD_SHAPE otherwise), the op
 * data of `op_bytes` zeroed bytes in *op with its mote_bcast_op_t filled
 * (type: the output's), and each input's share with the output. *op is
 * NULL until allocated. Fails through mote_kctx_fail(). */
mote_status_t mote_bcast_prepare_shape(mote_kctx_t *ctx, size_t op_bytes,
                                       void **op, const mote_tensor_t *in1,
                                       const mote_tensor_t *in2,
                                       const mote_tensor_t *out);

/* TFLM's 4-D broadcast (Broadcast4DSlow*, BroadcastBinaryFunction4DSlow),
 * which the comparisons, logical ops, FLOOR_DIV and FLOOR_MOD take when
 * their inputs' shapes differ, aborts beyond 4-D: MOTE_ERR_BAD_SHAPE
 * through mote_kctx_fail() then, else MOTE_OK (equal shapes: any rank). */
mote_status_t mote_bcast_check_4d(mote_kctx_t *ctx, const mote_tensor_t *in1,
                                  const mote_tensor_t *in2,
                                  const mote_tensor_t *out);

/* MOTE_OK when both inputs and the output have positive scales, else
 * MOTE_ERR_UNSUPPORTED through mote_kctx_fail(): the check before any
 * rescale is formed from them. */
mote_status_t mote_binary_check_scales(mote_kctx_t *ctx,
                                       const mote_tensor_t *in1,
                                       const mote_tensor_t *in2,
                                       const mote_tensor_t *out);

/*
 * The rest of the quantized half of an ADD, MUL or DIV prepare, scales
 * checked: input offsets, the output zero point, `real` as the output
 * multiplier and shift (QuantizeMultiplier) and the fused activation
 * `act` as the output's clamp, into *op. MOTE_ERR_UNSUPPORTED, through
 * mote_kctx_fail(), for a shift above `max_shift` (past which the op's
 * rescale is undefined in TFLite, so there is no byte pattern to match)
 * and an activation integers cannot fuse.
 */
mote_status_t mote_binary_prepare_quant(mote_kctx_t *ctx, mote_binary_op_t *op,
                                        const mote_tensor_t *in1,
                                        const mote_tensor_t *in2,
                                        const mote_tensor_t *out, double real,
                                        int max_shift, int act);

/*
 * The prepare of ADD and SUB, whose options (AddOptions, SubOptions:
 * union index `options_type`) have the same fields: mote_bcast_prepare
 * with `types` and `supported`, then int8 and int16 through
 * mote_addsub_prepare_quant, float32's clamp, and for int32 with
 * `int32_act` (SUB) the activation's clamp, without it (ADD) unquantized
 * inputs and no clamp (TFLM's ADD ignores the activation there). Sets the
 * op data as user data. Fails through mote_kctx_fail().
 */
mote_status_t mote_addsub_prepare(mote_kctx_t *ctx, uint8_t options_type,
                                  uint32_t types, const char *supported,
                                  bool int32_act);

/*
 * The quantized prepare of ADD and SUB (int8, int16), TFLite's general
 * rescaling path: left_shift 20 (int8) or 15 (int16), each input's rescale
 * s_i / (2 max(s1, s2)) and the output's 2 max(s1, s2) / (2^left_shift
 * s_out), which must be below 1, then mote_binary_prepare_quant. Fails
 * through mote_kctx_fail().
 */
mote_status_t mote_addsub_prepare_quant(mote_kctx_t *ctx, mote_addsub_op_t *op,
                                        const mote_tensor_t *in1,
                                        const mote_tensor_t *in2,
                                        const mote_tensor_t *out, int act);

/*
 * The rescaling both ADD / SUB and SQUARED_DIFFERENCE use: each input's
 * rescale s_i / (2 max(s1, s2)) after a left shift of `left_shift`, and
 * the output's 2 max(s1, s2) / (2^left_shift s_out) or, `squared`,
 * (2 max(s1, s2))^2 / (2^(2 left_shift) s_out) (which may exceed 1: shifts
 * up to 30), then mote_binary_prepare_quant with activation `act`. Fails
 * through mote_kctx_fail().
 */
mote_status_t mote_scaled_diff_prepare_quant(
    mote_kctx_t *ctx, mote_addsub_op_t *op, const mote_tensor_t *in1,
    const mote_tensor_t *in2, const mote_tensor_t *out, int left_shift,
    bool squared, int act);

/* The bound compute functions of ADD or SUB (add.h, sub.h), so that the
 * two ops share one invoke; each op's table names only its own. */
typedef struct mote_addsub_fns {
  mote_arith_s8_fn *s8;
  mote_arith_s16_fn *s16;
  mote_arith_f32_fn *f32;
  mote_arith_s32_fn *s32;
} mote_addsub_fns_t;

/* The invoke of ADD and SUB: the op data mote_addsub_prepare set, the
 * parameters rebuilt from it, one call of fns' function for the type.
 * MOTE_OK. */
mote_status_t mote_addsub_invoke(mote_kctx_t *ctx,
                                 const mote_addsub_fns_t *fns);

/* *p from ADD's or SUB's op data: mote_binary_params, then the input
 * rescales. */
void mote_addsub_params(const mote_addsub_op_t *op, mote_arith_params_t *p);

/* The clamp of a float32 (into act_min_f / act_max_f) or unquantized
 * int32 (act_min / act_max) output; MOTE_ERR_UNSUPPORTED, through
 * mote_kctx_fail(), for an activation the type cannot fuse. */
mote_status_t mote_binary_prepare_act(mote_kctx_t *ctx, mote_binary_op_t *op,
                                      int act);

/* At invoke: the op data (see mote_bcast_prepare), *b rebuilt from it, and
 * the data of both inputs and the output. */
const mote_bcast_op_t *mote_bcast_invoke_data(mote_kctx_t *ctx, mote_bcast_t *b,
                                              const void **in1,
                                              const void **in2, void **out);

/* *p from op data *op: the common fields, rq pointing into *op (which
 * must outlive *p). ADD's input rescale is left to ADD (MUL and DIV never
 * read it). */
void mote_binary_params(const mote_binary_op_t *op, mote_arith_params_t *p);

#endif /* MOTE_KERNELS_BINARY_COMMON_H */
