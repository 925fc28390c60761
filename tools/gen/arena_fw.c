/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The firmware tools/gen/target_arena.sh runs under QEMU: prepares the
 * model of a `mote gen --name gm` output with its generated resolver in
 * an arena as big as the emulated RAM allows, and prints
 *
 *   arena=<mote_interp_arena_used_bytes()>
 *
 * which is the target's own figure: the same library, compiler, pointer
 * width and kernel family a firmware for that CPU gets. Exit status 0, or
 * 1 with "FAIL <why>" when the model does not prepare.
 */
#include <string.h>

#include "cm_harness.h"
#include "gm_model.h"
#include "gm_resolver.h"
#include "mote/mote.h"

static unsigned char g_arena[GOLDEN_ARENA_BYTES]
    __attribute__((aligned(MOTE_ARENA_ALIGN)));

int main(void) {
  static mote_model_t model;
  static mote_resolver_entry_t entries[GM_RESOLVER_ENTRIES];
  static mote_resolver_t resolver;
  static mote_arena_t arena;
  static mote_interp_t interp;
  mote_error_t err;
  mote_status_t st;
  memset(&err, 0, sizeof err);
  st = mote_model_open(&model, gm_model, gm_model_len, &err);
  if (st == MOTE_OK) {
    st = gm_resolver_init(&resolver, entries);
  }
  if (st == MOTE_OK) {
    st = mote_arena_init(&arena, g_arena, sizeof g_arena);
  }
  if (st == MOTE_OK) {
    st = mote_interp_init(&interp, &model, &resolver, &arena, &err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, &err);
  }
  if (st != MOTE_OK) {
    cm_puts("FAIL ");
    cm_puts(mote_status_str(st));
    cm_puts(": ");
    cm_puts(err.message);
    cm_puts("\n");
    return 1;
  }
  cm_puts("arena=");
  cm_put_u64(mote_interp_arena_used_bytes(&interp));
  cm_puts("\n");
  return 0;
}
