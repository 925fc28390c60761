/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Export of base + learnt head as a .tflite (mote_learner_export_tflite),
 * on MLPerf Tiny's ResNet-8 cut at its 64 int8 embedding features. A
 * learner learns four synthetic image classes; its int8 and float32
 * exports (with a hidden layer and without) must open in mote, predict
 * the class the learner predicts on fresh inputs (all of them for float,
 * nearly all for int8: the figures are printed), and give byte for byte
 * the outputs the real TFLM (tflm_run) gives. Refusals: a buffer too
 * small (naming the size), no class yet, bad flags, no interpreter, an
 * int8 head without calibration data, an int8 head over float features;
 * an export changes nothing learnt. A small float base whose weights are
 * stored after the flatbuffer (Buffer.offset) exports too, its offset
 * moved with the copy of the base; it is checked against the learner only:
 * the TFLM of the oracle does not read Buffer.offset data (its output on
 * such a base, exported or not, does not depend on the input).
 * Without the shared models it is skipped (CI fails); without the oracle
 * only its part is skipped (CI fails).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "support.h"
#include "tflite_build.h"

#define ARENA (160u * 1024u)
#define OUT_CAP (256u * 1024u)
/* Inputs per learner, the same for both heads: fresh pictures, and
 * ambiguous ones (two classes' pictures blended). At most: */
#define SAMPLES 40
#define BLENDS 100
#define ORACLE_SAMPLES 4
#define RANK4_CUT 34 /* ResNet-8's AVERAGE_POOL_2D output, [1, 1, 1, 64] */

static uint8_t g_arena[ARENA] __attribute__((aligned(16)));
static uint8_t g_arena2[ARENA] __attribute__((aligned(16)));
static uint8_t g_arena3[ARENA] __attribute__((aligned(16)));
static uint8_t g_mem[64 * 1024] __attribute__((aligned(16)));
static uint8_t g_out[OUT_CAP] __attribute__((aligned(16)));
static uint8_t g_state[2][64 * 1024];
static int8_t g_inputs[ORACLE_SAMPLES][32 * 32 * 3];
static int g_small; /* MOTE_CONFORMANCE_SMALL: fewer inputs */
static uint8_t g_outputs[ORACLE_SAMPLES][64]; /* mote's, to compare */
static uint32_t g_seed = 77;

static uint8_t *g_model_bytes;
static size_t g_model_len;
static mote_model_t g_model;
static mote_resolver_entry_t g_entries[128];
static mote_resolver_t g_resolver;
static mote_arena_t g_base_arena;
static mote_interp_t g_base;
static uint32_t g_cut;

static uint32_t rnd(void) {
  g_seed ^= g_seed << 13;
  g_seed ^= g_seed >> 17;
  g_seed ^= g_seed << 5;
  return g_seed;
}

/* A 32x32x3 int8 image of class c: a horizontal or vertical ramp, a ring
 * or four corner blocks, at a random offset, with colour and noise. */
static void picture(int c, int8_t *img) {
  const int shift = (int)(rnd() % 9u) - 4;
  const int tint = (int)(rnd() % 60u);
  int y, x, ch;
  for (y = 0; y < 32; y++) {
    for (x = 0; x < 32; x++) {
      int level;
      const int dy = y - 16 - shift, dx = x - 16 + shift;
      if (c == 0) {
        level = 8 * (x + shift);
      } else if (c == 1) {
        level = 8 * (y + shift);
      } else if (c == 2) {
        const int r = dx * dx + dy * dy;
        level = r > 40 && r < 120 ? 230 : 30;
      } else {
        level = ((x < 10 || x > 21) && (y < 10 || y > 21)) ? 220 : 50;
      }
      for (ch = 0; ch < 3; ch++) {
        int v = level + (ch == 1 ? tint : -tint / 2) + (int)(rnd() % 31u) - 15;
        v = v < 0 ? 0 : v > 255 ? 255 : v;
        img[(y * 32 + x) * 3 + ch] = (int8_t)(v - 128);
      }
    }
  }
}

/* Runs the exported model through TFLM on the saved inputs and compares
 * its outputs with mote's; returns the number that differ (-1: no oracle). */
