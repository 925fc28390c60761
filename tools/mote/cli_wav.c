/* SPDX-License-Identifier: Apache-2.0 */
/*
 * 16-bit PCM .wav files for `mote run --input`.
 *
 * A RIFF file: "RIFF", size, "WAVE", then chunks of a 4-byte id, a 4-byte
 * little-endian size and that many bytes (plus one pad byte when odd).
 * We need "fmt " (format 1 = PCM, or 0xFFFE WAVE_FORMAT_EXTENSIBLE whose
 * sub-format is PCM; channels; bits per sample) and "data"; every other
 * chunk (LIST, fact, ...) is skipped. Each chunk size is checked against
 * what is left of the file before it is used, in 64-bit arithmetic, so a
 * lying size cannot walk past the buffer.
 *
 * Only mono 16-bit is accepted. A keyword model hears one channel, and
 * picking or mixing channels silently would hide a wrong file; the
 * message says how to convert instead.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_wav_parse(const uint8_t *b, size_t size, cli_wav_t *out, char *why,
                  size_t cap) {
  size_t pos = 12;
  int have_fmt = 0;
  memset(out, 0, sizeof *out);
  if (size < 12 || memcmp(b, "RIFF", 4) != 0 || memcmp(b + 8, "WAVE", 4) != 0) {
    snprintf(why, cap, "not a .wav file (no RIFF/WAVE header)");
    return -1;
  }
  while (size - pos >= 8) {
    const uint8_t *id = b + pos;
    uint64_t len = cli_le32(b + pos + 4);
    pos += 8;
    if (len > (uint64_t)(size - pos)) {
      snprintf(why, cap, "chunk '%.4s' of %lu bytes runs past the end of "
                         "the file (truncated?)",
               (const char *)id, (unsigned long)len);
      return -1;
    }
    if (memcmp(id, "fmt ", 4) == 0) {
      uint16_t format;
      if (len < 16) {
        snprintf(why, cap, "'fmt ' chunk too short");
        return -1;
      }
      format = cli_le16(b + pos);
      out->channels = cli_le16(b + pos + 2);
      out->rate = cli_le32(b + pos + 4);
      out->bits = cli_le16(b + pos + 14);
      if (format == 0xFFFEu && len >= 26) {
        format = cli_le16(b + pos + 24); /* the sub-format GUID's first word */
      }
      if (format != 1) {
        snprintf(why, cap, "format %u is not PCM (mote reads 16-bit PCM; "
                           "convert, e.g. sox IN -b 16 -e signed OUT.wav)",
                 (unsigned)format);
        return -1;
      }
      have_fmt = 1;
    } else if (memcmp(id, "data", 4) == 0) {
      if (!have_fmt) {
        snprintf(why, cap, "'data' comes before 'fmt '");
        return -1;
      }
      if (out->channels != 1) {
        snprintf(why, cap, "%u channels; mote takes mono audio (mix down, "
                           "e.g. sox IN -c 1 OUT.wav)",
                 (unsigned)out->channels);
        return -1;
      }
      if (out->bits != 16) {
        snprintf(why, cap, "%u-bit samples; mote takes 16-bit PCM (convert, "
                           "e.g. sox IN -b 16 OUT.wav)",
                 (unsigned)out->bits);
        return -1;
      }
      if (len % 2u != 0) {
        snprintf(why, cap, "'data' has an odd byte count for 16-bit samples");
        return -1;
      }
      out->samples = b + pos;
      out->count = (size_t)(len / 2u);
      return 0;
    }
    pos += (size_t)len;
    if ((len & 1u) != 0 && pos < size) {
      pos++; /* RIFF pads odd chunks to an even size */
    }
  }
  snprintf(why, cap, have_fmt ? "no 'data' chunk" : "no 'fmt ' chunk");
  return -1;
}

int16_t cli_wav_sample(const cli_wav_t *w, size_t i) {
  return (int16_t)cli_le16(w->samples + 2u * i);
}
