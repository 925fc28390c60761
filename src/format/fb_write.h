/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A front-to-back flatbuffer writer for a caller buffer, with no heap.
 *
 * Flatbuffer offsets are unsigned and point forward, so an object written
 * first may refer only to objects written after it. The writer therefore
 * runs twice over the same emitting code: a first pass with no output
 * (p NULL) only advances the cursor, and the caller records where each
 * object landed; the second pass writes, and references use the positions
 * recorded in the first. Sizes never depend on offset values, so both
 * passes lay everything out identically. Past `cap` nothing is written and
 * `overflow` is set, so the caller learns the size needed in one pass.
 *
 * Vtables are written right before their table (the soffset from table to
 * vtable is then positive, as every flatbuffers builder writes it).
 */
#ifndef MOTE_FORMAT_FB_WRITE_H
#define MOTE_FORMAT_FB_WRITE_H

#include <stddef.h>
#include <stdint.h>

typedef struct mote_fbw {
  uint8_t *p;    /* output, or NULL to lay out only */
  uint32_t cap;  /* bytes at p */
  uint32_t pos;  /* cursor: bytes laid out so far */
  int overflow;  /* set when pos would pass 2 GiB or cap (when writing) */
} mote_fbw_t;

/* One field of a table: `id` is the schema field number, `size` 1, 2, 4
 * or 8 bytes. For a reference (`ref` 1), `v` is the absolute position of
 * the target (written as a forward uoffset); else `v` holds the scalar's
 * bits. */
typedef struct mote_fbw_field {
  uint16_t id;
  uint8_t size;
  uint8_t ref;
  uint64_t v;
} mote_fbw_field_t;

void mote_fbw_init(mote_fbw_t *w, void *p, size_t cap);

/* Zero bytes up to a multiple of `align` (a power of two). */
void mote_fbw_align(mote_fbw_t *w, uint32_t align);

void mote_fbw_bytes(mote_fbw_t *w, const void *src, uint32_t n);
void mote_fbw_u8(mote_fbw_t *w, uint8_t v);
void mote_fbw_u16(mote_fbw_t *w, uint16_t v);
void mote_fbw_u32(mote_fbw_t *w, uint32_t v);
void mote_fbw_u64(mote_fbw_t *w, uint64_t v);
void mote_fbw_f32(mote_fbw_t *w, float v);

/* A uoffset to absolute position `target` (after the cursor). */
void mote_fbw_ref(mote_fbw_t *w, uint32_t target);

/* A vtable and its table holding `n` fields, laid out in the given order
 * (each aligned to its size). Returns the table's position. */
uint32_t mote_fbw_table(mote_fbw_t *w, const mote_fbw_field_t *fields,
                        uint32_t n);

/* Starts a vector of `count` elements aligned to `elem_align` (4 or 8 for
 * elements of 8 bytes, 16 for constant data); the caller writes the
 * elements next. Returns the vector's position (its length word). */
uint32_t mote_fbw_vector(mote_fbw_t *w, uint32_t count, uint32_t elem_align);

/* A string (NUL-terminated vector of bytes); returns its position. */
uint32_t mote_fbw_string(mote_fbw_t *w, const char *s);

/* A vector of int32 values; returns its position. */
uint32_t mote_fbw_i32_vector(mote_fbw_t *w, const int32_t *v, uint32_t n);

#endif /* MOTE_FORMAT_FB_WRITE_H */