static int oracle_check(const uint8_t *model, size_t len, size_t in_bytes, uint32_t out_bytes,
                        int is_float) {
  const char *oracle = mote_test_find_oracle();
  char dir[] = "/tmp/mote_export_XXXXXX";
  char path[1400], cmd[4200];
  int i, bad = 0;
  if (oracle == NULL) {
    return -1;
  }
  CHECK(mkdtemp(dir) != NULL);
  snprintf(path, sizeof path, "%s/model.tflite", dir);
  CHECK(mote_test_write_file(path, model, len) == 0);
  for (i = 0; i < ORACLE_SAMPLES; i++) {
    size_t n = 0;
    uint8_t *got;
    snprintf(path, sizeof path, "%s/input_0.bin", dir);
    CHECK(mote_test_write_file(path, g_inputs[i], in_bytes) == 0);
    snprintf(cmd, sizeof cmd, "'%s' '%s/model.tflite' '%s' '%s' --arena 1048576 > '%s/log' 2>&1",
             oracle, dir, dir, dir, dir);
    if (system(cmd) != 0) {
      snprintf(path, sizeof path, "%s/log", dir);
      got = mote_test_read_file(path, &n);
      fprintf(stderr, "tflm_run failed: %.*s\n", (int)n, got != NULL ? (char *)got : "");
      free(got);
      bad++;
      continue;
    }
    snprintf(path, sizeof path, "%s/output_0.bin", dir);
    got = mote_test_read_file(path, &n);
    CHECK(got != NULL && n == out_bytes);
    if (got != NULL && n == out_bytes) {
      if (is_float) {
        uint32_t k;
        for (k = 0; k < out_bytes / 4u; k++) {
          float a, b;
          memcpy(&a, got + 4u * k, 4);
          memcpy(&b, g_outputs[i] + 4u * k, 4);
          bad += !(fabsf(a - b) <= 1e-5f);
        }
      } else {
        bad += memcmp(got, g_outputs[i], out_bytes) != 0;
      }
    } else {
      bad++;
    }
    free(got);
    remove(path);
  }
  snprintf(path, sizeof path, "%s/input_0.bin", dir);
  remove(path);
  snprintf(path, sizeof path, "%s/model.tflite", dir);
  remove(path);
  snprintf(path, sizeof path, "%s/log", dir);
  remove(path);
  rmdir(dir);
  return bad;
}

static void learn_classes_at(mote_learner_t *l, uint32_t cut, uint32_t hidden,
                             uint32_t replay) {
  mote_learner_config_t cfg;
  mote_tensor_t input;
  mote_error_t err;
  int c, n;
  mote_learner_config_default(&cfg);
  CHECK(mote_learner_config_for_cut(&cfg, &g_base, cut, &err) == MOTE_OK);
  cfg.hidden_units = hidden;
  cfg.max_classes = 6;
  cfg.replay_capacity = replay;
  CHECK(mote_learner_init(l, &cfg, &g_base, cut, g_mem, sizeof g_mem, &err) == MOTE_OK);
  CHECK(mote_interp_input(&g_base, 0, &input) == MOTE_OK);
  for (c = 0; c < 4; c++) {
    for (n = 0; n < 10; n++) {
      picture(c, (int8_t *)input.data);
      CHECK(mote_learner_learn_input(l, (uint32_t)(40 + c), &err) == MOTE_OK);
    }
  }
  for (n = 0; n < 24; n++) {
    picture(n % 4, (int8_t *)input.data);
    CHECK(mote_learner_learn_input(l, (uint32_t)(40 + n % 4), &err) == MOTE_OK);
  }
  CHECK_EQ_INT(mote_learner_class_count(l), 4);
}

static void learn_classes(mote_learner_t *l, uint32_t hidden, uint32_t replay) {
  learn_classes_at(l, g_cut, hidden, replay);
}

static uint32_t slot_of(const mote_learner_t *l, uint32_t label) {
  uint32_t s;
  for (s = 0; s < mote_learner_class_count(l); s++) {
    if (mote_learner_class_label(l, s) == label) {
      return s;
    }
  }
  return MOTE_LEARNER_NO_LABEL;
}

/* Index of the first largest of n int8 or float outputs. */
static uint32_t argmax(const mote_tensor_t *t, uint32_t n) {
  uint32_t i, best = 0;
  for (i = 1; i < n; i++) {
    const int more = t->type == MOTE_TYPE_INT8
                         ? ((const int8_t *)t->data)[i] > ((const int8_t *)t->data)[best]
                         : ((const float *)t->data)[i] > ((const float *)t->data)[best];
    best = more ? i : best;
  }
  return best;
}

