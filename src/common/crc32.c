/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CRC-32, four bits at a time from a 16-entry table (64 bytes of flash).
 * Rejected: the classic 256-entry table (1 KiB of flash for about twice
 * the speed: a checksum runs once per boot or per check, not per
 * inference) and the bit-at-a-time loop (eight iterations per byte, too
 * slow for a check over a few hundred KiB of weights at every wake-up).
 *
 * The inversion at both ends is inside the function, so a chained call
 * hands back exactly what a single call over the joined bytes gives.
 */
#include "common/crc32.h"

/* Entry i: the reflected polynomial's remainder of the nibble i. */
static const uint32_t kCrcNibble[16] = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu,
    0x76DC4190u, 0x6B6B51F4u, 0x4DB26158u, 0x5005713Cu,
    0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
    0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu};

uint32_t mote_crc32(uint32_t crc, const void *data, size_t len) {
  const uint8_t *p = (const uint8_t *)data;
  size_t i;
  crc = ~crc;
  for (i = 0; i < len; i++) {
    crc ^= p[i];
    crc = (crc >> 4) ^ kCrcNibble[crc & 15u];
    crc = (crc >> 4) ^ kCrcNibble[crc & 15u];
  }
  return ~crc;
}
