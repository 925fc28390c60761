/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The arena: one caller buffer, persistent data taken from the tail,
 * planned activations and temporary planning data at the head.
 *
 * Why two ends: persistent allocations arrive one by one while kernels
 * prepare, before the activation plan exists; growing them downward from
 * the end leaves the head free for the plan, whose size is known only at
 * the end of prepare. This is TFLM's layout, and it makes sharing one arena
 * between interpreters natural: tails stack, heads overlap.
 */
#include <string.h>

#include "common/align.h"
#include "memory/arena.h"

mote_status_t mote_arena_init(mote_arena_t *arena, void *buffer,
                              size_t bytes) {
  uintptr_t start;
  size_t skip;
  if (arena == NULL || buffer == NULL) {
    return MOTE_ERR_BAD_ARG;
  }
  start = (uintptr_t)buffer;
  skip = (size_t)(((start + (MOTE_ARENA_ALIGN - 1u)) & ~(uintptr_t)(MOTE_ARENA_ALIGN - 1u)) - start);
  memset(arena, 0, sizeof *arena);
  if (bytes < skip) {
    return MOTE_ERR_ARENA_TOO_SMALL;
  }
  arena->base_ = (uint8_t *)buffer + skip;
  /* Keep the end aligned too, so tail allocations stay aligned. */
  arena->size_ = (bytes - skip) & ~(size_t)(MOTE_ARENA_ALIGN - 1u);
  return MOTE_OK;
}

size_t mote_arena_used_bytes(const mote_arena_t *arena) {
  if (arena == NULL) {
    return 0;
  }
  /* Rounded up: mote_arena_init keeps only whole aligned units. */
  return mote_align_up(arena->head_peak_ + arena->tail_used_, MOTE_ARENA_ALIGN);
}

size_t mote_arena_free_bytes(const mote_arena_t *arena) {
  return arena->size_ - arena->tail_used_;
}

void mote_arena_note_head(mote_arena_t *arena, size_t bytes) {
  if (bytes > arena->head_peak_) {
    arena->head_peak_ = bytes;
  }
}

mote_status_t mote_arena_alloc_tail(mote_arena_t *arena, size_t bytes,
                                    size_t align, void **out) {
  size_t need;
  size_t end;
  *out = NULL;
  /* The tail end is 16-aligned, so aligning the used size aligns the
   * pointer. */
  need = mote_align_up(arena->tail_used_ + bytes, align);
  if (need < bytes || need > arena->size_ || need + arena->head_peak_ > arena->size_) {
    return MOTE_ERR_ARENA_TOO_SMALL;
  }
  arena->tail_used_ = need;
  end = arena->size_ - need;
  *out = arena->base_ + end;
  memset(*out, 0, bytes);
  return MOTE_OK;
}
