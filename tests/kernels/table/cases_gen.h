/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Inside the case table: the helpers generators use to write a kt_case_t
 * and the generator of each op. Not for drivers (they use cases.h).
 *
 * A generator is `void gen(int index, kt_case_t *c, uint32_t *rng)`: it
 * derives the enumerated axes from `index` and draws the rest from `rng`
 * (seeded from the slot and index), after kt_begin has emptied *c. Every
 * helper bounds-checks the fixed arrays and sets c->overflow instead of
 * writing past them, so a table bug shows up as a refused case, never as
 * memory corruption on a target.
 */
#ifndef MOTE_TEST_KT_CASES_GEN_H
#define MOTE_TEST_KT_CASES_GEN_H

#include "cases.h"

/* mote_type_t values, repeated so the table needs no library header. */
enum {
  KT_F32 = 0,
  KT_F16 = 1,
  KT_I32 = 2,
  KT_U8 = 3,
  KT_I64 = 4,
  KT_BOOL = 6,
  KT_I16 = 7,
  KT_I8 = 9,
  KT_U64 = 12,
  KT_U32 = 15,
  KT_I4 = 17 /* packed two to a byte, low nibble first */
};

/* Fused activations (ActivationFunctionType). */
enum {
  KT_ACT_NONE = 0,
  KT_ACT_RELU = 1,
  KT_ACT_RELU_N1_TO_1 = 2,
  KT_ACT_RELU6 = 3,
  KT_ACT_TANH = 4
};

/* Padding (Padding enum). */
enum { KT_SAME = 0, KT_VALID = 1 };

typedef void (*kt_gen_fn)(int index, kt_case_t *c, uint32_t *rng);

/* --- random draws ------------------------------------------------------ */
/* A 32-bit hash finaliser (never 0): seeds from small integers. */
uint32_t kt_mix(uint32_t h);
uint32_t kt_rand(uint32_t *rng);
int32_t kt_rand_int(uint32_t *rng, int32_t lo, int32_t hi); /* inclusive */
float kt_rand_float(uint32_t *rng, float lo, float hi);
/* A scale lo * (hi/lo)^u, u uniform: spread evenly over the decades. */
float kt_rand_scale(uint32_t *rng, float lo, float hi);

/* --- building a case --------------------------------------------------- */
void kt_begin(kt_case_t *c, int32_t op, int32_t version, uint32_t seed);
/* Appends a tensor; inputs (any role but KT_OUTPUT) must all come before
 * the outputs. Sets the type's default data range. Returns its index. */
int kt_add(kt_case_t *c, uint8_t role, uint8_t type, int rank,
           const int32_t *shape);
int kt_add1(kt_case_t *c, uint8_t role, uint8_t type, int32_t d0);
void kt_quant(kt_case_t *c, int i, float scale, int32_t zero_point);
/* Per-channel scales along `dim`, n of them, zero points 0. */
void kt_quant_pc(kt_case_t *c, int i, int dim, const float *scales, int n);
void kt_range(kt_case_t *c, int i, double lo, double hi);
/* Gives every randomly filled model input special values
 * (KT_FILL_SPECIAL) and says so in the name. */
void kt_special_values(kt_case_t *c);
/* Explicit data: element j of tensor i is v[j]. */
void kt_values(kt_case_t *c, int i, const int32_t *v, int n);
void kt_opt(kt_case_t *c, int field, uint8_t kind, int64_t v);
void kt_opt_f32(kt_case_t *c, int field, float v);
void kt_opt_vec(kt_case_t *c, int field, const int32_t *v, int n);

/* The case name: appends text, a decimal, "AxBxC" of tensor i, a type
 * name, an activation name. */
void kt_name(kt_case_t *c, const char *s);
void kt_name_int(kt_case_t *c, int64_t v);
void kt_name_n(kt_case_t *c, const char *s, int64_t v); /* s, then v */
void kt_name_shape(kt_case_t *c, int i);
void kt_name_type(kt_case_t *c, int type);
void kt_name_act(kt_case_t *c, int act);
/* The type, a space, the shape of tensor i: "i8 1x4x4x3". */
void kt_name_io(kt_case_t *c, int type, int i);

/* Flexbuffer custom options: a map of integer, bool and float values by
 * key, written to c->custom_options by kt_flex_end. Keys are static
 * strings. */
typedef struct kt_flex {
  int n;
  const char *key[12];
  int64_t value[12];
  float fvalue[12];
  uint8_t is_bool[12]; /* 0 integer, 1 bool, 2 float (fvalue) */
} kt_flex_t;
void kt_flex_int(kt_flex_t *f, const char *key, int64_t v);
void kt_flex_bool(kt_flex_t *f, const char *key, int v);
void kt_flex_float(kt_flex_t *f, const char *key, float v);
void kt_flex_end(kt_case_t *c, const kt_flex_t *f);
/* The common one-key map {key: v}. */
void kt_flex_one(kt_case_t *c, const char *key, int64_t v);

