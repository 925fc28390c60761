/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The op table (slot -> name, case count, generator) and the helpers that
 * build a kt_case_t. Freestanding: no malloc, no stdio, no libm.
 *
 * Case counts are weighted to the MAC-heavy ops, where the interesting
 * arithmetic (multipliers, padding, per-channel requantization) lives.
 * The case seed mixes the slot's name hash with the index, so inserting an
 * op never changes another op's cases.
 */
#include "cases_gen.h"

#include <string.h>

typedef struct kt_op {
  const char *name;
  int count;
  kt_gen_fn gen;
  int32_t code; /* BuiltinOperator, 32 for the signal ops */
} kt_op_t;

static const kt_op_t kOps[] = {
    {"CONV_2D", KT_CONV_DRAWN_CASES + KT_CONV_LAYER_CASES + KT_INT4_CASES,
     kt_gen_conv_2d, 3},
    {"DEPTHWISE_CONV_2D",
     KT_DW_DRAWN_CASES + KT_DW_LAYER_CASES + KT_INT4_CASES,
     kt_gen_depthwise_conv_2d, 4},
    {"FULLY_CONNECTED", KT_FC_DRAWN_CASES + KT_INT4_CASES,
     kt_gen_fully_connected, 9},
    {"AVERAGE_POOL_2D", KT_POOL_DRAWN_CASES + KT_POOL_LAYER_CASES,
     kt_gen_average_pool_2d, 1},
    {"MAX_POOL_2D", KT_POOL_DRAWN_CASES + KT_POOL_LAYER_CASES,
     kt_gen_max_pool_2d, 17},
    {"L2_POOL_2D", 24, kt_gen_l2_pool_2d, 12},
    {"MEAN", KT_MEAN_CASES, kt_gen_mean, 40},
    {"SUM", KT_SUM_CASES + KT_REDUCE_INPUT_CASES, kt_gen_sum, 74},
    {"REDUCE_MAX", KT_REDUCE_MINMAX_CASES + KT_REDUCE_INPUT_CASES,
     kt_gen_reduce_max, 82},
    {"REDUCE_MIN", KT_REDUCE_MINMAX_CASES + KT_REDUCE_INPUT_CASES,
     kt_gen_reduce_min, 89},
    {"REDUCE_ALL", KT_REDUCE_ALL_CASES + KT_REDUCE_INPUT_CASES,
     kt_gen_reduce_all, 140},
    {"ARG_MAX", KT_ARG_CASES, kt_gen_arg_max, 56},
    {"ARG_MIN", KT_ARG_CASES, kt_gen_arg_min, 79},
    {"LOG_SOFTMAX", 40, kt_gen_log_softmax, 50},
    {"L2_NORMALIZATION", 32, kt_gen_l2_normalization, 11},
    {"CUMSUM", KT_CUMSUM_CASES, kt_gen_cumsum, 128},
    {"SOFTMAX", 48, kt_gen_softmax, 25},
    {"ADD", KT_ADD_DRAWN_CASES + KT_ADD_LAYER_CASES, kt_gen_add, 0},
    {"SUB", 60, kt_gen_sub, 41},
    {"MUL", 60, kt_gen_mul, 18},
    {"DIV", 24, kt_gen_div, 42},
    {"MAXIMUM", 30, kt_gen_maximum, 55},
    {"MINIMUM", 30, kt_gen_minimum, 57},
    {"EQUAL", 25, kt_gen_equal, 71},
    {"NOT_EQUAL", 25, kt_gen_not_equal, 72},
    {"LESS", 24, kt_gen_less, 58},
    {"LESS_EQUAL", 24, kt_gen_less_equal, 63},
    {"GREATER", 25, kt_gen_greater, 61},
    {"GREATER_EQUAL", 24, kt_gen_greater_equal, 62},
    {"LOGICAL_AND", 12, kt_gen_logical_and, 86},
    {"LOGICAL_OR", 12, kt_gen_logical_or, 84},
    {"SELECT_V2", 24, kt_gen_select_v2, 123},
    {"FLOOR_DIV", 16, kt_gen_floor_div, 90},
    {"FLOOR_MOD", 16, kt_gen_floor_mod, 95},
    {"LOGISTIC", 30, kt_gen_logistic, 14},
    {"TANH", 30, kt_gen_tanh, 28},
    {"RELU", 30, kt_gen_relu, 19},
    {"RELU6", 30, kt_gen_relu6, 21},
    {"RELU_N1_TO_1", 4, kt_gen_relu_n1_to_1, 20},
    {"LEAKY_RELU", 30, kt_gen_leaky_relu, 98},
    {"HARD_SWISH", 30, kt_gen_hard_swish, 117},
    {"PRELU", 30, kt_gen_prelu, 54},
    {"QUANTIZE", 40, kt_gen_quantize, 114},
    {"DEQUANTIZE", 24, kt_gen_dequantize, 6},
    {"CAST", 36, kt_gen_cast, 53},
    {"RESHAPE", 20, kt_gen_reshape, 22},
    {"CONCATENATION", 40, kt_gen_concatenation, 2},
    {"PAD", 40, kt_gen_pad, 34},
    {"PADV2", 24, kt_gen_padv2, 60},
    {"MIRROR_PAD", KT_MIRROR_PAD_CASES, kt_gen_mirror_pad, 100},
    {"STRIDED_SLICE", 40, kt_gen_strided_slice, 45},
    {"TRANSPOSE", 30, kt_gen_transpose, 39},
    {"SQUEEZE", 24, kt_gen_squeeze, 43},
    {"EXPAND_DIMS", 20, kt_gen_expand_dims, 70},
    {"SPLIT", 24, kt_gen_split, 49},
    {"SPLIT_V", 24, kt_gen_split_v, 102},
    {"PACK", 20, kt_gen_pack, 83},
    {"UNPACK", 20, kt_gen_unpack, 88},
    {"SLICE", KT_SLICE_CASES, kt_gen_slice, 65},
    {"GATHER", 30, kt_gen_gather, 36},
    {"SPACE_TO_DEPTH", 16, kt_gen_space_to_depth, 26},
    {"DEPTH_TO_SPACE", 16, kt_gen_depth_to_space, 5},
    {"SPACE_TO_BATCH_ND", KT_SPACE_BATCH_CASES, kt_gen_space_to_batch_nd, 38},
    {"BATCH_TO_SPACE_ND", KT_SPACE_BATCH_CASES, kt_gen_batch_to_space_nd, 37},
    {"REVERSE_V2", KT_REVERSE_CASES, kt_gen_reverse_v2, 105},
    {"ZEROS_LIKE", 16, kt_gen_zeros_like, 93},
    {"FILL", 24, kt_gen_fill, 94},
    {"SHAPE", 16, kt_gen_shape, 77},
    {"GATHER_ND", 24, kt_gen_gather_nd, 107},
    {"ELU", 24, kt_gen_elu, 111},
    {"SQUARED_DIFFERENCE", 36, kt_gen_squared_difference, 99},
    {"RESIZE_NEAREST_NEIGHBOR", 48, kt_gen_resize_nearest_neighbor, 97},
    {"RESIZE_BILINEAR", 48, kt_gen_resize_bilinear, 23},
    {"SVDF", 36, kt_gen_svdf, 27},
    {"UNIDIRECTIONAL_SEQUENCE_LSTM", 30, kt_gen_lstm, 44},
    /* Element-wise unary ops (cases_elementwise.c). */
    {"ABS", 24, kt_gen_abs, 101},
    {"NEG", 12, kt_gen_neg, 59},
    {"SQUARE", 12, kt_gen_square, 92},
    {"SQRT", 12, kt_gen_sqrt, 75},
    {"RSQRT", 20, kt_gen_rsqrt, 76},
    {"EXP", 12, kt_gen_exp, 47},
    {"LOG", 12, kt_gen_log, 73},
    {"SIN", 12, kt_gen_sin, 66},
    {"COS", 12, kt_gen_cos, 108},
    {"FLOOR", 12, kt_gen_floor, 8},
    {"CEIL", 12, kt_gen_ceil, 104},
    {"ROUND", 14, kt_gen_round, 116},
    {"LOGICAL_NOT", 10, kt_gen_logical_not, 87},
    /* Transposed convolution, matrix products, broadcasting, lookups. */
    {"TRANSPOSE_CONV", 80, kt_gen_transpose_conv, 67},
    {"BATCH_MATMUL", 60, kt_gen_batch_matmul, 126},
    {"BROADCAST_TO", 28, kt_gen_broadcast_to, 130},
    {"ADD_N", 30, kt_gen_add_n, 106},
    {"BROADCAST_ARGS", 16, kt_gen_broadcast_args, 145},
    {"EMBEDDING_LOOKUP", 24, kt_gen_embedding_lookup, 7},
    {"DYNAMIC_UPDATE_SLICE", 32, kt_gen_dynamic_update_slice, 151},
    {"SignalWindow", 12, kt_gen_signal_window, 32},
    {"SignalFftAutoScale", 12, kt_gen_signal_fft_auto_scale, 32},
    {"SignalRfft", KT_RFFT_DRAWN_CASES + KT_RFFT_GRID_CASES, kt_gen_signal_rfft,
     32},
    {"SignalIrfft", KT_RFFT_GRID_CASES, kt_gen_signal_irfft, 32},
    {"SignalEnergy", 12, kt_gen_signal_energy, 32},
    {"SignalFilterBank", 12, kt_gen_signal_filter_bank, 32},
    {"SignalFilterBankSquareRoot", 12, kt_gen_signal_filter_bank_sqrt, 32},
    {"SignalFilterBankSpectralSubtraction", 12, kt_gen_signal_spectral_sub, 32},
    {"SignalPCAN", 12, kt_gen_signal_pcan, 32},
    {"SignalFilterBankLog", 12, kt_gen_signal_filter_bank_log, 32},
    {"TFLite_Detection_PostProcess", 16, kt_gen_detection_postprocess, 32},
    {"CIRCULAR_BUFFER", 9, kt_gen_circular_buffer, 32},
    {"TFLM_DECODE", KT_DECODE_CASES, kt_gen_decode, 32},
    /* Streaming signal ops (cases_signal_stream.c). */
    {"SignalDelay", 12, kt_gen_signal_delay, 32},
    {"SignalFramer", 12, kt_gen_signal_framer, 32},
    {"SignalStacker", 12, kt_gen_signal_stacker, 32},
    {"SignalOverlapAdd", 16, kt_gen_signal_overlap_add, 32},
};

