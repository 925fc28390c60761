/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FlexBuffers reader; see flexbuffer.h.
 *
 * The encoding, as far as it matters here: the last byte of the buffer is
 * the root slot's width, the byte before it the root's packed type (type
 * in the high six bits, log2 of the child width in the low two), and the
 * root slot precedes them. Scalars (INT, UINT, FLOAT, BOOL) live inline
 * in their slot; everything else is an unsigned offset counted backwards
 * from the slot. A vector is preceded by its length; an untyped vector or
 * map is followed by one packed type byte per element; a map is also
 * preceded by the offset and width of its sorted key vector, whose
 * elements point at NUL-terminated keys.
 *
 * All reads go through flex_uint_at(), which checks the range first; all
 * position arithmetic is in 64 bits, so no offset can wrap.
 */
#include "format/flexbuffer.h"

#include <string.h>

/* FlexBuffers type codes. */
enum {
  FBT_INT = 1,
  FBT_UINT = 2,
  FBT_FLOAT = 3,
  FBT_INDIRECT_INT = 6,
  FBT_INDIRECT_UINT = 7,
  FBT_INDIRECT_FLOAT = 8,
  FBT_MAP = 9,
  FBT_VECTOR = 10,
  FBT_VECTOR_INT = 11,
  FBT_VECTOR_UINT = 12,
  FBT_VECTOR_INT2 = 16,
  FBT_VECTOR_UINT2 = 17,
  FBT_VECTOR_INT3 = 19,
  FBT_VECTOR_UINT3 = 20,
  FBT_VECTOR_INT4 = 22,
  FBT_VECTOR_UINT4 = 23,
  FBT_BOOL = 26,
  FBT_VECTOR_BOOL = 36
};

static mote_status_t corrupt(const char **why, const char *msg) {
  if (why != NULL) {
    *why = msg;
  }
  return MOTE_ERR_CORRUPT_MODEL;
}

static bool valid_width(uint64_t w) {
  return w == 1 || w == 2 || w == 4 || w == 8;
}

static bool in_range(uint32_t size, uint64_t off, uint64_t len) {
  return off <= size && len <= (uint64_t)size - off;
}

/* Little-endian unsigned of `width` bytes at `off`; false when outside. */
static bool flex_uint_at(const uint8_t *buf, uint32_t size, uint64_t off,
                         unsigned width, uint64_t *out) {
  uint64_t v = 0;
  unsigned i;
  if (!in_range(size, off, width)) {
    return false;
  }
  for (i = width; i > 0; --i) {
    v = (v << 8) | buf[off + i - 1];
  }
  *out = v;
  return true;
}

/* Sign-extends the low `width` bytes of v. */
static int64_t sign_extend(uint64_t v, unsigned width) {
  const unsigned bits = 8u * width;
  if (bits < 64 && (v & ((uint64_t)1 << (bits - 1))) != 0) {
    v |= ~(uint64_t)0 << bits;
  }
  return (int64_t)v;
}

/* Follows the offset in slot (off, width) back to its target. */
static bool flex_target(const uint8_t *buf, uint32_t size, uint64_t off,
                        unsigned width, uint64_t *target) {
  uint64_t rel;
  if (!flex_uint_at(buf, size, off, width, &rel) || rel > off) {
    return false;
  }
  *target = off - rel;
  return true;
}

