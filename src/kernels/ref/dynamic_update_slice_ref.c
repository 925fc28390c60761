/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference DYNAMIC_UPDATE_SLICE (dynamic_update_slice.h): the operand
 * copied whole, then the update's rows (its innermost dimension) copied
 * in place, walking its outer dimensions with an odometer.
 */
#include <string.h>

#include "kernels/dynamic_update_slice.h"

void mote_dynamic_update_slice_ref(const mote_dus_params_t *p,
                                   const void *operand, const void *update,
                                   const int32_t *start, void *out) {
  const int32_t last = p->rank - 1;
  const size_t row = (size_t)p->upd[last] * p->esize;
  size_t stride[MOTE_MAX_DIMS], total = p->esize, base = 0, rows = 1;
  int32_t idx[MOTE_MAX_DIMS] = {0};
  const uint8_t *u = (const uint8_t *)update;
  uint8_t *o = (uint8_t *)out;
  int32_t d;
  size_t r;
  for (d = last; d >= 0; --d) {
    stride[d] = total;
    total *= (size_t)p->dims[d];
    base += (size_t)start[d] * stride[d];
    rows *= d < last ? (size_t)p->upd[d] : 1u;
  }
  if (out != operand) {
    memcpy(o, operand, total);
  }
  for (r = 0; row > 0 && r < rows; ++r, u += row) {
    size_t at = base;
    for (d = 0; d < last; ++d) {
      at += (size_t)idx[d] * stride[d];
    }
    memcpy(o + at, u, row);
    for (d = last - 1; d >= 0 && ++idx[d] == p->upd[d]; --d) {
      idx[d] = 0;
    }
  }
}