/* One exported model under test and what it did. */
typedef struct head_run {
  const char *what;
  uint32_t flags;
  uint8_t *buf;
  size_t written;
  mote_model_t model;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_tensor_t in, out;
  int agree, right, agree_blend, right_blend;
  uint8_t saved[ORACLE_SAMPLES][64]; /* outputs on the oracle's inputs */
} head_run_t;

/* Exports `l` into h->buf and prepares it in mote; 0 when that worked. */
static int open_export(const mote_learner_t *l, head_run_t *h, uint8_t *arena_mem) {
  mote_error_t err;
  size_t need = 0, len0 = 0, len1 = 0;
  CHECK(mote_learner_save(l, g_state[0], sizeof g_state[0], &len0, &err) == MOTE_OK);
  CHECK(mote_learner_export_bytes(l, h->flags, &need, &err) == MOTE_OK);
  CHECK(need > g_model_len && need <= OUT_CAP);
  memset(h->buf, 0xA5, OUT_CAP);
  CHECK(mote_learner_export_tflite(l, h->flags, h->buf, OUT_CAP, &h->written, &err) ==
        MOTE_OK);
  CHECK_EQ_INT(h->written, need);
  /* The same bytes again, and nothing learnt changed. */
  CHECK(mote_learner_export_tflite(l, h->flags, g_out, OUT_CAP, &len1, &err) == MOTE_OK);
  CHECK(len1 == need && memcmp(g_out, h->buf, need) == 0);
  CHECK(mote_learner_save(l, g_state[1], sizeof g_state[1], &len1, &err) == MOTE_OK);
  CHECK(len0 == len1 && memcmp(g_state[0], g_state[1], len0) == 0);
  if (mote_model_open(&h->model, h->buf, h->written, &err) != MOTE_OK) {
    fprintf(stderr, "%s: exported model refused: %s\n", h->what, err.message);
    CHECK(0);
    return -1;
  }
  CHECK_EQ_INT(mote_model_output_count(&h->model, 0), 1);
  mote_arena_init(&h->arena, arena_mem, ARENA);
  CHECK(mote_interp_init(&h->interp, &h->model, &g_resolver, &h->arena, &err) == MOTE_OK);
  if (mote_interp_prepare(&h->interp, &err) != MOTE_OK) {
    fprintf(stderr, "%s: prepare: %s\n", h->what, err.message);
    CHECK(0);
    return -1;
  }
  CHECK(mote_interp_input(&h->interp, 0, &h->in) == MOTE_OK);
  CHECK(mote_interp_output(&h->interp, 0, &h->out) == MOTE_OK);
  CHECK(h->out.type ==
        (h->flags == MOTE_EXPORT_FLOAT32 ? MOTE_TYPE_FLOAT32 : MOTE_TYPE_INT8));
  CHECK_EQ_INT(h->out.bytes, mote_learner_class_count(l) *
                                 (h->flags == MOTE_EXPORT_FLOAT32 ? 4u : 1u));
  CHECK_EQ_INT(h->in.bytes, 32 * 32 * 3);
  return 0;
}

/* Input i of the evaluation into img: a fresh picture of class i % 4 for
 * i < samples, else a blend of two classes, a = 0.25 .. 0.75 of the first
 * (the larger part is the class to recognise). Returns the class. */
static int eval_input(int i, int samples, int8_t *img) {
  static int8_t other[32 * 32 * 3];
  int c = i % 4;
  picture(c, img);
  if (i >= samples) {
    const int a = 64 + (int)(rnd() % 128u);
    const int c2 = (c + 1 + (int)(rnd() % 3u)) % 4;
    size_t k;
    picture(c2, other);
    c = a < 128 ? c2 : c;
    for (k = 0; k < sizeof other; k++) {
      img[k] = (int8_t)((a * img[k] + (256 - a) * other[k]) / 256);
    }
  }
  return c;
}

/* Exports `l` with a float32 and an int8 head and checks both against the
 * learner (on the same inputs) and against TFLM. */
