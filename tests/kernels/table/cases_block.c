/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generators: SPACE_TO_DEPTH and DEPTH_TO_SPACE, float32 and int8
 * (TFLM's types; one quantization for input and output), batches 1 to 2,
 * block sizes 1 to 4 over spatial sizes and depths they divide; and
 * SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND and REVERSE_V2 (below).
 */
#include "cases_gen.h"

static void space_depth(int index, kt_case_t *c, uint32_t *rng, int to_depth) {
  const int type = index % 2 ? KT_I8 : KT_F32;
  const int32_t b = kt_rand_int(rng, 1, index % 3 == 0 ? 4 : 2);
  int32_t shape[4], oshape[4];
  int in, out;
  shape[0] = kt_rand_int(rng, 1, 2);
  shape[1] = kt_rand_int(rng, 1, 3) * (to_depth ? b : 1);
  shape[2] = kt_rand_int(rng, 1, 3) * (to_depth ? b : 1);
  shape[3] = kt_rand_int(rng, 1, 4) * (to_depth ? 1 : b * b);
  oshape[0] = shape[0];
  oshape[1] = to_depth ? shape[1] / b : shape[1] * b;
  oshape[2] = to_depth ? shape[2] / b : shape[2] * b;
  oshape[3] = to_depth ? shape[3] * b * b : shape[3] / (b * b);
  in = kt_add(c, KT_INPUT, (uint8_t)type, 4, shape);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, 4, oshape);
  kt_same_quant(c, rng, in, out);
  c->options_type = (uint8_t)(to_depth ? 19 : 94);
  kt_opt(c, 0, KT_OPT_INT32, b);
  c->version = type == KT_I8 ? 2 : 1;
  kt_name_io(c, type, in);
  kt_name_n(c, " block ", b);
}

void kt_gen_space_to_depth(int index, kt_case_t *c, uint32_t *rng) {
  space_depth(index, c, rng, 1);
}

void kt_gen_depth_to_space(int index, kt_case_t *c, uint32_t *rng) {
  space_depth(index, c, rng, 0);
}

/* SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND: float32 and int8 (one
 * quantization for input and output with a drawn zero point, which TFLM's
 * int8 padding ignores: it pads with the integer 0), 3-D and 4-D enumerated;
 * blocks 1 to 3, paddings made to divide, crops that leave at least one row and
 * column drawn. From KT_SPACE_BATCH_INPUT_CASE on, block_shape, paddings /
 * crops or both are model inputs (read at invoke); the last case declares
 * an output one row taller than they give (mote: the invoke fails). */
