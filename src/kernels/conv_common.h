/*
 * Shared pieces of CONV_2D and DEPTHWISE_CONV_2D: the parameter struct the
 * compute functions take, and the prepare-time glue both ops run (tensor
 * fetching, output-size and padding checks, TFLite's per-channel
 * requantization parameters and activation clamps).
 *
 * Layouts are TFLite's: input [batches, in_h, in_w, in_c] and output
 * [batches, out_h, out_w, out_c], NHWC and dense. Bias pointers may be
 * NULL. Quantized kernels take multipliers and shifts from
 * mote_quantize_multiplier() (real = m * 2^(shift - 31)).
 *
 * Requantization data is the bulk of these ops' persistent memory (a
 * MobileNet has some 17,000 output channels), so it is stored small:
 * shifts as int8_t, since TFLite's lie in [-31, 30] (QuantizeMultiplier
 * flushes anything below 2^-31 to zero, and prepare refuses gains that
 * need a larger left shift); and a filter with a single scale keeps a
 * single multiplier and shift rather than out_c identical copies. The
 * latter is a flag in the params struct, not a stride argument, so that
 * the compute signatures stay as they are and a zeroed struct means
 * per-channel arrays, the layout that is always safe to read.
 */
#ifndef MOTE_KERNELS_CONV_COMMON_H
#define MOTE_KERNELS_CONV_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/kernel_util.h"
#include "mote/kernel.h"
#include "mote/tensor.h"

typedef struct mote_conv_params {
  int32_t batches;
  int32_t in_h, in_w, in_c;
  int32_t filter_h, filter_w;
  int32_t filter_c; /* CONV_2D: input channels per group */
  int32_t out_h, out_w, out_c;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_h, pad_w;     /* padding before the first row / column */
  int32_t depth_multiplier; /* DEPTHWISE_CONV_2D only */
  /* Quantized: added to every input value (minus the input zero point;
   * 0 for int16) and to every requantized output (the output zero point;
   * 0 for int16). */
  int32_t input_offset;
  int32_t output_offset;
  /* Fused activation as a clamp, in output units. */
  int32_t act_min, act_max;
  float act_min_f, act_max_f;
  /* Quantized: true when the multiplier and shift arrays hold one entry
   * for every channel (a per-tensor filter), false when they hold out_c
   * entries. The result is the same bytes either way. */
  bool per_tensor_quant;
} mote_conv_params_t;

/* The fused-activation clamp as TFLM applies it: max() then min(). The
 * order matters only when an odd zero point puts act_min above act_max;
 * then act_max wins, as in TFLM. */
static inline int32_t mote_conv_clamp(int32_t v, int32_t lo, int32_t hi) {
  v = v < lo ? lo : v;
  return v > hi ? hi : v;
}
static inline float mote_conv_clamp_f32(float v, float lo, float hi) {
  v = v < lo ? lo : v;
  return v > hi ? hi : v;
}

/* Stride through the multiplier and shift arrays: index oc * step. */
static inline int32_t mote_conv_quant_step(const mote_conv_params_t *p) {
  return p->per_tensor_quant ? 0 : 1;
}

/* The end of a quantized output channel with a 32-bit accumulator (int8,
 * and CONV_2D's int16 with a 32-bit bias), as TFLM: the bias added with
 * wraparound, TFLite's 32-bit requantization, `offset` added, the clamp. */
static inline int32_t mote_conv_requant32(const mote_conv_params_t *p,
                                          uint32_t acc, const int32_t *bias,
                                          int32_t oc, int32_t mult, int shift,
                                          int32_t offset) {
  int32_t v;
  if (bias != NULL) {
    acc += (uint32_t)bias[oc];
  }
  v = mote_mul_by_qmult((int32_t)acc, mult, shift);
  v = (int32_t)((uint32_t)v + (uint32_t)offset);
  return mote_conv_clamp(v, p->act_min, p->act_max);
}

/* The same with the 64-bit accumulator and requantization of 16x8. */
static inline int32_t mote_conv_requant64(const mote_conv_params_t *p,
                                          int64_t acc, const int64_t *bias,
                                          int32_t oc, int32_t mult, int shift) {
  if (bias != NULL) {
    acc = mote_add_wrap64(acc, bias[oc]);
  }
  return mote_conv_clamp(mote_mul_by_qmult64(acc, mult, shift), p->act_min,
                         p->act_max);
}

/* float32: the bias added last (TFLM adds 0.0f when there is none, so -0
 * becomes +0), then the clamp. */
static inline float mote_conv_finish_f32(const mote_conv_params_t *p, float acc,
                                         const float *bias, int32_t oc) {
  const float v = acc + (bias != NULL ? bias[oc] : 0.0f);
  return mote_conv_clamp_f32(v, p->act_min_f, p->act_max_f);
}

