/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The op case table: every operator mote has, described at the layer
 * level, for drivers that run each case through two implementations and
 * compare the bytes (tests/kernels/test_op_table.c: mote's interpreter
 * against real TFLM; later a compute-level driver: optimized kernels
 * against the reference, on the host and on emulated Cortex-M).
 *
 * A case is one operator: its code and version, builtin options (schema
 * field numbers, as tools/tflite_build writes them) or flexbuffer custom
 * options, and its tensors (type, shape, quantization, role) with a seed
 * from which kt_fill() makes every tensor's data. Generators write into a
 * caller-provided kt_case_t, so the table needs no malloc, files or stdio
 * and builds freestanding; everything is deterministic (same slot and
 * index, same case and data, on every platform).
 *
 * Shapes and parameters are drawn per case from the case's own seed within
 * per-op ranges, while the axes that matter most (type, activation,
 * padding, quantization mode) are enumerated from the index, in the manner
 * of ggml's test-backend-ops. Rejected: a literal list of every case
 * (thousands of lines) and a cartesian product (too many large cases for
 * the oracle's time budget).
 */
#ifndef MOTE_TEST_KT_CASES_H
#define MOTE_TEST_KT_CASES_H

#include <stddef.h>
#include <stdint.h>

#define KT_MAX_DIMS 6
#define KT_MAX_TENSORS 26 /* LSTM: 24 inputs and an output */
#define KT_MAX_OPTIONS 12
#define KT_MAX_IVALS 768  /* explicit integer data and option vectors */
#define KT_MAX_FVALS 256  /* per-channel scales */
#define KT_MAX_CUSTOM 320 /* flexbuffer custom options bytes */
#define KT_NAME_LEN 120

/* Tensor roles. */
enum {
  KT_ABSENT = 0, /* optional operator input given as -1 */
  KT_INPUT,      /* model input; data from kt_fill */
  KT_CONST,      /* constant in the model; data from kt_fill */
  KT_VARIABLE,   /* state tensor (is_variable), starts at real 0 */
  KT_OUTPUT      /* operator (and model) output */
};

/* How kt_fill makes a tensor's data. */
enum {
  KT_FILL_RANDOM = 0, /* uniform in [lo, hi]; integers inclusive */
  KT_FILL_VALUES,     /* element i is ival[values_at + i]; for float32
                         its bit pattern */
  KT_FILL_INTEGRAL,   /* as RANDOM, but whole numbers (floats too) */
  KT_FILL_SPECIAL     /* RANDOM, but one element in four special: for
                         float32 a NaN, an infinity, a signed zero, a
                         subnormal or +-FLT_MAX; for integers lo, hi,
                         lo + 1, hi - 1 or 0 (clamped into the range) */
};

/* Option kinds; the values equal tools/tflite_build's tfb_kind_t. */
enum {
  KT_OPT_BOOL = 0,
  KT_OPT_INT8 = 1,
  KT_OPT_UINT8 = 2,
  KT_OPT_INT32 = 5,
  KT_OPT_FLOAT32 = 8,
  KT_OPT_VEC_INT32 = 9
};

typedef struct kt_tensor {
  int32_t shape[KT_MAX_DIMS]; /* outermost first */
  uint8_t rank;
  uint8_t type;  /* mote_type_t (TFLite TensorType) */
  uint8_t role;  /* KT_ABSENT ... KT_OUTPUT */
  uint8_t fill;  /* KT_FILL_* */
  double lo, hi; /* KT_FILL_RANDOM range (real values for float types) */
  /* Quantization: nquant 0 none, 1 per-tensor (scale, zero_point), > 1
   * per-channel along quant_dim with scales fval[scale_at ...] and zero
   * points all 0. */
  float scale;
  int32_t zero_point;
  uint16_t nquant;
  uint16_t scale_at;
  int8_t quant_dim;
  uint16_t values_at; /* KT_FILL_VALUES: offset into ival */
  /* KT_CONST: the data's file offset modulo 16 (4, 8, 12), as converters
   * that ignore force_align write int64 data; 0 for 16-byte aligned. */
  uint8_t data_at;
} kt_tensor_t;

typedef struct kt_option {
  uint16_t field; /* schema field index from 0, deprecated ones counted */
  uint8_t kind;   /* KT_OPT_* */
  int64_t i;      /* integer and bool kinds */
  float f;        /* KT_OPT_FLOAT32 */
  uint16_t at;    /* KT_OPT_VEC_INT32: elements ival[at .. at + count) */
  uint16_t count;
} kt_option_t;

typedef struct kt_case {
  int32_t op;           /* BuiltinOperator; 32 (CUSTOM) with `custom` */
  int32_t version;      /* operator version written to the model */
  const char *custom;   /* custom op name (static), or NULL */
  uint8_t options_type; /* BuiltinOptions union index, 0 for none */
  uint8_t noptions;
  kt_option_t options[KT_MAX_OPTIONS];
  uint16_t ncustom; /* custom_options bytes (flexbuffer), 0 for none */
  uint8_t custom_options[KT_MAX_CUSTOM];
  uint8_t nin, nout; /* t[0 .. nin) inputs, t[nin .. nin + nout) outputs */
  kt_tensor_t t[KT_MAX_TENSORS];
  uint16_t nival, nfval;
  int32_t ival[KT_MAX_IVALS];
  float fval[KT_MAX_FVALS];
  uint32_t seed;          /* data seed; tensor i's stream derives from it */
  uint16_t invokes;       /* runs on the same input; outputs of the last one */
  uint8_t overflow;       /* a generator ran out of room: a table bug */
  char name[KT_NAME_LEN]; /* e.g. "int8 pc 1x7x5x3 f3x3 s2 SAME RELU" */
} kt_case_t;

/* Number of op slots (each builtin and signal op mote has, once). */
int kt_op_count(void);

/* Slot `slot`'s operator name, e.g. "CONV_2D" or "SignalRfft"; NULL when
 * out of range. */
const char *kt_op_name(int slot);

/* Number of cases of slot `slot` (0 when out of range). */
int kt_case_count(int slot);

/* Writes case `index` of slot `slot` to *out. Returns 0, or -1 when slot
 * or index is out of range (or the case overflowed its fixed arrays, a
 * bug in the table). Deterministic. */
int kt_case_get(int slot, int index, kt_case_t *out);

/* Builtin option `field` of case `c` as written (integer and bool kinds;
 * the float for KT_OPT_FLOAT32), or `def` when the case leaves it out,
 * as a reader of the .tflite would see it. */
int64_t kt_option_int(const kt_case_t *c, int field, int64_t def);
float kt_option_f32(const kt_case_t *c, int field, float def);

/* Elements and bytes of tensor `t` (0 bytes for types without a size). */
int64_t kt_elements(const kt_tensor_t *t);
size_t kt_type_size(int type);
size_t kt_tensor_bytes(const kt_tensor_t *t);

/* Writes the data of tensor `i` of case `c` to buf (little-endian, as the
 * tensor's type). Returns 0, or -1 when `cap` is too small or the type has
 * no generator. Deterministic in (c->seed, i). */
int kt_fill(const kt_case_t *c, int i, void *buf, size_t cap);

#endif /* MOTE_TEST_KT_CASES_H */
