/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Learner internals shared by learner.c, replay.c and state.c: where each
 * array lives in the learner's memory, the PRNG, the replay buffer.
 */
#ifndef MOTE_TRAIN_LEARNER_INTERNAL_H
#define MOTE_TRAIN_LEARNER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mote/train.h"

/* Byte offsets of the learner's arrays in its memory, in this order. */
typedef struct mote_learner_layout {
  size_t params, moment, mean, m2, x, h, logits, dlogits, dh;
  size_t labels, class_seen, class_held, replay_y, replay_x, total;
  uint32_t param_count;
  size_t feature_bytes; /* one example as stored */
} mote_learner_layout_t;

/* Checks `cfg` and computes its layout. MOTE_ERR_BAD_ARG naming the bad
 * field, or a size that overflows. */
mote_status_t mote_learner_layout(const mote_learner_config_t *cfg,
                                  mote_learner_layout_t *lay, mote_error_t *err);

/* Bytes of one example's features as stored (int8 or float32). */
size_t mote_learner_example_bytes(const mote_learner_config_t *cfg);

/* Next value of the learner's xorshift32 generator (never 0). */
uint32_t mote_learner_rand(mote_learner_t *l);

/* Offers an example (features as stored, of class `slot`) to the replay
 * buffer; the policy decides whether and where it goes. */
void mote_replay_offer(mote_learner_t *l, const void *features, uint32_t slot);

/* Features of replay entry `i` (< replay_count_), as stored. */
const void *mote_replay_features(const mote_learner_t *l, uint32_t i);

/* The head's float forward pass on one example's features (as stored):
 * writes the learner's scratch x_, h_ (after the ReLU) and
 * logits_[class_count_]; the learnt state stays as it is. */
void mote_learner_head_forward(const mote_learner_t *l, const void *raw);

/* How feature `i` is standardised: x = (real - *mean) / *sigma (0 and 1
 * when standardisation is off or no statistics exist yet). */
void mote_learner_standardizer(const mote_learner_t *l, uint32_t i, float *mean,
                               float *sigma);

#endif /* MOTE_TRAIN_LEARNER_INTERNAL_H */
