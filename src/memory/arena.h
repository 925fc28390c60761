/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Arena internals for the layers above memory/ (the interpreter and the
 * kernel context): persistent allocations from the tail, and the head
 * high-water mark. The arena type itself and its public calls are in
 * include/mote/interp.h; the layout is described in arena.c.
 *
 * Ownership: everything returned points into the caller's arena buffer and
 * lives as long as it; nothing is ever freed, except by initialising the
 * arena again.
 */
#ifndef MOTE_MEMORY_ARENA_H
#define MOTE_MEMORY_ARENA_H

#include <stddef.h>

#include "mote/interp.h"

/* Takes `bytes` from the tail, aligned to `align` (a power of two, at most
 * MOTE_ARENA_ALIGN) and zeroed, into *out. MOTE_ERR_ARENA_TOO_SMALL (and
 * *out NULL) when the tail would run into the largest head seen so far. */
mote_status_t mote_arena_alloc_tail(mote_arena_t *arena, size_t bytes,
                                    size_t align, void **out);

/* Bytes free between the head start and the tail: the most a head (temp
 * data or an activation plan) may use now. */
size_t mote_arena_free_bytes(const mote_arena_t *arena);

/* Records that the head has been used up to `bytes` from its start, so
 * that later tail allocations leave it alone and used-bytes figures count
 * it. */
void mote_arena_note_head(mote_arena_t *arena, size_t bytes);

#endif /* MOTE_MEMORY_ARENA_H */
