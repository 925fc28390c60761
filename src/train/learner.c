/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learner: configuration, memory layout, and one SGD step over a batch
 * of new and replayed examples (mote/train.h).
 *
 * A step scales the momentum by its factor, adds each example's gradients
 * to it (head.h, one example at a time, so the scratch is one example's
 * activations whatever the batch) scaled by 1 / batch, then takes one
 * optimiser step: the same update as a separate gradient array would give,
 * without the array (a parameter-sized array's bytes go to the replay
 * buffer instead). Replay slots are uint16 (max_classes <= 65535). The running
 * statistics take the new examples before the step, so a first example is
 * already standardised by itself; replayed features are standardised by
 * the current statistics when they are replayed. Output rows of classes
 * not seen yet take no part in the forward or backward pass (the softmax
 * runs over the first class_count rows, which slots fill in order), so
 * they keep their seeded weights, shrunk only by weight decay, until their
 * class arrives.
 *
 * Rejected: a per-batch activation buffer (memory grows with the batch for
 * no gain at these sizes); int8 training of the head (float is simpler and
 * the head is small); Adam (twice the optimiser state of momentum).
 */
#include <math.h>
#include <string.h>

#include "common/error.h"
#include "train/head.h"
#include "train/learner_internal.h"

/* Added to the variance before the square root, so that a feature that
 * has been constant so far is not divided by 0. */
#define STD_EPS 1e-5f

void mote_learner_config_default(mote_learner_config_t *cfg) {
  if (cfg == NULL) {
    return;
  }
  memset(cfg, 0, sizeof *cfg);
  cfg->feature_type = MOTE_TYPE_INT8;
  cfg->feature_scale = 1.0f;
  cfg->max_classes = 8;
  cfg->learning_rate = 0.05f;
  cfg->momentum = 0.9f;
  cfg->weight_decay = 1e-4f;
  cfg->standardize = 1;
  cfg->replay_capacity = 64;
  cfg->replay_per_step = 4;
  cfg->replay_policy = MOTE_REPLAY_CLASS_BALANCED;
  cfg->seed = 1;
}

size_t mote_learner_example_bytes(const mote_learner_config_t *cfg) {
  return cfg->feature_type == MOTE_TYPE_INT8
             ? (size_t)cfg->feature_count
             : (size_t)cfg->feature_count * sizeof(float);
}

/* Appends count x elem bytes at *off (8-byte aligned); 0 on overflow. */
static int take(size_t *off, size_t *at, size_t count, size_t elem) {
  const size_t start = (*off + 7u) & ~(size_t)7u;
  if (start < *off || (elem != 0 && count > ((size_t)-1 - start) / elem)) {
    return 0;
  }
  *at = start;
  *off = start + count * elem;
  return 1;
}

