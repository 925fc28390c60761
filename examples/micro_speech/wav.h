/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A RIFF/WAVE reader for the micro_speech example: finds the 16-bit mono
 * PCM samples of a .wav file held in memory, or says in one line why the
 * file cannot be used.
 */
#ifndef MICRO_SPEECH_WAV_H
#define MICRO_SPEECH_WAV_H

#include <stddef.h>
#include <stdint.h>

typedef struct wav_pcm16 {
  const uint8_t *data; /* the 'data' chunk: little-endian int16 samples,
                          inside the caller's file bytes */
  size_t count;        /* number of samples */
  uint32_t rate;       /* samples per second */
} wav_pcm16_t;

/*
 * Walks the chunks of the `len` file bytes at `bytes` and checks that the
 * audio is PCM, 16 bits per sample, one channel, at `want_rate` Hz. Returns
 * 0 and fills `out` (which points into `bytes`), or -1 with a one-line
 * reason naming the offending field and its value in `msg[msg_len]`.
 */
int wav_open_pcm16_mono(const uint8_t *bytes, size_t len, uint32_t want_rate,
                        wav_pcm16_t *out, char *msg, size_t msg_len);

/* Sample `i` (< count) of `wav`. */
int16_t wav_sample(const wav_pcm16_t *wav, size_t i);

#endif /* MICRO_SPEECH_WAV_H */
