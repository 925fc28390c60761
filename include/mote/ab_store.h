/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A/B storage for state that must survive a power cut mid-write (the
 * learner's state image, mote/train.h): two slots in the caller's
 * storage, each a header (magic, sequence number, length, CRC-32 of the
 * payload, CRC-32 of the header) and the payload. A save goes to the slot
 * that does not hold the newest good state, and writes its header last,
 * after first wiping it; a load takes the good slot with the higher
 * sequence number. A save cut at any byte leaves the previous state
 * loadable, and the new one once its header is complete.
 *
 * Storage is reached only through the caller's callbacks, by offset from
 * the start of the area (slot k at k x slot_bytes); flash that must be
 * erased before it is written does so in the write callback.
 */
#ifndef MOTE_AB_STORE_H
#define MOTE_AB_STORE_H

#include <stdint.h>

#include "mote/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of each slot's header before its payload. */
#define MOTE_AB_HEADER_BYTES 20u

/* Storage callbacks: read / write `len` bytes at `offset`; MOTE_OK or a
 * negative status, which the store passes on. */
typedef mote_status_t (*mote_ab_read_fn)(void *user, uint32_t offset, void *buf,
                                         uint32_t len);
typedef mote_status_t (*mote_ab_write_fn)(void *user, uint32_t offset,
                                          const void *buf, uint32_t len);

/** Two-slot storage over the caller's callbacks; slot A at offset 0,
 * slot B at slot_bytes. */
typedef struct mote_ab_store {
  mote_ab_read_fn read;   /**< reads from the storage */
  mote_ab_write_fn write; /**< writes to the storage */
  void *user;             /**< passed to the callbacks */
  uint32_t slot_bytes;    /**< each slot, header included */
} mote_ab_store_t;

/*
 * Saves data[len] as the newest state. Errors: MOTE_ERR_BAD_ARG for NULL
 * pointers or callbacks; MOTE_ERR_CAPACITY when len does not fit a slot
 * after its header; the callbacks' errors (the previous state is then
 * still the one a load finds).
 */
mote_status_t mote_ab_save(const mote_ab_store_t *store, const void *data,
                           uint32_t len, mote_error_t *err);

/*
 * Loads the newest good state into buf[cap]: sets *len, and *seq (if not
 * NULL) to its sequence number. Errors: MOTE_ERR_BAD_ARG for NULL
 * pointers; MOTE_ERR_CORRUPT_MODEL when neither slot holds a good state
 * (never saved, or both damaged); MOTE_ERR_CAPACITY when the state is
 * larger than cap; the callbacks' errors.
 */
mote_status_t mote_ab_load(const mote_ab_store_t *store, void *buf, uint32_t cap,
                           uint32_t *len, uint32_t *seq, mote_error_t *err);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_AB_STORE_H */
