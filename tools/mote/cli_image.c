/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Binary PGM/PPM (P5/P6) and uncompressed BMP decoding for
 * `mote run --input`, into 8-bit gray or RGB pixels, top row first.
 *
 * Both parsers read untrusted files, so every read is checked against the
 * bytes left, sizes are multiplied in 64 bits, and images are capped at
 * CLI_IMAGE_MAX_SIDE pixels a side (no model input comes near it, and the
 * cap keeps width x height x 3 far from overflow).
 *
 * PNM: "P5"/"P6", then width, height and maxval as decimal text separated
 * by whitespace and '#' comments, one whitespace byte, then the samples:
 * one byte each when maxval < 256, else two bytes big-endian. Samples are
 * scaled to 0..255 when maxval is not 255 (rounded to nearest).
 *
 * BMP: a BITMAPFILEHEADER (14 bytes) and an info header of at least 40
 * bytes (BITMAPINFOHEADER or later), 24-bit BGR or 8-bit with a palette
 * (person_detect's test pictures are 8-bit gray palettes), compression 0
 * only. Rows are padded to 4 bytes; a positive height means bottom-up.
 * An 8-bit image whose palette is gray gives one channel, anything else
 * three.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CLI_IMAGE_MAX_SIDE 16384u

static int image_alloc(cli_image_t *img, uint32_t w, uint32_t h, uint32_t c,
                       char *why, size_t cap) {
  img->width = w;
  img->height = h;
  img->channels = c;
  img->pixels = (uint8_t *)malloc((size_t)w * h * c + 1u);
  if (img->pixels == NULL) {
    snprintf(why, cap, "out of memory");
    return -1;
  }
  return 0;
}

void cli_image_free(cli_image_t *img) {
  free(img->pixels);
  img->pixels = NULL;
}

/* --- PNM ------------------------------------------------------------------ */

static int pnm_is_space(uint8_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

/* Reads one decimal header field at *pos, skipping whitespace and comments
 * before it. */
static int pnm_field(const uint8_t *b, size_t size, size_t *pos,
                     uint32_t *out) {
  uint32_t v = 0;
  size_t p = *pos;
  int digits = 0;
  for (;;) {
    while (p < size && pnm_is_space(b[p])) {
      p++;
    }
    if (p < size && b[p] == '#') {
      while (p < size && b[p] != '\n') {
        p++;
      }
      continue;
    }
    break;
  }
  while (p < size && b[p] >= '0' && b[p] <= '9') {
    v = v * 10u + (uint32_t)(b[p] - '0');
    if (v > 100000000u) {
      return -1;
    }
    p++;
    digits++;
  }
  if (digits == 0) {
    return -1;
  }
  *pos = p;
  *out = v;
  return 0;
}

int cli_pnm_decode(const uint8_t *b, size_t size, cli_image_t *img, char *why,
                   size_t cap) {
  uint32_t w;
  uint32_t h;
  uint32_t maxval;
  uint32_t c;
  uint32_t sample_bytes;
  uint64_t need;
  size_t pos = 2;
  size_t i;
  memset(img, 0, sizeof *img);
  if (size < 2 || b[0] != 'P' || (b[1] != '5' && b[1] != '6')) {
    snprintf(why, cap, "not a binary PGM/PPM (P5 or P6) file");
    return -1;
  }
  c = b[1] == '5' ? 1u : 3u;
  if (pnm_field(b, size, &pos, &w) != 0 || pnm_field(b, size, &pos, &h) != 0 ||
      pnm_field(b, size, &pos, &maxval) != 0) {
    snprintf(why, cap, "unreadable header (width, height, maxval)");
    return -1;
  }
  if (w == 0 || h == 0 || w > CLI_IMAGE_MAX_SIDE || h > CLI_IMAGE_MAX_SIDE) {
    snprintf(why, cap, "image size %lux%lu is out of range",
             (unsigned long)w, (unsigned long)h);
    return -1;
  }
  if (maxval == 0 || maxval > 65535u) {
    snprintf(why, cap, "maxval %lu is out of range (1..65535)",
             (unsigned long)maxval);
    return -1;
  }
  if (pos >= size || !pnm_is_space(b[pos])) {
    snprintf(why, cap, "no whitespace after the header");
    return -1;
  }
  pos++;
  sample_bytes = maxval < 256u ? 1u : 2u;
  need = (uint64_t)w * h * c * sample_bytes;
  if (need > (uint64_t)(size - pos)) {
    snprintf(why, cap, "%lux%lu needs %lu pixel bytes, the file has %lu "
                       "(truncated?)",
             (unsigned long)w, (unsigned long)h, (unsigned long)need,
             (unsigned long)(size - pos));
    return -1;
  }
  if (image_alloc(img, w, h, c, why, cap) != 0) {
    return -1;
  }
  for (i = 0; i < (size_t)w * h * c; i++) {
    uint32_t v = sample_bytes == 1u
                     ? b[pos + i]
                     : (uint32_t)b[pos + 2u * i] << 8 | b[pos + 2u * i + 1u];
    v = v > maxval ? maxval : v;
    img->pixels[i] = (uint8_t)((v * 255u + maxval / 2u) / maxval);
  }
  return 0;
}

/* --- BMP ------------------------------------------------------------------ */

int cli_bmp_decode(const uint8_t *b, size_t size, cli_image_t *img, char *why,
                   size_t cap) {
  uint32_t offset;
  uint32_t info;
  int32_t w;
  int32_t hs;
  uint32_t h;
  uint16_t bpp;
  uint32_t colors;
  uint64_t stride;
  uint32_t x;
  uint32_t y;
  int gray = 1;
  const uint8_t *palette = NULL;
  memset(img, 0, sizeof *img);
  if (size < 54 || b[0] != 'B' || b[1] != 'M') {
    snprintf(why, cap, "not a BMP file (no 'BM' header)");
    return -1;
  }
  offset = cli_le32(b + 10);
  info = cli_le32(b + 14);
  if (info < 40 || (uint64_t)14 + info > size) {
    snprintf(why, cap, "unsupported BMP header (%lu bytes; mote reads "
                       "BITMAPINFOHEADER and later)",
             (unsigned long)info);
    return -1;
  }
  w = (int32_t)cli_le32(b + 18);
  hs = (int32_t)cli_le32(b + 22);
  bpp = cli_le16(b + 28);
  if (cli_le32(b + 30) != 0) {
    snprintf(why, cap, "compressed BMP (compression %lu); save it "
                       "uncompressed",
             (unsigned long)cli_le32(b + 30));
    return -1;
  }
  h = hs < 0 ? (uint32_t)0 - (uint32_t)hs : (uint32_t)hs;
  if (w <= 0 || h == 0 || (uint32_t)w > CLI_IMAGE_MAX_SIDE ||
      h > CLI_IMAGE_MAX_SIDE) {
    snprintf(why, cap, "image size %ldx%ld is out of range", (long)w,
             (long)hs);
    return -1;
  }
  if (bpp == 8) {
    uint32_t i;
    colors = cli_le32(b + 46);
    colors = colors == 0 ? 256u : colors;
    if (colors > 256u || (uint64_t)14 + info + 4u * colors > size) {
      snprintf(why, cap, "bad palette (%lu colours)", (unsigned long)colors);
      return -1;
    }
    palette = b + 14 + info;
    for (i = 0; i < colors; i++) {
      const uint8_t *e = palette + 4u * i;
      gray = gray && e[0] == e[1] && e[1] == e[2];
    }
  } else if (bpp == 24) {
    colors = 0;
    gray = 0;
  } else {
    snprintf(why, cap, "%u bits per pixel; mote reads 24-bit and 8-bit "
                       "(palette) BMPs",
             (unsigned)bpp);
    return -1;
  }
  stride = ((uint64_t)(uint32_t)w * bpp / 8u + 3u) & ~(uint64_t)3u;
  if (offset > size || stride * h > (uint64_t)(size - offset)) {
    snprintf(why, cap, "pixel data runs past the end of the file "
                       "(truncated?)");
    return -1;
  }
  if (image_alloc(img, (uint32_t)w, h, gray ? 1u : 3u, why, cap) != 0) {
    return -1;
  }
  for (y = 0; y < h; y++) {
    /* Bottom-up files store the last image row first. */
    const uint8_t *row = b + offset + stride * (hs > 0 ? h - 1u - y : y);
    uint8_t *dst = img->pixels + (size_t)y * (uint32_t)w * img->channels;
    for (x = 0; x < (uint32_t)w; x++) {
      if (bpp == 24) {
        dst[3u * x] = row[3u * x + 2u];
        dst[3u * x + 1u] = row[3u * x + 1u];
        dst[3u * x + 2u] = row[3u * x];
      } else {
        uint32_t k = row[x];
        const uint8_t *e;
        if (k >= colors) {
          snprintf(why, cap, "pixel (%lu, %lu) uses colour %lu of a "
                             "%lu-colour palette",
                   (unsigned long)x, (unsigned long)y, (unsigned long)k,
                   (unsigned long)colors);
          cli_image_free(img);
          return -1;
        }
        e = palette + 4u * k;
        if (gray) {
          dst[x] = e[0];
        } else {
          dst[3u * x] = e[2];
          dst[3u * x + 1u] = e[1];
          dst[3u * x + 2u] = e[0];
        }
      }
    }
  }
  return 0;
}
