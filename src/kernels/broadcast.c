/*
 * Broadcast canonicalisation for element-wise binary operators; see
 * broadcast.h for the contract.
 *
 * Merging rule: two neighbouring output dimensions can be walked as one
 * when each input either varies along both (then it is contiguous across
 * them: the outer stride is the inner stride times the inner extent) or
 * is repeated along both (stride 0 for both). Dimensions of extent 1 are
 * dropped first since they move no input. At most MOTE_MAX_DIMS groups
 * remain, so the fixed-size arrays always suffice.
 */
#include "kernels/broadcast.h"

#include "kernels/kernel_util.h"

/* Extent of dimension i of a rank-r shape right-aligned to MOTE_MAX_DIMS. */
static int32_t extended_dim(const int32_t *d, int r, int i) {
  const int k = i - (MOTE_MAX_DIMS - r);
  return k < 0 ? 1 : d[k];
}

mote_status_t mote_bcast_init(mote_bcast_t *b, const int32_t *d1, int r1,
                              const int32_t *d2, int r2, const int32_t *dout,
                              int rout, int *bad_dim) {
  int32_t ext[MOTE_MAX_DIMS];
  int vary1[MOTE_MAX_DIMS];
  int vary2[MOTE_MAX_DIMS];
  int32_t acc1 = 1, acc2 = 1;
  int groups = 0;
  int i, g;

  *bad_dim = -1;
  if (r1 < 0 || r2 < 0 || rout < 0 || r1 > MOTE_MAX_DIMS ||
      r2 > MOTE_MAX_DIMS || rout > MOTE_MAX_DIMS || r1 > rout || r2 > rout) {
    return MOTE_ERR_BAD_SHAPE;
  }
  b->count = 1;
  for (i = 0; i < MOTE_MAX_DIMS; ++i) {
    const int32_t a = extended_dim(d1, r1, i);
    const int32_t c = extended_dim(d2, r2, i);
    const int32_t o = extended_dim(dout, rout, i);
    const int32_t want = a == 1 ? c : a;
    if (a < 0 || c < 0 || (a != 1 && c != 1 && a != c) || want != o) {
      *bad_dim = i - (MOTE_MAX_DIMS - rout);
      return MOTE_ERR_BAD_SHAPE;
    }
    b->count *= o;
    if (o == 1) {
      continue;
    }
    if (groups > 0 && vary1[groups - 1] == (a != 1) &&
        vary2[groups - 1] == (c != 1)) {
      ext[groups - 1] *= o;
    } else {
      ext[groups] = o;
      vary1[groups] = a != 1;
      vary2[groups] = c != 1;
      ++groups;
    }
  }

  /* Right-align the groups; leading unused dimensions have extent 1. */
  for (i = 0; i < MOTE_MAX_DIMS; ++i) {
    b->dims[i] = 1;
    b->stride1[i] = 0;
    b->stride2[i] = 0;
  }
  for (g = groups - 1; g >= 0; --g) {
    const int slot = MOTE_MAX_DIMS - groups + g;
    b->dims[slot] = ext[g];
    if (vary1[g]) {
      b->stride1[slot] = acc1;
      acc1 *= ext[g];
    }
    if (vary2[g]) {
      b->stride2[slot] = acc2;
      acc2 *= ext[g];
    }
  }
  return MOTE_OK;
}

void mote_bcast_begin(mote_bcast_iter_t *it) {
  int i;
  for (i = 0; i < MOTE_MAX_DIMS; ++i) {
    it->idx[i] = 0;
  }
  it->off1 = 0;
  it->off2 = 0;
}

void mote_bcast_step(const mote_bcast_t *b, mote_bcast_iter_t *it) {
  int d;
  /* Odometer over every dimension but the row. */
  for (d = MOTE_MAX_DIMS - 2; d >= 0; --d) {
    it->off1 += b->stride1[d];
    it->off2 += b->stride2[d];
    if (++it->idx[d] < b->dims[d]) {
      return;
    }
    it->off1 -= b->stride1[d] * b->dims[d];
    it->off2 -= b->stride2[d] * b->dims[d];
    it->idx[d] = 0;
  }
}

