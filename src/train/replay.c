/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The latent replay buffer: `capacity` examples of features exactly as
 * the base produced them (int8 codes, or float32), with their class slot.
 * Stored raw rather than standardised so that replayed examples are seen
 * through the current statistics, and at a quarter of the bytes for int8.
 *
 * RESERVOIR: Vitter's algorithm R; after n offers each has been kept with
 * probability capacity / n. CLASS_BALANCED: when full, the newcomer
 * replaces a random entry of the largest class (the lowest slot among
 * equals); when its own class is (one of) the largest, it replaces a
 * random entry of its own with probability held / seen of that class
 * (a reservoir per class), so a long run of one class does not flush the
 * others. Choosing "a random entry of class c" walks the buffer: O(capacity)
 * per offer, a few hundred entries at most, rejected an index per class
 * as it would cost memory for every entry.
 */
#include <string.h>

#include "train/learner_internal.h"

const void *mote_replay_features(const mote_learner_t *l, uint32_t i) {
  return l->replay_x_ + (size_t)i * mote_learner_example_bytes(&l->cfg_);
}

static void put(mote_learner_t *l, uint32_t i, const void *features,
                uint32_t slot) {
  const size_t fb = mote_learner_example_bytes(&l->cfg_);
  if (i < l->replay_count_) {
    l->class_held_[l->replay_y_[i]]--;
  } else {
    l->replay_count_++;
  }
  memcpy(l->replay_x_ + (size_t)i * fb, features, fb);
  l->replay_y_[i] = (uint16_t)slot; /* slot < max_classes <= 65535 */
  l->class_held_[slot]++;
}

/* Index of the k-th (0-based) entry of class `slot`. */
static uint32_t nth_of_class(const mote_learner_t *l, uint32_t slot,
                             uint32_t k) {
  uint32_t i;
  for (i = 0; i < l->replay_count_; i++) {
    if (l->replay_y_[i] == slot) {
      if (k == 0) {
        return i;
      }
      k--;
    }
  }
  return 0;
}

static void offer_balanced(mote_learner_t *l, const void *features,
                           uint32_t slot) {
  uint32_t largest = 0;
  uint32_t c;
  for (c = 1; c < l->class_count_; c++) {
    if (l->class_held_[c] > l->class_held_[largest]) {
      largest = c;
    }
  }
  if (l->class_held_[slot] >= l->class_held_[largest]) {
    /* Its own class is the largest: a reservoir within the class. */
    const uint32_t j = mote_learner_rand(l) % l->class_seen_[slot];
    if (j < l->class_held_[slot]) {
      put(l, nth_of_class(l, slot, j), features, slot);
    }
    return;
  }
  put(l, nth_of_class(l, largest, mote_learner_rand(l) % l->class_held_[largest]),
      features, slot);
}

void mote_replay_offer(mote_learner_t *l, const void *features, uint32_t slot) {
  const uint32_t cap = l->cfg_.replay_capacity;
  /* Saturating: the counts divide, and must never wrap to 0. */
  l->replay_seen_ += l->replay_seen_ != 0xFFFFFFFFu ? 1u : 0u;
  l->class_seen_[slot] += l->class_seen_[slot] != 0xFFFFFFFFu ? 1u : 0u;
  if (cap == 0) {
    return;
  }
  if (l->replay_count_ < cap) {
    put(l, l->replay_count_, features, slot);
  } else if (l->cfg_.replay_policy == MOTE_REPLAY_CLASS_BALANCED) {
    offer_balanced(l, features, slot);
  } else {
    const uint32_t j = mote_learner_rand(l) % l->replay_seen_;
    if (j < cap) {
      put(l, j, features, slot);
    }
  }
}
