/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The targets `gen` and `inspect` give an arena for, and where each
 * target's figure comes from: one policy for both commands.
 *
 * host: the library's own prepare on this machine, which shares the
 * tool's pointer width and kernels, so the figure is exact (both commands
 * run mote_interp_prepare and read mote_interp_arena_used_bytes; the
 * resolver's size does not enter the arena). m4, m55, rv32: 32-bit
 * pointers and op data, and kernel families with scratch of their own,
 * which the host cannot reproduce (see cmd_gen.c's design note): the
 * figure is measured on the target, by tools/gen/target_arena.sh under
 * QEMU for m4 and m55, and by mote_interp_arena_used_bytes() on the device
 * for rv32.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_target_known(const char *target) {
  return strcmp(target, "host") == 0 || strcmp(target, "m4") == 0 ||
         strcmp(target, "m55") == 0 || strcmp(target, "rv32") == 0;
}

int cli_target_is_host(const char *target) {
  return strcmp(target, "host") == 0;
}

void cli_target_arena_how(const char *target, const char *model, char *buf,
                          size_t cap) {
  if (strcmp(target, "rv32") == 0) {
    snprintf(buf, cap,
             "the host cannot compute the arena of target rv32 (32-bit "
             "pointers, its own kernels): measure "
             "mote_interp_arena_used_bytes() on the device");
  } else {
    snprintf(buf, cap,
             "the host cannot compute the arena of target %s (32-bit "
             "pointers, its own kernels): measure it with "
             "tools/gen/target_arena.sh %s %s",
             target, target, model);
  }
}