#define KT_NOPS ((int)(sizeof kOps / sizeof kOps[0]))

int kt_op_count(void) {
  return KT_NOPS;
}

const char *kt_op_name(int slot) {
  return slot >= 0 && slot < KT_NOPS ? kOps[slot].name : NULL;
}

int kt_case_count(int slot) {
  return slot >= 0 && slot < KT_NOPS ? kOps[slot].count : 0;
}

/* FNV-1a, then a finalizer, so nearby indices get unrelated streams. */
uint32_t kt_mix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x7feb352du;
  h ^= h >> 15;
  h *= 0x846ca68bu;
  h ^= h >> 16;
  return h != 0 ? h : 0x9e3779b9u;
}

int kt_case_get(int slot, int index, kt_case_t *out) {
  uint32_t h = 2166136261u;
  uint32_t rng;
  const char *p;
  if (slot < 0 || slot >= KT_NOPS || index < 0 || index >= kOps[slot].count) {
    return -1;
  }
  for (p = kOps[slot].name; *p != '\0'; ++p) {
    h = (h ^ (uint8_t)*p) * 16777619u;
  }
  rng = kt_mix(h ^ ((uint32_t)index * 0x9e3779b9u));
  kt_begin(out, kOps[slot].code, 1, kt_mix(rng + 1u));
  if (kOps[slot].code == 32) {
    out->custom = kOps[slot].name;
  }
  kOps[slot].gen(index, out, &rng);
  return out->overflow ? -1 : 0;
}

