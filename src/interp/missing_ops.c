// SPDX-License-Identifier: Apache-2.0
/*
 * The error of an init whose resolver lacks kernels: every missing
 * operator kind is named, in the order of its first operator, with that
 * operator's index and how many more use it, so that one build of the
 * firmware shows everything its resolver must add. The message buffer is
 * small (MOTE_ERROR_MESSAGE_BYTES), so kinds that do not fit are counted
 * in a closing "...and N more" instead of being cut mid-name.
 *
 * Only the failing path runs this: it rescans the operators after the
 * first missing one (quadratic in the operators, no memory) rather than
 * have the init loop that succeeds collect anything. Rejected: a table of
 * missing kinds in the arena, which a failing init may have no room for.
 */
#include <stdarg.h>
#include <string.h>

#include "common/error.h"
#include "interp/interp_internal.h"
#include "mote/ops.h"

#ifndef MOTE_NO_ERROR_STRINGS
/* Operator `i`'s info (an index across subgraphs). */
static void op_info(const mote_interp_t *in, uint32_t i, mote_op_info_t *info) {
  const uint32_t sg = mote_interp_op_subgraph(in, i);
  (void)mote_model_op(in->model_, sg, i - mote_interp_op_base(in, sg), info);
}

/* Operator `i`'s info and whether the resolver has no kernel for it. */
static int missing(const mote_interp_t *in, uint32_t i, mote_op_info_t *info) {
  op_info(in, i, info);
  return mote_resolver_find(in->resolver_, info->builtin, info->custom_name) ==
         NULL;
}

static int same_kind(const mote_op_info_t *a, const mote_op_info_t *b) {
  if (a->builtin != b->builtin) {
    return 0;
  }
  return a->builtin != MOTE_OP_CUSTOM ||
         (a->custom_name != NULL && b->custom_name != NULL &&
          strcmp(a->custom_name, b->custom_name) == 0);
}

/* Whether operator `i` (missing, of kind `info`) is the first of its kind
 * from `first` on, and how many operators from `i` on share it. */
static int first_of_kind(const mote_interp_t *in, uint32_t first, uint32_t i,
                         const mote_op_info_t *info, uint32_t *count) {
  mote_op_info_t other;
  uint32_t k;
  for (k = first; k < i; k++) {
    if (missing(in, k, &other) && same_kind(&other, info)) {
      return 0;
    }
  }
  *count = 1;
  for (k = i + 1; k < in->op_total_; k++) {
    op_info(in, k, &other);
    *count += same_kind(&other, info) ? 1u : 0u;
  }
  return 1;
}

static void format(char *buf, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mote_format_v(buf, cap, fmt, ap);
  va_end(ap);
}

/* One kind's text, e.g. `CONV_2D (builtin 3; op 1 and 2 more)`. */
static void describe(const mote_op_info_t *info, uint32_t op, uint32_t count,
                     char *buf, size_t cap) {
  char where[48];
  if (count > 1) {
    format(where, sizeof where, "op %u and %u more", (unsigned)op,
           (unsigned)(count - 1u));
  } else {
    format(where, sizeof where, "op %u", (unsigned)op);
  }
  if (info->builtin == MOTE_OP_CUSTOM) {
    format(buf, cap, "custom op \"%s\" (%s)", info->custom_name, where);
  } else {
    format(buf, cap, "%s (builtin %d; %s)", mote_op_name(info->builtin),
           (int)info->builtin, where);
  }
}
#endif /* MOTE_NO_ERROR_STRINGS */

/* Room kept for ", \u2026and 4294967295 more" after every name, so that
 * one pass both names and counts: a last name that would have fitted in
 * that room alone is counted instead. */
#define MORE_BYTES 26u

mote_status_t mote_interp_fail_missing(const mote_interp_t *in, uint32_t first,
                                       mote_error_t *err) {
#ifdef MOTE_NO_ERROR_STRINGS
  (void)in;
  (void)first;
  return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_OP, "");
#else
  static const char kPrefix[] = "no kernel in the resolver for ";
  char msg[MOTE_ERROR_MESSAGE_BYTES];
  char entry[MOTE_ERROR_MESSAGE_BYTES];
  size_t len = sizeof kPrefix - 1u;
  uint32_t shown = 0, more = 0, i, count;
  mote_op_info_t info;
  memcpy(msg, kPrefix, sizeof kPrefix);
  for (i = first; i < in->op_total_; i++) {
    size_t need;
    if (!missing(in, i, &info) || !first_of_kind(in, first, i, &info, &count)) {
      continue;
    }
    describe(&info, i, count, entry, sizeof entry);
    need = strlen(entry) + 2u + MORE_BYTES;
    if (more > 0 || len + need >= sizeof msg) {
      more++;
      continue;
    }
    format(msg + len, sizeof msg - len, "%s%s", shown > 0 ? ", " : "", entry);
    len += strlen(msg + len);
    shown++;
  }
  if (more > 0) {
    format(msg + len, sizeof msg - len,
           "%s\xe2\x80\xa6"
           "and %u more",
           shown > 0 ? ", " : "", (unsigned)more);
  }
  return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_OP, "%s", msg);
#endif
}
