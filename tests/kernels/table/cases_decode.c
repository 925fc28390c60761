/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generator: TFLM_DECODE (TFLM's decoder of compressed constants),
 * LUT type. Cases 0..20: bit width 1 + index % 7 for int8, int16 and
 * float32 outputs (index / 7), channels by index % 3: one table, one per
 * channel along dimension 0, one per channel along the last dimension
 * (interleaved). Element counts are drawn, often odd, so streams end
 * mid-byte. Cases 21..23: two (encoded, DCM) pairs in one op, mixed
 * types and widths. Every table is as wide as its channel's stride and
 * every index inside it: the header, bits and values are written here as
 * TFLM's compression tool lays them out (16-byte header, value tables,
 * indices most significant bit first). Cases 24..26: bool, int32 and
 * int64 outputs. Cases 27, 28: DCM version and LUT version 2, which
 * both refuse. Cases 29..34: int8 widths 2, 3 and 4 with one table,
 * then two channels along dimension 0, each 33 to 71 elements (odd):
 * long enough for TFLM's word-at-a-time int8 paths, channels starting
 * mid-word.
 */
#include "cases_gen.h"

#define DECODE_MAX_BYTES 96
#define DECODE_TABLE_BUDGET 280 /* value-table bytes per pair */

static size_t decode_esize(int type) {
  return type == KT_I64                       ? 8u
         : type == KT_F32 || type == KT_I32 ? 4u
         : type == KT_I16                   ? 2u
                                            : 1u;
}

/* One pair and its output: mode 0 one table, 1 channels along dim 0,
 * 2 along the last dim. Appends the two constants; returns the output's
 * shape in shape/rank and its channels for the caller to add last. */
static void decode_pair(kt_case_t *c, uint32_t *rng, int type, int width,
                        int mode, int big, int32_t *shape, int *rank,
                        int *channels) {
  int32_t bytes[DECODE_MAX_BYTES], dcm[16 + DECODE_TABLE_BUDGET];
  const size_t es = decode_esize(type);
  int ch = mode == 0 ? 1 : kt_rand_int(rng, 2, big ? 2 : 4);
  int inner = big ? kt_rand_int(rng, 33, 71) | 1
                  : kt_rand_int(rng, 1, 9) | (kt_rand_int(rng, 0, 3) == 0 ? 0 : 1);
  int n, nvals, cap, e, k, bit;
  int32_t dshape[1];
  if (mode == 0) {
    *rank = big ? 2 : kt_rand_int(rng, 1, 3);
    shape[0] = big ? kt_rand_int(rng, 1, 2) : kt_rand_int(rng, 1, 5) | 1;
    shape[1] = inner;
    shape[2] = kt_rand_int(rng, 1, 2);
  } else {
    *rank = 2;
    shape[mode == 1 ? 0 : 1] = ch;
    shape[mode == 1 ? 1 : 0] = inner;
  }
  n = 1;
  for (k = 0; k < *rank; ++k) {
    n *= shape[k];
  }
  cap = (int)(DECODE_TABLE_BUDGET / (es * (size_t)ch));
  nvals = kt_rand_int(rng, (1 << (width - 1)) + (width > 1 ? 1 : 0),
                      1 << width);
  nvals = nvals > cap ? cap : nvals;
  /* Header: LUT type, DCM version 1, LUT version 1, width, stride. */
  for (k = 0; k < 16; ++k) {
    dcm[k] = 0;
  }
  dcm[1] = 1, dcm[4] = 1, dcm[5] = width, dcm[6] = nvals;
  for (k = 0; k < ch * nvals; ++k) {
    uint32_t v = kt_rand(rng);
    size_t b;
    if (type == KT_BOOL) {
      v &= 1u; /* a bool holds 0 or 1 */
    } else if (type == KT_F32) {
      float f = kt_rand_float(rng, -8.0f, 8.0f);
      const uint8_t *p = (const uint8_t *)&f;
      v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
          (uint32_t)p[3] << 24;
    }
    for (b = 0; b < es; ++b) {
      const uint32_t word = b < 4u ? v : kt_rand(rng);
      dcm[16 + (size_t)k * es + b] = (int32_t)((word >> (8 * (b & 3u))) & 0xffu);
    }
  }
  for (k = 0; k < DECODE_MAX_BYTES; ++k) {
    bytes[k] = 0;
  }
  for (e = 0, bit = 0; e < n; ++e) {
    const int idx = kt_rand_int(rng, 0, nvals - 1);
    for (k = width - 1; k >= 0; --k, ++bit) {
      if ((idx >> k) & 1) {
        bytes[bit >> 3] |= 0x80 >> (bit & 7);
      }
    }
  }
  dshape[0] = (bit + 7) / 8;
  k = kt_add(c, KT_CONST, KT_U8, 1, dshape);
  kt_values(c, k, bytes, dshape[0]);
  dshape[0] = 16 + ch * nvals * (int32_t)es;
  k = kt_add(c, KT_CONST, KT_U8, 1, dshape);
  kt_values(c, k, dcm, dshape[0]);
  *channels = ch;
}

