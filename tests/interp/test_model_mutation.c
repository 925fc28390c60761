/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Model bytes that change after open (a RAM buffer reused, a flash region
 * rewritten) must never make the runtime read or write out of bounds or
 * hang: invoke runs on the structure prepare copied into the arena, and
 * reads only weights, within the sizes verified at open, from the model.
 * Wrong numbers are allowed; a crash, a sanitizer report or a hang is not
 * (the test finishing under ASan/UBSan is the proof; alarm() turns a hang
 * into a failure).
 *
 * For each model: open, record the CRC, prepare in an arena of exactly the
 * size it needs (so ASan sees a byte past it), run the golden case; then,
 * between invokes, rewrite the caller's copy of the bytes (random bytes
 * everywhere, all zero, all 0xFF, zeroed regions, the whole buffer shifted
 * either way, a region copied over another, random and small words at
 * aligned places, a random header) and, with random inputs written through
 * the interpreter's input views, invoke twice, reset state, read every
 * output. Each call must return a mote status. Restoring the bytes must
 * give the golden output again and pass mote_model_check_unchanged.
 *
 * Models: the repository's sine model (its own first output is the
 * golden one) and small shared models covering the op families (FC, conv,
 * depthwise, pools, softmax, the signal ops of the audio front end, SVDF,
 * LSTM), from ../shared/models or MOTE_MODELS_DIR as the conformance test
 * reads them; missing shared models skip with a note (fail under CI).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format/tflite.h"
#include "mote/signal_ops.h"
#include "support.h"
#include "test.h"

/* Seconds the whole test may take before SIGALRM ends it as a hang. */
#define HANG_SECONDS 1200u

enum {
  MUT_RANDOM,
  MUT_ZERO,
  MUT_ONES,
  MUT_ZERO_REGIONS,
  MUT_SHIFT_UP,
  MUT_SHIFT_DOWN,
  MUT_COPY_REGION,
  MUT_RANDOM_WORDS,
  MUT_SMALL_WORDS,
  MUT_HEADER,
  MUT_COUNT
};

static const char *const kMutName[MUT_COUNT] = {
    "random bytes", "all zero",   "all 0xFF",     "zeroed regions",
    "shifted up",   "shifted down", "copied region", "random words",
    "small words",  "random header"};

#define SEEDS_PER_MUTATION 3

typedef struct golden {
  uint32_t n_in, n_out;
  uint8_t *in[8];
  size_t in_len[8];
  uint8_t *out[8];
  size_t out_len[8];
} golden_t;