/* --- random draws ------------------------------------------------------ */

uint32_t kt_rand(uint32_t *rng) {
  uint32_t x = *rng; /* xorshift32: never 0 from a non-zero state */
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *rng = x;
  return x;
}

int32_t kt_rand_int(uint32_t *rng, int32_t lo, int32_t hi) {
  const uint32_t span = (uint32_t)((int64_t)hi - lo + 1);
  return hi <= lo ? lo : (int32_t)((int64_t)lo + kt_rand(rng) % span);
}

float kt_rand_float(uint32_t *rng, float lo, float hi) {
  return lo + (hi - lo) * (float)(kt_rand(rng) >> 8) * (1.0f / 16777216.0f);
}

float kt_rand_scale(uint32_t *rng, float lo, float hi) {
  /* Without libm: a random octave of [lo, hi], then uniform within it. */
  int octaves = 0;
  float r = hi / lo, s;
  while (r >= 2.0f) {
    r *= 0.5f;
    ++octaves;
  }
  s = lo * (float)(1u << (uint32_t)kt_rand_int(rng, 0,
                                               octaves > 0 ? octaves - 1 : 0));
  s *= 1.0f + kt_rand_float(rng, 0.0f, 1.0f);
  return s > hi ? hi : s;
}

/* --- building ----------------------------------------------------------- */