/* A shape of rank lo_rank..hi_rank with dims 1..max_dim into shape[];
 * one in six reaches up to rank `top` (dims then up to 3) when top >
 * hi_rank. Returns the rank. */
int kt_draw_shape(uint32_t *rng, int lo_rank, int hi_rank, int32_t max_dim,
                  int top, int32_t *shape);
/* One drawn quantization on tensors a and b (b < 0: a alone) for int8
 * (any zero point) and int16 (zero point 0); nothing for other types. */
void kt_same_quant(kt_case_t *c, uint32_t *rng, int a, int b);

/* --- quantization helpers shared by families --------------------------- */
/* Output range of a fused activation for a quantized output, as TFLite's
 * CalculateActivationRangeQuantized: used by generators only to pick
 * output scales that keep results inside the type (not to check). */
int kt_act_for(uint32_t *rng, int index, int allow_n1_to_1);

/* Quantizes a conv-like layer (conv, depthwise, fully connected) by the
 * input's type: input and output scales and zero points, filter scales
 * (per-channel along `fdim` when per_channel), bias scales (bias -1 for
 * none), and an output scale drawn around the typical size of a
 * depth-`depth` accumulator, sometimes far off it (large and small
 * multipliers). Float layers get data ranges only. */
void kt_quant_layer(kt_case_t *c, uint32_t *rng, int in, int filt, int bias,
                    int out, int per_channel, int fdim, int32_t depth);

/* Case 8 of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED (16x8 with
 * int64 bias, every tensor of one element): input 1 x filter 1 at scales
 * giving a rescale of 200 (shift 8), past the int64 requantizer's
 * documented shift range (< 8) but well defined in TFLM's release build,
 * which outputs 200; mote refuses it. */
void kt_big_rescale(kt_case_t *c, int in, int filt, int bias, int out);

/* The filter type of conv-like case `index` with activations of `type`:
 * float32 or int8, but packed int4 for case 6 (an int8 variant), which
 * TFLM and mote's int4 variants run by unpacking it. */
uint8_t kt_filter_type(int index, int type);

/* --- the generators, by family (one file each) -------------------------- */
/* cases_conv.c */
/* CONV_2D and DEPTHWISE_CONV_2D: drawn cases, then fixed int8 layers. */
#define KT_CONV_DRAWN_CASES 360
#define KT_CONV_LAYER_CASES 21
#define KT_DW_DRAWN_CASES 300
#define KT_DW_LAYER_CASES 19
/* CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED each end with this many
 * cases of packed int4 filters (int8 activations), the last two of them
 * 16x8, which TFLM refuses with int4 filters. */