static uint32_t rng_next(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static size_t rng_below(uint32_t *s, size_t n) {
  return n == 0 ? 0 : (size_t)rng_next(s) % n;
}

static void mutate(uint8_t *b, size_t len, int kind, uint32_t *s) {
  size_t i, k, n, from, to;
  switch (kind) {
  case MUT_RANDOM:
    for (i = 0; i < len; i++) {
      b[i] = (uint8_t)rng_next(s);
    }
    break;
  case MUT_ZERO:
    memset(b, 0, len);
    break;
  case MUT_ONES:
    memset(b, 0xFF, len);
    break;
  case MUT_ZERO_REGIONS:
    for (k = 0; k < 8; k++) {
      n = 1 + rng_below(s, len / 16 + 1);
      from = rng_below(s, len - (n < len ? n : len) + 1);
      memset(b + from, 0, n < len - from ? n : len - from);
    }
    break;
  case MUT_SHIFT_UP:   /* offsets now point 4..64 bytes early */
  case MUT_SHIFT_DOWN: /* ... or late */
    n = 4u * (1u + rng_below(s, 16));
    if (n < len) {
      if (kind == MUT_SHIFT_UP) {
        memmove(b + n, b, len - n);
      } else {
        memmove(b, b + n, len - n);
      }
    }
    break;
  case MUT_COPY_REGION:
    n = 1 + rng_below(s, len / 4);
    from = rng_below(s, len - n + 1) & ~(size_t)3u;
    to = rng_below(s, len - n + 1) & ~(size_t)3u;
    memmove(b + to, b + from, n);
    break;
  case MUT_RANDOM_WORDS:
  case MUT_SMALL_WORDS:
    /* Small words look like lengths, indices and offsets that still
     * point inside the buffer; random ones like anything. */
    for (k = 0; k < 512 && len >= 4; k++) {
      uint32_t v = rng_next(s);
      if (kind == MUT_SMALL_WORDS) {
        v = (uint32_t)rng_below(s, 4 * len / 3 + 8) - 4u;
      }
      i = rng_below(s, len / 4) * 4;
      memcpy(b + i, &v, 4);
    }
    break;
  default: /* MUT_HEADER: the root table, vtables and vectors up front */
    n = len / 4 < 4096 ? len / 4 : 4096;
    for (i = 0; i < n; i++) {
      b[i] = (uint8_t)rng_next(s);
    }
    break;
  }
}

static int valid_status(mote_status_t st) {
  return st <= 0 && st >= MOTE_ERR_MODEL_CHANGED;
}

static uint8_t *read_case_file(const char *dir, const char *what, uint32_t i,
                               size_t *len) {
  char path[1200];
  snprintf(path, sizeof path, "%s/%s_%u.bin", dir, what, (unsigned)i);
  return mote_test_read_file(path, len);
}

static void free_golden(golden_t *g) {
  uint32_t i;
  for (i = 0; i < 8; i++) {
    free(g->in[i]);
    free(g->out[i]);
  }
}

/* Writes the golden inputs and invokes; MOTE_OK and outputs compared. */
static mote_status_t run_golden(mote_interp_t *in, const golden_t *g,
                                uint32_t *mismatches, mote_error_t *err) {
  mote_status_t st;
  uint32_t i;
  *mismatches = 0;
  for (i = 0; i < g->n_in; i++) {
    mote_tensor_t t;
    if (mote_interp_input(in, i, &t) != MOTE_OK || t.bytes != g->in_len[i]) {
      return MOTE_ERR_BAD_SHAPE;
    }
    memcpy(t.data, g->in[i], t.bytes);
  }
  st = mote_interp_invoke(in, err);
  for (i = 0; st == MOTE_OK && i < g->n_out; i++) {
    mote_tensor_t t;
    mote_test_cmp_t cmp;
    if (g->out[i] == NULL) {
      continue; /* no reference yet: the run that makes it */
    }
    if (mote_interp_output(in, i, &t) != MOTE_OK ||
        t.bytes != g->out_len[i]) {
      return MOTE_ERR_BAD_SHAPE;
    }
    memset(&cmp, 0, sizeof cmp);
    mote_test_compare((mote_type_t)t.type, t.data, g->out[i], t.bytes, &cmp);
    *mismatches += cmp.mismatches;
  }
  return st;
}

/* The inputs' and outputs' views as prepared (data and bytes). */
typedef struct io_shape {
  uint32_t n_in, n_out;
  void *data[16];
  uint32_t bytes[16];
} io_shape_t;

static void note_io(const mote_interp_t *in, io_shape_t *io) {
  uint32_t i;
  io->n_in = mote_interp_input_count(in);
  io->n_out = mote_interp_output_count(in);
  for (i = 0; i < io->n_in + io->n_out && i < 16; i++) {
    mote_tensor_t t;
    memset(&t, 0, sizeof t);
    if (i < io->n_in) {
      CHECK_EQ_INT(mote_interp_input(in, i, &t), MOTE_OK);
    } else {
      CHECK_EQ_INT(mote_interp_output(in, i - io->n_in, &t), MOTE_OK);
    }
    io->data[i] = t.data;
    io->bytes[i] = t.bytes;
  }
}

/* A view of input or output i after the bytes changed: OK, or
 * MOTE_ERR_MODEL_CHANGED; either way the prepared memory. */
static int changed_view(const mote_interp_t *in, const io_shape_t *io,
                        uint32_t i, mote_tensor_t *t) {
  const mote_status_t st =
      i < io->n_in ? mote_interp_input(in, i, t)
                   : mote_interp_output(in, i - io->n_in, t);
  CHECK(st == MOTE_OK || st == MOTE_ERR_MODEL_CHANGED);
  CHECK(t->data == io->data[i] && t->bytes == io->bytes[i]);
  return st == MOTE_ERR_MODEL_CHANGED;
}

typedef struct tally {
  int invokes;
  int failed;        /* invokes that returned a status other than OK */
  int views_changed; /* views that reported MOTE_ERR_MODEL_CHANGED */
} tally_t;

/* One mutated round: random inputs through the views, two invokes, a
 * state reset, every output read. */
static void mutated_round(mote_interp_t *in, const io_shape_t *io,
                          uint32_t *s, tally_t *tally) {
  volatile uint8_t sink = 0;
  int round;
  uint32_t i, k;
  for (round = 0; round < 2; round++) {
    mote_error_t err;
    mote_status_t st;
    for (i = 0; i < io->n_in && i < 16; i++) {
      mote_tensor_t t;
      tally->views_changed += changed_view(in, io, i, &t);
      for (k = 0; k < t.bytes; k++) {
        ((uint8_t *)t.data)[k] = (uint8_t)rng_next(s);
      }
    }
    memset(&err, 0, sizeof err);
    in->model_reads_ = 0;
    st = mote_interp_invoke(in, &err);
    CHECK(valid_status(st));
    CHECK(st == MOTE_OK || err.status == st);
    CHECK_EQ_INT(in->model_reads_, 0);
    tally->invokes++;
    tally->failed += st != MOTE_OK;
    for (i = io->n_in; i < io->n_in + io->n_out && i < 16; i++) {
      mote_tensor_t t;
      tally->views_changed += changed_view(in, io, i, &t);
      for (k = 0; k < t.bytes; k++) {
        sink = (uint8_t)(sink ^ ((const uint8_t *)t.data)[k]);
      }
    }
  }
  CHECK_EQ_INT(mote_interp_reset_state(in), MOTE_OK);
  /* Names and descriptions are strings in the model: each must still end
   * inside the buffer. */
  {
    mote_tensor_t t;
    const mote_status_t st = mote_interp_tensor_by_name(in, "no such", &t);
    CHECK(st == MOTE_ERR_BAD_ARG || st == MOTE_OK ||
          st == MOTE_ERR_MODEL_CHANGED);
    for (i = 0; i < in->tensor_count_; i++) {
      sink = (uint8_t)(sink ^ (uint8_t)strlen(
                                  mote_model_tensor_name(in->model_, 0, i)));
    }
    sink = (uint8_t)(sink ^ (uint8_t)strlen(mote_model_description(in->model_)));
  }
  (void)sink;
}

/* The arena an interpreter of `model` needs, from a prepare in a large
 * one; 0 when it does not prepare. */
static size_t arena_needed(const mote_model_t *model, mote_resolver_t *r) {
  const size_t big = 8u * 1024u * 1024u;
  uint8_t *mem = (uint8_t *)malloc(big);
  mote_arena_t arena;
  mote_interp_t in;
  size_t need = 0;
  if (mem == NULL) {
    return 0;
  }
  mote_arena_init(&arena, mem, big);
  if (mote_interp_init(&in, model, r, &arena, NULL) == MOTE_OK &&
      mote_interp_prepare(&in, NULL) == MOTE_OK) {
    need = mote_interp_arena_used_bytes(&in);
  }
  free(mem);
  return need;
}

static void run_model(const char *name, const char *path,
                      const char *case_dir, uint32_t model_seed) {
  mote_resolver_entry_t
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t resolver;
  mote_model_t model;
  mote_arena_t arena;
  mote_interp_t in;
  mote_error_t err;
  golden_t g;
  size_t len = 0, need;
  uint8_t *pristine = mote_test_read_file(path, &len);
  uint8_t *bytes = NULL;
  uint8_t *arena_mem = NULL;
  void *mem = NULL;
  uint32_t mism = 0, i;
  int kind, seed;
  tally_t tally;
  io_shape_t io;
  memset(&g, 0, sizeof g);
  memset(&tally, 0, sizeof tally);
  CHECK(pristine != NULL);
  if (pristine == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    return;
  }
  /* Exactly `len` bytes, so that a read one past the model is caught. */
  if (posix_memalign(&mem, 16, len) != 0) {
    CHECK(0);
    free(pristine);
    return;
  }
  bytes = (uint8_t *)mem;
  memcpy(bytes, pristine, len);
  mote_resolver_init(&resolver, entries,
                     MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS);
  mote_resolver_add_builtins(&resolver);
  mote_resolver_add_signal_ops(&resolver);
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, &err), MOTE_OK);
  CHECK_EQ_INT(mote_model_record_crc(&model, &err), MOTE_OK);
  need = arena_needed(&model, &resolver);
  CHECK(need > 0);
  mem = NULL;
  if (need == 0 || posix_memalign(&mem, 16, need) != 0) {
    free(bytes);
    free(pristine);
    return;
  }
  arena_mem = (uint8_t *)mem;
  mote_arena_init(&arena, arena_mem, need);
  CHECK_EQ_INT(mote_interp_init(&in, &model, &resolver, &arena, &err), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, &err), MOTE_OK);

  g.n_in = mote_interp_input_count(&in);
  g.n_out = mote_interp_output_count(&in);
  CHECK(g.n_in <= 8 && g.n_out <= 8);
  for (i = 0; i < g.n_in && i < 8; i++) {
    mote_tensor_t t;
    CHECK_EQ_INT(mote_interp_input(&in, i, &t), MOTE_OK);
    if (case_dir != NULL) {
      g.in[i] = read_case_file(case_dir, "input", i, &g.in_len[i]);
    } else { /* the sine model: x = 1.0 quantized, any fixed bytes do */
      g.in[i] = (uint8_t *)calloc(t.bytes + 1u, 1);
      g.in_len[i] = t.bytes;
      if (g.in[i] != NULL) {
        memset(g.in[i], 0x2A, t.bytes);
      }
    }
    CHECK(g.in[i] != NULL);
  }
  for (i = 0; i < g.n_out && i < 8; i++) {
    if (case_dir != NULL) {
      g.out[i] = read_case_file(case_dir, "output", i, &g.out_len[i]);
      CHECK(g.out[i] != NULL);
    }
  }
  if (case_dir == NULL) { /* first output is the reference */
    CHECK_EQ_INT(run_golden(&in, &g, &mism, &err), MOTE_OK);
    for (i = 0; i < g.n_out && i < 8; i++) {
      mote_tensor_t t;
      CHECK_EQ_INT(mote_interp_output(&in, i, &t), MOTE_OK);
      g.out[i] = (uint8_t *)malloc(t.bytes + 1u);
      g.out_len[i] = t.bytes;
      if (g.out[i] != NULL) {
        memcpy(g.out[i], t.data, t.bytes);
      }
    }
    CHECK_EQ_INT(mote_interp_reset_state(&in), MOTE_OK);
  }
  CHECK_EQ_INT(run_golden(&in, &g, &mism, &err), MOTE_OK);
  CHECK_EQ_INT(mism, 0);
  note_io(&in, &io);

  for (kind = 0; kind < MUT_COUNT; kind++) {
    for (seed = 0; seed < SEEDS_PER_MUTATION; seed++) {
      uint32_t s = 0x9E3779B9u ^ (model_seed * 7919u) ^
                   ((uint32_t)kind * 104729u) ^ ((uint32_t)seed * 15485863u);
      mote_status_t st;
      mutate(bytes, len, kind, &s);
      if (memcmp(bytes, pristine, len) != 0) {
        CHECK_EQ_INT(mote_model_check_unchanged(&model, NULL),
                     MOTE_ERR_MODEL_CHANGED);
      }
      mutated_round(&in, &io, &s, &tally);
      /* Restored, the run is the golden one again. */
      memcpy(bytes, pristine, len);
      CHECK_EQ_INT(mote_model_check_unchanged(&model, NULL), MOTE_OK);
      CHECK_EQ_INT(mote_interp_reset_state(&in), MOTE_OK);
      memset(&err, 0, sizeof err);
      st = run_golden(&in, &g, &mism, &err);
      if (st != MOTE_OK || mism != 0) {
        fprintf(stderr, "%s after %s (seed %d): %s %s, %u mismatches\n",
                name, kMutName[kind], seed, mote_status_str(st), err.message,
                (unsigned)mism);
        CHECK(0);
      }
    }
  }
  {
    mote_memory_usage_t u;
    CHECK_EQ_INT(mote_interp_memory_usage(&in, &u), MOTE_OK);
    printf("  %-26s %d invokes on changed bytes: %2d failed cleanly, %3d "
           "views reported the change; golden again after each (arena %lu, "
           "persistent %lu bytes)\n",
           name, tally.invokes, tally.failed, tally.views_changed,
           (unsigned long)need, (unsigned long)u.persistent_bytes);
  }
  free_golden(&g);
  free(arena_mem);
  free(bytes);
  free(pristine);
}