int32_t mote_bcast_rows(const mote_bcast_t *b) {
  const int32_t row = b->dims[MOTE_MAX_DIMS - 1];
  return row == 0 ? 0 : b->count / row;
}

void mote_bcast_unpack(const mote_bcast_op_t *o, mote_bcast_t *b) {
  int32_t acc1 = 1, acc2 = 1;
  int d;
  b->count = 1;
  for (d = MOTE_MAX_DIMS - 1; d >= 0; --d) {
    const unsigned bit = 1u << (unsigned)d;
    b->dims[d] = o->dims[d];
    b->stride1[d] = (o->vary1 & bit) ? acc1 : 0;
    b->stride2[d] = (o->vary2 & bit) ? acc2 : 0;
    acc1 *= (o->vary1 & bit) ? o->dims[d] : 1;
    acc2 *= (o->vary2 & bit) ? o->dims[d] : 1;
    b->count *= o->dims[d];
  }
}

/* --- kernel glue ------------------------------------------------------ */

mote_status_t mote_bcast_prepare(mote_kctx_t *ctx, uint8_t options_type,
                                 mote_options_t *opt, uint32_t types,
                                 const char *supported, size_t op_bytes,
                                 void **op, mote_tensor_t *in1,
                                 mote_tensor_t *in2, mote_tensor_t *out) {
  mote_bcast_t bcast;
  mote_bcast_op_t *o;
  int bad, d;
  mote_status_t st;
  *op = NULL;
  if ((st = mote_check_io_count(ctx, 2, 1)) != MOTE_OK ||
      (opt != NULL &&
       (st = mote_kctx_builtin_options(ctx, options_type, opt)) != MOTE_OK) ||
      (st = mote_kctx_input(ctx, 0, in1)) != MOTE_OK ||
      (st = mote_kctx_input(ctx, 1, in2)) != MOTE_OK ||
      (st = mote_kctx_output(ctx, 0, out)) != MOTE_OK) {
    return st;
  }
  if (out->type >= 32u || (types & MOTE_TYPE_BIT(out->type)) == 0) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED_TYPE,
                          "output 0 has type %s; %s",
                          mote_type_name((mote_type_t)out->type), supported);
  }
  if ((st = mote_check_type(ctx, in1, (mote_type_t)out->type, "input 0")) !=
          MOTE_OK ||
      (st = mote_check_type(ctx, in2, (mote_type_t)out->type, "input 1")) !=
          MOTE_OK) {
    return st;
  }
  if (mote_bcast_init(&bcast, in1->dims, in1->rank, in2->dims, in2->rank,
                      out->dims, out->rank, &bad) != MOTE_OK) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "inputs of rank %d and %d do not broadcast to "
                          "output 0 of rank %d (dim %d)",
                          (int)in1->rank, (int)in2->rank, (int)out->rank, bad);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, op_bytes, op)) != MOTE_OK) {
    return st;
  }
  o = (mote_bcast_op_t *)*op;
  for (d = 0; d < MOTE_MAX_DIMS; ++d) {
    o->dims[d] = bcast.dims[d];
    o->vary1 = (uint8_t)(o->vary1 | (bcast.stride1[d] != 0 ? 1u << d : 0u));
    o->vary2 = (uint8_t)(o->vary2 | (bcast.stride2[d] != 0 ? 1u << d : 0u));
  }
  o->type = out->type;
  return MOTE_OK;
}

const mote_bcast_op_t *mote_bcast_invoke_data(mote_kctx_t *ctx, mote_bcast_t *b,
                                              const void **in1,
                                              const void **in2, void **out) {
  const mote_bcast_op_t *o = (const mote_bcast_op_t *)mote_kctx_user_data(ctx);
  mote_bcast_unpack(o, b);
  *in1 = mote_kctx_input_data(ctx, 0);
  *in2 = mote_kctx_input_data(ctx, 1);
  *out = mote_kctx_output_data(ctx, 0);
  return o;
}
