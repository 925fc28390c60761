/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A BMP reader for the person_detection example: decodes an uncompressed
 * 8-bit grayscale Windows bitmap held in memory into top-down rows, or
 * says in one line why the file cannot be used.
 */
#ifndef PERSON_DETECTION_BMP_H
#define PERSON_DETECTION_BMP_H

#include <stddef.h>
#include <stdint.h>

/*
 * Checks the `len` file bytes at `bytes` and, when the image is exactly
 * `width` x `height` 8-bit grayscale, writes its pixels to
 * `pixels[height][width]`, first row at the top. Returns 0, or -1 with a
 * one-line reason naming the offending field and its value in
 * `msg[msg_len]`.
 */
int bmp_read_gray8(const uint8_t *bytes, size_t len, int32_t width,
                   int32_t height, uint8_t *pixels, char *msg,
                   size_t msg_len);

#endif /* PERSON_DETECTION_BMP_H */
