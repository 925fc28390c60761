/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Registers every built-in kernel. Kept apart from the resolver so that an
 * application that registers kernels one by one never links this table,
 * and with it every kernel.
 */
#include "mote/ops.h"
#include "mote/resolver.h"

mote_status_t mote_resolver_add_builtins(mote_resolver_t *r) {
  static const struct {
    int32_t op;
    const mote_kernel_t *kernel;
  } all[MOTE_RESOLVER_BUILTINS] = {
      {MOTE_OP_ADD, &mote_kernel_add},
      {MOTE_OP_ARG_MAX, &mote_kernel_arg_max},
      {MOTE_OP_ARG_MIN, &mote_kernel_arg_min},
      {MOTE_OP_AVERAGE_POOL_2D, &mote_kernel_average_pool_2d},
      {MOTE_OP_BATCH_TO_SPACE_ND, &mote_kernel_batch_to_space_nd},
      {MOTE_OP_CAST, &mote_kernel_cast},
      {MOTE_OP_CONCATENATION, &mote_kernel_concatenation},
      {MOTE_OP_CONV_2D, &mote_kernel_conv_2d_int4},
      {MOTE_OP_CUMSUM, &mote_kernel_cumsum},
      {MOTE_OP_DEPTHWISE_CONV_2D, &mote_kernel_depthwise_conv_2d_int4},
      {MOTE_OP_DEQUANTIZE, &mote_kernel_dequantize},
      {MOTE_OP_DIV, &mote_kernel_div},
      {MOTE_OP_EQUAL, &mote_kernel_equal},
      {MOTE_OP_EXPAND_DIMS, &mote_kernel_expand_dims},
      {MOTE_OP_FLOOR_DIV, &mote_kernel_floor_div},
      {MOTE_OP_FLOOR_MOD, &mote_kernel_floor_mod},
      {MOTE_OP_FULLY_CONNECTED, &mote_kernel_fully_connected_int4},
      {MOTE_OP_GREATER, &mote_kernel_greater},
      {MOTE_OP_GREATER_EQUAL, &mote_kernel_greater_equal},
      {MOTE_OP_HARD_SWISH, &mote_kernel_hard_swish},
      {MOTE_OP_L2_POOL_2D, &mote_kernel_l2_pool_2d},
      {MOTE_OP_L2_NORMALIZATION, &mote_kernel_l2_normalization},
      {MOTE_OP_LEAKY_RELU, &mote_kernel_leaky_relu},
      {MOTE_OP_LESS, &mote_kernel_less},
      {MOTE_OP_LESS_EQUAL, &mote_kernel_less_equal},
      {MOTE_OP_LOG_SOFTMAX, &mote_kernel_log_softmax},
      {MOTE_OP_LOGICAL_AND, &mote_kernel_logical_and},
      {MOTE_OP_LOGICAL_OR, &mote_kernel_logical_or},
      {MOTE_OP_LOGISTIC, &mote_kernel_logistic},
      {MOTE_OP_MAX_POOL_2D, &mote_kernel_max_pool_2d},
      {MOTE_OP_MAXIMUM, &mote_kernel_maximum},
      {MOTE_OP_MEAN, &mote_kernel_mean},
      {MOTE_OP_MINIMUM, &mote_kernel_minimum},
      {MOTE_OP_MIRROR_PAD, &mote_kernel_mirror_pad},
      {MOTE_OP_MUL, &mote_kernel_mul},
      {MOTE_OP_NOT_EQUAL, &mote_kernel_not_equal},
      {MOTE_OP_PAD, &mote_kernel_pad},
      {MOTE_OP_PADV2, &mote_kernel_padv2},
      {MOTE_OP_PRELU, &mote_kernel_prelu},
      {MOTE_OP_QUANTIZE, &mote_kernel_quantize},
      {MOTE_OP_REDUCE_ALL, &mote_kernel_reduce_all},
      {MOTE_OP_REDUCE_MAX, &mote_kernel_reduce_max},
      {MOTE_OP_REDUCE_MIN, &mote_kernel_reduce_min},
      {MOTE_OP_RELU, &mote_kernel_relu},
      {MOTE_OP_RELU6, &mote_kernel_relu6},
      {MOTE_OP_RELU_N1_TO_1, &mote_kernel_relu_n1_to_1},
      {MOTE_OP_RESHAPE, &mote_kernel_reshape},
      {MOTE_OP_RESIZE_BILINEAR, &mote_kernel_resize_bilinear},
      {MOTE_OP_RESIZE_NEAREST_NEIGHBOR, &mote_kernel_resize_nearest_neighbor},
      {MOTE_OP_REVERSE_V2, &mote_kernel_reverse_v2},
      {MOTE_OP_SELECT_V2, &mote_kernel_select_v2},
      {MOTE_OP_SOFTMAX, &mote_kernel_softmax},
      {MOTE_OP_SPACE_TO_BATCH_ND, &mote_kernel_space_to_batch_nd},
      {MOTE_OP_SQUEEZE, &mote_kernel_squeeze},
      {MOTE_OP_SUM, &mote_kernel_sum},
      {MOTE_OP_STRIDED_SLICE, &mote_kernel_strided_slice},
      {MOTE_OP_SUB, &mote_kernel_sub},
      {MOTE_OP_SVDF, &mote_kernel_svdf},
      {MOTE_OP_TANH, &mote_kernel_tanh},
      {MOTE_OP_TRANSPOSE, &mote_kernel_transpose},
      {MOTE_OP_UNIDIRECTIONAL_SEQUENCE_LSTM,
       &mote_kernel_unidirectional_sequence_lstm},
      /* Element-wise unary ops. */
      {MOTE_OP_ABS, &mote_kernel_abs},
      {MOTE_OP_CEIL, &mote_kernel_ceil},
      {MOTE_OP_COS, &mote_kernel_cos},
      {MOTE_OP_EXP, &mote_kernel_exp},
      {MOTE_OP_FLOOR, &mote_kernel_floor},
      {MOTE_OP_LOG, &mote_kernel_log},
      {MOTE_OP_LOGICAL_NOT, &mote_kernel_logical_not},
      {MOTE_OP_NEG, &mote_kernel_neg},
      {MOTE_OP_ROUND, &mote_kernel_round},
      {MOTE_OP_RSQRT, &mote_kernel_rsqrt},
      {MOTE_OP_SIN, &mote_kernel_sin},
      {MOTE_OP_SQRT, &mote_kernel_sqrt},
      {MOTE_OP_SQUARE, &mote_kernel_square},
      {MOTE_OP_SPLIT, &mote_kernel_split},
      {MOTE_OP_SPLIT_V, &mote_kernel_split_v},
      {MOTE_OP_PACK, &mote_kernel_pack},
      {MOTE_OP_UNPACK, &mote_kernel_unpack},
      {MOTE_OP_SLICE, &mote_kernel_slice},
      {MOTE_OP_GATHER, &mote_kernel_gather},
      {MOTE_OP_SPACE_TO_DEPTH, &mote_kernel_space_to_depth},
      {MOTE_OP_DEPTH_TO_SPACE, &mote_kernel_depth_to_space},
      {MOTE_OP_ZEROS_LIKE, &mote_kernel_zeros_like},
      {MOTE_OP_FILL, &mote_kernel_fill},
      {MOTE_OP_SHAPE, &mote_kernel_shape},
      {MOTE_OP_GATHER_ND, &mote_kernel_gather_nd},
      {MOTE_OP_ELU, &mote_kernel_elu},
      {MOTE_OP_SQUARED_DIFFERENCE, &mote_kernel_squared_difference},
      /* Transposed convolution, matrix products, broadcasting, lookups. */
      {MOTE_OP_TRANSPOSE_CONV, &mote_kernel_transpose_conv},
      {MOTE_OP_BATCH_MATMUL, &mote_kernel_batch_matmul},
      {MOTE_OP_BROADCAST_TO, &mote_kernel_broadcast_to},
      {MOTE_OP_ADD_N, &mote_kernel_add_n},
      {MOTE_OP_EMBEDDING_LOOKUP, &mote_kernel_embedding_lookup},
      {MOTE_OP_BROADCAST_ARGS, &mote_kernel_broadcast_args},
      {MOTE_OP_DYNAMIC_UPDATE_SLICE, &mote_kernel_dynamic_update_slice},
      /* Control flow and resource variables. */
      {MOTE_OP_IF, &mote_kernel_if},
      {MOTE_OP_WHILE, &mote_kernel_while},
      {MOTE_OP_CALL_ONCE, &mote_kernel_call_once},
      {MOTE_OP_VAR_HANDLE, &mote_kernel_var_handle},
      {MOTE_OP_READ_VARIABLE, &mote_kernel_read_variable},
      {MOTE_OP_ASSIGN_VARIABLE, &mote_kernel_assign_variable},
  };
  uint32_t i;
  for (i = 0; i < MOTE_RESOLVER_BUILTINS; i++) {
    mote_status_t st = mote_resolver_add(r, all[i].op, all[i].kernel);
    if (st != MOTE_OK) {
      return st;
    }
  }
  return MOTE_OK;
}