/* The int32 dims of tensor `ti`'s shape in the model bytes. */
static int32_t *shape_of(const mote_model_t *m, uint8_t *bytes, uint32_t ti) {
  mote_fb_t fb = mote_model_fb(m);
  const uint32_t tt =
      mote_model_tensor_table(m, mote_model_subgraph_table(m, 0), ti);
  const uint32_t shape = mote_fb_ref(&fb, tt, MOTE_TENSOR_SHAPE);
  return (int32_t *)(void *)(bytes + shape + 4);
}

/* A shape rewritten after prepare is reported, and the views still
 * describe the memory prepare planned: the input's [1, 1] as [1, 7], an
 * activation's as 2^31 - 1 elements. */
static void test_changed_shape_reported(void) {
  size_t len = 0;
  uint8_t *bytes =
      mote_test_read_file(MOTE_SOURCE_DIR "/models/sine_int8.tflite", &len);
  static uint8_t arena_mem[4096] __attribute__((aligned(16)));
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_model_t model;
  mote_arena_t arena;
  mote_interp_t in;
  mote_tensor_t before, t;
  int32_t *dims;
  int32_t saved;
  uint32_t act = 0;
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  mote_resolver_init(&resolver, entries, MOTE_RESOLVER_BUILTINS);
  mote_resolver_add_builtins(&resolver);
  mote_arena_init(&arena, arena_mem, sizeof arena_mem);
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_interp_init(&in, &model, &resolver, &arena, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_interp_prepare(&in, NULL), MOTE_OK);
  CHECK_EQ_INT(mote_interp_input(&in, 0, &before), MOTE_OK);
  CHECK_EQ_INT(before.rank, 2);
  dims = shape_of(&model, bytes, before.index);
  CHECK_EQ_INT(dims[1], before.dims[1]);
  saved = dims[1];
  dims[1] = 7;
  CHECK_EQ_INT(mote_interp_input(&in, 0, &t), MOTE_ERR_MODEL_CHANGED);
  CHECK(t.data == before.data && t.bytes == before.bytes &&
        t.type == before.type && t.rank == 1 &&
        t.dims[0] == (int32_t)before.bytes && t.index == before.index);
  CHECK_EQ_INT(mote_interp_tensor(&in, before.index, &t),
               MOTE_ERR_MODEL_CHANGED);
  CHECK(t.data == before.data && t.bytes == before.bytes);
  CHECK_EQ_INT(mote_interp_invoke(&in, NULL), MOTE_OK);
  dims[1] = saved;
  CHECK_EQ_INT(mote_interp_input(&in, 0, &t), MOTE_OK);
  CHECK(t.rank == 2 && t.bytes == before.bytes);

  /* An activation that is neither input nor output: op 0's output. */
  CHECK_EQ_INT(mote_model_op_output(&model, 0, 0, 0) >= 0, 1);
  act = (uint32_t)mote_model_op_output(&model, 0, 0, 0);
  CHECK_EQ_INT(mote_interp_tensor(&in, act, &t), MOTE_OK);
  dims = shape_of(&model, bytes, act);
  saved = dims[1];
  dims[1] = 0x7FFFFFFF;
  CHECK_EQ_INT(mote_interp_tensor(&in, act, &t), MOTE_ERR_MODEL_CHANGED);
  CHECK_EQ_INT(t.bytes, 0);
  dims[1] = saved;
  CHECK_EQ_INT(mote_interp_tensor(&in, act, &t), MOTE_OK);
  free(bytes);
}

