/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CRC-32 (IEEE 802.3, as zlib, PNG and littlefs's metadata use it):
 * polynomial 0x04C11DB7 reflected (0xEDB88320), initial value and final
 * XOR 0xFFFFFFFF. For the model check (mote_model_check_unchanged) and for
 * anything the library writes that must survive a power cut.
 */
#ifndef MOTE_COMMON_CRC32_H
#define MOTE_COMMON_CRC32_H

#include <stddef.h>
#include <stdint.h>

/*
 * The CRC-32 of `crc`'s message followed by `len` bytes at `data`. Start a
 * fresh checksum with crc = 0; chain pieces by passing the previous result:
 * mote_crc32(mote_crc32(0, a, n), b, m) == mote_crc32(0, a || b, n + m).
 * `data` may be NULL when `len` is 0. "123456789" gives 0xCBF43926.
 */
uint32_t mote_crc32(uint32_t crc, const void *data, size_t len);

#endif /* MOTE_COMMON_CRC32_H */
