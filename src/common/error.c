/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Status names and the stdio-free message formatter.
 */
#include "common/error.h"

#include <stdint.h>
#include <string.h>

const char *mote_status_str(mote_status_t status) {
  switch (status) {
  case MOTE_OK: return "ok";
  case MOTE_ERR_BAD_ARG: return "bad argument";
  case MOTE_ERR_CORRUPT_MODEL: return "corrupt model";
  case MOTE_ERR_UNSUPPORTED_OP: return "unsupported op";
  case MOTE_ERR_UNSUPPORTED_TYPE: return "unsupported type";
  case MOTE_ERR_BAD_SHAPE: return "bad shape";
  case MOTE_ERR_ARENA_TOO_SMALL: return "arena too small";
  case MOTE_ERR_BAD_STATE: return "bad state";
  case MOTE_ERR_UNSUPPORTED: return "unsupported feature";
  case MOTE_ERR_CAPACITY: return "capacity exceeded";
  case MOTE_ERR_KERNEL: return "kernel failure";
  case MOTE_ERR_MODEL_CHANGED: return "model changed";
  }
  return "unknown status";
}

typedef struct out_buf {
  char *buf;
  size_t cap;
  size_t len;
} out_buf_t;

static void put_char(out_buf_t *o, char c) {
  if (o->len + 1 < o->cap) {
    o->buf[o->len++] = c;
  }
}

static void put_str(out_buf_t *o, const char *s) {
  if (s == NULL) {
    s = "(null)";
  }
  while (*s != '\0') {
    put_char(o, *s++);
  }
}

static void put_unsigned(out_buf_t *o, unsigned long v) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = (char)('0' + (int)(v % 10u));
    v /= 10u;
  } while (v != 0u && n < (int)sizeof digits);
  while (n > 0) {
    put_char(o, digits[--n]);
  }
}

static void put_signed(out_buf_t *o, long v) {
  if (v < 0) {
    put_char(o, '-');
    /* Negate in unsigned arithmetic so LONG_MIN does not overflow. */
    put_unsigned(o, 0ul - (unsigned long)v);
  } else {
    put_unsigned(o, (unsigned long)v);
  }
}

void mote_format_v(char *buf, size_t cap, const char *fmt, va_list ap) {
  out_buf_t o;
  o.buf = buf;
  o.cap = cap;
  o.len = 0;
  if (buf == NULL || cap == 0) {
    return;
  }
  for (; *fmt != '\0'; fmt++) {
    if (*fmt != '%') {
      put_char(&o, *fmt);
      continue;
    }
    fmt++;
    if (*fmt == 'd') {
      put_signed(&o, (long)va_arg(ap, int));
    } else if (*fmt == 'u') {
      put_unsigned(&o, (unsigned long)va_arg(ap, unsigned));
    } else if (*fmt == 'l' && fmt[1] == 'd') {
      fmt++;
      put_signed(&o, va_arg(ap, long));
    } else if (*fmt == 'l' && fmt[1] == 'u') {
      fmt++;
      put_unsigned(&o, va_arg(ap, unsigned long));
    } else if (*fmt == 's') {
      put_str(&o, va_arg(ap, const char *));
    } else if (*fmt == '%') {
      put_char(&o, '%');
    } else {
      /* Unknown conversion: show it literally rather than guess its size. */
      put_char(&o, '%');
      if (*fmt == '\0') {
        break;
      }
      put_char(&o, *fmt);
    }
  }
  buf[o.len] = '\0';
}

mote_status_t mote_error_set_v(mote_error_t *err, mote_status_t status,
                               const char *prefix, const char *fmt,
                               va_list ap) {
  if (err == NULL) {
    return status;
  }
  err->status = status;
#ifdef MOTE_NO_ERROR_STRINGS
  (void)prefix;
  (void)fmt;
  (void)ap;
  err->message[0] = '\0';
#else
  {
    size_t plen = 0;
    if (prefix != NULL) {
      plen = strlen(prefix);
      if (plen >= sizeof err->message) {
        plen = sizeof err->message - 1;
      }
      memmove(err->message, prefix, plen);
    }
    mote_format_v(err->message + plen, sizeof err->message - plen, fmt, ap);
  }
#endif
  return status;
}

mote_status_t mote_error_set(mote_error_t *err, mote_status_t status,
                             const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  (void)mote_error_set_v(err, status, NULL, fmt, ap);
  va_end(ap);
  return status;
}
