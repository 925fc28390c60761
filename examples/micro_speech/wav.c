/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RIFF/WAVE: a 12-byte header ("RIFF", size, "WAVE") followed by chunks,
 * each an id, a little-endian 32-bit size and that many bytes, padded to
 * an even length. Only two matter here: 'fmt ' (format tag, channels,
 * sample rate, bits per sample) and 'data' (the samples).
 *
 * Every chunk size is checked against the bytes that are really left
 * before it is used, so a truncated or corrupt file is reported, never
 * read past. Other chunks (LIST, fact, ...) are skipped. A shorter or
 * wrong-format file is refused rather than converted: the front end was
 * tuned for 16 kHz speech, and resampling is not this example's job.
 */
#include "wav.h"

#include <stdio.h>
#include <string.h>

#define WAV_FORMAT_PCM 1u
#define WAV_FORMAT_IEEE_FLOAT 3u
#define WAV_FORMAT_EXTENSIBLE 0xFFFEu

static uint32_t le16(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
         ((uint32_t)p[3] << 24);
}

static const char *format_name(uint32_t tag) {
  switch (tag) {
    case WAV_FORMAT_PCM: return "PCM";
    case WAV_FORMAT_IEEE_FLOAT: return "IEEE float";
    case 6: return "A-law";
    case 7: return "mu-law";
    case WAV_FORMAT_EXTENSIBLE: return "extensible";
    default: return "compressed";
  }
}

/* The format tag, looking through WAVE_FORMAT_EXTENSIBLE to its sub-format
 * (the first two bytes of the GUID at byte 24 of the chunk). */
static uint32_t effective_format(const uint8_t *fmt, uint32_t fmt_size) {
  uint32_t tag = le16(fmt);
  if (tag == WAV_FORMAT_EXTENSIBLE && fmt_size >= 40) {
    return le16(fmt + 24);
  }
  return tag;
}

int wav_open_pcm16_mono(const uint8_t *bytes, size_t len, uint32_t want_rate,
                        wav_pcm16_t *out, char *msg, size_t msg_len) {
  const uint8_t *fmt = NULL, *data = NULL;
  uint32_t fmt_size = 0, data_size = 0, tag, channels, rate, bits;
  size_t at = 12;

  if (len < 12 || memcmp(bytes, "RIFF", 4) != 0 ||
      memcmp(bytes + 8, "WAVE", 4) != 0) {
    snprintf(msg, msg_len,
             "not a RIFF/WAVE file (no \"RIFF\"/\"WAVE\" header)");
    return -1;
  }
  while (at < len && (fmt == NULL || data == NULL)) {
    uint32_t size;
    if (len - at < 8) {
      snprintf(msg, msg_len,
               "truncated: %lu stray bytes at offset %lu, too few for a "
               "chunk header",
               (unsigned long)(len - at), (unsigned long)at);
      return -1;
    }
    size = le32(bytes + at + 4);
    if (size > len - at - 8) {
      snprintf(msg, msg_len,
               "truncated: '%.4s' chunk at offset %lu says %lu bytes, only "
               "%lu are left",
               (const char *)(bytes + at), (unsigned long)at,
               (unsigned long)size, (unsigned long)(len - at - 8));
      return -1;
    }
    if (memcmp(bytes + at, "fmt ", 4) == 0) {
      fmt = bytes + at + 8;
      fmt_size = size;
    } else if (memcmp(bytes + at, "data", 4) == 0) {
      data = bytes + at + 8;
      data_size = size;
    }
    /* Chunks are padded to an even size; the pad byte may be missing
     * after the last one, which the loop condition allows. */
    at += 8 + (size_t)size + (size & 1u);
  }
  if (fmt == NULL) {
    snprintf(msg, msg_len, "no 'fmt ' chunk");
    return -1;
  }
  if (fmt_size < 16) {
    snprintf(msg, msg_len, "'fmt ' chunk is %lu bytes, needs at least 16",
             (unsigned long)fmt_size);
    return -1;
  }
  if (data == NULL) {
    snprintf(msg, msg_len, "no 'data' chunk");
    return -1;
  }

  tag = effective_format(fmt, fmt_size);
  channels = le16(fmt + 2);
  rate = le32(fmt + 4);
  bits = le16(fmt + 14);
  if (tag != WAV_FORMAT_PCM) {
    snprintf(msg, msg_len, "format tag is %lu (%s), needs 1 (PCM)",
             (unsigned long)tag, format_name(tag));
    return -1;
  }
  if (channels != 1) {
    snprintf(msg, msg_len, "%lu channels, needs 1 (mono)",
             (unsigned long)channels);
    return -1;
  }
  if (bits != 16) {
    snprintf(msg, msg_len, "%lu bits per sample, needs 16",
             (unsigned long)bits);
    return -1;
  }
  if (rate != want_rate) {
    snprintf(msg, msg_len, "sample rate is %lu Hz, needs %lu Hz",
             (unsigned long)rate, (unsigned long)want_rate);
    return -1;
  }
  if (data_size % 2 != 0) {
    snprintf(msg, msg_len, "'data' chunk is %lu bytes, not whole 16-bit samples",
             (unsigned long)data_size);
    return -1;
  }
  out->data = data;
  out->count = data_size / 2;
  out->rate = rate;
  return 0;
}

int16_t wav_sample(const wav_pcm16_t *wav, size_t i) {
  const int32_t u = (int32_t)le16(wav->data + 2 * i);
  return (int16_t)(u >= 32768 ? u - 65536 : u);
}