void kt_begin(kt_case_t *c, int32_t op, int32_t version, uint32_t seed) {
  memset(c, 0, sizeof *c);
  c->op = op;
  c->version = version;
  c->seed = seed;
  c->invokes = 1;
}

static void default_range(kt_tensor_t *t) {
  switch (t->type) {
  case KT_I8:
    t->lo = -128, t->hi = 127;
    break;
  case KT_U8:
    t->lo = 0, t->hi = 255;
    break;
  case KT_I16:
    t->lo = -32768, t->hi = 32767;
    break;
  case KT_F16: /* bit patterns */
    t->lo = 0, t->hi = 65535;
    break;
  case KT_BOOL:
    t->lo = 0, t->hi = 1;
    break;
  case KT_U32:
    t->lo = 0, t->hi = 4294967295.0;
    break;
  case KT_U64:
    t->lo = 0, t->hi = 1099511627776.0;
    break;
  case KT_F32:
    t->lo = -1, t->hi = 1;
    break;
  default:
    t->lo = -1000, t->hi = 1000;
    break;
  }
}

int kt_add(kt_case_t *c, uint8_t role, uint8_t type, int rank,
           const int32_t *shape) {
  const int i = c->nin + c->nout;
  kt_tensor_t *t;
  if (i >= KT_MAX_TENSORS || rank < 0 || rank > KT_MAX_DIMS ||
      (role != KT_OUTPUT && c->nout > 0)) {
    c->overflow = 1;
    return 0;
  }
  t = &c->t[i];
  memset(t, 0, sizeof *t);
  t->role = role;
  t->type = type;
  t->rank = (uint8_t)rank;
  if (rank > 0) {
    memcpy(t->shape, shape, sizeof(int32_t) * (size_t)rank);
  }
  default_range(t);
  if (role == KT_OUTPUT) {
    c->nout++;
  } else {
    c->nin++;
  }
  return i;
}

int kt_add1(kt_case_t *c, uint8_t role, uint8_t type, int32_t d0) {
  return kt_add(c, role, type, 1, &d0);
}

void kt_quant(kt_case_t *c, int i, float scale, int32_t zero_point) {
  c->t[i].scale = scale;
  c->t[i].zero_point = zero_point;
  c->t[i].nquant = 1;
}

