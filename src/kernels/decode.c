/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TFLM_DECODE, TFLM's custom op for compressed constant tensors: inputs
 * come in pairs (encoded tensor, ancillary "DCM" tensor), each pair
 * decoding into the output of the same number. Only the LUT decode type
 * (the one TFLM's reference kernel has besides pruning):
 *
 *   DCM byte 0   decode type, 0 = LUT
 *   DCM byte 1   DCM version, 1
 *   DCM byte 4   LUT version, 1
 *   DCM byte 5   low 3 bits: index bit width 1..7 (TFLM ignores the rest)
 *   DCM byte 6   value-table channel stride, in table elements
 *   DCM byte 16  value tables, elements of the output type, one table per
 *                channel, `stride` apart
 *
 * The encoded tensor is a bit stream of indices, most significant bit
 * first, with no padding between channels. Channels are the output's
 * quantization channels: along dimension 0 (each channel a contiguous
 * run), or along the last dimension when there are several scales there
 * (channels interleaved element by element); one table otherwise.
 *
 * Both inputs are constants, so prepare checks every index against its
 * table once and invoke cannot read outside either tensor.
 */
#include <string.h>

#include "mote/custom_ops.h"

#define DCM_HEADER_BYTES 16u
#define DCM_TYPE_AT 0u
#define DCM_VERSION_AT 1u
#define DCM_LUT_VERSION_AT 4u
#define DCM_PARAMS_AT 5u
#define DCM_STRIDE_AT 6u

typedef struct decode_pair {
  const uint8_t *bits;  /* encoded indices */
  const uint8_t *table; /* first channel's value table */
  uint32_t count;       /* output elements */
  uint32_t channels;
  uint32_t run;         /* elements per channel run (1 interleaved) */
  uint32_t stride;      /* table bytes between channels */
  uint8_t width;        /* index bits */
  uint8_t elem;         /* output element bytes */
} decode_pair_t;

/* Index `e` of a most-significant-bit-first stream of `width`-bit
 * indices (width <= 7, so it spans at most two bytes). */
static uint32_t decode_index(const uint8_t *bits, uint32_t e, uint32_t width) {
  const uint32_t pos = e * width;
  const uint32_t at = pos >> 3, shift = pos & 7u;
  uint32_t w = (uint32_t)bits[at] << 8;
  if (shift + width > 8u) {
    w |= bits[at + 1u];
  }
  return (w >> (16u - shift - width)) & ((1u << width) - 1u);
}

static uint32_t decode_channel(const decode_pair_t *p, uint32_t e) {
  return p->run == 1u ? e % p->channels : e / p->run;
}

static mote_status_t decode_element_size(mote_kctx_t *ctx,
                                         const mote_tensor_t *out,
                                         uint32_t o, uint8_t *elem) {
  switch (out->type) {
    case MOTE_TYPE_BOOL:
    case MOTE_TYPE_INT8:
      *elem = 1;
      return MOTE_OK;
    case MOTE_TYPE_INT16:
      *elem = 2;
      return MOTE_OK;
    case MOTE_TYPE_FLOAT32:
    case MOTE_TYPE_INT32:
      *elem = 4;
      return MOTE_OK;
    case MOTE_TYPE_INT64:
      *elem = 8;
      return MOTE_OK;
    default:
      return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                            "output %u (tensor %u) is %s; LUT decode writes "
                            "bool, int8, int16, int32, int64 or float32",
                            (unsigned)o, (unsigned)out->index,
                            mote_type_name((mote_type_t)out->type));
  }
}

/* Channels as TFLM derives them from the output's quantization. */
static mote_status_t decode_channels(mote_kctx_t *ctx, const mote_tensor_t *out,
                                     uint32_t o, decode_pair_t *p) {
  const uint32_t n = out->quant_count > 0u ? out->quant_count : 1u;
  p->channels = n;
  if (out->quant_count > 0u && n > 1u && out->rank > 0u &&
      out->quant_dim == (int32_t)out->rank - 1) {
    p->run = 1u;
  } else if (out->quant_count > 0u && out->quant_dim != 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "output %u (tensor %u): quantization along "
                          "dimension %d; decode takes the first or, with "
                          "several scales, the last",
                          (unsigned)o, (unsigned)out->index,
                          (int)out->quant_dim);
  } else {
    p->run = p->count / n;
  }
  if (p->count % n != 0u) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output %u (tensor %u): %u elements do not split "
                          "into %u channels",
                          (unsigned)o, (unsigned)out->index,
                          (unsigned)p->count, (unsigned)n);
  }
  return MOTE_OK;
}

