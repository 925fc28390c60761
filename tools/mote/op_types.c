/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The input types of every kernel mote has (op_types.h), as the op case
 * table exercises them against TFLM (tests/kernels/table).
 */
#include "op_types.h"

#include <stddef.h>
#include <string.h>

#include "mote/ops.h"
#include "mote/tensor.h"

#define T(type) (1u << MOTE_TYPE_##type)

const cli_op_types_t cli_op_types[] = {
    {MOTE_OP_CONV_2D, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_DEPTHWISE_CONV_2D, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_FULLY_CONNECTED, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_AVERAGE_POOL_2D, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_MAX_POOL_2D, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_L2_POOL_2D, NULL, T(FLOAT32)},
    {MOTE_OP_MEAN, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_SUM, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_REDUCE_MAX, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_REDUCE_MIN, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_REDUCE_ALL, NULL, T(BOOL)},
    {MOTE_OP_ARG_MAX, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_ARG_MIN, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_SOFTMAX, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_LOG_SOFTMAX, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_L2_NORMALIZATION, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_CUMSUM, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_ADD, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_SUB, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_MUL, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_DIV, NULL, T(FLOAT32) | T(INT32) | T(INT8)},
    {MOTE_OP_MAXIMUM, NULL,
     T(FLOAT32) | T(INT32) | T(INT64) | T(INT16) | T(INT8)},
    {MOTE_OP_MINIMUM, NULL,
     T(FLOAT32) | T(INT32) | T(INT64) | T(INT16) | T(INT8)},
    {MOTE_OP_EQUAL, NULL, T(FLOAT32) | T(INT32) | T(INT64) | T(BOOL) | T(INT8)},
    {MOTE_OP_NOT_EQUAL, NULL,
     T(FLOAT32) | T(INT32) | T(INT64) | T(BOOL) | T(INT8)},
    {MOTE_OP_LESS, NULL, T(FLOAT32) | T(INT32) | T(INT64) | T(INT8)},
    {MOTE_OP_LESS_EQUAL, NULL, T(FLOAT32) | T(INT32) | T(INT64) | T(INT8)},
    /* Not int16: TFLM's answers are all false there and mote refuses it
     * (a known difference of the op table). */
    {MOTE_OP_GREATER, NULL, T(FLOAT32) | T(INT32) | T(INT64) | T(INT8)},
    {MOTE_OP_GREATER_EQUAL, NULL, T(FLOAT32) | T(INT32) | T(INT64) | T(INT8)},
    {MOTE_OP_LOGICAL_AND, NULL, T(BOOL)},
    {MOTE_OP_LOGICAL_OR, NULL, T(BOOL)},
    {MOTE_OP_SELECT_V2, NULL, T(BOOL)},
    {MOTE_OP_FLOOR_DIV, NULL, T(FLOAT32)},
    {MOTE_OP_FLOOR_MOD, NULL, T(FLOAT32)},
    {MOTE_OP_LOGISTIC, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_TANH, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_RELU, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_RELU6, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_RELU_N1_TO_1, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_LEAKY_RELU, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_HARD_SWISH, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_PRELU, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_QUANTIZE, NULL, T(FLOAT32) | T(UINT8) | T(INT16) | T(INT8)},
    {MOTE_OP_DEQUANTIZE, NULL, T(FLOAT16) | T(UINT8) | T(INT16) | T(INT8)},
    {MOTE_OP_CAST, NULL,
     T(FLOAT32) | T(INT32) | T(BOOL) | T(INT16) | T(INT8) | T(UINT32)},
    {MOTE_OP_RESHAPE, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_CONCATENATION, NULL,
     T(FLOAT32) | T(INT32) | T(INT64) | T(INT16) | T(INT8)},
    {MOTE_OP_PAD, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_MIRROR_PAD, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_PADV2, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_STRIDED_SLICE, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_TRANSPOSE, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_SQUEEZE, NULL,
     T(FLOAT32) | T(INT32) | T(INT64) | T(BOOL) | T(INT16) | T(INT8)},
    {MOTE_OP_EXPAND_DIMS, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_SPLIT, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_SPLIT_V, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_PACK, NULL, T(FLOAT32) | T(INT32) | T(INT64) | T(INT16) | T(INT8)},
    {MOTE_OP_UNPACK, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_SLICE, NULL, T(FLOAT32) | T(INT32) | T(BOOL) | T(INT16) | T(INT8)},
    {MOTE_OP_GATHER, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_SPACE_TO_DEPTH, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_DEPTH_TO_SPACE, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_REVERSE_V2, NULL,
     T(FLOAT32) | T(INT32) | T(UINT8) | T(INT64) | T(BOOL) | T(INT16) |
         T(INT8)},
    {MOTE_OP_SPACE_TO_BATCH_ND, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_BATCH_TO_SPACE_ND, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_ZEROS_LIKE, NULL, T(FLOAT32) | T(INT32) | T(INT64) | T(INT8)},
    {MOTE_OP_FILL, NULL, T(FLOAT32) | T(INT32) | T(INT8)},
    {MOTE_OP_SHAPE, NULL,
     T(FLOAT32) | T(INT32) | T(UINT8) | T(INT64) | T(BOOL) | T(INT16) |
         T(INT8)},
    {MOTE_OP_GATHER_ND, NULL, T(FLOAT32) | T(INT8)},
    /* Control flow and resource variables: not single-op cases of the
     * table but whole models (tests/interp/test_control_flow.c, against
     * TFLM but for the variables, which the oracle does not run). IF's
     * data input is its condition; CALL_ONCE and VAR_HANDLE take none. */
    {MOTE_OP_IF, NULL, T(BOOL)},
    {MOTE_OP_WHILE, NULL, T(INT32)},
    {MOTE_OP_CALL_ONCE, NULL, 0},
    {MOTE_OP_VAR_HANDLE, NULL, 0},
    {MOTE_OP_READ_VARIABLE, NULL, T(RESOURCE)},
    {MOTE_OP_ASSIGN_VARIABLE, NULL, T(RESOURCE)},
    {MOTE_OP_ELU, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_SQUARED_DIFFERENCE, NULL, T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_RESIZE_NEAREST_NEIGHBOR, NULL,
     T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_RESIZE_BILINEAR, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_SVDF, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_UNIDIRECTIONAL_SEQUENCE_LSTM, NULL,
     T(FLOAT32) | T(INT16) | T(INT8)},
    /* Element-wise unary ops. */
    {MOTE_OP_ABS, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_NEG, NULL, T(FLOAT32)},
    {MOTE_OP_SQUARE, NULL, T(FLOAT32)},
    {MOTE_OP_SQRT, NULL, T(FLOAT32)},
    {MOTE_OP_RSQRT, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_EXP, NULL, T(FLOAT32)},
    {MOTE_OP_LOG, NULL, T(FLOAT32)},
    {MOTE_OP_SIN, NULL, T(FLOAT32)},
    {MOTE_OP_COS, NULL, T(FLOAT32)},
    {MOTE_OP_FLOOR, NULL, T(FLOAT32)},
    {MOTE_OP_CEIL, NULL, T(FLOAT32)},
    {MOTE_OP_ROUND, NULL, T(FLOAT32)},
    {MOTE_OP_LOGICAL_NOT, NULL, T(BOOL)},
    /* Transposed convolution, matrix products, broadcasting, lookups. */
    {MOTE_OP_TRANSPOSE_CONV, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_BATCH_MATMUL, NULL, T(FLOAT32) | T(INT16) | T(INT8)},
    {MOTE_OP_ADD_N, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_EMBEDDING_LOOKUP, NULL, T(FLOAT32) | T(INT8)},
    {MOTE_OP_DYNAMIC_UPDATE_SLICE, NULL,
     T(FLOAT32) | T(INT32) | T(INT16) | T(INT8)},
    {MOTE_OP_BROADCAST_ARGS, NULL, T(INT32) | T(INT64)},
    {MOTE_OP_BROADCAST_TO, NULL,
     T(FLOAT32) | T(INT32) | T(UINT8) | T(INT64) | T(BOOL) | T(INT16) |
         T(INT8)},
    {MOTE_OP_CUSTOM, "SignalWindow", T(INT16)},
    {MOTE_OP_CUSTOM, "SignalFftAutoScale", T(INT16)},
    {MOTE_OP_CUSTOM, "SignalRfft", T(FLOAT32) | T(INT32) | T(INT16)},
    {MOTE_OP_CUSTOM, "SignalIrfft", T(FLOAT32) | T(INT32) | T(INT16)},
    {MOTE_OP_CUSTOM, "SignalEnergy", T(INT16)},
    {MOTE_OP_CUSTOM, "SignalFilterBank", T(UINT32)},
    {MOTE_OP_CUSTOM, "SignalFilterBankSquareRoot", T(UINT64)},
    {MOTE_OP_CUSTOM, "SignalFilterBankSpectralSubtraction", T(UINT32)},
    {MOTE_OP_CUSTOM, "SignalPCAN", T(UINT32)},
    {MOTE_OP_CUSTOM, "SignalFilterBankLog", T(UINT32)},
    {MOTE_OP_CUSTOM, "SignalDelay", T(INT16)},
    {MOTE_OP_CUSTOM, "SignalFramer", T(INT16)},
    {MOTE_OP_CUSTOM, "SignalStacker", T(INT16)},
    {MOTE_OP_CUSTOM, "SignalOverlapAdd", T(FLOAT32) | T(INT16)},
    {MOTE_OP_CUSTOM, "TFLite_Detection_PostProcess", T(FLOAT32)},
    {MOTE_OP_CUSTOM, "CIRCULAR_BUFFER", T(INT8)},
    {MOTE_OP_CUSTOM, "TFLM_DECODE", T(UINT8)},
};

const uint32_t cli_op_types_count =
    (uint32_t)(sizeof cli_op_types / sizeof cli_op_types[0]);

const cli_op_types_t *cli_op_types_find(int32_t code, const char *custom) {
  uint32_t i;
  for (i = 0; i < cli_op_types_count; i++) {
    const cli_op_types_t *e = &cli_op_types[i];
    if (e->code != code) {
      continue;
    }
    if (e->custom == NULL ? custom == NULL
                          : custom != NULL && strcmp(e->custom, custom) == 0) {
      return e;
    }
  }
  return NULL;
}
