/* SPDX-License-Identifier: Apache-2.0 */
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
