/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tensor data and custom options for the case table: the deterministic
 * data generator (kt_fill) and a flexbuffer map writer. Freestanding.
 *
 * Each tensor draws from its own xorshift stream seeded from the case
 * seed and the tensor index, so adding a tensor to a case leaves the
 * others' data alone. Values are produced in 64-bit integer or double
 * arithmetic and stored natively (the host and every target we run are
 * little-endian, the layout of .tflite buffers).
 *
 * The flexbuffer writer emits one map with every value 4 bytes wide and
 * keys sorted (readers binary-search them): the layout flexbuffers'
 * own builder produces for such a map, minus its width minimisation,
 * which readers do not need.
 */
#include "cases_gen.h"

#include <string.h>

int64_t kt_elements(const kt_tensor_t *t) {
  int64_t n = 1;
  int d;
  for (d = 0; d < t->rank; ++d) {
    n *= t->shape[d];
  }
  return n;
}

size_t kt_type_size(int type) {
  switch (type) {
  case KT_I8:
  case KT_U8:
  case KT_BOOL:
    return 1;
  case KT_I16:
  case KT_F16:
    return 2;
  case KT_F32:
  case KT_I32:
  case KT_U32:
    return 4;
  case KT_I64:
  case KT_U64:
    return 8;
  default:
    return 0;
  }
}

size_t kt_tensor_bytes(const kt_tensor_t *t) {
  if (t->type == KT_I4) {
    return (size_t)(kt_elements(t) + 1) / 2;
  }
  return (size_t)kt_elements(t) * kt_type_size(t->type);
}

static void store(int type, void *dst, int64_t iv, double fv) {
  switch (type) {
  case KT_I8: {
    int8_t v = (int8_t)iv;
    memcpy(dst, &v, 1);
    break;
  }
  case KT_U8:
  case KT_BOOL:
  case KT_I4: {
    uint8_t v = (uint8_t)iv;
    memcpy(dst, &v, 1);
    break;
  }
  case KT_F16: /* iv holds the bits */
  case KT_I16: {
    int16_t v = (int16_t)(uint16_t)iv;
    memcpy(dst, &v, 2);
    break;
  }
  case KT_I32: {
    int32_t v = (int32_t)iv;
    memcpy(dst, &v, 4);
    break;
  }
  case KT_U32: {
    uint32_t v = (uint32_t)iv;
    memcpy(dst, &v, 4);
    break;
  }
  case KT_I64:
  case KT_U64:
    memcpy(dst, &iv, 8);
    break;
  case KT_F32: {
    float v = (float)fv;
    memcpy(dst, &v, 4);
    break;
  }
  default:
    break;
  }
}

int kt_fill(const kt_case_t *c, int i, void *buf, size_t cap) {
  const kt_tensor_t *t = &c->t[i];
  /* Packed int4 is filled as random bytes: every nibble in [-8, 7]. */
  const size_t es = t->type == KT_I4 ? 1 : kt_type_size(t->type);
  const int64_t n =
      t->type == KT_I4 ? (int64_t)kt_tensor_bytes(t) : kt_elements(t);
  uint32_t rng = kt_mix(c->seed ^ kt_mix((uint32_t)i + 0x51ed27u));
  uint8_t *out = (uint8_t *)buf;
  int64_t j;
  if (es == 0 || (size_t)n * es > cap) {
    return -1;
  }
  for (j = 0; j < n; ++j) {
    int64_t iv = 0;
    double fv = 0.0;
    if (t->fill == KT_FILL_VALUES && t->type == KT_F32) {
      memcpy(out + (size_t)j * es, &c->ival[t->values_at + j], 4);
      continue;
    } else if (t->fill == KT_FILL_VALUES) {
      iv = c->ival[t->values_at + j];
      fv = (double)iv;
    } else if (t->type == KT_F32 && t->fill != KT_FILL_INTEGRAL) {
      fv =
          t->lo + (t->hi - t->lo) * ((double)(kt_rand(&rng) >> 8) / 16777216.0);
    } else {
      /* Integers: lo + r mod span; span 0 stands for all 2^64 values. */
      const double width = t->hi - t->lo;
      const uint64_t span =
          width >= 18446744073709551615.0 ? 0u : (uint64_t)width + 1u;
      uint64_t r = (uint64_t)kt_rand(&rng) << 32;
      r |= kt_rand(&rng);
      iv = (int64_t)t->lo + (int64_t)(span != 0 ? r % span : r);
      fv = (double)iv;
      if (t->type == KT_F16 && ((iv >> 10) & 0x1f) == 0x1f) {
        iv &= ~(int64_t)0x4000; /* a finite half, not an Inf or a NaN */
      }
    }
    if (t->fill == KT_FILL_SPECIAL && t->type == KT_F32 &&
        kt_rand(&rng) % 4 == 0) {
      /* Bit patterns, so the table needs neither libm nor INFINITY. */
      static const uint32_t special[10] = {
          0x7fc00000u, 0xffc00000u, 0x7f800000u, 0xff800000u, 0x00000000u,
          0x80000000u, 0x00000001u, 0x806d3ff0u, 0x7f7fffffu, 0xff7fffffu};
      memcpy(out + (size_t)j * es, &special[kt_rand(&rng) % 10], 4);
      continue;
    }
    if (t->fill == KT_FILL_SPECIAL && t->type != KT_F32 && t->type != KT_U64 &&
        kt_rand(&rng) % 4 == 0) {
      const int64_t lo = (int64_t)t->lo, hi = (int64_t)t->hi;
      const int64_t edge[5] = {lo, hi, lo + 1, hi - 1,
                               lo > 0   ? lo
                               : hi < 0 ? hi
                                        : 0};
      iv = edge[kt_rand(&rng) % 5];
      iv = iv < lo ? lo : iv > hi ? hi : iv;
    }
    store(t->type, out + (size_t)j * es, iv, fv);
  }
  return 0;
}

