/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learner's state image (mote_learner_save / mote_learner_load).
 *
 *   header   u32 magic "MOTL", version, image bytes, then the shape:
 *            feature_count, feature_type, hidden_units, max_classes,
 *            replay_capacity, replay_policy, parameter count, and the int8
 *            features' scale (float bits) and zero point
 *   counters class_count, replay_count, replay_seen, stat_count, rng,
 *            steps, last loss (float bits)
 *   tables   labels[C], class_seen[C], class_held[C]
 *            params[P], momentum[P], mean[F], m2[F]
 *            replay slots[cap], replay features[cap][F] (int8 bytes or
 *            float bits; entries past replay_count as zeros)
 *   trailer  u32 CRC-32 of every byte before it
 *
 * All little-endian u32 words except the int8 features, so an image moves
 * between targets. Scratch is not saved: it is dead between steps (a
 * step's gradients live in the momentum). Replay slots are u32 words here
 * (uint16 in memory). The size is fixed by the shape, so a load knows the
 * exact length to expect before it reads a table.
 *
 * Loading reads through one bounds-checked cursor and checks the header,
 * the size, the CRC and then the contents (counts within capacity, labels
 * unique, each replay entry's class learnt, per-class counts agreeing with
 * the entries) before it writes anything: a CRC catches accidents, the
 * content checks keep a forged image from sending a later step out of
 * bounds. Rejected: saving the config's rates (they are the loader's to
 * choose) and a variable-length image (it would save a little when the
 * buffer is not full, at the cost of a harder check).
 */
#include <string.h>

#include "common/crc32.h"
#include "common/error.h"
#include "train/learner_internal.h"

#define STATE_MAGIC 0x4C544F4Du /* "MOTL" little-endian */
#define STATE_VERSION 1u
#define HEADER_WORDS 12u
#define COUNTER_WORDS 7u

typedef struct cursor {
  uint8_t *out;      /* writing: NULL when reading */
  const uint8_t *in; /* reading */
  size_t len;
  size_t pos;
  int ok;
} cursor_t;

static void put_u32(cursor_t *c, uint32_t v) {
  if (!c->ok || c->len - c->pos < 4u) {
    c->ok = 0;
    return;
  }
  c->out[c->pos] = (uint8_t)v;
  c->out[c->pos + 1] = (uint8_t)(v >> 8);
  c->out[c->pos + 2] = (uint8_t)(v >> 16);
  c->out[c->pos + 3] = (uint8_t)(v >> 24);
  c->pos += 4;
}

static uint32_t get_u32(cursor_t *c) {
  uint32_t v;
  if (!c->ok || c->len - c->pos < 4u) {
    c->ok = 0;
    return 0;
  }
  v = (uint32_t)c->in[c->pos] | (uint32_t)c->in[c->pos + 1] << 8 |
      (uint32_t)c->in[c->pos + 2] << 16 | (uint32_t)c->in[c->pos + 3] << 24;
  c->pos += 4;
  return v;
}

static uint32_t float_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static float bits_float(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

static void put_floats(cursor_t *c, const float *v, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    put_u32(c, float_bits(v[i]));
  }
}

static void put_words(cursor_t *c, const uint32_t *v, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    put_u32(c, v[i]);
  }
}

/* Reads n words into v (floats when as_float), or skips them (v NULL). */
static void get_words(cursor_t *c, void *v, size_t n, int as_float) {
  size_t i;
  for (i = 0; i < n; i++) {
    const uint32_t w = get_u32(c);
    if (v == NULL) {
      continue;
    }
    if (as_float) {
      ((float *)v)[i] = bits_float(w);
    } else {
      ((uint32_t *)v)[i] = w;
    }
  }
}

size_t mote_learner_state_bytes(const mote_learner_t *l) {
  const mote_learner_config_t *c;
  size_t words;
  size_t fx;
  if (l == NULL || l->mem_ == NULL) {
    return 0;
  }
  c = &l->cfg_;
  fx = (size_t)c->replay_capacity * c->feature_count;
  words = HEADER_WORDS + COUNTER_WORDS + 3u * (size_t)c->max_classes +
          2u * (size_t)l->param_count_ + 2u * (size_t)c->feature_count +
          c->replay_capacity + 1u;
  return words * 4u + (c->feature_type == MOTE_TYPE_INT8 ? fx : fx * 4u);
}

static void put_header(cursor_t *c, const mote_learner_t *l, size_t total) {
  const mote_learner_config_t *g = &l->cfg_;
  put_u32(c, STATE_MAGIC);
  put_u32(c, STATE_VERSION);
  put_u32(c, (uint32_t)total);
  put_u32(c, g->feature_count);
  put_u32(c, (uint32_t)g->feature_type);
  put_u32(c, g->hidden_units);
  put_u32(c, g->max_classes);
  put_u32(c, g->replay_capacity);
  put_u32(c, (uint32_t)g->replay_policy);
  put_u32(c, l->param_count_);
  put_u32(c, float_bits(g->feature_scale));
  put_u32(c, (uint32_t)g->feature_zero_point);
}

