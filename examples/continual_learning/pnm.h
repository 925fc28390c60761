/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A tiny binary PGM (P5) / PPM (P6) reader for the continual_learning
 * example: decodes a file held in memory to 32x32 RGB, or says in one line
 * why it cannot.
 */
#ifndef CONTINUAL_LEARNING_PNM_H
#define CONTINUAL_LEARNING_PNM_H

#include <stddef.h>
#include <stdint.h>

#define PNM_SIDE 32 /* the output is PNM_SIDE x PNM_SIDE x 3 */

/*
 * Decodes the `len` bytes at `bytes` (P5 grey or P6 colour, maxval 1 to
 * 255, any size) into rgb[32][32][3], top row first. Grey is replicated
 * to the three channels; samples are scaled to 0..255 when maxval is not
 * 255; an image of another size is resampled nearest-neighbour to 32x32
 * (stretched: the aspect ratio is not kept, nothing is padded). Returns 0,
 * or -1 with a one-line reason in msg[msg_len].
 */
int pnm_read_rgb32(const uint8_t *bytes, size_t len, uint8_t *rgb, char *msg,
                   size_t msg_len);

#endif /* CONTINUAL_LEARNING_PNM_H */