/* A name whose NUL is overwritten, up to the end of the buffer: the
 * accessors must not hand out a string that runs past it. */
static void test_string_without_nul(void) {
  size_t len = 0;
  uint8_t *bytes =
      mote_test_read_file(MOTE_SOURCE_DIR "/models/sine_int8.tflite", &len);
  mote_model_t model;
  const char *last = NULL;
  uint32_t i, n, found = 0;
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  CHECK_EQ_INT(mote_model_open(&model, bytes, len, NULL), MOTE_OK);
  n = mote_model_tensor_count(&model, 0);
  for (i = 0; i < n; i++) {
    const char *name = mote_model_tensor_name(&model, 0, i);
    if (name[0] != '\0' && (last == NULL || name > last)) {
      last = name;
    }
  }
  CHECK(last != NULL);
  if (last == NULL) {
    free(bytes);
    return;
  }
  memset((uint8_t *)(uintptr_t)last, 'A',
         len - (size_t)((const uint8_t *)last - bytes));
  for (i = 0; i < n; i++) {
    const char *name = mote_model_tensor_name(&model, 0, i);
    const uint8_t *p = (const uint8_t *)name;
    if (p >= bytes && p < bytes + len) {
      CHECK(memchr(p, 0, len - (size_t)(p - bytes)) != NULL);
      found++;
    }
  }
  CHECK(found + 1 < n + 1); /* at least the overwritten one is "" now */
  {
    uint32_t index;
    CHECK_EQ_INT(mote_model_tensor_find(&model, 0, "AAAA", &index),
                 MOTE_ERR_BAD_ARG);
  }
  free(bytes);
}

