/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * Operator codes and the built-in kernels.
 *
 * Codes equal TFLite's BuiltinOperator numbers. Each built-in kernel is a
 * separate object: register only those a model needs and the linker drops
 * the rest.
 */
#ifndef MOTE_OPS_H
#define MOTE_OPS_H

#include <stdint.h>

#include "mote/kernel.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Builtin operator codes: MOTE_OP_<NAME> is TFLite's BuiltinOperator_<NAME>
 * (the same number). Those listed have a built-in kernel, but for
 * MOTE_OP_CUSTOM, the code of every custom operator (registered by name
 * with mote_resolver_add_custom()). */
typedef enum mote_op {
  MOTE_OP_ADD = 0,
  MOTE_OP_AVERAGE_POOL_2D = 1,
  MOTE_OP_CONCATENATION = 2,
  MOTE_OP_CONV_2D = 3,
  MOTE_OP_DEPTHWISE_CONV_2D = 4,
  MOTE_OP_DEPTH_TO_SPACE = 5,
  MOTE_OP_DEQUANTIZE = 6,
  MOTE_OP_FULLY_CONNECTED = 9,
  MOTE_OP_L2_POOL_2D = 12,
  MOTE_OP_L2_NORMALIZATION = 11,
  MOTE_OP_LOGISTIC = 14,
  MOTE_OP_MAX_POOL_2D = 17,
  MOTE_OP_MUL = 18,
  MOTE_OP_RELU = 19,
  MOTE_OP_RELU_N1_TO_1 = 20,
  MOTE_OP_RELU6 = 21,
  MOTE_OP_RESHAPE = 22,
  MOTE_OP_RESIZE_BILINEAR = 23,
  MOTE_OP_SOFTMAX = 25,
  MOTE_OP_SPACE_TO_DEPTH = 26,
  MOTE_OP_SVDF = 27,
  MOTE_OP_TANH = 28,
  MOTE_OP_CUSTOM = 32,
  MOTE_OP_PAD = 34,
  MOTE_OP_GATHER = 36,
  MOTE_OP_BATCH_TO_SPACE_ND = 37,
  MOTE_OP_SPACE_TO_BATCH_ND = 38,
  MOTE_OP_TRANSPOSE = 39,
  MOTE_OP_MEAN = 40,
  MOTE_OP_SUB = 41,
  MOTE_OP_DIV = 42,
  MOTE_OP_SQUEEZE = 43,
  MOTE_OP_UNIDIRECTIONAL_SEQUENCE_LSTM = 44,
  MOTE_OP_STRIDED_SLICE = 45,
  MOTE_OP_SPLIT = 49,
  MOTE_OP_LOG_SOFTMAX = 50,
  MOTE_OP_CAST = 53,
  MOTE_OP_PRELU = 54,
  MOTE_OP_MAXIMUM = 55,
  MOTE_OP_ARG_MAX = 56,
  MOTE_OP_MINIMUM = 57,
  MOTE_OP_PADV2 = 60,
  MOTE_OP_SLICE = 65,
  MOTE_OP_EXPAND_DIMS = 70,
  MOTE_OP_SUM = 74,
  MOTE_OP_SHAPE = 77,
  MOTE_OP_ARG_MIN = 79,
  MOTE_OP_REDUCE_MAX = 82,
  MOTE_OP_PACK = 83,
  MOTE_OP_UNPACK = 88,
  MOTE_OP_REDUCE_MIN = 89,
  MOTE_OP_ZEROS_LIKE = 93,
  MOTE_OP_FILL = 94,
  MOTE_OP_RESIZE_NEAREST_NEIGHBOR = 97,
  MOTE_OP_LESS = 58,
  MOTE_OP_GREATER = 61,
  MOTE_OP_GREATER_EQUAL = 62,
  MOTE_OP_LESS_EQUAL = 63,
  MOTE_OP_EQUAL = 71,
  MOTE_OP_NOT_EQUAL = 72,
  MOTE_OP_LOGICAL_OR = 84,
  MOTE_OP_LOGICAL_AND = 86,
  MOTE_OP_FLOOR_DIV = 90,
  MOTE_OP_FLOOR_MOD = 95,
  MOTE_OP_LEAKY_RELU = 98,
  MOTE_OP_SQUARED_DIFFERENCE = 99,
  MOTE_OP_MIRROR_PAD = 100,
  MOTE_OP_SPLIT_V = 102,
  MOTE_OP_REVERSE_V2 = 105,
  MOTE_OP_GATHER_ND = 107,
  MOTE_OP_ELU = 111,
  MOTE_OP_QUANTIZE = 114,
  MOTE_OP_HARD_SWISH = 117,
  MOTE_OP_SELECT_V2 = 123,
  /* Control flow and resource variables (control_flow.c,
   * resource_variables.c). */
  MOTE_OP_IF = 118,
  MOTE_OP_WHILE = 119,
  MOTE_OP_CALL_ONCE = 129,
  MOTE_OP_VAR_HANDLE = 142,
  MOTE_OP_READ_VARIABLE = 143,
  MOTE_OP_ASSIGN_VARIABLE = 144,
  MOTE_OP_CUMSUM = 128,
  MOTE_OP_REDUCE_ALL = 140,
  /* Element-wise unary ops (unary.c). */
  MOTE_OP_FLOOR = 8,
  MOTE_OP_EXP = 47,
  MOTE_OP_NEG = 59,
  MOTE_OP_SIN = 66,
  MOTE_OP_LOG = 73,
  MOTE_OP_SQRT = 75,
  MOTE_OP_RSQRT = 76,
  MOTE_OP_LOGICAL_NOT = 87,
  MOTE_OP_SQUARE = 92,
  MOTE_OP_ABS = 101,
  MOTE_OP_CEIL = 104,
  MOTE_OP_COS = 108,
  MOTE_OP_ROUND = 116,
  /* Transposed convolution, matrix products, broadcasting, lookups. */
  MOTE_OP_EMBEDDING_LOOKUP = 7,
  MOTE_OP_TRANSPOSE_CONV = 67,
  MOTE_OP_ADD_N = 106,
  MOTE_OP_BATCH_MATMUL = 126,
  MOTE_OP_BROADCAST_TO = 130,
  MOTE_OP_BROADCAST_ARGS = 145,
  MOTE_OP_DYNAMIC_UPDATE_SLICE = 151
} mote_op_t;

