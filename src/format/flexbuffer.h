/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small read-only FlexBuffers reader for custom operator options.
 *
 * TFLite stores a custom operator's options as a FlexBuffer: a schemaless
 * binary encoding whose root, for every op mote knows, is a map from
 * string keys to scalars or vectors. This reader covers exactly that:
 * open the root map, look a key up, read an integer, unsigned, float or
 * bool, and read the elements of an integer vector.
 *
 * Every access is bounds-checked against the caller's buffer (which must
 * outlive the values read from it): widths must be 1, 2, 4 or 8 bytes,
 * offsets must point back into the buffer, element runs and type bytes
 * must fit, key strings must be NUL-terminated inside it. A violation
 * returns MOTE_ERR_CORRUPT_MODEL and, when `why` is not NULL, a static
 * message saying which rule broke. Values of the wrong kind (a string
 * where an integer was asked for) are reported the same way: for option
 * bytes the two are the same fault.
 *
 * Rejected: TFLM's FlexbufferWrapper, which reads map values by position
 * and ignores their stored types; looking keys up by name is as cheap for
 * a handful of keys and cannot silently read the wrong option.
 */
#ifndef MOTE_FORMAT_FLEXBUFFER_H
#define MOTE_FORMAT_FLEXBUFFER_H

#include <stdbool.h>
#include <stdint.h>

#include "mote/status.h"

/* A value slot: where it is, how wide its slot is, its packed type byte. */
typedef struct mote_flex_ref {
  const uint8_t *buf_;
  uint32_t size_;
  uint32_t off_;        /* slot position in buf_ */
  uint8_t slot_width_;  /* bytes of the slot (the parent's width) */
  uint8_t packed_type_; /* type << 2 | bit width code */
} mote_flex_ref_t;

typedef struct mote_flex_map {
  const uint8_t *buf_;
  uint32_t size_;
  uint32_t values_; /* first value slot */
  uint32_t keys_;   /* first key offset slot */
  uint32_t count_;
  uint8_t width_;     /* value slot width */
  uint8_t key_width_; /* key offset slot width */
} mote_flex_map_t;

/*
 * Opens the root of the `size` bytes at `buf` as a map. MOTE_ERR_BAD_ARG
 * for NULL pointers; MOTE_ERR_CORRUPT_MODEL when the buffer is too short,
 * malformed, or its root is not a map. An empty buffer is corrupt too:
 * callers that allow absent options check for size 0 first.
 */
mote_status_t mote_flex_root_map(const uint8_t *buf, uint32_t size,
                                 mote_flex_map_t *map, const char **why);

/* Number of keys in the map. */
uint32_t mote_flex_map_count(const mote_flex_map_t *map);

/*
 * Finds `key`. Sets *found and, when found, *out. MOTE_ERR_CORRUPT_MODEL
 * when a key or the value's type byte lies outside the buffer;
 * MOTE_ERR_BAD_ARG for NULL pointers.
 */
mote_status_t mote_flex_map_find(const mote_flex_map_t *map, const char *key,
                                 mote_flex_ref_t *out, bool *found,
                                 const char **why);

/* Signed value of an INT, UINT (up to INT64_MAX), BOOL or indirect
 * integer. MOTE_ERR_CORRUPT_MODEL for other types or bad offsets. */
mote_status_t mote_flex_int(const mote_flex_ref_t *ref, int64_t *out,
                            const char **why);

/* Unsigned value of a UINT, BOOL, non-negative INT or indirect integer. */
mote_status_t mote_flex_uint(const mote_flex_ref_t *ref, uint64_t *out,
                             const char **why);

/* A FLOAT (4 or 8 bytes), indirect float, or an integer converted. */
mote_status_t mote_flex_float(const mote_flex_ref_t *ref, double *out,
                              const char **why);

/* A BOOL, or an integer (true when non-zero). */
mote_status_t mote_flex_bool(const mote_flex_ref_t *ref, bool *out,
                             const char **why);

/*
 * Integer vectors: typed (VECTOR_INT, VECTOR_UINT, VECTOR_BOOL), fixed
 * (VECTOR_INT2..4, VECTOR_UINT2..4) or untyped VECTOR whose elements are
 * all inline integers or bools. mote_flex_int_vector() copies up to `cap`
 * elements to out[] and sets *count to the vector's length;
 * MOTE_ERR_CAPACITY when it is longer than `cap` (nothing beyond cap is
 * written), MOTE_ERR_CORRUPT_MODEL for other types, bad offsets, a
 * non-integer element or a UINT element above INT64_MAX.
 */
mote_status_t mote_flex_int_vector(const mote_flex_ref_t *ref, int64_t *out,
                                   uint32_t cap, uint32_t *count,
                                   const char **why);

#endif /* MOTE_FORMAT_FLEXBUFFER_H */
