/*
 * Reference TRANSPOSE (transpose.h). The output is written sequentially
 * while an odometer over the output index walks the input with permuted
 * strides; the innermost output dimension is a strided gather with typed
 * loads for 1/2/4-byte elements and memcpy otherwise. When the
 * permutation keeps the innermost dimension in place, whole input rows
 * are contiguous and copied with memcpy.
 */
#include <string.h>

#include "kernels/transpose.h"

/* Copies n elements of esize bytes from src (stepping `step` elements) to a
 * contiguous dst, bytewise. */
static void gather_bytes(uint8_t *dst, const uint8_t *src, size_t esize,
                         int32_t step, int32_t n) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    memcpy(dst + (size_t)i * esize,
           src + (ptrdiff_t)i * step * (ptrdiff_t)esize, esize);
  }
}

/* gather_bytes with whole-element loads where the alignment allows. */
static void gather(uint8_t *dst, const uint8_t *src, size_t esize, int32_t step,
                   int32_t n) {
  int32_t i;
  if (step == 1) {
    memcpy(dst, src, (size_t)n * esize);
    return;
  }
  /* Constants in the model buffer need not be aligned; typed loads are
   * only used when both sides are. */
  if ((((uintptr_t)dst | (uintptr_t)src) & (esize - 1u)) != 0) {
    gather_bytes(dst, src, esize, step, n);
    return;
  }
  switch (esize) {
  case 1:
    for (i = 0; i < n; ++i) {
      dst[i] = src[(ptrdiff_t)i * step];
    }
    break;
  case 2: {
    uint16_t *d = (uint16_t *)(void *)dst;
    const uint16_t *s = (const uint16_t *)(const void *)src;
    for (i = 0; i < n; ++i) {
      d[i] = s[(ptrdiff_t)i * step];
    }
    break;
  }
  case 4: {
    uint32_t *d = (uint32_t *)(void *)dst;
    const uint32_t *s = (const uint32_t *)(const void *)src;
    for (i = 0; i < n; ++i) {
      d[i] = s[(ptrdiff_t)i * step];
    }
    break;
  }
  default:
    gather_bytes(dst, src, esize, step, n);
    break;
  }
}

void mote_transpose_ref(const mote_transpose_params_t *p, const void *in,
                        void *out) {
  const uint8_t *src = (const uint8_t *)in;
  uint8_t *dst = (uint8_t *)out;
  const size_t es = p->elem_size;
  int32_t in_stride[MOTE_MAX_DIMS];
  int32_t od[MOTE_MAX_DIMS];
  int32_t step[MOTE_MAX_DIMS]; /* input elements per output index step */
  int32_t idx[MOTE_MAX_DIMS];
  int32_t rows = 1, r, offset = 0;
  int last, d;

  if (p->rank == 0) {
    memcpy(dst, src, es);
    return;
  }
  last = (int)p->rank - 1;
  in_stride[last] = 1;
  for (d = last - 1; d >= 0; --d) {
    in_stride[d] = in_stride[d + 1] * p->in_dims[d + 1];
  }
  for (d = 0; d <= last; ++d) {
    od[d] = p->in_dims[p->perm[d]];
    step[d] = in_stride[p->perm[d]];
    idx[d] = 0;
    if (od[d] == 0) {
      return;
    }
  }
  for (d = 0; d < last; ++d) {
    rows *= od[d];
  }
  for (r = 0; r < rows; ++r) {
    gather(dst, src + (size_t)offset * es, es, step[last], od[last]);
    dst += (size_t)od[last] * es;
    for (d = last - 1; d >= 0; --d) {
      offset += step[d];
      if (++idx[d] < od[d]) {
        break;
      }
      offset -= step[d] * od[d];
      idx[d] = 0;
    }
  }
}
