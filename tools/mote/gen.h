/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote gen`: what the command works out (cmd_gen.c) and hands to the
 * file writers (gen_write.c).
 */
#ifndef MOTE_TOOLS_GEN_H
#define MOTE_TOOLS_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* Longest NAME accepted: every generated identifier stays well under the
 * 63 significant characters C99 guarantees for external names. */
#define GEN_NAME_MAX 40

/* One kernel the model needs, as the generated resolver registers it. */
typedef struct gen_kernel {
  int32_t op;         /* builtin code, or MOTE_OP_CUSTOM */
  const char *custom; /* custom op name (static storage), or NULL */
  const char *symbol; /* the kernel's C name, e.g. "mote_kernel_conv_2d" */
  /* A per-type kernel (gen_typed_kernel) in place of the all-kernels
   * resolver's, or NULL. */
  const mote_kernel_t *kernel;
  uint32_t types; /* ops with per-type kernels: 1 << type of each input 0 */
} gen_kernel_t;

typedef struct gen_plan {
  const char *name;       /* C identifier prefix */
  const char *target;     /* "host", "m4", "m55" or "rv32" */
  const char *section;    /* linker section of the model bytes, or NULL */
  const char *model_path; /* as given on the command line */
  const uint8_t *model;   /* the model bytes */
  size_t model_len;
  gen_kernel_t kernels[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS +
                       MOTE_RESOLVER_CUSTOM_OPS];
  uint32_t kernel_count;
  size_t arena_bytes; /* what prepare needs on `target` */
} gen_plan_t;

/* The C name of the kernel of resolver entry `e` (static storage), or
 * NULL for a kernel gen does not know (gen_symbols.c). */
const char *gen_kernel_symbol(const mote_resolver_entry_t *e);

/* The C name of builtin `code`'s kernel (static storage): the plain one,
 * or with `int4` its int4 variant (mote_kernel_conv_2d_int4); NULL when
 * there is no such kernel name. */
const char *gen_builtin_symbol(int32_t code, int int4);

/* Whether builtin `code` has an int4 variant (mote/ops.h). */
int gen_has_int4_variant(int32_t code);

/* Whether custom op `custom` has per-type kernels (SignalRfft,
 * SignalIrfft: mote/signal_ops.h). */
int gen_has_typed_kernels(const char *custom);

/* The per-type kernel of custom op `custom` for the input types in
 * `types` (1 << mote_type_t each) and its C name in *symbol, when they
 * are one type that has such a kernel; else NULL (the all-type kernel). */
const mote_kernel_t *gen_typed_kernel(const char *custom, uint32_t types,
                                      const char **symbol);

/* Writes every file of `plan` into `dir` (which exists). Returns 0, or -1
 * after printing "mote: PATH: reason". */
int gen_write_all(const gen_plan_t *plan, const char *dir);

#endif /* MOTE_TOOLS_GEN_H */