mote_status_t mote_learner_layout(const mote_learner_config_t *cfg,
                                  mote_learner_layout_t *lay, mote_error_t *err) {
  size_t off = 0;
  uint64_t params;
  uint64_t k;
  int ok = 1;
  const size_t f = sizeof(float);
  if (cfg == NULL || lay == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL config");
  }
  if (cfg->feature_count == 0 || cfg->feature_count > (1u << 24)) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "learner: feature_count %lu is not in 1..16777216 (set it "
                     "with mote_learner_config_for_cut)",
                     (unsigned long)cfg->feature_count);
  }
  if (cfg->feature_type != MOTE_TYPE_INT8 && cfg->feature_type != MOTE_TYPE_FLOAT32) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_TYPE,
                     "learner: feature_type %d is neither int8 (9) nor float32 (0)",
                     (int)cfg->feature_type);
  }
  if (cfg->feature_type == MOTE_TYPE_INT8 && !(cfg->feature_scale > 0.0f)) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "learner: int8 features need a feature_scale above 0");
  }
  if (cfg->max_classes == 0 || cfg->max_classes > 65535u) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: max_classes %lu is not in 1..65535",
                     (unsigned long)cfg->max_classes);
  }
  if (cfg->hidden_units > 65535u) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: hidden_units %lu is above 65535",
                     (unsigned long)cfg->hidden_units);
  }
  if (!(cfg->learning_rate > 0.0f) || !(cfg->momentum >= 0.0f && cfg->momentum < 1.0f) ||
      !(cfg->weight_decay >= 0.0f)) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "learner: needs learning_rate > 0, momentum in [0, 1), "
                     "weight_decay >= 0");
  }
  if (cfg->replay_policy != MOTE_REPLAY_RESERVOIR &&
      cfg->replay_policy != MOTE_REPLAY_CLASS_BALANCED) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: unknown replay_policy %d",
                     (int)cfg->replay_policy);
  }
  if (cfg->replay_capacity > (1u << 24) || cfg->replay_per_step > (1u << 16)) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "learner: replay_capacity above 16777216 or replay_per_step "
                     "above 65536");
  }
  k = cfg->hidden_units > 0 ? cfg->hidden_units : cfg->feature_count;
  params = (uint64_t)cfg->hidden_units * cfg->feature_count + cfg->hidden_units +
           (uint64_t)cfg->max_classes * k + cfg->max_classes;
  if (params > 0x3FFFFFFFu) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: %lu weights are too many",
                     (unsigned long)(params & 0xFFFFFFFFu));
  }
  lay->param_count = (uint32_t)params;
  lay->feature_bytes = mote_learner_example_bytes(cfg);
  ok &= take(&off, &lay->params, lay->param_count, f);
  ok &= take(&off, &lay->moment, lay->param_count, f);
  ok &= take(&off, &lay->mean, cfg->feature_count, f);
  ok &= take(&off, &lay->m2, cfg->feature_count, f);
  ok &= take(&off, &lay->x, cfg->feature_count, f);
  ok &= take(&off, &lay->h, cfg->hidden_units, f);
  ok &= take(&off, &lay->logits, cfg->max_classes, f);
  ok &= take(&off, &lay->dlogits, cfg->max_classes, f);
  ok &= take(&off, &lay->dh, cfg->hidden_units, f);
  ok &= take(&off, &lay->labels, cfg->max_classes, sizeof(uint32_t));
  ok &= take(&off, &lay->class_seen, cfg->max_classes, sizeof(uint32_t));
  ok &= take(&off, &lay->class_held, cfg->max_classes, sizeof(uint32_t));
  ok &= take(&off, &lay->replay_y, cfg->replay_capacity, sizeof(uint16_t));
  ok &= take(&off, &lay->replay_x, cfg->replay_capacity, lay->feature_bytes);
  ok &= take(&off, &lay->total, 0, 1);
  if (!ok) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: memory size overflows");
  }
  return MOTE_OK;
}

size_t mote_learner_bytes(const mote_learner_config_t *cfg) {
  /* Zeroed: the analyzers cannot see that MOTE_FAIL never returns
   * MOTE_OK, so a failed layout looks like a success with lay unset. */
  mote_learner_layout_t lay = {0};
  return mote_learner_layout(cfg, &lay, NULL) == MOTE_OK ? lay.total : 0;
}

uint32_t mote_learner_rand(mote_learner_t *l) {
  uint32_t x = l->rng_;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  l->rng_ = x;
  return x;
}

/* Uniform in [-a, a). */
static float rand_sym(mote_learner_t *l, float a) {
  const float u = (float)(mote_learner_rand(l) >> 8) * (1.0f / 16777216.0f);
  return (2.0f * u - 1.0f) * a;
}