void kt_quant_pc(kt_case_t *c, int i, int dim, const float *scales, int n) {
  if (n < 1 || c->nfval + n > KT_MAX_FVALS) {
    c->overflow = 1;
    return;
  }
  memcpy(&c->fval[c->nfval], scales, sizeof(float) * (size_t)n);
  c->t[i].scale = scales[0];
  c->t[i].zero_point = 0;
  c->t[i].nquant = (uint16_t)n;
  c->t[i].scale_at = c->nfval;
  c->t[i].quant_dim = (int8_t)dim;
  c->nfval = (uint16_t)(c->nfval + n);
}

void kt_special_values(kt_case_t *c) {
  int i;
  for (i = 0; i < c->nin; ++i) {
    if (c->t[i].role == KT_INPUT && c->t[i].fill == KT_FILL_RANDOM) {
      c->t[i].fill = KT_FILL_SPECIAL;
    }
  }
  kt_name(c, " specials");
}

void kt_range(kt_case_t *c, int i, double lo, double hi) {
  c->t[i].lo = lo;
  c->t[i].hi = hi;
}

static int put_ivals(kt_case_t *c, const int32_t *v, int n) {
  const int at = c->nival;
  if (n < 0 || at + n > KT_MAX_IVALS) {
    c->overflow = 1;
    return 0;
  }
  if (n > 0) {
    memcpy(&c->ival[at], v, sizeof(int32_t) * (size_t)n);
  }
  c->nival = (uint16_t)(at + n);
  return at;
}

void kt_values(kt_case_t *c, int i, const int32_t *v, int n) {
  c->t[i].fill = KT_FILL_VALUES;
  c->t[i].values_at = (uint16_t)put_ivals(c, v, n);
  if (kt_elements(&c->t[i]) != n) {
    c->overflow = 1;
  }
}

static kt_option_t *new_opt(kt_case_t *c, int field, uint8_t kind) {
  kt_option_t *o;
  if (c->noptions >= KT_MAX_OPTIONS) {
    c->overflow = 1;
    return NULL;
  }
  o = &c->options[c->noptions++];
  memset(o, 0, sizeof *o);
  o->field = (uint16_t)field;
  o->kind = kind;
  return o;
}

void kt_opt(kt_case_t *c, int field, uint8_t kind, int64_t v) {
  kt_option_t *o = new_opt(c, field, kind);
  if (o != NULL) {
    o->i = v;
  }
}

void kt_opt_f32(kt_case_t *c, int field, float v) {
  kt_option_t *o = new_opt(c, field, KT_OPT_FLOAT32);
  if (o != NULL) {
    o->f = v;
  }
}

void kt_opt_vec(kt_case_t *c, int field, const int32_t *v, int n) {
  kt_option_t *o = new_opt(c, field, KT_OPT_VEC_INT32);
  if (o != NULL) {
    o->at = (uint16_t)put_ivals(c, v, n);
    o->count = (uint16_t)n;
  }
}

static const kt_option_t *find_opt(const kt_case_t *c, int field) {
  int i;
  for (i = 0; i < c->noptions; ++i) {
    if (c->options[i].field == field) {
      return &c->options[i];
    }
  }
  return NULL;
}

int64_t kt_option_int(const kt_case_t *c, int field, int64_t def) {
  const kt_option_t *o = find_opt(c, field);
  return o != NULL && o->kind != KT_OPT_FLOAT32 && o->kind != KT_OPT_VEC_INT32
             ? o->i
             : def;
}

float kt_option_f32(const kt_case_t *c, int field, float def) {
  const kt_option_t *o = find_opt(c, field);
  return o != NULL && o->kind == KT_OPT_FLOAT32 ? o->f : def;
}

int kt_act_for(uint32_t *rng, int index, int allow_n1_to_1) {
  static const int acts[4] = {KT_ACT_NONE, KT_ACT_RELU, KT_ACT_RELU6,
                              KT_ACT_RELU_N1_TO_1};
  (void)rng;
  return acts[index % (allow_n1_to_1 ? 4 : 3)];
}