mote_status_t mote_learner_save(const mote_learner_t *l, void *buf, size_t cap,
                                size_t *written, mote_error_t *err) {
  const mote_learner_config_t *g;
  size_t total;
  size_t fb;
  cursor_t c;
  uint32_t i;
  if (l == NULL || l->mem_ == NULL || buf == NULL || written == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner save: NULL learner, buffer or size");
  }
  g = &l->cfg_;
  total = mote_learner_state_bytes(l);
  if (cap < total) {
    return MOTE_FAIL(err, MOTE_ERR_CAPACITY,
                     "learner save: buffer of %lu bytes is too small: needs %lu",
                     (unsigned long)cap, (unsigned long)total);
  }
  memset(&c, 0, sizeof c);
  c.out = (uint8_t *)buf;
  c.len = total;
  c.ok = 1;
  put_header(&c, l, total);
  put_u32(&c, l->class_count_);
  put_u32(&c, l->replay_count_);
  put_u32(&c, l->replay_seen_);
  put_u32(&c, l->stat_count_);
  put_u32(&c, l->rng_);
  put_u32(&c, l->steps_);
  put_u32(&c, float_bits(l->last_loss_));
  put_words(&c, l->labels_, g->max_classes);
  put_words(&c, l->class_seen_, g->max_classes);
  put_words(&c, l->class_held_, g->max_classes);
  put_floats(&c, l->params_, l->param_count_);
  put_floats(&c, l->moment_, l->param_count_);
  put_floats(&c, l->mean_, g->feature_count);
  put_floats(&c, l->m2_, g->feature_count);
  for (i = 0; i < g->replay_capacity; i++) {
    put_u32(&c, i < l->replay_count_ ? l->replay_y_[i] : 0u);
  }
  fb = mote_learner_example_bytes(g);
  for (i = 0; i < g->replay_capacity && c.ok; i++) {
    if (i >= l->replay_count_) {
      memset(c.out + c.pos, 0, fb);
      c.pos += fb;
    } else if (g->feature_type == MOTE_TYPE_INT8) {
      memcpy(c.out + c.pos, mote_replay_features(l, i), fb);
      c.pos += fb;
    } else {
      put_floats(&c, (const float *)mote_replay_features(l, i), g->feature_count);
    }
  }
  put_u32(&c, mote_crc32(0, buf, total - 4u));
  *written = total;
  return c.ok && c.pos == total
             ? MOTE_OK
             : MOTE_FAIL(err, MOTE_ERR_KERNEL, "learner save: image layout mismatch");
}

/* The header against this learner's shape. */
static mote_status_t check_header(const mote_learner_t *l, cursor_t *c, size_t total,
                                  mote_error_t *err) {
  static const char *const kNames[] = {
      "feature_count", "feature_type", "hidden_units", "max_classes",
      "replay_capacity", "replay_policy", "parameter count",
      "feature scale", "feature zero point"};
  uint32_t want[9] = {0}; /* zeroed: -fanalyzer loses the fill loop */
  uint32_t i;
  uint32_t v;
  cursor_t mine;
  uint8_t hdr[HEADER_WORDS * 4u];
  if (c->len < HEADER_WORDS * 4u + 4u) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "learner load: image of %lu bytes is truncated (the header alone "
                     "is %u)",
                     (unsigned long)c->len, (unsigned)(HEADER_WORDS * 4u + 4u));
  }
  if (get_u32(c) != STATE_MAGIC) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL, "learner load: bad magic (not a learner state)");
  }
  v = get_u32(c);
  if (v != STATE_VERSION) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "learner load: format version %lu, this build reads %u",
                     (unsigned long)v, (unsigned)STATE_VERSION);
  }
  v = get_u32(c);
  /* This learner's own header, to compare the shape word by word. */
  memset(&mine, 0, sizeof mine);
  mine.out = hdr;
  mine.len = sizeof hdr;
  mine.ok = 1;
  put_header(&mine, l, total);
  mine.in = hdr;
  mine.pos = 12;
  for (i = 0; i < 9; i++) {
    want[i] = get_u32(&mine);
  }
  for (i = 0; i < 9; i++) {
    const uint32_t got = get_u32(c);
    if (got != want[i]) {
      return MOTE_FAIL(err, MOTE_ERR_BAD_SHAPE,
                       "learner load: image %s %lu, this learner's %lu",
                       kNames[i], (unsigned long)got, (unsigned long)want[i]);
    }
  }
  if (v != total) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "learner load: image says %lu bytes, its shape needs %lu",
                     (unsigned long)v, (unsigned long)total);
  }
  if (c->len < total) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "learner load: image truncated: %lu of %lu bytes",
                     (unsigned long)c->len, (unsigned long)total);
  }
  return c->ok ? MOTE_OK
               : MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL, "learner load: header truncated");
}