static void check_exports(mote_learner_t *l, const char *what, int samples, int blends) {
  static head_run_t heads[2];
  static uint8_t bufs[2][OUT_CAP] __attribute__((aligned(16)));
  uint8_t *arenas[2] = {g_arena2, g_arena3};
  const uint32_t classes = mote_learner_class_count(l);
  mote_error_t err;
  mote_tensor_t base_in;
  int i, k, right = 0, right_blend = 0;
  for (k = 0; k < 2; k++) {
    memset(&heads[k], 0, sizeof heads[k]);
    heads[k].what = k == 0 ? "float32" : "int8";
    heads[k].flags = k == 0 ? MOTE_EXPORT_FLOAT32 : MOTE_EXPORT_INT8;
    heads[k].buf = bufs[k];
    if (open_export(l, &heads[k], arenas[k]) != 0) {
      return;
    }
  }
  CHECK(mote_interp_input(&g_base, 0, &base_in) == MOTE_OK);
  g_seed = 4242;
  for (i = 0; i < samples + blends; i++) {
    static int8_t img[32 * 32 * 3];
    const int c = eval_input(i, samples, img);
    const int blend = i >= samples;
    uint32_t label = 0;
    memcpy(base_in.data, img, sizeof img);
    CHECK(mote_learner_predict_input(l, &label, NULL, 1, &err) == MOTE_OK);
    right += !blend && label == (uint32_t)(40 + c);
    right_blend += blend && label == (uint32_t)(40 + c);
    for (k = 0; k < 2; k++) {
      head_run_t *h = &heads[k];
      uint32_t got;
      memcpy(h->in.data, img, sizeof img);
      CHECK(mote_interp_invoke(&h->interp, &err) == MOTE_OK);
      got = argmax(&h->out, classes);
      *(blend ? &h->agree_blend : &h->agree) += got == slot_of(l, label);
      *(blend ? &h->right_blend : &h->right) +=
          mote_learner_class_label(l, got) == (uint32_t)(40 + c);
      if (i < ORACLE_SAMPLES) {
        memcpy(h->saved[i], h->out.data, h->out.bytes);
      }
    }
    if (i < ORACLE_SAMPLES) {
      memcpy(g_inputs[i], img, sizeof img);
    }
  }
  printf("%s: learner right on %d of %d fresh inputs, %d of %d blends\n", what, right,
         samples, right_blend, blends);
  CHECK(right * 10 >= samples * 9);
  for (k = 0; k < 2; k++) {
    head_run_t *h = &heads[k];
    const int is_float = h->flags == MOTE_EXPORT_FLOAT32;
    int bad;
    memcpy(g_outputs, h->saved, sizeof g_outputs);
    bad = oracle_check(h->buf, h->written, h->in.bytes, (uint32_t)h->out.bytes, is_float);
    printf("  %s head: %lu bytes (base %lu), arena %lu; agrees with the learner on %d of %d "
           "fresh, %d of %d blends; right %d fresh, %d blends; TFLM: %s%d of %d differ\n",
           h->what, (unsigned long)h->written, (unsigned long)g_model_len,
           (unsigned long)mote_interp_arena_used_bytes(&h->interp), h->agree, samples,
           h->agree_blend, blends, h->right, h->right_blend, bad < 0 ? "no oracle, " : "",
           bad < 0 ? 0 : bad, ORACLE_SAMPLES);
    CHECK(bad == 0 || (bad < 0 && !mote_test_under_ci()));
    if (is_float) {
      CHECK_EQ_INT(h->agree, samples);
      CHECK(h->agree_blend * 100 >= blends * 99);
    } else {
      CHECK(h->agree * 10 >= samples * 9);
      CHECK(h->agree_blend * 10 >= blends * 8);
    }
  }
}

static void test_export_hidden(void) {
  mote_learner_t l;
  learn_classes(&l, 32, 48);
  /* The sanitized build (MOTE_CONFORMANCE_SMALL) checks fewer inputs: each
   * is a ResNet-8 invoke, some 25 ms under ASan. */
  check_exports(&l, "hidden 32", g_small ? SAMPLES / 4 : SAMPLES,
                g_small ? BLENDS / 10 : BLENDS);
}

static void test_export_linear(void) {
  mote_learner_t l;
  learn_classes(&l, 0, 48);
  check_exports(&l, "linear head", SAMPLES / 2, BLENDS / 2);
}

/* Cut at the pooling output, rank 4 ([1, 1, 1, 64]) before the flatten:
 * the float head's DEQUANTIZE output keeps that shape. */
