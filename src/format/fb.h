/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bounds-checked little-endian flatbuffer reads.
 *
 * Every read of model bytes goes through these helpers (as Lua's lundump
 * does for chunks): a read that would leave the buffer returns 0 instead,
 * so even a model that slipped past verification cannot make mote read out
 * of bounds. Bytes are assembled explicitly, never cast to structs, so the
 * code is endian- and alignment-agnostic. Offsets are uint32_t: mote
 * rejects models of 2 GiB and more, so no offset arithmetic done here in
 * 64 bits can wrap.
 */
#ifndef MOTE_FORMAT_FB_H
#define MOTE_FORMAT_FB_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct mote_fb {
  const uint8_t *p;
  uint32_t n;
} mote_fb_t;

static inline bool mote_fb_in(const mote_fb_t *fb, uint64_t off, uint64_t len) {
  return off <= fb->n && len <= (uint64_t)fb->n - off;
}

static inline uint8_t mote_fb_u8(const mote_fb_t *fb, uint32_t off) {
  return mote_fb_in(fb, off, 1) ? fb->p[off] : 0;
}

static inline uint16_t mote_fb_u16(const mote_fb_t *fb, uint32_t off) {
  if (!mote_fb_in(fb, off, 2)) {
    return 0;
  }
  return (uint16_t)(fb->p[off] | (fb->p[off + 1] << 8));
}

static inline uint32_t mote_fb_u32(const mote_fb_t *fb, uint32_t off) {
  const uint8_t *b;
  if (!mote_fb_in(fb, off, 4)) {
    return 0;
  }
  b = fb->p + off;
  return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
         ((uint32_t)b[3] << 24);
}

static inline uint64_t mote_fb_u64(const mote_fb_t *fb, uint32_t off) {
  if (!mote_fb_in(fb, off, 8)) {
    return 0;
  }
  return (uint64_t)mote_fb_u32(fb, off) |
         ((uint64_t)mote_fb_u32(fb, off + 4) << 32);
}

static inline int32_t mote_fb_i32(const mote_fb_t *fb, uint32_t off) {
  uint32_t u = mote_fb_u32(fb, off);
  int32_t s;
  memcpy(&s, &u, sizeof s);
  return s;
}

static inline float mote_fb_f32(const mote_fb_t *fb, uint32_t off) {
  uint32_t u = mote_fb_u32(fb, off);
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

/* Narrows a computed offset; out-of-range values become one that every
 * read rejects instead of wrapping around to a valid one. */
static inline uint32_t mote_fb_off(uint64_t off) {
  return off > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)off;
}

/* Absolute offset of `field`'s value in the table at `table`, or 0 when the
 * field is absent or the vtable does not fit. */
static inline uint32_t mote_fb_field(const mote_fb_t *fb, uint32_t table,
                                     unsigned field) {
  int64_t vt;
  uint16_t vt_size;
  uint16_t fo;
  uint64_t slot;
  if (table == 0 || !mote_fb_in(fb, table, 4)) {
    return 0;
  }
  vt = (int64_t)table - (int64_t)mote_fb_i32(fb, table);
  if (vt < 0 || !mote_fb_in(fb, (uint64_t)vt, 4)) {
    return 0;
  }
  vt_size = mote_fb_u16(fb, (uint32_t)vt);
  slot = 4u + 2u * (uint64_t)field;
  if (slot + 2u > vt_size) {
    return 0;
  }
  fo = mote_fb_u16(fb, (uint32_t)((uint64_t)vt + slot));
  if (fo == 0 || !mote_fb_in(fb, (uint64_t)table + fo, 1)) {
    return 0;
  }
  return table + fo;
}

/* Follows the uoffset stored at `pos`; 0 when it leaves the buffer. */
static inline uint32_t mote_fb_deref(const mote_fb_t *fb, uint32_t pos) {
  uint64_t target;
  if (pos == 0 || !mote_fb_in(fb, pos, 4)) {
    return 0;
  }
  target = (uint64_t)pos + mote_fb_u32(fb, pos);
  return mote_fb_in(fb, target, 4) ? (uint32_t)target : 0;
}

/* The table, vector or string referenced by `field`, or 0. */
static inline uint32_t mote_fb_ref(const mote_fb_t *fb, uint32_t table,
                                   unsigned field) {
  return mote_fb_deref(fb, mote_fb_field(fb, table, field));
}

static inline uint32_t mote_fb_get_u32(const mote_fb_t *fb, uint32_t table,
                                       unsigned field, uint32_t def) {
  uint32_t at = mote_fb_field(fb, table, field);
  return at ? mote_fb_u32(fb, at) : def;
}

static inline int32_t mote_fb_get_i32(const mote_fb_t *fb, uint32_t table,
                                      unsigned field, int32_t def) {
  uint32_t at = mote_fb_field(fb, table, field);
  return at ? mote_fb_i32(fb, at) : def;
}

static inline uint8_t mote_fb_get_u8(const mote_fb_t *fb, uint32_t table,
                                     unsigned field, uint8_t def) {
  uint32_t at = mote_fb_field(fb, table, field);
  return at ? mote_fb_u8(fb, at) : def;
}

static inline float mote_fb_get_f32(const mote_fb_t *fb, uint32_t table,
                                    unsigned field, float def) {
  uint32_t at = mote_fb_field(fb, table, field);
  return at ? mote_fb_f32(fb, at) : def;
}

static inline uint64_t mote_fb_get_u64(const mote_fb_t *fb, uint32_t table,
                                       unsigned field, uint64_t def) {
  uint32_t at = mote_fb_field(fb, table, field);
  return at ? mote_fb_u64(fb, at) : def;
}

/* Vector length (0 for vec == 0). Elements start at vec + 4. */
static inline uint32_t mote_fb_vec_len(const mote_fb_t *fb, uint32_t vec) {
  return vec ? mote_fb_u32(fb, vec) : 0;
}

/* Element i of a vector of 32-bit values. */
static inline int32_t mote_fb_vec_i32(const mote_fb_t *fb, uint32_t vec,
                                      uint32_t i) {
  return mote_fb_i32(fb, mote_fb_off((uint64_t)vec + 4u + 4u * (uint64_t)i));
}

/* Table i of a vector of tables, or 0. */
static inline uint32_t mote_fb_vec_table(const mote_fb_t *fb, uint32_t vec,
                                         uint32_t i) {
  if (i >= mote_fb_vec_len(fb, vec)) {
    return 0;
  }
  return mote_fb_deref(fb, mote_fb_off((uint64_t)vec + 4u + 4u * (uint64_t)i));
}

#endif /* MOTE_FORMAT_FB_H */