void mote_learner_reset(mote_learner_t *l) {
  const mote_learner_config_t *c;
  uint32_t h;
  uint32_t k;
  uint32_t i;
  float *p;
  if (l == NULL || l->mem_ == NULL) {
    return;
  }
  c = &l->cfg_;
  h = c->hidden_units;
  k = h > 0 ? h : c->feature_count;
  l->rng_ = c->seed != 0 ? c->seed : 0x9E3779B9u;
  p = l->params_;
  /* He-uniform for the ReLU layer, Glorot-uniform for the output. */
  for (i = 0; i < h * c->feature_count; i++) {
    *p++ = rand_sym(l, sqrtf(6.0f / (float)c->feature_count));
  }
  for (i = 0; i < h; i++) {
    *p++ = 0.0f;
  }
  for (i = 0; i < c->max_classes * k; i++) {
    *p++ = rand_sym(l, sqrtf(6.0f / (float)(k + c->max_classes)));
  }
  for (i = 0; i < c->max_classes; i++) {
    *p++ = 0.0f;
  }
  memset(l->moment_, 0, (size_t)l->param_count_ * sizeof(float));
  memset(l->mean_, 0, (size_t)c->feature_count * sizeof(float));
  memset(l->m2_, 0, (size_t)c->feature_count * sizeof(float));
  for (i = 0; i < c->max_classes; i++) {
    l->labels_[i] = MOTE_LEARNER_NO_LABEL;
    l->class_seen_[i] = 0;
    l->class_held_[i] = 0;
  }
  l->class_count_ = 0;
  l->replay_count_ = 0;
  l->replay_seen_ = 0;
  l->stat_count_ = 0;
  l->steps_ = 0;
  l->last_loss_ = 0.0f;
}

/* The cut as a tensor view, checked against the config. */
static mote_status_t check_cut(const mote_learner_config_t *cfg,
                               const mote_interp_t *interp, uint32_t cut,
                               mote_tensor_t *t, mote_error_t *err) {
  mote_status_t st = mote_interp_tensor(interp, cut, t);
  size_t elem;
  if (st == MOTE_ERR_BAD_STATE) {
    return MOTE_FAIL(err, st, "learner: the interpreter is not prepared");
  }
  if (st != MOTE_OK) {
    return MOTE_FAIL(err, st, "learner: cut tensor %lu is not in the model",
                     (unsigned long)cut);
  }
  if (t->type != MOTE_TYPE_INT8 && t->type != MOTE_TYPE_FLOAT32) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_TYPE,
                     "learner: cut tensor %lu has type %d; int8 or float32 needed",
                     (unsigned long)cut, (int)t->type);
  }
  if (cfg != NULL && (int32_t)t->type != cfg->feature_type) {
    return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED_TYPE,
                     "learner: cut tensor %lu has type %d, the config says %d",
                     (unsigned long)cut, (int)t->type, (int)cfg->feature_type);
  }
  elem = t->type == MOTE_TYPE_INT8 ? 1u : sizeof(float);
  if (cfg != NULL && t->bytes / elem != cfg->feature_count) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_SHAPE,
                     "learner: cut tensor %lu has %lu elements, the config says "
                     "feature_count %lu",
                     (unsigned long)cut, (unsigned long)(t->bytes / elem),
                     (unsigned long)cfg->feature_count);
  }
  return MOTE_OK;
}

mote_status_t mote_learner_config_for_cut(mote_learner_config_t *cfg,
                                          const mote_interp_t *interp,
                                          uint32_t tensor_index,
                                          mote_error_t *err) {
  mote_tensor_t t;
  mote_status_t st;
  if (cfg == NULL || interp == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL config or interpreter");
  }
  st = check_cut(NULL, interp, tensor_index, &t, err);
  if (st != MOTE_OK) {
    return st;
  }
  cfg->feature_type = t.type;
  cfg->feature_count = t.type == MOTE_TYPE_INT8 ? t.bytes : t.bytes / 4u;
  cfg->feature_scale = t.type == MOTE_TYPE_INT8 ? t.scale : 1.0f;
  cfg->feature_zero_point = t.type == MOTE_TYPE_INT8 ? t.zero_point : 0;
  return MOTE_OK;
}