mote_status_t mote_flex_root_map(const uint8_t *buf, uint32_t size,
                                 mote_flex_map_t *map, const char **why) {
  uint64_t root_width, slot, target, w, len, key_width, keys_field, keys,
      key_count;
  uint8_t packed;
  if (buf == NULL || map == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  if (size < 3) {
    return corrupt(why, "flexbuffer shorter than 3 bytes");
  }
  root_width = buf[size - 1];
  if (!valid_width(root_width) || root_width + 2 > size) {
    return corrupt(why, "flexbuffer root width is not 1, 2, 4 or 8");
  }
  packed = buf[size - 2];
  if ((packed >> 2) != FBT_MAP) {
    return corrupt(why, "flexbuffer root is not a map");
  }
  slot = size - 2 - root_width;
  w = (uint64_t)1 << (packed & 3u);
  if (!flex_target(buf, size, slot, (unsigned)root_width, &target) ||
      target < 3 * w) {
    return corrupt(why, "flexbuffer map offset out of range");
  }
  keys_field = target - 3 * w;
  if (!flex_uint_at(buf, size, target - w, (unsigned)w, &len) ||
      !flex_uint_at(buf, size, target - 2 * w, (unsigned)w, &key_width)) {
    return corrupt(why, "flexbuffer map header out of range");
  }
  if (len > size || !in_range(size, target, len * w + len)) {
    return corrupt(why, "flexbuffer map values run past the end");
  }
  if (!valid_width(key_width)) {
    return corrupt(why, "flexbuffer key width is not 1, 2, 4 or 8");
  }
  if (!flex_target(buf, size, keys_field, (unsigned)w, &keys) ||
      keys < key_width ||
      !flex_uint_at(buf, size, keys - key_width, (unsigned)key_width,
                    &key_count)) {
    return corrupt(why, "flexbuffer key vector offset out of range");
  }
  if (key_count != len || !in_range(size, keys, len * key_width)) {
    return corrupt(why, "flexbuffer key vector does not match the values");
  }
  map->buf_ = buf;
  map->size_ = size;
  map->values_ = (uint32_t)target;
  map->keys_ = (uint32_t)keys;
  map->count_ = (uint32_t)len;
  map->width_ = (uint8_t)w;
  map->key_width_ = (uint8_t)key_width;
  return MOTE_OK;
}

uint32_t mote_flex_map_count(const mote_flex_map_t *map) {
  return map != NULL ? map->count_ : 0;
}

mote_status_t mote_flex_map_find(const mote_flex_map_t *map, const char *key,
                                 mote_flex_ref_t *out, bool *found,
                                 const char **why) {
  const size_t key_len = key != NULL ? strlen(key) : 0;
  uint32_t i;
  if (map == NULL || key == NULL || out == NULL || found == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  *found = false;
  for (i = 0; i < map->count_; ++i) {
    const uint64_t field = (uint64_t)map->keys_ + (uint64_t)i * map->key_width_;
    uint64_t at;
    const uint8_t *nul;
    if (!flex_target(map->buf_, map->size_, field, map->key_width_, &at) ||
        at >= map->size_) {
      return corrupt(why, "flexbuffer key offset out of range");
    }
    nul = (const uint8_t *)memchr(map->buf_ + at, 0, map->size_ - (size_t)at);
    if (nul == NULL) {
      return corrupt(why, "flexbuffer key is not NUL-terminated");
    }
    if ((size_t)(nul - (map->buf_ + at)) == key_len &&
        memcmp(map->buf_ + at, key, key_len) == 0) {
      const uint64_t types =
          (uint64_t)map->values_ + (uint64_t)map->count_ * map->width_;
      out->buf_ = map->buf_;
      out->size_ = map->size_;
      out->off_ = map->values_ + i * map->width_;
      out->slot_width_ = map->width_;
      out->packed_type_ = map->buf_[types + i];
      *found = true;
      return MOTE_OK;
    }
  }
  return MOTE_OK;
}

/* Reads an integer-like value: its type, raw bits and byte width.
 * MOTE_ERR_BAD_ARG when `ref` or the caller's `out` is NULL. */
static mote_status_t flex_scalar(const mote_flex_ref_t *ref, const void *out,
                                 unsigned *type, uint64_t *raw, unsigned *width,
                                 const char **why) {
  uint64_t at;
  unsigned w;
  if (ref == NULL || out == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  at = ref->off_;
  w = ref->slot_width_;
  *type = (unsigned)(ref->packed_type_ >> 2);
  switch (*type) {
  case FBT_INDIRECT_INT:
  case FBT_INDIRECT_UINT:
  case FBT_INDIRECT_FLOAT:
    if (!flex_target(ref->buf_, ref->size_, at, w, &at)) {
      return corrupt(why, "flexbuffer indirect offset out of range");
    }
    w = 1u << (ref->packed_type_ & 3u);
    *type -= FBT_INDIRECT_INT - FBT_INT;
    break;
  case FBT_INT:
  case FBT_UINT:
  case FBT_FLOAT:
  case FBT_BOOL:
    break;
  default:
    return corrupt(why, "flexbuffer value is not a number");
  }
  if (!valid_width(w) || !flex_uint_at(ref->buf_, ref->size_, at, w, raw)) {
    return corrupt(why, "flexbuffer value out of range");
  }
  *width = w;
  return MOTE_OK;
}

mote_status_t mote_flex_int(const mote_flex_ref_t *ref, int64_t *out,
                            const char **why) {
  unsigned type, w;
  uint64_t raw;
  mote_status_t st;
  if ((st = flex_scalar(ref, out, &type, &raw, &w, why)) != MOTE_OK) {
    return st;
  }
  if (type == FBT_INT) {
    *out = sign_extend(raw, w);
  } else if (type == FBT_FLOAT || raw > (uint64_t)INT64_MAX) {
    return corrupt(why, "flexbuffer value is not a signed 64-bit integer");
  } else {
    *out = (int64_t)raw;
  }
  return MOTE_OK;
}

mote_status_t mote_flex_uint(const mote_flex_ref_t *ref, uint64_t *out,
                             const char **why) {
  unsigned type, w;
  uint64_t raw;
  mote_status_t st;
  if ((st = flex_scalar(ref, out, &type, &raw, &w, why)) != MOTE_OK) {
    return st;
  }
  if (type == FBT_FLOAT || (type == FBT_INT && sign_extend(raw, w) < 0)) {
    return corrupt(why, "flexbuffer value is not an unsigned integer");
  }
  *out = raw;
  return MOTE_OK;
}

mote_status_t mote_flex_float(const mote_flex_ref_t *ref, double *out,
                              const char **why) {
  unsigned type, w;
  uint64_t raw;
  mote_status_t st;
  if ((st = flex_scalar(ref, out, &type, &raw, &w, why)) != MOTE_OK) {
    return st;
  }
  if (type == FBT_INT) {
    *out = (double)sign_extend(raw, w);
  } else if (type != FBT_FLOAT) {
    *out = (double)raw;
  } else if (w == 4) {
    uint32_t bits = (uint32_t)raw;
    float f;
    memcpy(&f, &bits, sizeof f);
    *out = (double)f;
  } else if (w == 8) {
    memcpy(out, &raw, sizeof *out);
  } else {
    return corrupt(why, "flexbuffer float is not 4 or 8 bytes");
  }
  return MOTE_OK;
}

mote_status_t mote_flex_bool(const mote_flex_ref_t *ref, bool *out,
                             const char **why) {
  unsigned type, w;
  uint64_t raw;
  mote_status_t st;
  if ((st = flex_scalar(ref, out, &type, &raw, &w, why)) != MOTE_OK) {
    return st;
  }
  if (type == FBT_FLOAT) {
    return corrupt(why, "flexbuffer value is not a bool");
  }
  *out = raw != 0;
  return MOTE_OK;
}

/* Element type and count of an integer vector type, 0 type otherwise;
 * fixed_len 0 means the length is stored before the elements. */
static unsigned vector_elem_type(unsigned type, uint64_t *fixed_len) {
  *fixed_len = 0;
  switch (type) {
  case FBT_VECTOR_INT:
  case FBT_VECTOR_INT2:
  case FBT_VECTOR_INT3:
  case FBT_VECTOR_INT4:
    if (type != FBT_VECTOR_INT) {
      *fixed_len = (type - FBT_VECTOR_INT2) / 3u + 2u;
    }
    return FBT_INT;
  case FBT_VECTOR_UINT:
  case FBT_VECTOR_UINT2:
  case FBT_VECTOR_UINT3:
  case FBT_VECTOR_UINT4:
    if (type != FBT_VECTOR_UINT) {
      *fixed_len = (type - FBT_VECTOR_UINT2) / 3u + 2u;
    }
    return FBT_UINT;
  case FBT_VECTOR_BOOL:
    return FBT_BOOL;
  case FBT_VECTOR:
    return FBT_VECTOR; /* per-element types follow the elements */
  default:
    return 0;
  }
}

mote_status_t mote_flex_int_vector(const mote_flex_ref_t *ref, int64_t *out,
                                   uint32_t cap, uint32_t *count,
                                   const char **why) {
  const unsigned type = ref != NULL ? (unsigned)(ref->packed_type_ >> 2) : 0;
  const unsigned w = ref != NULL ? 1u << (ref->packed_type_ & 3u) : 0;
  uint64_t fixed_len, target, len, i;
  unsigned elem_type;
  if (ref == NULL || count == NULL || (out == NULL && cap != 0)) {
    return MOTE_ERR_BAD_ARG;
  }
  elem_type = vector_elem_type(type, &fixed_len);
  if (elem_type == 0) {
    return corrupt(why, "flexbuffer value is not an integer vector");
  }
  if (!flex_target(ref->buf_, ref->size_, ref->off_, ref->slot_width_,
                   &target)) {
    return corrupt(why, "flexbuffer vector offset out of range");
  }
  len = fixed_len;
  if (len == 0 && (target < w ||
                   !flex_uint_at(ref->buf_, ref->size_, target - w, w, &len))) {
    return corrupt(why, "flexbuffer vector length out of range");
  }
  if (len > ref->size_ ||
      !in_range(ref->size_, target,
                len * w + (elem_type == FBT_VECTOR ? len : 0))) {
    return corrupt(why, "flexbuffer vector runs past the end");
  }
  *count = (uint32_t)len;
  for (i = 0; i < len && i < cap; ++i) {
    unsigned t = elem_type;
    uint64_t raw = 0;
    flex_uint_at(ref->buf_, ref->size_, target + i * w, w, &raw);
    if (t == FBT_VECTOR) {
      t = (unsigned)(ref->buf_[target + len * w + i] >> 2);
    }
    if (t == FBT_INT) {
      out[i] = sign_extend(raw, w);
    } else if ((t == FBT_UINT || t == FBT_BOOL) && raw <= (uint64_t)INT64_MAX) {
      out[i] = (int64_t)raw;
    } else {
      return corrupt(why, "flexbuffer vector element is not an integer");
    }
  }
  if (len > cap) {
    /* Not corrupt, but the caller still gets a reason to pass on. */
    if (why != NULL) {
      *why = "flexbuffer vector is longer than the space given for it";
    }
    return MOTE_ERR_CAPACITY;
  }
  return MOTE_OK;
}
