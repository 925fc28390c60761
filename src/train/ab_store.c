/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A/B storage (mote/ab_store.h). A slot is good when its header's CRC
 * holds, its length fits and its payload's CRC holds; the payload is
 * checked in small chunks through the read callback, so a save can tell
 * good from torn slots without a buffer the size of a slot. Write order
 * per save: wipe the target header, write the payload, write the header.
 * A cut in the wipe or the payload leaves the target without a good
 * header; a cut in the header leaves its CRC wrong. Rejected: a single
 * slot with a journal (more writes, more code for the same guarantee).
 */
#include <string.h>

#include "common/crc32.h"
#include "common/error.h"
#include "mote/ab_store.h"

#define AB_MAGIC 0x42414F4Du /* "MOAB" little-endian */
#define AB_CHUNK 64u

typedef struct slot_info {
  int good;
  uint32_t seq;
  uint32_t len;
} slot_info_t;

static uint32_t rd32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static void wr32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

/* Whether slot k is good; a read error is passed on. */
static mote_status_t inspect(const mote_ab_store_t *s, uint32_t k, slot_info_t *info) {
  uint8_t hdr[MOTE_AB_HEADER_BYTES];
  uint8_t chunk[AB_CHUNK];
  const uint32_t base = k * s->slot_bytes;
  uint32_t crc = 0;
  uint32_t done;
  mote_status_t st;
  info->good = 0;
  st = s->read(s->user, base, hdr, MOTE_AB_HEADER_BYTES);
  if (st != MOTE_OK) {
    return st;
  }
  info->seq = rd32(hdr + 4);
  info->len = rd32(hdr + 8);
  if (rd32(hdr) != AB_MAGIC || rd32(hdr + 16) != mote_crc32(0, hdr, 16) ||
      info->len > s->slot_bytes - MOTE_AB_HEADER_BYTES) {
    return MOTE_OK;
  }
  for (done = 0; done < info->len; done += AB_CHUNK) {
    const uint32_t n = info->len - done < AB_CHUNK ? info->len - done : AB_CHUNK;
    st = s->read(s->user, base + MOTE_AB_HEADER_BYTES + done, chunk, n);
    if (st != MOTE_OK) {
      return st;
    }
    crc = mote_crc32(crc, chunk, n);
  }
  info->good = crc == rd32(hdr + 12);
  return MOTE_OK;
}

/* Both slots; *newest is the good one with the later sequence, or -1. */
static mote_status_t inspect_both(const mote_ab_store_t *s, slot_info_t info[2],
                                  int *newest, mote_error_t *err) {
  uint32_t k;
  *newest = -1;
  for (k = 0; k < 2; k++) {
    const mote_status_t st = inspect(s, k, &info[k]);
    if (st != MOTE_OK) {
      return MOTE_FAIL(err, st, "ab store: reading slot %u failed", (unsigned)k);
    }
  }
  if (info[0].good && info[1].good) {
    /* Sequence numbers compare modulo 2^32. */
    *newest = (int32_t)(info[1].seq - info[0].seq) > 0 ? 1 : 0;
  } else if (info[0].good || info[1].good) {
    *newest = info[0].good ? 0 : 1;
  }
  return MOTE_OK;
}

static mote_status_t check_store(const mote_ab_store_t *s, mote_error_t *err) {
  if (s == NULL || s->read == NULL || s->write == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "ab store: NULL store or callbacks");
  }
  if (s->slot_bytes <= MOTE_AB_HEADER_BYTES || s->slot_bytes > 0x7FFFFFFFu) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "ab store: slot_bytes %lu is not usable",
                     (unsigned long)s->slot_bytes);
  }
  return MOTE_OK;
}

mote_status_t mote_ab_save(const mote_ab_store_t *s, const void *data, uint32_t len,
                           mote_error_t *err) {
  slot_info_t info[2];
  uint8_t hdr[MOTE_AB_HEADER_BYTES];
  int newest;
  uint32_t target;
  uint32_t base;
  mote_status_t st = check_store(s, err);
  if (st != MOTE_OK) {
    return st;
  }
  if (data == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "ab store: NULL data");
  }
  if (len > s->slot_bytes - MOTE_AB_HEADER_BYTES) {
    return MOTE_FAIL(err, MOTE_ERR_CAPACITY,
                     "ab store: %lu bytes do not fit a slot of %lu (header %u)",
                     (unsigned long)len, (unsigned long)s->slot_bytes,
                     (unsigned)MOTE_AB_HEADER_BYTES);
  }
  st = inspect_both(s, info, &newest, err);
  if (st != MOTE_OK) {
    return st;
  }
  target = newest == 0 ? 1u : 0u;
  base = target * s->slot_bytes;
  memset(hdr, 0, sizeof hdr);
  st = s->write(s->user, base, hdr, MOTE_AB_HEADER_BYTES);
  if (st == MOTE_OK) {
    st = s->write(s->user, base + MOTE_AB_HEADER_BYTES, data, len);
  }
  if (st == MOTE_OK) {
    wr32(hdr, AB_MAGIC);
    wr32(hdr + 4, newest < 0 ? 1u : info[newest].seq + 1u);
    wr32(hdr + 8, len);
    wr32(hdr + 12, mote_crc32(0, data, len));
    wr32(hdr + 16, mote_crc32(0, hdr, 16));
    st = s->write(s->user, base, hdr, MOTE_AB_HEADER_BYTES);
  }
  return st == MOTE_OK
             ? MOTE_OK
             : MOTE_FAIL(err, st, "ab store: writing slot %u failed", (unsigned)target);
}

mote_status_t mote_ab_load(const mote_ab_store_t *s, void *buf, uint32_t cap,
                           uint32_t *len, uint32_t *seq, mote_error_t *err) {
  slot_info_t info[2];
  int newest;
  mote_status_t st = check_store(s, err);
  if (st != MOTE_OK) {
    return st;
  }
  if (buf == NULL || len == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "ab store: NULL buffer or length");
  }
  st = inspect_both(s, info, &newest, err);
  if (st != MOTE_OK) {
    return st;
  }
  if (newest < 0) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "ab store: neither slot holds a good state");
  }
  if (info[newest].len > cap) {
    return MOTE_FAIL(err, MOTE_ERR_CAPACITY,
                     "ab store: state of %lu bytes, buffer of %lu",
                     (unsigned long)info[newest].len, (unsigned long)cap);
  }
  st = s->read(s->user, (uint32_t)newest * s->slot_bytes + MOTE_AB_HEADER_BYTES, buf,
               info[newest].len);
  if (st != MOTE_OK) {
    return MOTE_FAIL(err, st, "ab store: reading slot %d failed", newest);
  }
  /* The slot was checked through the callback; check what arrived too. */
  {
    uint8_t hdr[MOTE_AB_HEADER_BYTES];
    st = s->read(s->user, (uint32_t)newest * s->slot_bytes, hdr, MOTE_AB_HEADER_BYTES);
    if (st != MOTE_OK || rd32(hdr + 12) != mote_crc32(0, buf, info[newest].len)) {
      return MOTE_FAIL(err, st != MOTE_OK ? st : MOTE_ERR_CORRUPT_MODEL,
                       "ab store: slot %d changed while read", newest);
    }
  }
  *len = info[newest].len;
  if (seq != NULL) {
    *seq = info[newest].seq;
  }
  return MOTE_OK;
}
