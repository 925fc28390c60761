/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memory plan of a graph; the design note is in memplan.h.
 *
 * While recording, a tensor's plan record holds `first` the step its
 * lifetime starts at (-1: not used yet) and `last` its latest use (-1:
 * none); `size` and `offset` already hold their final meaning. Placing
 * gives unused and unsized tensors no bytes, checks the fixed offsets and
 * hands the records to mote_plan.
 */
#include "memory/memplan.h"

#include "common/error.h"

mote_status_t mote_memplan_init(mote_memplan_t *p, void *mem, size_t bytes,
                                uint32_t tensors, uint32_t scratch,
                                uint32_t shares, uint32_t steps,
                                uint32_t align) {
  uint32_t i;
  if (((uintptr_t)mem & 3u) != 0 || align == 0 || (align & (align - 1u))) {
    return MOTE_ERR_BAD_ARG;
  }
  if (bytes < mote_memplan_bytes(tensors, scratch, shares)) {
    return MOTE_ERR_ARENA_TOO_SMALL;
  }
  p->buf_ = (mote_plan_buffer_t *)mem;
  p->order_ = (uint32_t *)(void *)(p->buf_ + tensors + scratch);
  p->share_ = (mote_plan_share_t *)(void *)(p->order_ + tensors + scratch);
  p->tensors_ = tensors;
  p->scratch_cap_ = scratch;
  p->scratch_ = 0;
  p->share_cap_ = shares;
  p->shares_ = 0;
  p->steps_ = steps;
  p->align_ = align;
  p->total_ = 0;
  for (i = 0; i < tensors; i++) {
    p->buf_[i].size = 0;
    p->buf_[i].first = -1;
    p->buf_[i].last = -1;
    p->buf_[i].offset = MOTE_PLAN_UNPLACED;
  }
  return MOTE_OK;
}

void mote_memplan_use(mote_memplan_t *p, uint32_t step, int32_t tensor,
                      int writes) {
  mote_plan_buffer_t *b;
  if ((uint32_t)tensor >= p->tensors_) {
    return;
  }
  b = &p->buf_[tensor];
  /* In step order, the first use decides: written first, the value is
   * made here; read first, it comes from before the run. */
  if (b->first < 0) {
    b->first = writes ? (int32_t)step : 0;
  }
  b->last = (int32_t)step;
}

/* `bytes` rounded up to the alignment; 0xFFFFFFFF when that does not fit
 * 32 bits, which mote_memplan_place then refuses as over 4 GiB. */
static uint32_t round_size(const mote_memplan_t *p, uint32_t bytes) {
  if (bytes > 0u - p->align_) {
    return 0xFFFFFFFFu;
  }
  return (bytes + p->align_ - 1u) & ~(p->align_ - 1u);
}

void mote_memplan_size(mote_memplan_t *p, int32_t tensor, uint32_t bytes,
                       uint32_t offset) {
  if ((uint32_t)tensor < p->tensors_) {
    p->buf_[tensor].size = round_size(p, bytes);
    p->buf_[tensor].offset = offset;
  }
}

int32_t mote_memplan_scratch(mote_memplan_t *p, uint32_t step, uint32_t bytes) {
  mote_plan_buffer_t *s;
  if (p->scratch_ >= p->scratch_cap_) {
    return -1;
  }
  s = &p->buf_[p->tensors_ + p->scratch_];
  s->size = round_size(p, bytes);
  s->first = (int32_t)step;
  s->last = (int32_t)step;
  s->offset = MOTE_PLAN_UNPLACED;
  return (int32_t)p->scratch_++;
}

/* The share recorded with output `k`, or shares_ for none. */
static uint32_t share_into(const mote_memplan_t *p, uint32_t k) {
  uint32_t i;
  for (i = 0; i < p->shares_ && p->share_[i].b != k; i++) {
  }
  return i;
}

/*
 * Before `out` overlaps `in` at `rel`: mote_plan places the chain above
 * `in` as one, with each input `rel` above its output, so a new link at
 * the bottom lifts every member above it. A link (an op's input over its
 * output) pays only while the pair's top, counted from the chain's
 * bottom, stays within the two tensors' sizes, what the op needs apart;
 * past that it raises the plan where it should lower it (an expansion
 * after a contraction lifts the layers before them). So find the lowest
 * link the lift breaks, and either cut the chain there or refuse the new
 * link, keeping whichever side has the larger op: the peak is there.
 * Also refuses a second share of either tensor, so shares stay chains.
 */
static int fit_chain(mote_memplan_t *p, uint32_t in, uint32_t out,
                     uint32_t rel) {
  const uint64_t gain = (uint64_t)p->buf_[in].size + p->buf_[out].size;
  uint64_t off = rel; /* of k, the upper end of the link below */
  uint64_t worst = 0; /* largest pair of the links from the break up */
  uint32_t broken = p->shares_;
  uint32_t k = in;
  uint32_t i;
  uint32_t guard;
  for (i = 0; i < p->shares_; i++) {
    if (p->share_[i].a == in || p->share_[i].b == out) {
      return 0;
    }
  }
  for (guard = 0; guard < p->shares_; guard++) {
    const mote_plan_share_t *s;
    uint64_t a_size;
    uint64_t top;
    i = share_into(p, k);
    if (i == p->shares_) {
      break;
    }
    s = &p->share_[i];
    a_size = p->buf_[s->a].size;
    top = off + s->rel + a_size;
    if (off + p->buf_[k].size > top) {
      top = off + p->buf_[k].size;
    }
    if (broken == p->shares_ && top > a_size + p->buf_[k].size) {
      broken = i;
    }
    if (broken != p->shares_ && a_size + p->buf_[k].size > worst) {
      worst = a_size + p->buf_[k].size;
    }
    off += s->rel;
    k = s->a;
  }
  if (broken == p->shares_) {
    return 1;
  }
  if (gain < worst) {
    return 0;
  }
  p->share_[broken] = p->share_[--p->shares_];
  return 1;
}