/** A static name for a builtin code, e.g. "CONV_2D"; "UNKNOWN" otherwise. */
const char *mote_op_name(int32_t code);

/**
 * @name Built-in kernels
 * One per operator, for mote_resolver_add(): mote_kernel_<op> runs
 * MOTE_OP_<OP>, with the fastest implementation the build has for the CPU
 * and the reference elsewhere (docs/design.md).
 * @{
 */
/** A built-in kernel, named after its operator (see above). */
extern const mote_kernel_t mote_kernel_add;
extern const mote_kernel_t mote_kernel_assign_variable;
extern const mote_kernel_t mote_kernel_call_once;
extern const mote_kernel_t mote_kernel_if;
extern const mote_kernel_t mote_kernel_read_variable;
extern const mote_kernel_t mote_kernel_var_handle;
extern const mote_kernel_t mote_kernel_while;
extern const mote_kernel_t mote_kernel_arg_max;
extern const mote_kernel_t mote_kernel_arg_min;
extern const mote_kernel_t mote_kernel_average_pool_2d;
extern const mote_kernel_t mote_kernel_batch_to_space_nd;
extern const mote_kernel_t mote_kernel_cast;
extern const mote_kernel_t mote_kernel_concatenation;
extern const mote_kernel_t mote_kernel_conv_2d;
/**
 * CONV_2D, plus packed int4 filters (TFLite's INT4 type, two values a
 * byte, low nibble first) with int8 input, per-tensor or per-channel: a
 * superset of mote_kernel_conv_2d, and one of three such variants
 * (mote_kernel_depthwise_conv_2d_int4, mote_kernel_fully_connected_int4).
 * An int4 layer unpacks its filter into arena scratch at every invoke (a
 * buffer of one byte per filter element, as TFLM) and runs the int8
 * compute; any other layer runs exactly as with the plain kernel.
 * mote_resolver_add_builtins() registers the variants; `mote gen`
 * registers one only for a model with an int4 filter for that op. The
 * plain kernels refuse an int4 filter (MOTE_ERR_UNSUPPORTED_TYPE, naming
 * the variant to register) and carry none of its code.
 */
extern const mote_kernel_t mote_kernel_conv_2d_int4;
extern const mote_kernel_t mote_kernel_cumsum;
extern const mote_kernel_t mote_kernel_depth_to_space;
extern const mote_kernel_t mote_kernel_depthwise_conv_2d;
/** DEPTHWISE_CONV_2D, plus int8 input with packed int4 filters: see
 * mote_kernel_conv_2d_int4. */
extern const mote_kernel_t mote_kernel_depthwise_conv_2d_int4;
extern const mote_kernel_t mote_kernel_dequantize;
extern const mote_kernel_t mote_kernel_div;
extern const mote_kernel_t mote_kernel_elu;
extern const mote_kernel_t mote_kernel_expand_dims;
extern const mote_kernel_t mote_kernel_fill;
extern const mote_kernel_t mote_kernel_fully_connected;
/** FULLY_CONNECTED, plus int8 input with packed int4 weights: see
 * mote_kernel_conv_2d_int4. */