mote_status_t mote_learner_init(mote_learner_t *l, const mote_learner_config_t *cfg,
                                mote_interp_t *interp, uint32_t cut, void *mem,
                                size_t mem_bytes, mote_error_t *err) {
  mote_learner_layout_t lay = {0}; /* zeroed: see mote_learner_bytes */
  mote_status_t st;
  uint8_t *m = (uint8_t *)mem;
  if (l == NULL || cfg == NULL || mem == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL learner, config or memory");
  }
  if (((uintptr_t)mem & (MOTE_LEARNER_ALIGN - 1u)) != 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "learner: memory must be aligned to %u bytes",
                     (unsigned)MOTE_LEARNER_ALIGN);
  }
  st = mote_learner_layout(cfg, &lay, err);
  if (st != MOTE_OK) {
    return st;
  }
  if (mem_bytes < lay.total) {
    return MOTE_FAIL(err, MOTE_ERR_ARENA_TOO_SMALL,
                     "learner: memory of %lu bytes is too small: needs %lu",
                     (unsigned long)mem_bytes, (unsigned long)lay.total);
  }
  memset(l, 0, sizeof *l);
  l->cfg_ = *cfg;
  if (interp != NULL) {
    mote_tensor_t t;
    st = check_cut(cfg, interp, cut, &t, err);
    if (st != MOTE_OK) {
      return st;
    }
    if (t.type == MOTE_TYPE_INT8) {
      l->cfg_.feature_scale = t.scale;
      l->cfg_.feature_zero_point = t.zero_point;
    }
  }
  l->interp_ = interp;
  l->cut_ = (int32_t)cut;
  l->mem_ = m;
  l->param_count_ = lay.param_count;
  l->params_ = (float *)(void *)(m + lay.params);
  l->moment_ = (float *)(void *)(m + lay.moment);
  l->mean_ = (float *)(void *)(m + lay.mean);
  l->m2_ = (float *)(void *)(m + lay.m2);
  l->x_ = (float *)(void *)(m + lay.x);
  l->h_ = (float *)(void *)(m + lay.h);
  l->logits_ = (float *)(void *)(m + lay.logits);
  l->dlogits_ = (float *)(void *)(m + lay.dlogits);
  l->dh_ = (float *)(void *)(m + lay.dh);
  l->labels_ = (uint32_t *)(void *)(m + lay.labels);
  l->class_seen_ = (uint32_t *)(void *)(m + lay.class_seen);
  l->class_held_ = (uint32_t *)(void *)(m + lay.class_held);
  l->replay_y_ = (uint16_t *)(void *)(m + lay.replay_y);
  l->replay_x_ = m + lay.replay_x;
  mote_learner_reset(l);
  return MOTE_OK;
}

/* Real features of one stored example into x_[F]. */
static void load_features(const mote_learner_t *l, const void *raw) {
  const mote_learner_config_t *c = &l->cfg_;
  uint32_t i;
  if (c->feature_type == MOTE_TYPE_INT8) {
    const int8_t *q = (const int8_t *)raw;
    for (i = 0; i < c->feature_count; i++) {
      l->x_[i] = c->feature_scale * (float)((int32_t)q[i] - c->feature_zero_point);
    }
  } else {
    memcpy(l->x_, raw, (size_t)c->feature_count * sizeof(float));
  }
}

static void standardize(const mote_learner_t *l) {
  uint32_t i;
  if (!l->cfg_.standardize || l->stat_count_ == 0) {
    return;
  }
  for (i = 0; i < l->cfg_.feature_count; i++) {
    const float var = l->m2_[i] / (float)l->stat_count_;
    l->x_[i] = (l->x_[i] - l->mean_[i]) / sqrtf(var + STD_EPS);
  }
}

void mote_learner_standardizer(const mote_learner_t *l, uint32_t i, float *mean,
                               float *sigma) {
  *mean = 0.0f;
  *sigma = 1.0f;
  if (l->cfg_.standardize && l->stat_count_ > 0) {
    *mean = l->mean_[i];
    *sigma = sqrtf(l->m2_[i] / (float)l->stat_count_ + STD_EPS);
  }
}