int mote_memplan_share(mote_memplan_t *p, uint32_t step, int32_t in,
                       int32_t out, uint32_t rel) {
  const mote_plan_buffer_t *a;
  const mote_plan_buffer_t *b;
  mote_plan_share_t *s;
  if ((uint32_t)in >= p->tensors_ || (uint32_t)out >= p->tensors_ ||
      in == out || p->shares_ >= p->share_cap_ ||
      (rel & (p->align_ - 1u)) != 0) {
    return 0;
  }
  a = &p->buf_[in];
  b = &p->buf_[out];
  if (a->size == 0 || b->size == 0 || a->offset != MOTE_PLAN_UNPLACED ||
      b->offset != MOTE_PLAN_UNPLACED || a->last != (int32_t)step ||
      b->first != (int32_t)step ||
      !fit_chain(p, (uint32_t)in, (uint32_t)out, rel)) {
    return 0;
  }
  s = &p->share_[p->shares_++];
  s->a = (uint32_t)in;
  s->b = (uint32_t)out;
  s->rel = rel;
  return 1;
}

/* Forgets the offsets mote_plan gave: order_ holds the fixed buffers
 * first, then the `free` placed ones (planner.h). */
static void unplace(mote_memplan_t *p, uint32_t count, uint32_t free) {
  uint32_t i;
  for (i = count - free; i < count; i++) {
    p->buf_[p->order_[i]].offset = MOTE_PLAN_UNPLACED;
  }
}

/* Overlaps are chains placed as one, which can pack worse than loose
 * buffers where they save little (a RESHAPE among small tensors, say): so
 * plan again without them and keep that plan when it is smaller. The
 * operators then find their tensors apart and run normally. */
static void place_without_shares_if_smaller(mote_memplan_t *p,
                                            uint32_t count, uint32_t free) {
  const uint32_t with = p->total_;
  uint32_t without = 0;
  unplace(p, count, free);
  (void)mote_plan(p->buf_, count, NULL, 0, p->order_, p->align_, &without);
  if (without < with) {
    p->total_ = without;
    return;
  }
  unplace(p, count, free);
  (void)mote_plan(p->buf_, count, p->share_, p->shares_, p->order_, p->align_,
                  &p->total_);
}

mote_status_t mote_memplan_place(mote_memplan_t *p, mote_error_t *err) {
  const uint32_t count = p->tensors_ + p->scratch_;
  /* Free buffers go no higher than the top fixed end plus every size, so
   * mote_plan's 32-bit offsets cannot wrap when that fits. */
  uint64_t top = 0;
  uint64_t sizes = p->align_;
  uint32_t free = 0; /* buffers the planner places */
  uint32_t i;
  for (i = 0; i < count; i++) {
    mote_plan_buffer_t *x = &p->buf_[i];
    if (x->last < 0 || x->size == 0) {
      /* No bytes: fixed at 0 with size 0, which placement skips. */
      x->size = 0;
      x->first = 0;
      x->last = 0;
      x->offset = 0;
      continue;
    }
    sizes += x->size;
    if (x->offset == MOTE_PLAN_UNPLACED) {
      free++;
      continue;
    }
    if ((x->offset & (p->align_ - 1u)) != 0) {
      return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                       "offline plan: tensor %u offset %u is not %u-byte "
                       "aligned",
                       (unsigned)i, (unsigned)x->offset, (unsigned)p->align_);
    }
    if ((uint64_t)x->offset + x->size > top) {
      top = (uint64_t)x->offset + x->size;
    }
  }
  if (top + sizes > 0xFFFFFFFFu) {
    return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                     "memory plan: buffers pass 4 GiB");
  }
  /* Only fixed buffers can be in each other's way, and only tensors are
   * fixed: mote_plan names two tensors. */
  if (mote_plan(p->buf_, count, p->share_, p->shares_, p->order_, p->align_,
                &p->total_) != MOTE_OK) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "offline plan: tensors %u and %u share bytes while "
                     "alive together",
                     (unsigned)p->order_[0], (unsigned)p->order_[1]);
  }
  if (p->shares_ > 0) {
    place_without_shares_if_smaller(p, count, free);
  }
  return MOTE_OK;
}

int mote_memplan_lifetime(const mote_memplan_t *p, uint32_t tensor,
                          int32_t *first, int32_t *last) {
  if (mote_memplan_tensor_offset(p, tensor) == MOTE_MEMPLAN_NONE) {
    return 0;
  }
  *first = p->buf_[tensor].first;
  *last = p->buf_[tensor].last;
  return 1;
}