static void space_batch(int index, kt_case_t *c, uint32_t *rng, int to_batch) {
  const int type = index % 2 ? KT_I8 : KT_F32;
  const int rank = (index / 2) % 2 ? 3 : 4;
  const int sp = rank - 2;
  const int bdyn = index >= KT_SPACE_BATCH_INPUT_CASE &&
                   index - KT_SPACE_BATCH_INPUT_CASE != 2 &&
                   index - KT_SPACE_BATCH_INPUT_CASE != 3;
  const int edyn = index >= KT_SPACE_BATCH_INPUT_CASE + 2;
  const int misfit = index == KT_SPACE_BATCH_CASES - 1;
  int32_t shape[4], oshape[4], blocks[2], edges[4], bshape[1], eshape[2];
  int in, b, e, out, d;
  const int32_t n = kt_rand_int(rng, 1, 2);
  int32_t prod = 1;
  for (d = 0; d < sp; ++d) {
    const int32_t bl = kt_rand_int(rng, 1, 3);
    const int32_t size = kt_rand_int(rng, 1, to_batch ? 5 : 3);
    blocks[d] = bl;
    prod *= bl;
    if (to_batch) {
      edges[2 * d] = kt_rand_int(rng, 0, 2);
      edges[2 * d + 1] =
          (bl - (size + edges[2 * d]) % bl) % bl + bl * kt_rand_int(rng, 0, 1);
      shape[1 + d] = size;
      oshape[1 + d] = (size + edges[2 * d] + edges[2 * d + 1]) / bl;
    } else {
      const int32_t room = size * bl - 1; /* keep one row */
      edges[2 * d] = kt_rand_int(rng, 0, room < 2 ? room : 2);
      edges[2 * d + 1] = kt_rand_int(
          rng, 0, room - edges[2 * d] < 2 ? room - edges[2 * d] : 2);
      shape[1 + d] = size;
      oshape[1 + d] = size * bl - edges[2 * d] - edges[2 * d + 1];
    }
  }
  shape[0] = to_batch ? n : n * prod;
  oshape[0] = to_batch ? n * prod : n;
  shape[rank - 1] = oshape[rank - 1] = kt_rand_int(rng, 1, 3);
  oshape[1] += misfit;
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  bshape[0] = sp;
  b = kt_add(c, bdyn ? KT_INPUT : KT_CONST, KT_I32, 1, bshape);
  kt_values(c, b, blocks, sp);
  eshape[0] = sp, eshape[1] = 2;
  e = kt_add(c, edyn ? KT_INPUT : KT_CONST, KT_I32, 2, eshape);
  kt_values(c, e, edges, 2 * sp);
  out = kt_add(c, KT_OUTPUT, (uint8_t)type, rank, oshape);
  kt_same_quant(c, rng, in, out);
  c->options_type = (uint8_t)(to_batch ? 25 : 24);
  kt_name_io(c, type, in);
  kt_name(c, " block");
  for (d = 0; d < sp; ++d) {
    kt_name_n(c, d ? "x" : " ", blocks[d]);
  }
  kt_name(c, bdyn ? " (an input)" : "");
  kt_name(c, to_batch ? " pads" : " crops");
  for (d = 0; d < 2 * sp; ++d) {
    kt_name_n(c, d ? "," : " ", edges[d]);
  }
  kt_name(c, edyn ? " (an input)" : "");
  kt_name(c, misfit ? ", output dim 1 one taller" : "");
}

void kt_gen_space_to_batch_nd(int index, kt_case_t *c, uint32_t *rng) {
  space_batch(index, c, rng, 1);
}

void kt_gen_batch_to_space_nd(int index, kt_case_t *c, uint32_t *rng) {
  space_batch(index, c, rng, 0);
}

/* REVERSE_V2: TFLM's seven types enumerated; ranks 1 to 4 (one in six 5)
 * and a contiguous run of axes drawn, listed last to first, every other
 * case counted from the end (negative). From KT_REVERSE_INPUT_CASE on the
 * axes are a model input (read at invoke); the last case's first axis is
 * the rank, out of range (mote: the invoke fails). */
void kt_gen_reverse_v2(int index, kt_case_t *c, uint32_t *rng) {
  static const int kTypes[7] = {KT_F32, KT_I32, KT_I16, KT_I8,
                                KT_U8,  KT_I64, KT_BOOL};
  const int type = kTypes[index % 7];
  const int dynamic = index >= KT_REVERSE_INPUT_CASE;
  const int misfit = index == KT_REVERSE_CASES - 1;
  const int negative = dynamic ? index % 2 : (index / 7) % 2;
  int32_t shape[6], axes[6], ashape[1];
  const int rank = kt_draw_shape(rng, 1, 4, 4, 5, shape);
  const int lo = kt_rand_int(rng, 0, rank - 1);
  const int hi = kt_rand_int(rng, lo, rank - 1);
  int in, a, d;
  for (d = hi; d >= lo; --d) {
    axes[hi - d] = negative ? d - rank : d;
  }
  axes[0] = misfit ? rank : axes[0];
  in = kt_add(c, KT_INPUT, (uint8_t)type, rank, shape);
  ashape[0] = hi - lo + 1;
  a = kt_add(c, dynamic ? KT_INPUT : KT_CONST, KT_I32, 1, ashape);
  kt_values(c, a, axes, hi - lo + 1);
  kt_add(c, KT_OUTPUT, (uint8_t)type, rank, shape);
  c->options_type = 81; /* ReverseV2Options */
  c->version = type == KT_I16 ? 3 : (type == KT_I8 || type == KT_U8) ? 2 : 1;
  kt_name_io(c, type, in);
  kt_name(c, dynamic ? " axes (an input)" : " axes");
  for (d = 0; d <= hi - lo; ++d) {
    kt_name_n(c, d ? "," : " ", axes[d]);
  }
}