/* Welford's update of the running mean and variance with x_ (real). */
static void update_stats(mote_learner_t *l) {
  uint32_t i;
  const float n = (float)(l->stat_count_ + 1u);
  for (i = 0; i < l->cfg_.feature_count; i++) {
    const float d = l->x_[i] - l->mean_[i];
    l->mean_[i] += d / n;
    l->m2_[i] += d * (l->x_[i] - l->mean_[i]);
  }
  l->stat_count_++;
}

/* The head's forward pass on x_ into logits_[class_count_]. */
static void forward(const mote_learner_t *l) {
  const mote_learner_config_t *c = &l->cfg_;
  const uint32_t h = c->hidden_units;
  const float *w2 = l->params_ + (size_t)h * c->feature_count + h;
  const float *top_in = l->x_;
  uint32_t k = c->feature_count;
  if (h > 0) {
    mote_dense_forward(l->h_, l->x_, l->params_, l->params_ + (size_t)h * c->feature_count,
                       c->feature_count, h);
    mote_relu_forward(l->h_, h);
    top_in = l->h_;
    k = h;
  }
  mote_dense_forward(l->logits_, top_in, w2, w2 + (size_t)c->max_classes * k, k,
                     l->class_count_);
}

void mote_learner_head_forward(const mote_learner_t *l, const void *raw) {
  load_features(l, raw);
  standardize(l);
  forward(l);
}

/* Adds one example's gradients (scaled) to the momentum (mote_sgd_begin
 * has scaled it for this step); returns its loss. */
static float accumulate(mote_learner_t *l, const void *raw, uint32_t slot, float scale) {
  const mote_learner_config_t *c = &l->cfg_;
  const uint32_t h = c->hidden_units;
  const size_t w1n = (size_t)h * c->feature_count;
  const uint32_t k = h > 0 ? h : c->feature_count;
  const size_t off2 = w1n + h;
  float loss;
  load_features(l, raw);
  standardize(l);
  forward(l);
  loss = mote_softmax_xent(l->logits_, l->dlogits_, l->logits_, l->class_count_, slot,
                           scale);
  mote_dense_backward(h > 0 ? l->dh_ : NULL, l->moment_ + off2,
                      l->moment_ + off2 + (size_t)c->max_classes * k, l->dlogits_,
                      h > 0 ? l->h_ : l->x_, l->params_ + off2, k, l->class_count_);
  if (h > 0) {
    mote_relu_backward(l->dh_, l->h_, h);
    mote_dense_backward(NULL, l->moment_, l->moment_ + w1n, l->dh_, l->x_, l->params_,
                        c->feature_count, h);
  }
  return loss;
}

/* The optimiser step over every parameter: decay on weights only. */
static void step(mote_learner_t *l) {
  const mote_learner_config_t *c = &l->cfg_;
  const uint32_t h = c->hidden_units;
  const uint32_t k = h > 0 ? h : c->feature_count;
  const uint32_t w1n = h * c->feature_count;
  const uint32_t w2n = c->max_classes * k;
  const float lr = c->learning_rate;
  const float wd = c->weight_decay;
  float *p = l->params_;
  float *v = l->moment_;
  mote_sgd_step(p, v, w1n, lr, wd);
  mote_sgd_step(p + w1n, v + w1n, h, lr, 0.0f);
  p += w1n + h;
  v += w1n + h;
  mote_sgd_step(p, v, w2n, lr, wd);
  mote_sgd_step(p + w2n, v + w2n, c->max_classes, lr, 0.0f);
}

static uint32_t slot_of(const mote_learner_t *l, uint32_t label) {
  uint32_t i;
  for (i = 0; i < l->class_count_; i++) {
    if (l->labels_[i] == label) {
      return i;
    }
  }
  return MOTE_LEARNER_NO_LABEL;
}

/* Checks a batch's sizes and labels; gives new labels their slots only
 * when all fit. */