/* --- flexbuffers --------------------------------------------------------- */

static void flex_add(kt_flex_t *f, const char *key, int64_t v, int is_bool) {
  if (f->n < 12) {
    f->key[f->n] = key;
    f->value[f->n] = v;
    f->fvalue[f->n] = 0.0f;
    f->is_bool[f->n] = (uint8_t)is_bool;
    f->n++;
  }
}

void kt_flex_float(kt_flex_t *f, const char *key, float v) {
  if (f->n < 12) {
    flex_add(f, key, 0, 2);
    f->fvalue[f->n - 1] = v;
  }
}

void kt_flex_int(kt_flex_t *f, const char *key, int64_t v) {
  flex_add(f, key, v, 0);
}

void kt_flex_bool(kt_flex_t *f, const char *key, int v) {
  flex_add(f, key, v != 0, 1);
}

void kt_flex_one(kt_case_t *c, const char *key, int64_t v) {
  kt_flex_t f;
  f.n = 0;
  kt_flex_int(&f, key, v);
  kt_flex_end(c, &f);
}

static void put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

void kt_flex_end(kt_case_t *c, const kt_flex_t *f) {
  enum { FBT_INT = 1, FBT_FLOAT = 3, FBT_MAP = 9, FBT_BOOL = 26, W = 4 };
  uint8_t *b = c->custom_options;
  int order[12], k, j, n = f->n;
  uint32_t key_at[12], keys_start, map_start, p = 0;
  for (k = 0; k < n; ++k) { /* insertion sort by strcmp */
    for (j = k; j > 0 && strcmp(f->key[order[j - 1]], f->key[k]) > 0; --j) {
      order[j] = order[j - 1];
    }
    order[j] = k;
  }
  for (k = 0; k < n; ++k) {
    const size_t len = strlen(f->key[order[k]]) + 1;
    if (p + len + 8 * W + 8u * (uint32_t)n > KT_MAX_CUSTOM) {
      c->overflow = 1;
      return;
    }
    key_at[k] = p;
    memcpy(b + p, f->key[order[k]], len);
    p += (uint32_t)len;
  }
  while (p % W != 0) {
    b[p++] = 0;
  }
  if (p + W * (3u + 2u * (uint32_t)n) + (uint32_t)n + 8u > KT_MAX_CUSTOM) {
    c->overflow = 1;
    return;
  }
  put_u32(b + p, (uint32_t)n); /* keys vector: size, then offsets */
  keys_start = p + W;
  for (k = 0; k < n; ++k) {
    put_u32(b + keys_start + W * k, keys_start + W * (uint32_t)k - key_at[k]);
  }
  p = keys_start + W * (uint32_t)n;
  put_u32(b + p, p - keys_start); /* map prefix: keys, key width, size */
  put_u32(b + p + W, W);
  put_u32(b + p + 2 * W, (uint32_t)n);
  map_start = p + 3 * W;
  for (k = 0; k < n; ++k) {
    const int kind = f->is_bool[order[k]];
    uint32_t bits = (uint32_t)(int32_t)f->value[order[k]];
    if (kind == 2) { /* a 32-bit float in the 4-byte slot */
      memcpy(&bits, &f->fvalue[order[k]], 4);
    }
    put_u32(b + map_start + W * (uint32_t)k, bits);
    b[map_start + W * (uint32_t)n + (uint32_t)k] =
        kind == 2 ? (uint8_t)(FBT_FLOAT << 2 | 2)
                  : (uint8_t)((kind ? FBT_BOOL : FBT_INT) << 2);
  }
  p = map_start + (W + 1) * (uint32_t)n;
  while (p % W != 0) {
    b[p++] = 0;
  }
  put_u32(b + p, p - map_start); /* root: offset, packed type, width */
  b[p + W] = (uint8_t)(FBT_MAP << 2 | 2);
  b[p + W + 1] = W;
  c->ncustom = (uint16_t)(p + W + 2);
}
