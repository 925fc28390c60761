/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Windows BMP: a 14-byte file header ("BM", file size, pixel offset), an
 * info header (40 bytes or longer: width, height, planes, bits per pixel,
 * compression, palette size), a palette of 4-byte B,G,R,0 entries, then
 * the pixel rows, each padded to a multiple of 4 bytes. A positive height
 * means the rows are stored bottom-up, a negative one top-down.
 *
 * Only what a grayscale camera frame saved as BMP looks like is accepted:
 * 8 bits per pixel, uncompressed, with a gray palette (B = G = R). Pixels
 * go through the palette, which for the usual identity palette leaves
 * them unchanged; a colour palette is refused rather than converted to
 * luminance, since the model was never shown such images. Each header
 * field is checked against the bytes really present before it is read.
 */
#include "bmp.h"

#include <stdio.h>
#include <string.h>

#define FILE_HEADER 14
#define INFO_HEADER_MIN 40

static uint32_t le16(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
         ((uint32_t)p[3] << 24);
}

static int32_t le32s(const uint8_t *p) {
  const uint32_t u = le32(p);
  return u >= 0x80000000u ? (int32_t)(u - 0x80000000u) - 0x7FFFFFFF - 1
                          : (int32_t)u;
}

int bmp_read_gray8(const uint8_t *bytes, size_t len, int32_t width,
                   int32_t height, uint8_t *pixels, char *msg,
                   size_t msg_len) {
  uint8_t gray[256];
  uint32_t info_size, planes, bits, compression, colors, offset, i;
  int32_t w, h;
  int64_t rows;
  size_t stride, r, c;

  if (len < 2 || bytes[0] != 'B' || bytes[1] != 'M') {
    snprintf(msg, msg_len, "not a BMP file (does not start with \"BM\")");
    return -1;
  }
  if (len < FILE_HEADER + 4) {
    snprintf(msg, msg_len, "truncated: %lu bytes, shorter than the headers",
             (unsigned long)len);
    return -1;
  }
  info_size = le32(bytes + FILE_HEADER);
  if (info_size < INFO_HEADER_MIN) {
    snprintf(msg, msg_len,
             "info header is %lu bytes (OS/2 or unknown), needs a "
             "BITMAPINFOHEADER of 40 or more",
             (unsigned long)info_size);
    return -1;
  }
  if (info_size > len - FILE_HEADER) {
    snprintf(msg, msg_len,
             "truncated: %lu-byte info header, only %lu bytes after the file "
             "header",
             (unsigned long)info_size, (unsigned long)(len - FILE_HEADER));
    return -1;
  }
  offset = le32(bytes + 10);
  w = le32s(bytes + 18);
  h = le32s(bytes + 22);
  planes = le16(bytes + 26);
  bits = le16(bytes + 28);
  compression = le32(bytes + 30);
  colors = le32(bytes + 46);

  if (planes != 1) {
    snprintf(msg, msg_len, "%lu colour planes, needs 1",
             (unsigned long)planes);
    return -1;
  }
  if (bits != 8) {
    snprintf(msg, msg_len, "%lu bits per pixel, needs 8 (grayscale)",
             (unsigned long)bits);
    return -1;
  }
  if (compression != 0) {
    snprintf(msg, msg_len, "compression %lu, needs 0 (uncompressed)",
             (unsigned long)compression);
    return -1;
  }
  rows = h < 0 ? -(int64_t)h : (int64_t)h;
  if (w != width || rows != height) {
    snprintf(msg, msg_len, "image is %ldx%ld, needs %ldx%ld", (long)w,
             (long)rows, (long)width, (long)height);
    return -1;
  }

  /* The palette: 0 means the full 256 entries. */
  if (colors == 0) {
    colors = 256;
  }
  if (colors > 256) {
    snprintf(msg, msg_len, "palette of %lu colours, at most 256 for 8 bits",
             (unsigned long)colors);
    return -1;
  }
  if ((size_t)colors * 4 > len - FILE_HEADER - info_size) {
    snprintf(msg, msg_len, "truncated: the %lu-colour palette ends past the "
             "end of the file", (unsigned long)colors);
    return -1;
  }
  for (i = 0; i < colors; i++) {
    const uint8_t *bgr = bytes + FILE_HEADER + info_size + 4 * i;
    if (bgr[0] != bgr[1] || bgr[1] != bgr[2]) {
      snprintf(msg, msg_len,
               "palette entry %lu is (r=%d, g=%d, b=%d), not gray: needs a "
               "grayscale image",
               (unsigned long)i, bgr[2], bgr[1], bgr[0]);
      return -1;
    }
    gray[i] = bgr[0];
  }

  /* The pixel rows, padded to 4 bytes each. */
  stride = ((size_t)width + 3) & ~(size_t)3;
  if (offset > len || stride * (size_t)height > len - offset) {
    snprintf(msg, msg_len,
             "truncated: pixel data needs %lu bytes at offset %lu, the file "
             "has %lu",
             (unsigned long)(stride * (size_t)height), (unsigned long)offset,
             (unsigned long)len);
    return -1;
  }
  for (r = 0; r < (size_t)height; r++) {
    const uint8_t *src = bytes + offset + r * stride;
    /* Bottom-up files store the last image row first. */
    uint8_t *dst = pixels + (h > 0 ? (size_t)height - 1 - r : r) *
                                (size_t)width;
    for (c = 0; c < (size_t)width; c++) {
      if (src[c] >= colors) {
        snprintf(msg, msg_len,
                 "pixel at offset %lu is colour %d, past the %lu-colour "
                 "palette",
                 (unsigned long)(offset + r * stride + c), src[c],
                 (unsigned long)colors);
        return -1;
      }
      dst[c] = gray[src[c]];
    }
  }
  return 0;
}