static mote_status_t admit(mote_learner_t *l, const void *features, size_t bytes,
                           const uint32_t *labels, uint32_t count, mote_error_t *err) {
  const size_t fb = mote_learner_example_bytes(&l->cfg_);
  uint32_t fresh = 0;
  uint32_t i;
  uint32_t j;
  if (features == NULL || labels == NULL || count == 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL features or labels, or no example");
  }
  if (bytes / fb != count || bytes % fb != 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_SHAPE,
                     "learner: %lu bytes of features for %lu examples; each needs %lu",
                     (unsigned long)bytes, (unsigned long)count, (unsigned long)fb);
  }
  for (i = 0; i < count; i++) {
    int seen = slot_of(l, labels[i]) != MOTE_LEARNER_NO_LABEL;
    if (labels[i] == MOTE_LEARNER_NO_LABEL) {
      return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                       "learner: label 0xFFFFFFFF (example %lu) is reserved",
                       (unsigned long)i);
    }
    for (j = 0; j < i && !seen; j++) {
      seen = labels[j] == labels[i];
    }
    fresh += seen ? 0u : 1u;
  }
  if (fresh > l->cfg_.max_classes - l->class_count_) {
    return MOTE_FAIL(err, MOTE_ERR_CAPACITY,
                     "learner: %lu new classes do not fit: %lu of max_classes %lu "
                     "are taken",
                     (unsigned long)fresh, (unsigned long)l->class_count_,
                     (unsigned long)l->cfg_.max_classes);
  }
  for (i = 0; i < count; i++) {
    if (slot_of(l, labels[i]) == MOTE_LEARNER_NO_LABEL) {
      l->labels_[l->class_count_++] = labels[i];
    }
  }
  return MOTE_OK;
}

mote_status_t mote_learner_learn_batch(mote_learner_t *l, const void *features,
                                       size_t bytes, const uint32_t *labels,
                                       uint32_t count, mote_error_t *err) {
  const uint8_t *raw = (const uint8_t *)features;
  size_t fb;
  uint32_t replays;
  uint32_t i;
  float scale;
  float loss = 0.0f;
  mote_status_t st;
  if (l == NULL || l->mem_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL or uninitialised learner");
  }
  st = admit(l, features, bytes, labels, count, err);
  if (st != MOTE_OK) {
    return st;
  }
  fb = mote_learner_example_bytes(&l->cfg_);
  if (l->cfg_.standardize) {
    for (i = 0; i < count; i++) {
      load_features(l, raw + (size_t)i * fb);
      update_stats(l);
    }
  }
  replays = l->cfg_.replay_per_step < l->replay_count_ ? l->cfg_.replay_per_step
                                                       : l->replay_count_;
  scale = 1.0f / (float)(count + replays);
  mote_sgd_begin(l->moment_, l->param_count_, l->cfg_.momentum);
  for (i = 0; i < count; i++) {
    loss += accumulate(l, raw + (size_t)i * fb, slot_of(l, labels[i]), scale);
  }
  for (i = 0; i < replays; i++) {
    const uint32_t r = mote_learner_rand(l) % l->replay_count_;
    loss += accumulate(l, mote_replay_features(l, r), l->replay_y_[r], scale);
  }
  step(l);
  for (i = 0; i < count; i++) {
    mote_replay_offer(l, raw + (size_t)i * fb, slot_of(l, labels[i]));
  }
  l->last_loss_ = loss * scale;
  l->steps_++;
  return MOTE_OK;
}

mote_status_t mote_learner_learn(mote_learner_t *l, const void *features, size_t bytes,
                                 uint32_t label, mote_error_t *err) {
  return mote_learner_learn_batch(l, features, bytes, &label, 1, err);
}

mote_status_t mote_learner_set_learning_rate(mote_learner_t *l, float learning_rate,
                                             mote_error_t *err) {
  if (l == NULL || l->mem_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL or uninitialised learner");
  }
  /* Written so that NaN fails too; the upper bound refuses infinity. */
  if (!(learning_rate > 0.0f && learning_rate <= 3.0e38f)) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "learner: the learning rate must be finite and above 0");
  }
  l->cfg_.learning_rate = learning_rate;
  return MOTE_OK;
}

