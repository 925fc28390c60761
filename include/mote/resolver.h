/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * Op resolver: the table of kernels an application links in.
 *
 * The application sizes and owns the entry array. Adding only the kernels a
 * model needs keeps the rest out of the firmware, because nothing else
 * refers to them. mote_resolver_add_builtins() refers to every built-in
 * kernel, for host tools and tests.
 */
#ifndef MOTE_RESOLVER_H
#define MOTE_RESOLVER_H

#include <stdint.h>

#include "mote/kernel.h"
#include "mote/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One registration: a kernel for a builtin code or a custom name. */
typedef struct mote_resolver_entry {
  int32_t op;              /**< builtin code, or MOTE_OP_CUSTOM */
  const char *custom_name; /**< for MOTE_OP_CUSTOM; NUL-terminated */
  const mote_kernel_t *kernel; /**< static storage */
} mote_resolver_entry_t;

typedef struct mote_resolver {
  mote_resolver_entry_t *entries_;
  uint32_t capacity_;
  uint32_t count_;
} mote_resolver_t;

/** Sets up an empty resolver over the caller's `entries[capacity]`, which
 * must outlive it. MOTE_ERR_BAD_ARG for NULL pointers. */
mote_status_t mote_resolver_init(mote_resolver_t *r,
                                 mote_resolver_entry_t *entries,
                                 uint32_t capacity);

/** Registers `kernel` (static storage) for builtin `op`; a later add for
 * the same op replaces the earlier one. MOTE_ERR_CAPACITY when full. */
mote_status_t mote_resolver_add(mote_resolver_t *r, int32_t op,
                                const mote_kernel_t *kernel);

/** Registers a custom op by name; `name` must outlive the resolver. */
mote_status_t mote_resolver_add_custom(mote_resolver_t *r, const char *name,
                                       const mote_kernel_t *kernel);

/** Registers every built-in kernel (MOTE_RESOLVER_BUILTINS entries). */
#define MOTE_RESOLVER_BUILTINS 101
/** Registers every built-in kernel: MOTE_RESOLVER_BUILTINS entries, which
 * links all of them in (for tools and tests; a firmware adds only what its
 * model uses). CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED get their
 * int4 variants (mote_kernel_conv_2d_int4...: supersets, mote/ops.h).
 * MOTE_ERR_CAPACITY when the resolver is full, MOTE_ERR_BAD_ARG for NULL. */
mote_status_t mote_resolver_add_builtins(mote_resolver_t *r);

/** The kernel for a builtin op or custom name, or NULL. */
const mote_kernel_t *mote_resolver_find(const mote_resolver_t *r, int32_t op,
                                        const char *custom_name);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_RESOLVER_H */