/* The counters and tables, checked without writing anything. */
static mote_status_t check_contents(const mote_learner_t *l, const uint8_t *img,
                                    size_t total, mote_error_t *err) {
  const mote_learner_config_t *g = &l->cfg_;
  cursor_t c;
  uint32_t classes, count, seen, rng;
  uint32_t i;
  uint32_t j;
  size_t labels_at;
  size_t held_at;
  size_t slots_at;
  memset(&c, 0, sizeof c);
  c.in = img;
  c.len = total;
  c.pos = HEADER_WORDS * 4u;
  c.ok = 1;
  classes = get_u32(&c);
  count = get_u32(&c);
  seen = get_u32(&c);
  (void)get_u32(&c);
  rng = get_u32(&c);
  if (classes > g->max_classes || count > g->replay_capacity || count > seen || rng == 0) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "learner load: counters out of range (%lu classes, %lu replayed of "
                     "%lu seen)",
                     (unsigned long)classes, (unsigned long)count, (unsigned long)seen);
  }
  labels_at = (HEADER_WORDS + COUNTER_WORDS) * 4u;
  held_at = labels_at + 8u * g->max_classes;
  slots_at = held_at + 4u * g->max_classes +
             8u * ((size_t)l->param_count_ + g->feature_count);
  for (i = 0; i < g->max_classes; i++) {
    uint32_t label, held, n = 0;
    c.pos = labels_at + 4u * i;
    label = get_u32(&c);
    c.pos = held_at + 4u * i;
    held = get_u32(&c);
    if ((i < classes) != (label != MOTE_LEARNER_NO_LABEL)) {
      return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                       "learner load: class slot %lu has label %lu with %lu classes",
                       (unsigned long)i, (unsigned long)label, (unsigned long)classes);
    }
    for (j = 0; j < i; j++) {
      c.pos = labels_at + 4u * j;
      if (label != MOTE_LEARNER_NO_LABEL && get_u32(&c) == label) {
        return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                         "learner load: label %lu in two slots", (unsigned long)label);
      }
    }
    c.pos = slots_at;
    for (j = 0; j < count; j++) {
      const uint32_t slot = get_u32(&c);
      if (slot >= classes) {
        return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                         "learner load: replay entry %lu has class slot %lu of %lu",
                         (unsigned long)j, (unsigned long)slot, (unsigned long)classes);
      }
      n += slot == i;
    }
    if (n != held) {
      return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                       "learner load: class slot %lu holds %lu replay entries, says %lu",
                       (unsigned long)i, (unsigned long)n, (unsigned long)held);
    }
  }
  return c.ok ? MOTE_OK
              : MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL, "learner load: tables truncated");
}

mote_status_t mote_learner_load(mote_learner_t *l, const void *buf, size_t len,
                                mote_error_t *err) {
  const mote_learner_config_t *g;
  const uint8_t *img = (const uint8_t *)buf;
  size_t total;
  size_t fb;
  cursor_t c;
  uint32_t crc;
  uint32_t i;
  mote_status_t st;
  if (l == NULL || l->mem_ == NULL || buf == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner load: NULL learner or image");
  }
  g = &l->cfg_;
  total = mote_learner_state_bytes(l);
  memset(&c, 0, sizeof c);
  c.in = img;
  c.len = len;
  c.ok = 1;
  st = check_header(l, &c, total, err);
  if (st != MOTE_OK) {
    return st;
  }
  c.len = total;
  c.pos = total - 4u;
  crc = get_u32(&c);
  if (crc != mote_crc32(0, img, total - 4u)) {
    return MOTE_FAIL(err, MOTE_ERR_CORRUPT_MODEL,
                     "learner load: CRC mismatch (image torn or corrupted)");
  }
  st = check_contents(l, img, total, err);
  if (st != MOTE_OK) {
    return st;
  }
  /* Everything checked: now take it. */
  c.pos = HEADER_WORDS * 4u;
  l->class_count_ = get_u32(&c);
  l->replay_count_ = get_u32(&c);
  l->replay_seen_ = get_u32(&c);
  l->stat_count_ = get_u32(&c);
  l->rng_ = get_u32(&c);
  l->steps_ = get_u32(&c);
  l->last_loss_ = bits_float(get_u32(&c));
  get_words(&c, l->labels_, g->max_classes, 0);
  get_words(&c, l->class_seen_, g->max_classes, 0);
  get_words(&c, l->class_held_, g->max_classes, 0);
  get_words(&c, l->params_, l->param_count_, 1);
  get_words(&c, l->moment_, l->param_count_, 1);
  get_words(&c, l->mean_, g->feature_count, 1);
  get_words(&c, l->m2_, g->feature_count, 1);
  for (i = 0; i < g->replay_capacity; i++) {
    /* Checked above below the class count (<= 65535) where in use. */
    l->replay_y_[i] = (uint16_t)get_u32(&c);
  }
  fb = mote_learner_example_bytes(g);
  if (g->feature_type == MOTE_TYPE_INT8) {
    memcpy(l->replay_x_, img + c.pos, fb * g->replay_capacity);
  } else {
    for (i = 0; i < g->replay_capacity; i++) {
      get_words(&c, l->replay_x_ + (size_t)i * fb, g->feature_count, 1);
    }
  }
  return MOTE_OK;
}