mote_status_t mote_learner_scores(mote_learner_t *l, const void *features, size_t bytes,
                                  float *scores, uint32_t n, mote_error_t *err) {
  if (l == NULL || l->mem_ == NULL || features == NULL || scores == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL learner, features or scores");
  }
  if (bytes != mote_learner_example_bytes(&l->cfg_)) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_SHAPE,
                     "learner: %lu bytes of features; one example is %lu",
                     (unsigned long)bytes,
                     (unsigned long)mote_learner_example_bytes(&l->cfg_));
  }
  if (l->class_count_ == 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE, "learner: no class learnt yet");
  }
  if (n < l->class_count_) {
    return MOTE_FAIL(err, MOTE_ERR_CAPACITY,
                     "learner: room for %lu scores, %lu classes learnt",
                     (unsigned long)n, (unsigned long)l->class_count_);
  }
  load_features(l, features);
  standardize(l);
  forward(l);
  (void)mote_softmax_xent(scores, NULL, l->logits_, l->class_count_,
                          MOTE_LEARNER_NO_LABEL, 1.0f);
  return MOTE_OK;
}

mote_status_t mote_learner_predict(mote_learner_t *l, const void *features, size_t bytes,
                                   uint32_t *labels, float *probs, uint32_t k,
                                   mote_error_t *err) {
  uint32_t i;
  uint32_t j;
  mote_status_t st;
  if (labels == NULL || k == 0) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL labels or k 0");
  }
  if (l != NULL && l->mem_ != NULL && l->class_count_ > 0) {
    /* dlogits_ is free outside a step: the probabilities go there. */
    st = mote_learner_scores(l, features, bytes, l->dlogits_, l->cfg_.max_classes, err);
  } else {
    st = mote_learner_scores(l, features, bytes, NULL, 0, err);
  }
  if (st != MOTE_OK || l == NULL) { /* scores() refuses a NULL l */
    return st != MOTE_OK ? st : MOTE_ERR_BAD_ARG;
  }
  /* Selection of the k best, ties to the lower slot; picked ones -1. */
  for (i = 0; i < k; i++) {
    uint32_t best = MOTE_LEARNER_NO_LABEL;
    for (j = 0; j < l->class_count_; j++) {
      if (l->dlogits_[j] >= 0.0f &&
          (best == MOTE_LEARNER_NO_LABEL || l->dlogits_[j] > l->dlogits_[best])) {
        best = j;
      }
    }
    labels[i] = best == MOTE_LEARNER_NO_LABEL ? best : l->labels_[best];
    if (probs != NULL) {
      probs[i] = best == MOTE_LEARNER_NO_LABEL ? 0.0f : l->dlogits_[best];
    }
    if (best != MOTE_LEARNER_NO_LABEL) {
      l->dlogits_[best] = -1.0f;
    }
  }
  return MOTE_OK;
}

float mote_learner_last_loss(const mote_learner_t *l) {
  return l == NULL ? 0.0f : l->last_loss_;
}

uint32_t mote_learner_class_count(const mote_learner_t *l) {
  return l == NULL ? 0 : l->class_count_;
}

uint32_t mote_learner_class_label(const mote_learner_t *l, uint32_t slot) {
  return l == NULL || slot >= l->class_count_ ? MOTE_LEARNER_NO_LABEL : l->labels_[slot];
}

uint32_t mote_learner_class_examples(const mote_learner_t *l, uint32_t slot) {
  return l == NULL || slot >= l->class_count_ ? 0 : l->class_seen_[slot];
}

uint32_t mote_learner_replay_count(const mote_learner_t *l) {
  return l == NULL ? 0 : l->replay_count_;
}

uint32_t mote_learner_replay_class_count(const mote_learner_t *l, uint32_t slot) {
  return l == NULL || slot >= l->class_count_ ? 0 : l->class_held_[slot];
}