static void test_export_rank4_cut(void) {
  mote_learner_t l;
  mote_tensor_t t;
  mote_model_t m;
  mote_error_t err;
  size_t written = 0;
  learn_classes_at(&l, RANK4_CUT, 16, 32);
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_FLOAT32, g_out, OUT_CAP, &written, &err) ==
        MOTE_OK);
  CHECK(mote_model_open(&m, g_out, written, &err) == MOTE_OK);
  CHECK_EQ_INT(mote_model_op_count(&m, 0), 13 + 4); /* up to AVERAGE_POOL_2D, then the head */
  CHECK(mote_model_tensor(&m, 0, mote_model_tensor_count(&m, 0) - 8u, &t) == MOTE_OK);
  CHECK(t.type == MOTE_TYPE_FLOAT32 && t.rank == 4 && t.dims[3] == 64);
  check_exports(&l, "rank-4 cut", 12, 12);
}

static void test_refusals(void) {
  mote_learner_config_t cfg;
  mote_learner_t l, bare;
  mote_error_t err;
  size_t need = 0, written = 7;
  char number[32];

  mote_learner_config_default(&cfg);
  CHECK(mote_learner_config_for_cut(&cfg, &g_base, g_cut, &err) == MOTE_OK);
  cfg.hidden_units = 8;
  cfg.max_classes = 4;
  CHECK(mote_learner_init(&l, &cfg, &g_base, g_cut, g_mem, sizeof g_mem, &err) == MOTE_OK);
  /* No class yet. */
  CHECK(mote_learner_export_bytes(&l, MOTE_EXPORT_FLOAT32, &need, &err) == MOTE_ERR_BAD_STATE);
  CHECK(strstr(err.message, "no class") != NULL);
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_INT8, g_out, sizeof g_out, &written,
                                   &err) == MOTE_ERR_BAD_STATE);
  CHECK_EQ_INT(written, 0);
  {
    int8_t f[64];
    memset(f, 3, sizeof f);
    CHECK(mote_learner_learn(&l, f, sizeof f, 9, &err) == MOTE_OK);
  }
  /* Flags. */
  CHECK(mote_learner_export_bytes(&l, 0, &need, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_export_bytes(&l, MOTE_EXPORT_INT8 | MOTE_EXPORT_FLOAT32, &need, &err) ==
        MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_export_bytes(&l, 4, &need, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_export_tflite(&l, 0x11, g_out, sizeof g_out, &written, &err) ==
        MOTE_ERR_BAD_ARG);
  CHECK(strstr(err.message, "flags") != NULL);
  /* NULLs. */
  CHECK(mote_learner_export_bytes(NULL, MOTE_EXPORT_INT8, &need, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_export_bytes(&l, MOTE_EXPORT_INT8, NULL, &err) == MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_INT8, NULL, 10, &written, &err) ==
        MOTE_ERR_BAD_ARG);
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_INT8, g_out, 10, NULL, &err) ==
        MOTE_ERR_BAD_ARG);
  /* Too small, by one byte and by everything. */
  CHECK(mote_learner_export_bytes(&l, MOTE_EXPORT_INT8, &need, &err) == MOTE_OK);
  CHECK(need > g_model_len);
  snprintf(number, sizeof number, "%lu bytes", (unsigned long)need);
  memset(g_out, 0, sizeof g_out);
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_INT8, g_out, need - 1u, &written, &err) ==
        MOTE_ERR_CAPACITY);
  CHECK(strstr(err.message, number) != NULL);
  CHECK_EQ_INT(written, 0);
  CHECK(g_out[0] == 0 && g_out[need / 2u] == 0 && g_out[need - 2u] == 0); /* untouched */
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_INT8, g_out, 0, &written, &err) ==
        MOTE_ERR_CAPACITY);
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_INT8, g_out, need, &written, &err) ==
        MOTE_OK);
  CHECK_EQ_INT(written, need);
  /* Without an interpreter there is no base to export. */
  CHECK(mote_learner_init(&bare, &cfg, NULL, g_cut, g_mem, sizeof g_mem, &err) == MOTE_OK);
  {
    int8_t f[64];
    memset(f, 3, sizeof f);
    CHECK(mote_learner_learn(&bare, f, sizeof f, 9, &err) == MOTE_OK);
  }
  CHECK(mote_learner_export_bytes(&bare, MOTE_EXPORT_FLOAT32, &need, &err) ==
        MOTE_ERR_BAD_STATE);
  /* An int8 head needs calibration data: no replay buffer, no int8. */
  cfg.replay_capacity = 0;
  CHECK(mote_learner_init(&l, &cfg, &g_base, g_cut, g_mem, sizeof g_mem, &err) == MOTE_OK);
  {
    int8_t f[64];
    memset(f, 3, sizeof f);
    CHECK(mote_learner_learn(&l, f, sizeof f, 9, &err) == MOTE_OK);
  }
  CHECK(mote_learner_export_bytes(&l, MOTE_EXPORT_INT8, &need, &err) == MOTE_ERR_BAD_STATE);
  CHECK(strstr(err.message, "replay") != NULL);
  CHECK(mote_learner_export_bytes(&l, MOTE_EXPORT_FLOAT32, &need, &err) == MOTE_OK);
}