static void test_repo_sine(void) {
  run_model("sine_int8 (repo)", MOTE_SOURCE_DIR "/models/sine_int8.tflite",
            NULL, 1);
}

/* Small enough for the sanitizer build, and between them every op family
 * the shared models use. */
static const char *const kShared[] = {
    "hello_world_int8",         "hello_world_float",
    "micro_speech_quantized",   "mlperf_kws_dscnn_int8",
    "audio_preprocessor_int8",  "audio_preprocessor_float",
    "keyword_scrambled_8bit",   "keyword_scrambled",
    "mnist_lstm_int8",          "mnist_lstm_float",
    "micro_speech_lstm",        "dtln_noise_suppression",
    "mlperf_ic_resnet8_int8",   "mlperf_ad_autoencoder_int8",
    "mlperf_sww_int8",          "person_detect",
    "simple_add"};

/* The golden case of `dir` whose name sorts first, as `dir/name`. */
static int first_case(const char *dir, char *out, size_t cap) {
  DIR *d = opendir(dir);
  struct dirent *de;
  char best[256] = "";
  if (d == NULL) {
    return 0;
  }
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] != '.' &&
        (best[0] == '\0' || strcmp(de->d_name, best) < 0)) {
      snprintf(best, sizeof best, "%s", de->d_name);
    }
  }
  closedir(d);
  snprintf(out, cap, "%s/%s", dir, best);
  return best[0] != '\0';
}

