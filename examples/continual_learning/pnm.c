/* SPDX-License-Identifier: Apache-2.0 */
/* Binary PGM/PPM to 32x32 RGB (pnm.h). */
#include "pnm.h"

#include <stdio.h>

/* Reads the next decimal header field after whitespace and # comments;
 * -1 when there is none. */
static long field(const uint8_t *b, size_t len, size_t *pos) {
  long v = -1;
  while (*pos < len) {
    if (b[*pos] == '#') {
      while (*pos < len && b[*pos] != '\n') {
        (*pos)++;
      }
    } else if (b[*pos] == ' ' || b[*pos] == '\t' || b[*pos] == '\n' ||
               b[*pos] == '\r') {
      (*pos)++;
    } else {
      break;
    }
  }
  while (*pos < len && b[*pos] >= '0' && b[*pos] <= '9' && v < 100000) {
    v = (v < 0 ? 0 : v * 10) + (b[*pos] - '0');
    (*pos)++;
  }
  return v;
}

int pnm_read_rgb32(const uint8_t *bytes, size_t len, uint8_t *rgb, char *msg,
                   size_t msg_len) {
  size_t pos = 2, need;
  long w, h, maxval;
  int channels, y, x, c;
  if (len < 2 || bytes[0] != 'P' || (bytes[1] != '5' && bytes[1] != '6')) {
    snprintf(msg, msg_len, "not a binary PGM (P5) or PPM (P6) file");
    return -1;
  }
  channels = bytes[1] == '5' ? 1 : 3;
  w = field(bytes, len, &pos);
  h = field(bytes, len, &pos);
  maxval = field(bytes, len, &pos);
  /* Exactly one whitespace byte separates the header from the samples. */
  if (w < 1 || h < 1 || maxval < 1 || pos >= len) {
    snprintf(msg, msg_len, "bad or truncated P%c header", bytes[1]);
    return -1;
  }
  if (maxval > 255) {
    snprintf(msg, msg_len, "maxval %ld: only 8-bit samples (maxval <= 255)",
             maxval);
    return -1;
  }
  pos++;
  need = (size_t)w * (size_t)h * (size_t)channels;
  if (len - pos < need) {
    snprintf(msg, msg_len, "truncated: %ldx%ld pixels need %lu bytes, %lu left",
             w, h, (unsigned long)need, (unsigned long)(len - pos));
    return -1;
  }
  for (y = 0; y < PNM_SIDE; y++) {
    const long sy = y * h / PNM_SIDE; /* nearest source row and column */
    for (x = 0; x < PNM_SIDE; x++) {
      const long sx = x * w / PNM_SIDE;
      const uint8_t *p = bytes + pos + (size_t)((sy * w + sx) * channels);
      for (c = 0; c < 3; c++) {
        long v = p[channels == 3 ? c : 0];
        v = v > maxval ? maxval : v; /* a sample above maxval is bad data */
        rgb[(y * PNM_SIDE + x) * 3 + c] = (uint8_t)(v * 255 / maxval);
      }
    }
  }
  return 0;
}