/* A float base x[1,3] -> FC (weights external, after the flatbuffer at
 * `offset`) -> h[1,4] -> FC -> y[1,2]: the cut is h. The flatbuffer only;
 * the caller appends the external weights. */
static const float kW1[12] = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, -1, 0.5f};
static uint8_t *build_external(uint64_t offset, size_t *len) {
  static const float b1[4] = {0.1f, 0, 0, -0.2f}, w2[8] = {1, 1, 1, 1, -1, 1, -1, 1};
  static const float b2[2] = {0, 0};
  int32_t xs[2] = {1, 3}, ws[2] = {4, 3}, bs[1] = {4}, hs[2] = {1, 4};
  int32_t w2s[2] = {2, 4}, b2s[1] = {2}, ys[2] = {1, 2};
  tfb_model_t *m = tfb_new();
  uint8_t *out = NULL;
  int32_t ins[3], outs[1];
  int x, y, fc, wb;
  wb = tfb_add_buffer(m, NULL, 0);
  tfb_set_buffer_external(m, wb, offset, sizeof kW1);
  x = tfb_add_tensor(m, "x", 0, xs, 2, 0, NULL, NULL, 0, 0, false);
  ins[1] = tfb_add_tensor(m, "w1", 0, ws, 2, wb, NULL, NULL, 0, 0, false);
  ins[2] = tfb_add_tensor(m, "b1", 0, bs, 1, tfb_add_buffer(m, b1, sizeof b1), NULL, NULL, 0,
                          0, false);
  outs[0] = tfb_add_tensor(m, "h", 0, hs, 2, 0, NULL, NULL, 0, 0, false);
  fc = tfb_add_opcode(m, 9, NULL, 1);
  ins[0] = x;
  tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, NULL, NULL, 0);
  ins[0] = outs[0];
  ins[1] = tfb_add_tensor(m, "w2", 0, w2s, 2, tfb_add_buffer(m, w2, sizeof w2), NULL, NULL, 0,
                          0, false);
  ins[2] = tfb_add_tensor(m, "b2", 0, b2s, 1, tfb_add_buffer(m, b2, sizeof b2), NULL, NULL, 0,
                          0, false);
  y = tfb_add_tensor(m, "y", 0, ys, 2, 0, NULL, NULL, 0, 0, false);
  outs[0] = y;
  tfb_add_op(m, fc, ins, 3, outs, 1, TFB_OPTIONS_FULLY_CONNECTED, NULL, NULL, 0);
  tfb_set_io(m, &x, 1, &y, 1);
  if (tfb_finish(m, &out, len) != 0) {
    fprintf(stderr, "builder: %s\n", tfb_error(m));
  }
  tfb_free(m);
  return out;
}