static mote_status_t decode_header(mote_kctx_t *ctx, const mote_tensor_t *dcm,
                                   uint32_t i, decode_pair_t *p) {
  const uint8_t *h = (const uint8_t *)dcm->data;
  if (dcm->bytes < DCM_HEADER_BYTES) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input %u (tensor %u): %u bytes, less than the "
                          "16-byte decode header",
                          (unsigned)i, (unsigned)dcm->index,
                          (unsigned)dcm->bytes);
  }
  if (h[DCM_VERSION_AT] != 1u) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %u (tensor %u): DCM version %u at byte 1, "
                          "not 1",
                          (unsigned)i, (unsigned)dcm->index,
                          (unsigned)h[DCM_VERSION_AT]);
  }
  if (h[DCM_TYPE_AT] != 0u) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %u (tensor %u): decode type %u at byte 0; "
                          "mote decodes only LUT (0)",
                          (unsigned)i, (unsigned)dcm->index,
                          (unsigned)h[DCM_TYPE_AT]);
  }
  if (h[DCM_LUT_VERSION_AT] != 1u) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %u (tensor %u): LUT version %u at byte 4, "
                          "not 1",
                          (unsigned)i, (unsigned)dcm->index,
                          (unsigned)h[DCM_LUT_VERSION_AT]);
  }
  p->width = (uint8_t)(h[DCM_PARAMS_AT] & 7u);
  if (p->width == 0u) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "input %u (tensor %u): bit width 0 at byte 5 "
                          "(low 3 bits); 1 to 7 allowed",
                          (unsigned)i, (unsigned)dcm->index);
  }
  if (h[DCM_STRIDE_AT] == 0u) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input %u (tensor %u): value-table stride 0 at "
                          "byte 6",
                          (unsigned)i, (unsigned)dcm->index);
  }
  p->stride = (uint32_t)h[DCM_STRIDE_AT] * p->elem;
  p->table = h + DCM_HEADER_BYTES;
  if ((uint64_t)(dcm->bytes - DCM_HEADER_BYTES) <
      (uint64_t)p->channels * p->stride) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input %u (tensor %u): value tables from byte 16 "
                          "need %u channels x %u bytes, the tensor has %u "
                          "bytes",
                          (unsigned)i, (unsigned)dcm->index,
                          (unsigned)p->channels, (unsigned)p->stride,
                          (unsigned)dcm->bytes);
  }
  return MOTE_OK;
}

/* The encoded stream's size, and every index inside its channel's table. */
static mote_status_t decode_check_indices(mote_kctx_t *ctx,
                                          const mote_tensor_t *enc,
                                          uint32_t i, const decode_pair_t *p) {
  const uint64_t need = ((uint64_t)p->count * p->width + 7u) / 8u;
  const uint32_t limit = p->stride / p->elem;
  uint32_t e;
  if ((uint64_t)enc->bytes < need) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input %u (tensor %u): %u bytes hold fewer than "
                          "%u indices of %u bits",
                          (unsigned)i, (unsigned)enc->index,
                          (unsigned)enc->bytes, (unsigned)p->count,
                          (unsigned)p->width);
  }
  for (e = 0; e < p->count; ++e) {
    const uint32_t v = decode_index(p->bits, e, p->width);
    if (v >= limit) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "input %u (tensor %u): index %u of element %u "
                            "is past the channel's %u table entries",
                            (unsigned)i, (unsigned)enc->index, (unsigned)v,
                            (unsigned)e, (unsigned)limit);
    }
  }
  return MOTE_OK;
}

static mote_status_t decode_prepare_pair(mote_kctx_t *ctx, uint32_t o,
                                         decode_pair_t *p) {
  mote_tensor_t enc, dcm, out;
  mote_status_t st;
  const uint32_t i = 2u * o;
  int32_t n;
  if ((st = mote_kctx_input(ctx, i, &enc)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, i + 1u, &dcm)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, o, &out)) != MOTE_OK) {
    return st;
  }
  if ((enc.flags & MOTE_TENSOR_CONST) == 0u ||
      (dcm.flags & MOTE_TENSOR_CONST) == 0u) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "inputs %u and %u (tensors %u, %u) must both be "
                          "constants",
                          (unsigned)i, (unsigned)(i + 1u),
                          (unsigned)enc.index, (unsigned)dcm.index);
  }
  if ((st = decode_element_size(ctx, &out, o, &p->elem)) != MOTE_OK) {
    return st;
  }
  n = mote_tensor_elements(&out);
  p->count = n > 0 ? (uint32_t)n : 0u;
  p->bits = (const uint8_t *)enc.data;
  if ((st = decode_channels(ctx, &out, o, p)) != MOTE_OK ||
      (st = decode_header(ctx, &dcm, i + 1u, p)) != MOTE_OK) {
    return st;
  }
  return decode_check_indices(ctx, &enc, i, p);
}

static mote_status_t decode_prepare(mote_kctx_t *ctx) {
  const uint32_t outs = mote_kctx_output_count(ctx);
  decode_pair_t *pairs;
  void *mem;
  uint32_t o;
  mote_status_t st;
  if (outs == 0u || mote_kctx_input_count(ctx) != 2u * outs) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "%u inputs and %u outputs; decode takes one "
                          "(encoded, DCM) input pair per output",
                          (unsigned)mote_kctx_input_count(ctx),
                          (unsigned)outs);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, outs * sizeof *pairs, &mem)) !=
      MOTE_OK) {
    return st;
  }
  pairs = (decode_pair_t *)mem;
  for (o = 0; o < outs; ++o) {
    if ((st = decode_prepare_pair(ctx, o, &pairs[o])) != MOTE_OK) {
      return st;
    }
  }
  mote_kctx_set_user_data(ctx, pairs);
  return MOTE_OK;
}

static mote_status_t decode_invoke(mote_kctx_t *ctx) {
  const decode_pair_t *pairs = (const decode_pair_t *)mote_kctx_user_data(ctx);
  const uint32_t outs = mote_kctx_output_count(ctx);
  uint32_t o, e;
  for (o = 0; o < outs; ++o) {
    const decode_pair_t *p = &pairs[o];
    uint8_t *dst = (uint8_t *)mote_kctx_output_data(ctx, o);
    for (e = 0; e < p->count; ++e) {
      const uint32_t v = decode_index(p->bits, e, p->width);
      memcpy(dst, p->table + decode_channel(p, e) * p->stride + v * p->elem,
             p->elem);
      dst += p->elem;
    }
  }
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_decode = {"TFLM_DECODE", 1, decode_prepare,
                                          decode_invoke};