static void decode_output(kt_case_t *c, uint32_t *rng, int type, int mode,
                          const int32_t *shape, int rank, int ch) {
  const int o = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  float scales[4];
  int k;
  if (type != KT_I8 && type != KT_I16) {
    return;
  }
  if (mode == 0) {
    kt_quant(c, o, kt_rand_scale(rng, 0.001f, 1.0f), 0);
    return;
  }
  for (k = 0; k < ch; ++k) {
    scales[k] = kt_rand_scale(rng, 0.001f, 1.0f);
  }
  kt_quant_pc(c, o, mode == 1 ? 0 : rank - 1, scales, ch);
}

void kt_gen_decode(int index, kt_case_t *c, uint32_t *rng) {
  static const uint8_t types[3] = {KT_I8, KT_I16, KT_F32};
  static const uint8_t wide[3] = {KT_BOOL, KT_I32, KT_I64};
  int32_t shape[2][3];
  int rank[2], ch[2], type[2], width[2], mode[2];
  int pairs = index >= 21 && index < 24 ? 2 : 1, p;
  for (p = 0; p < pairs; ++p) {
    type[p] = index < 21   ? types[index / 7]
              : index < 24 ? types[(index + p) % 3]
              : index < 27 ? wide[index - 24]
                           : KT_I8;
    width[p] = index < 21   ? 1 + index % 7
               : index < 29 ? kt_rand_int(rng, 1, 7)
                            : 2 + (index - 29) % 3;
    mode[p] = index < 21 ? index % 3 : index < 29 ? (index + 2 * p) % 3
                                                  : (index - 29) / 3;
    if (type[p] != KT_I8 && type[p] != KT_I16) {
      mode[p] = 0; /* only a quantized output has channels */
    }
    decode_pair(c, rng, type[p], width[p], mode[p], index >= 29, shape[p],
                &rank[p], &ch[p]);
  }
  if (index == 27 || index == 28) {
    /* DCM version (byte 1), then LUT version (byte 4), not 1: refused. */
    c->ival[c->t[1].values_at + (index == 27 ? 1 : 4)] = 2;
    kt_name(c, index == 27 ? "DCM version 2 " : "LUT version 2 ");
  }
  for (p = 0; p < pairs; ++p) {
    decode_output(c, rng, type[p], mode[p], shape[p], rank[p], ch[p]);
  }
  for (p = 0; p < pairs; ++p) {
    kt_name(c, p > 0 ? " + " : "");
    kt_name_type(c, type[p]);
    kt_name_n(c, " w", width[p]);
    kt_name(c, mode[p] == 0 ? " " : mode[p] == 1 ? " pc0 " : " pcN ");
    kt_name_shape(c, c->nin + p);
  }
}