static void test_export_external_buffers(void) {
  static uint8_t file[4096] __attribute__((aligned(16)));
  static uint8_t arena_mem[2][8192] __attribute__((aligned(16)));
  size_t fb_len = 0, len = 0, total, written = 0, need = 0;
  uint8_t *fb = build_external(0x7FFFFFF0u, &fb_len);
  mote_model_t base, exported;
  mote_arena_t arena[2];
  mote_interp_t in, ex;
  mote_learner_config_t cfg;
  mote_learner_t l;
  mote_tensor_t x, y, h;
  mote_error_t err;
  uint32_t cut = 0;
  int i, close = 0;
  const uint64_t offset = (fb_len + 15u) & ~(size_t)15u;
  free(fb);
  fb = build_external(offset, &len);
  CHECK(fb != NULL && len == fb_len);
  if (fb == NULL || len != fb_len) {
    free(fb);
    return;
  }
  total = (size_t)offset + sizeof kW1;
  memcpy(file, fb, len);
  memcpy(file + offset, kW1, sizeof kW1);
  free(fb);
  CHECK(mote_model_open(&base, file, total, &err) == MOTE_OK);
  mote_arena_init(&arena[0], arena_mem[0], sizeof arena_mem[0]);
  CHECK(mote_interp_init(&in, &base, &g_resolver, &arena[0], &err) == MOTE_OK);
  CHECK(mote_learner_find_cut(&in, NULL, &cut, &err) == MOTE_OK);
  CHECK(mote_interp_keep_tensor(&in, cut, &err) == MOTE_OK);
  CHECK(mote_interp_prepare(&in, &err) == MOTE_OK);
  mote_learner_config_default(&cfg);
  CHECK(mote_learner_config_for_cut(&cfg, &in, cut, &err) == MOTE_OK);
  CHECK(cfg.feature_type == MOTE_TYPE_FLOAT32 && cfg.feature_count == 4);
  cfg.hidden_units = 5;
  CHECK(mote_learner_init(&l, &cfg, &in, cut, g_mem, sizeof g_mem, &err) == MOTE_OK);
  CHECK(mote_interp_input(&in, 0, &x) == MOTE_OK);
  for (i = 0; i < 60; i++) {
    float *v = (float *)x.data;
    const int c = i % 3;
    v[0] = (c == 0 ? 2.0f : 0.0f) + (float)(rnd() % 100u) / 200.0f;
    v[1] = (c == 1 ? 2.0f : 0.0f) + (float)(rnd() % 100u) / 200.0f;
    v[2] = (c == 2 ? 2.0f : 0.0f) + (float)(rnd() % 100u) / 200.0f;
    CHECK(mote_learner_learn_input(&l, (uint32_t)c, &err) == MOTE_OK);
  }
  CHECK(mote_learner_export_bytes(&l, MOTE_EXPORT_INT8, &need, &err) ==
        MOTE_ERR_UNSUPPORTED_TYPE);
  CHECK(mote_learner_export_bytes(&l, MOTE_EXPORT_FLOAT32, &need, &err) == MOTE_OK);
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_FLOAT32, g_out, sizeof g_out, &written,
                                   &err) == MOTE_OK);
  CHECK_EQ_INT(written, need);
  if (mote_model_open(&exported, g_out, written, &err) != MOTE_OK) {
    fprintf(stderr, "external: exported model refused: %s\n", err.message);
    CHECK(0);
    return;
  }
  /* The weights tensor still reads the appended bytes, in the copy. */
  CHECK(mote_model_tensor(&exported, 0, 1, &h) == MOTE_OK);
  CHECK(h.data != NULL && memcmp(h.data, kW1, sizeof kW1) == 0);
  CHECK(h.data == g_out + (written - total) + offset);
  mote_arena_init(&arena[1], arena_mem[1], sizeof arena_mem[1]);
  CHECK(mote_interp_init(&ex, &exported, &g_resolver, &arena[1], &err) == MOTE_OK);
  CHECK(mote_interp_prepare(&ex, &err) == MOTE_OK);
  CHECK(mote_interp_output(&ex, 0, &y) == MOTE_OK);
  CHECK_EQ_INT(y.bytes, 3 * 4);
  for (i = 0; i < ORACLE_SAMPLES; i++) {
    float want[3], got[3];
    mote_tensor_t xe;
    int k;
    for (k = 0; k < 3; k++) {
      ((float *)x.data)[k] = (float)(rnd() % 300u) / 100.0f;
    }
    CHECK(mote_interp_input(&ex, 0, &xe) == MOTE_OK);
    memcpy(xe.data, x.data, 12);
    CHECK(mote_interp_invoke_until(&in, (int32_t)cut, &err) == MOTE_OK);
    CHECK(mote_interp_tensor(&in, cut, &h) == MOTE_OK);
    CHECK(mote_learner_scores(&l, h.data, h.bytes, want, 3, &err) == MOTE_OK);
    CHECK(mote_interp_invoke(&ex, &err) == MOTE_OK);
    memcpy(got, y.data, sizeof got);
    for (k = 0; k < 3; k++) {
      close += fabsf(got[k] - want[k]) <= 1e-5f;
    }
  }
  CHECK_EQ_INT(close, 3 * ORACLE_SAMPLES);
  printf("float base with external weights: exported %lu bytes; matches the learner's "
         "scores on %d of %d\n",
         (unsigned long)written, close, 3 * ORACLE_SAMPLES);

  /* Cut at the model input: no base operator is kept, the head reads the
   * input (a linear head, fed features directly). */
  mote_arena_init(&arena[0], arena_mem[0], sizeof arena_mem[0]);
  CHECK(mote_interp_init(&in, &base, &g_resolver, &arena[0], &err) == MOTE_OK);
  CHECK(mote_interp_keep_tensor(&in, 0, &err) == MOTE_OK);
  CHECK(mote_interp_prepare(&in, &err) == MOTE_OK);
  mote_learner_config_default(&cfg);
  CHECK(mote_learner_config_for_cut(&cfg, &in, 0, &err) == MOTE_OK);
  CHECK(mote_learner_init(&l, &cfg, &in, 0, g_mem, sizeof g_mem, &err) == MOTE_OK);
  for (i = 0; i < 30; i++) {
    float v[3] = {0, 0, 0};
    v[i % 2] = 1.0f + (float)(rnd() % 100u) / 100.0f;
    CHECK(mote_learner_learn(&l, v, sizeof v, (uint32_t)(i % 2), &err) == MOTE_OK);
  }
  CHECK(mote_learner_export_tflite(&l, MOTE_EXPORT_FLOAT32, g_out, sizeof g_out, &written,
                                   &err) == MOTE_OK);
  CHECK(mote_model_open(&exported, g_out, written, &err) == MOTE_OK);
  CHECK_EQ_INT(mote_model_op_count(&exported, 0), 2); /* FULLY_CONNECTED, SOFTMAX */
  mote_arena_init(&arena[1], arena_mem[1], sizeof arena_mem[1]);
  CHECK(mote_interp_init(&ex, &exported, &g_resolver, &arena[1], &err) == MOTE_OK);
  CHECK(mote_interp_prepare(&ex, &err) == MOTE_OK);
  CHECK(mote_interp_input(&ex, 0, &x) == MOTE_OK);
  CHECK(mote_interp_output(&ex, 0, &y) == MOTE_OK);
  CHECK_EQ_INT(y.bytes, 2 * 4);
  close = 0;
  for (i = 0; i < 8; i++) {
    float v[3], want[2];
    int k;
    for (k = 0; k < 3; k++) {
      v[k] = (float)(rnd() % 200u) / 100.0f;
    }
    memcpy(x.data, v, sizeof v);
    CHECK(mote_learner_scores(&l, v, sizeof v, want, 2, &err) == MOTE_OK);
    CHECK(mote_interp_invoke(&ex, &err) == MOTE_OK);
    for (k = 0; k < 2; k++) {
      close += fabsf(((const float *)y.data)[k] - want[k]) <= 1e-5f;
    }
  }
  CHECK_EQ_INT(close, 16);
}