#define KT_INT4_CASES 14
void kt_gen_conv_2d(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_depthwise_conv_2d(int index, kt_case_t *c, uint32_t *rng);
/* cases_fc.c: drawn cases, then KT_INT4_CASES. */
#define KT_FC_DRAWN_CASES 240
void kt_gen_fully_connected(int index, kt_case_t *c, uint32_t *rng);
/* cases_pool.c */
/* Pools: drawn cases, then fixed int8 layers. */
#define KT_POOL_DRAWN_CASES 48
#define KT_POOL_LAYER_CASES 7
void kt_gen_average_pool_2d(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_max_pool_2d(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_l2_pool_2d(int index, kt_case_t *c, uint32_t *rng);
/* MEAN from KT_MEAN_INPUT_CASE on: axes a model input; the last case
 * declares one output element more than they give. */
#define KT_MEAN_INPUT_CASE 48
#define KT_MEAN_CASES 61
void kt_gen_mean(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_softmax(int index, kt_case_t *c, uint32_t *rng);
/* cases_reduce.c */
void kt_gen_arg_max(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_arg_min(int index, kt_case_t *c, uint32_t *rng);
/* ARG_MAX, ARG_MIN from KT_ARG_INPUT_CASE on: the axis a model input;
 * the last case declares one output element more than it gives. */
#define KT_ARG_INPUT_CASE 16
#define KT_ARG_CASES 23
/* SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_ALL: their last KT_REDUCE_INPUT_CASES
 * cases (after KT_SUM_CASES, KT_REDUCE_MINMAX_CASES, KT_REDUCE_ALL_CASES
 * constant ones) take the axes as a model input, the very last declaring
 * one output element more than they give. */
#define KT_REDUCE_INPUT_CASES 7
#define KT_SUM_CASES 36
#define KT_REDUCE_MINMAX_CASES 24
#define KT_REDUCE_ALL_CASES 16
void kt_gen_sum(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_reduce_max(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_reduce_min(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_reduce_all(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_log_softmax(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_l2_normalization(int index, kt_case_t *c, uint32_t *rng);
/* CUMSUM from KT_CUMSUM_INPUT_CASE on: the axis a model input; the last
 * case's is out of range. */
#define KT_CUMSUM_INPUT_CASE 32
#define KT_CUMSUM_CASES 41
void kt_gen_cumsum(int index, kt_case_t *c, uint32_t *rng);
/* cases_binary.c */
/* ADD: drawn cases, then fixed int8 layers. */
#define KT_ADD_DRAWN_CASES 60
#define KT_ADD_LAYER_CASES 8
void kt_gen_add(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_sub(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_mul(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_div(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_maximum(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_minimum(int index, kt_case_t *c, uint32_t *rng);
/* cases_compare.c */
/* GREATER's int16 case (see test_op_table.c's kKnown). */
#define KT_GREATER_INT16_CASE 24
void kt_gen_equal(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_not_equal(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_less(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_less_equal(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_greater(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_greater_equal(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_logical_and(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_logical_or(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_select_v2(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_floor_div(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_floor_mod(int index, kt_case_t *c, uint32_t *rng);
/* cases_unary.c */
void kt_gen_logistic(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_tanh(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_quantize(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_dequantize(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_cast(int index, kt_case_t *c, uint32_t *rng);
/* cases_elementwise.c */
void kt_gen_abs(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_neg(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_square(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_sqrt(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_rsqrt(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_exp(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_log(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_sin(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_cos(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_floor(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_ceil(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_round(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_logical_not(int index, kt_case_t *c, uint32_t *rng);
/* cases_act.c */
void kt_gen_relu(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_relu6(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_relu_n1_to_1(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_leaky_relu(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_hard_swish(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_prelu(int index, kt_case_t *c, uint32_t *rng);
/* cases_shape.c */
void kt_gen_reshape(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_concatenation(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_pad(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_padv2(int index, kt_case_t *c, uint32_t *rng);
/* MIRROR_PAD's cases from KT_MIRROR_PAD_INPUT_CASE on: paddings a model
 * input; the last one's do not fit the declared output. */
#define KT_MIRROR_PAD_INPUT_CASE 40
#define KT_MIRROR_PAD_CASES 47
void kt_gen_mirror_pad(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_strided_slice(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_transpose(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_squeeze(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_expand_dims(int index, kt_case_t *c, uint32_t *rng);
/* cases_split.c */
void kt_gen_split(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_split_v(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_pack(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_unpack(int index, kt_case_t *c, uint32_t *rng);
/* cases_index.c */
/* SLICE from KT_SLICE_INPUT_CASE on: begin and / or size model inputs;
 * the last case declares dim 0 one longer than they give. */
#define KT_SLICE_INPUT_CASE 30
#define KT_SLICE_CASES 41
void kt_gen_slice(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_gather(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_space_to_depth(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_depth_to_space(int index, kt_case_t *c, uint32_t *rng);
/* cases_block.c */
/* SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND from KT_SPACE_BATCH_INPUT_CASE
 * on: block_shape and / or paddings / crops model inputs; the last one's
 * do not fit the declared output. REVERSE_V2 from KT_REVERSE_INPUT_CASE
 * on: axis a model input; the last one's is out of range. */
#define KT_SPACE_BATCH_INPUT_CASE 32
#define KT_SPACE_BATCH_CASES 39
#define KT_REVERSE_INPUT_CASE 28
#define KT_REVERSE_CASES 36
void kt_gen_space_to_batch_nd(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_batch_to_space_nd(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_reverse_v2(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_zeros_like(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_fill(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_shape(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_gather_nd(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_elu(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_squared_difference(int index, kt_case_t *c, uint32_t *rng);
/* cases_resize.c */
void kt_gen_resize_nearest_neighbor(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_resize_bilinear(int index, kt_case_t *c, uint32_t *rng);
/* cases_seq.c */
void kt_gen_svdf(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_lstm(int index, kt_case_t *c, uint32_t *rng);
/* cases_tconv.c */
void kt_gen_transpose_conv(int index, kt_case_t *c, uint32_t *rng);
/* cases_matmul.c */
void kt_gen_batch_matmul(int index, kt_case_t *c, uint32_t *rng);
/* cases_bcast.c */
void kt_gen_broadcast_to(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_add_n(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_broadcast_args(int index, kt_case_t *c, uint32_t *rng);
/* cases_embed.c */
void kt_gen_embedding_lookup(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_dynamic_update_slice(int index, kt_case_t *c, uint32_t *rng);
/* cases_signal.c */
void kt_gen_signal_window(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_fft_auto_scale(int index, kt_case_t *c, uint32_t *rng);
/* SignalRfft: drawn cases, then a grid of lengths x element types. */
#define KT_RFFT_DRAWN_CASES 12
#define KT_RFFT_GRID_CASES 36
void kt_gen_signal_rfft(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_irfft(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_energy(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_filter_bank(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_filter_bank_sqrt(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_spectral_sub(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_pcan(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_filter_bank_log(int index, kt_case_t *c, uint32_t *rng);
/* cases_signal_stream.c */
void kt_gen_signal_delay(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_framer(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_stacker(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_signal_overlap_add(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_detection_postprocess(int index, kt_case_t *c, uint32_t *rng);
void kt_gen_circular_buffer(int index, kt_case_t *c, uint32_t *rng);
/* cases_decode.c */
#define KT_DECODE_CASES 35
void kt_gen_decode(int index, kt_case_t *c, uint32_t *rng);

#endif /* MOTE_TEST_KT_CASES_GEN_H */