/* --- shapes shared by the data-movement families ---------------------- */

/* A shape of rank lo_rank..hi_rank with dims 1..max_dim; one in six
 * reaches up to rank `top` (dims then up to 3) when top > hi_rank. */
int kt_draw_shape(uint32_t *rng, int lo_rank, int hi_rank, int32_t max_dim,
                  int top, int32_t *shape) {
  const int high = top > hi_rank && kt_rand_int(rng, 0, 5) == 0;
  const int rank = high ? kt_rand_int(rng, hi_rank, top)
                        : kt_rand_int(rng, lo_rank, hi_rank);
  int d;
  for (d = 0; d < rank; ++d) {
    shape[d] = kt_rand_int(rng, 1, high && rank > 4 ? 3 : max_dim);
  }
  return rank;
}

/* Same quantization on `a` and `b` for int8 / int16. */
void kt_same_quant(kt_case_t *c, uint32_t *rng, int a, int b) {
  const int type = c->t[a].type;
  if (type == KT_I8 || type == KT_I16) {
    const float s = kt_rand_scale(rng, 0.001f, 0.5f);
    const int32_t zp = type == KT_I8 ? kt_rand_int(rng, -128, 127) : 0;
    kt_quant(c, a, s, zp);
    if (b >= 0) {
      kt_quant(c, b, s, zp);
    }
  }
}

/* --- names -------------------------------------------------------------- */

void kt_name(kt_case_t *c, const char *s) {
  size_t n = strlen(c->name);
  while (*s != '\0' && n + 1 < KT_NAME_LEN) {
    c->name[n++] = *s++;
  }
  c->name[n] = '\0';
}

void kt_name_int(kt_case_t *c, int64_t v) {
  char buf[24];
  int n = 0, k;
  char out[24];
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    buf[n++] = (char)('0' + (int)(u % 10u));
    u /= 10u;
  } while (u != 0 && n < 22);
  k = 0;
  if (v < 0) {
    out[k++] = '-';
  }
  while (n > 0) {
    out[k++] = buf[--n];
  }
  out[k] = '\0';
  kt_name(c, out);
}

void kt_name_n(kt_case_t *c, const char *s, int64_t v) {
  kt_name(c, s);
  kt_name_int(c, v);
}

void kt_name_shape(kt_case_t *c, int i) {
  int d;
  for (d = 0; d < c->t[i].rank; ++d) {
    if (d > 0) {
      kt_name(c, "x");
    }
    kt_name_int(c, c->t[i].shape[d]);
  }
  if (c->t[i].rank == 0) {
    kt_name(c, "scalar");
  }
}

void kt_name_type(kt_case_t *c, int type) {
  switch (type) {
  case KT_F32:
    kt_name(c, "f32");
    break;
  case KT_F16:
    kt_name(c, "f16");
    break;
  case KT_I32:
    kt_name(c, "i32");
    break;
  case KT_U8:
    kt_name(c, "u8");
    break;
  case KT_I64:
    kt_name(c, "i64");
    break;
  case KT_BOOL:
    kt_name(c, "bool");
    break;
  case KT_I16:
    kt_name(c, "i16");
    break;
  case KT_I8:
    kt_name(c, "i8");
    break;
  case KT_U64:
    kt_name(c, "u64");
    break;
  case KT_U32:
    kt_name(c, "u32");
    break;
  default:
    kt_name(c, "type"), kt_name_int(c, type);
    break;
  }
}

void kt_name_io(kt_case_t *c, int type, int i) {
  kt_name_type(c, type);
  kt_name(c, " ");
  kt_name_shape(c, i);
}

void kt_name_act(kt_case_t *c, int act) {
  static const char *const names[6] = {"",       " RELU", " RELU_N1_TO_1",
                                       " RELU6", " TANH", " SIGN_BIT"};
  kt_name(c, act >= 0 && act < 6 ? names[act] : " act?");
}