static int setup_base(void) {
  char path[1024];
  mote_error_t err;
  snprintf(path, sizeof path, "%s/mlperf_ic_resnet8_int8.tflite", mote_test_models_dir());
  g_model_bytes = mote_test_read_file(path, &g_model_len);
  if (g_model_bytes == NULL) {
    return -1;
  }
  mote_resolver_init(&g_resolver, g_entries, 128);
  if (mote_model_open(&g_model, g_model_bytes, g_model_len, &err) != MOTE_OK ||
      mote_resolver_add_builtins(&g_resolver) != MOTE_OK) {
    return -1;
  }
  mote_arena_init(&g_base_arena, g_arena, sizeof g_arena);
  if (mote_interp_init(&g_base, &g_model, &g_resolver, &g_base_arena, &err) != MOTE_OK ||
      mote_learner_find_cut(&g_base, NULL, &g_cut, &err) != MOTE_OK ||
      mote_interp_keep_tensor(&g_base, g_cut, &err) != MOTE_OK ||
      mote_interp_keep_tensor(&g_base, RANK4_CUT, &err) != MOTE_OK ||
      mote_interp_prepare(&g_base, &err) != MOTE_OK) {
    return -1;
  }
  return 0;
}

int main(void) {
  if (setup_base() != 0) {
    if (!mote_test_under_ci()) {
      printf("no usable %s/mlperf_ic_resnet8_int8.tflite: 0 passed, 0 failed, 1 skipped\n",
             mote_test_models_dir());
      return 0;
    }
    printf("0 passed, 1 failed (the shared models are required under CI)\n");
    return 1;
  }
  g_small = getenv("MOTE_CONFORMANCE_SMALL") != NULL;
  MOTE_RUN(test_refusals);
  MOTE_RUN(test_export_hidden);
  if (!g_small) { /* the sanitized build runs one head shape */
    MOTE_RUN(test_export_linear);
    MOTE_RUN(test_export_rank4_cut);
  }
  MOTE_RUN(test_export_external_buffers);
  free(g_model_bytes);
  return MOTE_TEST_END();
}
