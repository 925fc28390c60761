/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON output helpers for `mote inspect --json`.
 *
 * Only the two things a streaming writer cannot get right with printf:
 * strings and floats. Strings from a model (tensor names, description,
 * custom op names) are arbitrary bytes, so they are checked as UTF-8 and
 * every invalid sequence becomes U+FFFD rather than breaking the document.
 * Floats are printed with 9 significant digits, enough to read back the
 * same float32; NaN and infinities have no JSON form and become null.
 */
#include <stdio.h>

#include "cli.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static int utf8_length(const unsigned char *s) {
  unsigned c = s[0];
  int n;
  int i;
  unsigned cp;
  if (c < 0x80u) {
    return 1;
  }
  if (c >= 0xC2u && c <= 0xDFu) {
    n = 2;
    cp = c & 0x1Fu;
  } else if (c >= 0xE0u && c <= 0xEFu) {
    n = 3;
    cp = c & 0x0Fu;
  } else if (c >= 0xF0u && c <= 0xF4u) {
    n = 4;
    cp = c & 0x07u;
  } else {
    return 0;
  }
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xC0u) != 0x80u) {
      return 0; /* also stops at the terminating NUL */
    }
    cp = (cp << 6) | (s[i] & 0x3Fu);
  }
  /* Overlong forms, surrogates and code points past U+10FFFF. */
  if ((n == 3 && cp < 0x800u) || (n == 4 && cp < 0x10000u) ||
      (cp >= 0xD800u && cp <= 0xDFFFu) || cp > 0x10FFFFu) {
    return 0;
  }
  return n;
}

void cli_json_string(FILE *f, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  if (s == NULL) {
    fputs("null", f);
    return;
  }
  fputc('"', f);
  while (*p != '\0') {
    unsigned c = *p;
    int n;
    if (c == '"' || c == '\\') {
      fputc('\\', f);
      fputc((int)c, f);
      p++;
    } else if (c == '\n') {
      fputs("\\n", f);
      p++;
    } else if (c == '\r') {
      fputs("\\r", f);
      p++;
    } else if (c == '\t') {
      fputs("\\t", f);
      p++;
    } else if (c < 0x20u || c == 0x7Fu) {
      fprintf(f, "\\u%04x", c);
      p++;
    } else if ((n = utf8_length(p)) > 0) {
      fwrite(p, 1, (size_t)n, f);
      p += n;
    } else {
      fputs("\\ufffd", f);
      p++;
    }
  }
  fputc('"', f);
}

void cli_json_float(FILE *f, double v) {
  /* v != v is NaN; the second test catches both infinities. */
  if (v != v || v - v != 0.0) {
    fputs("null", f);
    return;
  }
  fprintf(f, "%.9g", v);
}
