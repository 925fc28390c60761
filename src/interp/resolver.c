/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Op resolver: a caller-sized table from builtin code or custom name to a
 * kernel. A linear search: tables hold a dozen entries and are searched
 * once per operator at init, never while invoking.
 */
#include <string.h>

#include "interp/interp_internal.h"
#include "mote/ops.h"
#include "mote/resolver.h"

mote_status_t mote_resolver_init(mote_resolver_t *r,
                                 mote_resolver_entry_t *entries,
                                 uint32_t capacity) {
  if (r == NULL || (entries == NULL && capacity != 0)) {
    return MOTE_ERR_BAD_ARG;
  }
  r->entries_ = entries;
  r->capacity_ = capacity;
  r->count_ = 0;
  return MOTE_OK;
}

static mote_status_t add_entry(mote_resolver_t *r, int32_t op,
                               const char *name, const mote_kernel_t *kernel) {
  uint32_t i;
  if (r == NULL || kernel == NULL || kernel->invoke == NULL ||
      (op == MOTE_OP_CUSTOM && name == NULL)) {
    return MOTE_ERR_BAD_ARG;
  }
  for (i = 0; i < r->count_; i++) {
    mote_resolver_entry_t *e = &r->entries_[i];
    if (e->op == op &&
        (op != MOTE_OP_CUSTOM || strcmp(e->custom_name, name) == 0)) {
      e->kernel = kernel;
      return MOTE_OK;
    }
  }
  if (r->count_ >= r->capacity_) {
    return MOTE_ERR_CAPACITY;
  }
  r->entries_[r->count_].op = op;
  r->entries_[r->count_].custom_name = name;
  r->entries_[r->count_].kernel = kernel;
  r->count_++;
  return MOTE_OK;
}

mote_status_t mote_resolver_add(mote_resolver_t *r, int32_t op,
                                const mote_kernel_t *kernel) {
  if (op == MOTE_OP_CUSTOM || op < 0) {
    return MOTE_ERR_BAD_ARG;
  }
  return add_entry(r, op, NULL, kernel);
}

mote_status_t mote_resolver_add_custom(mote_resolver_t *r, const char *name,
                                       const mote_kernel_t *kernel) {
  return add_entry(r, MOTE_OP_CUSTOM, name, kernel);
}

int32_t mote_resolver_find_entry(const mote_resolver_t *r, int32_t op,
                                 const char *custom_name) {
  uint32_t i;
  if (r == NULL) {
    return -1;
  }
  for (i = 0; i < r->count_ && i <= (uint32_t)INT32_MAX; i++) {
    const mote_resolver_entry_t *e = &r->entries_[i];
    if (e->op != op) {
      continue;
    }
    if (op != MOTE_OP_CUSTOM ||
        (custom_name != NULL && strcmp(e->custom_name, custom_name) == 0)) {
      return (int32_t)i;
    }
  }
  return -1;
}

const mote_kernel_t *mote_resolver_find(const mote_resolver_t *r, int32_t op,
                                        const char *custom_name) {
  const int32_t i = mote_resolver_find_entry(r, op, custom_name);
  return i < 0 ? NULL : r->entries_[i].kernel;
}
