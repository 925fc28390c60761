/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Row-by-row in-place runs; the design note is in inplace.h.
 */
#include "kernels/inplace.h"

#include <string.h>

/* The last output row that reads input row r. */
static int32_t last_reader(const mote_rows_t *g, int32_t r) {
  const int32_t y = (r + g->pad) / g->stride;
  return y < g->out_h - 1 ? y : g->out_h - 1;
}

/* Whether output row f may be copied to its place once rows 0..c-1 are
 * computed: every input row under the place is read by no later row.
 * Rows are monotonic, so the highest one under the place decides. */
static int can_flush(const mote_rows_t *g, int32_t f, int32_t c) {
  const int64_t end = ((int64_t)f + 1) * g->out_row - (int64_t)g->rel;
  int64_t top;
  if (end <= 0) {
    return 1;
  }
  top = (end - 1) / (int64_t)g->in_row;
  if (top > g->in_h - 1) {
    top = g->in_h - 1;
  }
  return last_reader(g, (int32_t)top) < c;
}

int32_t mote_rows_ring(const mote_rows_t *g) {
  int32_t need = 1;
  int32_t f = 0;
  int32_t c;
  for (c = 0; c < g->out_h; ++c) {
    if (c + 1 - f > need) {
      need = c + 1 - f;
    }
    while (f <= c && can_flush(g, f, c + 1)) {
      ++f;
    }
  }
  return need;
}

void mote_rows_run(const mote_rows_t *g, int32_t ring_rows, uint8_t *out,
                   uint8_t *ring, mote_rows_band_fn *band, void *user) {
  int32_t f = 0;
  int32_t c = 0;
  /* Each pass computes at least one row (the ring is never full after a
   * flush when it holds mote_rows_ring rows), so out_h passes at most. */
  while (f < g->out_h) {
    const int32_t slot = c % ring_rows;
    int32_t n = ring_rows - (c - f);
    if (n > ring_rows - slot) {
      n = ring_rows - slot;
    }
    if (n > g->out_h - c) {
      n = g->out_h - c;
    }
    if (n <= 0 && !can_flush(g, f, c)) {
      return; /* unreachable with a large enough ring */
    }
    if (n > 0) {
      band(user, c, n, ring + (size_t)slot * g->out_row);
      c += n;
    }
    while (f < c && can_flush(g, f, c)) {
      memcpy(out + (size_t)f * g->out_row,
             ring + (size_t)(f % ring_rows) * g->out_row, g->out_row);
      ++f;
    }
  }
}