/*
 * The per-tap sums and per-channel ends the compute loops of both ops
 * share. They use the compute functions' own names: input, filter,
 * in_off (the input offset), acc, bias, mult, shift, qs (the quant step)
 * and p. Float products stay in their own statement so that they are not
 * contracted into FMAs TFLM's build does not use.
 */
#define MOTE_CONV_ACC_S8(i, k)                                                 \
  acc += (uint32_t)((int32_t)filter[k] * ((int32_t)input[i] + in_off))
#define MOTE_CONV_ACC_S16_64(i, k) acc += (int64_t)filter[k] * (int64_t)input[i]
#define MOTE_CONV_ACC_F32(i, k)                                                \
  do {                                                                         \
    const float prod_ = input[i] * filter[k];                                  \
    acc += prod_;                                                              \
  } while (0)
#define MOTE_CONV_FINISH_S8(acc, oc)                                           \
  (int8_t) mote_conv_requant32(p, acc, bias, oc, mult[qs * (oc)],              \
                               shift[qs * (oc)], p->output_offset)
#define MOTE_CONV_FINISH_S16_64(acc, oc)                                       \
  (int16_t)                                                                    \
      mote_conv_requant64(p, acc, bias, oc, mult[qs * (oc)], shift[qs * (oc)])
#define MOTE_CONV_FINISH_F32(acc, oc) mote_conv_finish_f32(p, acc, bias, oc)

/* Builtin options both ops carry, in TFLite's encoding. */
typedef struct mote_conv_opts {
  int padding;    /* MOTE_PADDING_* */
  int activation; /* MOTE_ACT_* */
  int32_t stride_w, stride_h;
  int32_t dilation_w, dilation_h;
} mote_conv_opts_t;

/* The operator's tensors; bias.flags has MOTE_TENSOR_ABSENT when the op
 * has no bias (two inputs, or input 2 given as -1). */
typedef struct mote_conv_tensors {
  mote_tensor_t input, filter, bias, output;
} mote_conv_tensors_t;

/* Per-operator state, in persistent arena memory. */
typedef struct mote_conv_op {
  mote_conv_params_t p;
  /* Quantized types only: [n] each, n = 1 when p.per_tensor_quant, else
   * out_c; one allocation, the multipliers first to keep them aligned. */
  int32_t *mult;
  int8_t *shift;     /* in [-31, 30] */
  uint8_t type;      /* mote_type_t of input and output */
  uint8_t bias_type; /* mote_type_t of the bias when has_bias */
  bool has_bias;
  bool acc64; /* int16: 64-bit accumulator and requantization */
} mote_conv_op_t;

/* The data of one invoke: input, filter, bias (NULL when the op has
 * none) and output. */
typedef struct mote_conv_data {
  const void *input, *filter, *bias;
  void *output;
} mote_conv_data_t;

/*
 * The first half of prepare: reads the options (union `options_type`,
 * padding and strides in fields 0-2, the activation in `act_field` and the
 * dilations in the two fields after it), fetches inputs 0..2 and output 0
 * and fills *p with zeros and the geometry the input and filter shapes
 * give alike (batches, in_*, filter_h, filter_w). MOTE_ERR_BAD_SHAPE when
 * the operator has other than 2 or 3 inputs or other than one output, or
 * when input, filter or output is not 4-D; MOTE_ERR_CORRUPT_MODEL for
 * another options type.
 */
mote_status_t mote_conv_prepare_begin(mote_kctx_t *ctx, uint8_t options_type,
                                      unsigned act_field, mote_conv_opts_t *o,
                                      mote_conv_tensors_t *t,
                                      mote_conv_params_t *p);

/*
 * The shared half of prepare. `p` arrives with the geometry the op read
 * from the shapes (batches, in_*, filter_h/w, filter_c or
 * depth_multiplier, out_c); this checks the options, computes padding,
 * checks the output shape, the type combination and the bias, computes
 * requantization parameters along `quant_dim` of the filter, and stores a
 * mote_conv_op_t as the op's user data. `s16_bias32` says whether an int16
 * op accepts an int32 bias (TFLM's CONV_2D does, DEPTHWISE_CONV_2D does
 * not). Fails with a message naming the offending tensor or option:
 * MOTE_ERR_UNSUPPORTED_TYPE, MOTE_ERR_BAD_SHAPE, MOTE_ERR_UNSUPPORTED,
 * MOTE_ERR_CORRUPT_MODEL (invalid stride, dilation or padding) or
 * MOTE_ERR_ARENA_TOO_SMALL.
 */
mote_status_t mote_conv_prepare_common(mote_kctx_t *ctx,
                                       const mote_conv_opts_t *opts,
                                       const mote_conv_tensors_t *t,
                                       int32_t quant_dim, bool s16_bias32,
                                       mote_conv_params_t *p);

/* At invoke: the data pointers into *d, and the op data prepare stored. */
const mote_conv_op_t *mote_conv_invoke_data(mote_kctx_t *ctx,
                                            mote_conv_data_t *d);

#endif /* MOTE_KERNELS_CONV_COMMON_H */
