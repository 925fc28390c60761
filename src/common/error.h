/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal error reporting: a tiny formatter so the library can write
 * messages without stdio. Only %d, %u, %ld, %lu, %s and %% are understood;
 * that is all the messages need, and it keeps the code small. With
 * MOTE_NO_ERROR_STRINGS the text is dropped and only the status is stored.
 */
#ifndef MOTE_COMMON_ERROR_H
#define MOTE_COMMON_ERROR_H

#include <stdarg.h>

#include "mote/status.h"

/* Formats into `buf` (always NUL-terminated when cap > 0). */
void mote_format_v(char *buf, size_t cap, const char *fmt, va_list ap);

/* Records `status` and a formatted message in `err` (may be NULL); returns
 * `status`. */
mote_status_t mote_error_set(mote_error_t *err, mote_status_t status,
                             const char *fmt, ...);

/* Like mote_error_set, with a prefix already formatted in `err->message`
 * kept in front (used to add "op 3 (CONV_2D): "). */
mote_status_t mote_error_set_v(mote_error_t *err, mote_status_t status,
                               const char *prefix, const char *fmt,
                               va_list ap);

#ifdef MOTE_NO_ERROR_STRINGS
/* Never defined: only named inside sizeof, which evaluates nothing and
 * emits no string, yet counts as a use of the message's arguments. */
int mote_unused_format_(const char *fmt, ...);
#define MOTE_FAIL(err, status, ...)                                           \
  ((void)sizeof(mote_unused_format_(__VA_ARGS__)),                            \
   mote_error_set((err), (status), ""))
#else
#define MOTE_FAIL(err, status, ...) mote_error_set((err), (status), __VA_ARGS__)
#endif

#endif /* MOTE_COMMON_ERROR_H */
