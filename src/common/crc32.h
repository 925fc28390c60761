/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib and PNG):
 * pass crc 0 for a fresh checksum, or a previous result to continue it
 * over more data. mote_crc32(0, "123456789", 9) == 0xCBF43926.
 */
#ifndef MOTE_COMMON_CRC32_H
#define MOTE_COMMON_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t mote_crc32(uint32_t crc, const void *data, size_t len);

#endif /* MOTE_COMMON_CRC32_H */