static void test_shared_models(void) {
  size_t m;
  for (m = 0; m < sizeof kShared / sizeof kShared[0]; m++) {
    char path[1024], golden[1024], first[1200];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s.tflite", mote_test_models_dir(),
             kShared[m]);
    f = fopen(path, "rb");
    if (f == NULL) {
      fprintf(stderr, "  %s: not found under %s%s\n", kShared[m],
              mote_test_models_dir(),
              mote_test_under_ci() ? "" : " (skipped; set MOTE_MODELS_DIR)");
      CHECK(!mote_test_under_ci());
      continue;
    }
    fclose(f);
    snprintf(golden, sizeof golden, "%s/golden/%s", mote_test_models_dir(),
             kShared[m]);
    if (!first_case(golden, first, sizeof first)) {
      fprintf(stderr, "  %s: no golden case under %s\n", kShared[m], golden);
      CHECK(0);
      continue;
    }
    run_model(kShared[m], path, first, (uint32_t)m + 2u);
  }
}

int main(void) {
  alarm(HANG_SECONDS);
  MOTE_RUN(test_changed_shape_reported);
  MOTE_RUN(test_string_without_nul);
  MOTE_RUN(test_repo_sine);
  MOTE_RUN(test_shared_models);
  return MOTE_TEST_END();
}
