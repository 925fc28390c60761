/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PNG decoding for `mote run --input`, through libpng's simplified API
 * (png_image, libpng 1.6), which handles every bit depth, palettes,
 * interlacing and gamma for us and reads from memory with its own bounds
 * checks. Gray images stay one channel, colour ones become RGB; alpha is
 * dropped by compositing onto black, as libpng does when the requested
 * format has no alpha.
 *
 * libpng is optional: CMake defines MOTE_CLI_HAVE_PNG when FindPNG found
 * it, and without it --input x.png says PNG support was not built.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifdef MOTE_CLI_HAVE_PNG
#include <png.h>

int cli_png_decode(const uint8_t *b, size_t size, cli_image_t *img, char *why,
                   size_t cap) {
  png_image png;
  size_t bytes;
  memset(img, 0, sizeof *img);
  memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, b, size)) {
    snprintf(why, cap, "not a readable PNG: %s", png.message);
    return -1;
  }
  if (png.width == 0 || png.height == 0 || png.width > 16384u ||
      png.height > 16384u) {
    snprintf(why, cap, "image size %lux%lu is out of range",
             (unsigned long)png.width, (unsigned long)png.height);
    png_image_free(&png);
    return -1;
  }
  png.format = (png.format & PNG_FORMAT_FLAG_COLOR) ? PNG_FORMAT_RGB
                                                     : PNG_FORMAT_GRAY;
  bytes = PNG_IMAGE_SIZE(png);
  img->width = png.width;
  img->height = png.height;
  img->channels = PNG_IMAGE_PIXEL_CHANNELS(png.format);
  img->pixels = (uint8_t *)malloc(bytes + 1u);
  if (img->pixels == NULL) {
    snprintf(why, cap, "out of memory");
    png_image_free(&png);
    return -1;
  }
  if (!png_image_finish_read(&png, NULL, img->pixels, 0, NULL)) {
    snprintf(why, cap, "cannot decode: %s", png.message);
    png_image_free(&png);
    cli_image_free(img);
    return -1;
  }
  return 0;
}

#else

int cli_png_decode(const uint8_t *b, size_t size, cli_image_t *img, char *why,
                   size_t cap) {
  (void)b;
  (void)size;
  memset(img, 0, sizeof *img);
  snprintf(why, cap, "PNG support was not built (install libpng-dev and "
                     "configure again), or convert to .ppm or .bmp");
  return -1;
}

#endif