extern const mote_kernel_t mote_kernel_fully_connected_int4;
extern const mote_kernel_t mote_kernel_gather;
extern const mote_kernel_t mote_kernel_gather_nd;
extern const mote_kernel_t mote_kernel_equal;
extern const mote_kernel_t mote_kernel_floor_div;
extern const mote_kernel_t mote_kernel_floor_mod;
extern const mote_kernel_t mote_kernel_greater;
extern const mote_kernel_t mote_kernel_greater_equal;
extern const mote_kernel_t mote_kernel_hard_swish;
extern const mote_kernel_t mote_kernel_l2_pool_2d;
extern const mote_kernel_t mote_kernel_l2_normalization;
extern const mote_kernel_t mote_kernel_leaky_relu;
extern const mote_kernel_t mote_kernel_less;
extern const mote_kernel_t mote_kernel_less_equal;
extern const mote_kernel_t mote_kernel_log_softmax;
extern const mote_kernel_t mote_kernel_logical_and;
extern const mote_kernel_t mote_kernel_logical_or;
extern const mote_kernel_t mote_kernel_logistic;
extern const mote_kernel_t mote_kernel_max_pool_2d;
extern const mote_kernel_t mote_kernel_maximum;
extern const mote_kernel_t mote_kernel_mean;
extern const mote_kernel_t mote_kernel_minimum;
extern const mote_kernel_t mote_kernel_mirror_pad;
extern const mote_kernel_t mote_kernel_mul;
extern const mote_kernel_t mote_kernel_neg;
extern const mote_kernel_t mote_kernel_pack;
extern const mote_kernel_t mote_kernel_not_equal;
extern const mote_kernel_t mote_kernel_pad;
extern const mote_kernel_t mote_kernel_padv2;
extern const mote_kernel_t mote_kernel_prelu;
extern const mote_kernel_t mote_kernel_quantize;
extern const mote_kernel_t mote_kernel_reduce_all;
extern const mote_kernel_t mote_kernel_reduce_max;
extern const mote_kernel_t mote_kernel_reduce_min;
extern const mote_kernel_t mote_kernel_relu;
extern const mote_kernel_t mote_kernel_relu6;
extern const mote_kernel_t mote_kernel_relu_n1_to_1;
extern const mote_kernel_t mote_kernel_reshape;
extern const mote_kernel_t mote_kernel_resize_bilinear;
extern const mote_kernel_t mote_kernel_resize_nearest_neighbor;
extern const mote_kernel_t mote_kernel_reverse_v2;
extern const mote_kernel_t mote_kernel_shape;
extern const mote_kernel_t mote_kernel_slice;
extern const mote_kernel_t mote_kernel_select_v2;
extern const mote_kernel_t mote_kernel_softmax;
extern const mote_kernel_t mote_kernel_space_to_batch_nd;
extern const mote_kernel_t mote_kernel_space_to_depth;
extern const mote_kernel_t mote_kernel_split;
extern const mote_kernel_t mote_kernel_split_v;
extern const mote_kernel_t mote_kernel_square;
extern const mote_kernel_t mote_kernel_squared_difference;
extern const mote_kernel_t mote_kernel_squeeze;
extern const mote_kernel_t mote_kernel_sum;
extern const mote_kernel_t mote_kernel_strided_slice;
extern const mote_kernel_t mote_kernel_sub;
extern const mote_kernel_t mote_kernel_svdf;
extern const mote_kernel_t mote_kernel_tanh;
extern const mote_kernel_t mote_kernel_transpose;
extern const mote_kernel_t mote_kernel_unidirectional_sequence_lstm;
/* Element-wise unary ops. */
extern const mote_kernel_t mote_kernel_abs;
extern const mote_kernel_t mote_kernel_ceil;
extern const mote_kernel_t mote_kernel_cos;
extern const mote_kernel_t mote_kernel_exp;
extern const mote_kernel_t mote_kernel_floor;
extern const mote_kernel_t mote_kernel_log;
extern const mote_kernel_t mote_kernel_logical_not;
extern const mote_kernel_t mote_kernel_neg;
extern const mote_kernel_t mote_kernel_round;
extern const mote_kernel_t mote_kernel_rsqrt;
extern const mote_kernel_t mote_kernel_sin;
extern const mote_kernel_t mote_kernel_sqrt;
extern const mote_kernel_t mote_kernel_square;
extern const mote_kernel_t mote_kernel_unpack;
extern const mote_kernel_t mote_kernel_zeros_like;
/* Transposed convolution, matrix products, broadcasting, lookups. */
extern const mote_kernel_t mote_kernel_add_n;
extern const mote_kernel_t mote_kernel_batch_matmul;
extern const mote_kernel_t mote_kernel_broadcast_args;
extern const mote_kernel_t mote_kernel_broadcast_to;
extern const mote_kernel_t mote_kernel_dynamic_update_slice;
extern const mote_kernel_t mote_kernel_embedding_lookup;
extern const mote_kernel_t mote_kernel_transpose_conv;
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* MOTE_OPS_H */
