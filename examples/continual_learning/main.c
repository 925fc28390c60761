/* SPDX-License-Identifier: Apache-2.0 */
/*
 * continual_learning: teach a frozen int8 image model new classes on the
 * device, and keep what it learnt across power cycles.
 *
 *   example_continual_learning [--model BASE.tflite] STATE learn LABEL IMAGE...
 *   example_continual_learning [--model BASE.tflite] STATE predict IMAGE...
 *   example_continual_learning [--model BASE.tflite] STATE reset
 *
 * The base is MLPerf Tiny's ResNet-8 (CIFAR-10, int8, 32x32x3 input with
 * scale 1 and zero point -128, so a pixel p goes in as p - 128). The
 * learner (mote/train.h) trains a small float head on the 64 features
 * that feed the base's own classifier; the base itself never changes.
 * LABEL is any number; a new one becomes a new class, at any time, up to
 * MAX_CLASSES. IMAGEs are binary PGM or PPM files of any size (pnm.h:
 * grey is copied to R, G and B; other sizes are stretched to 32x32).
 *
 * Each run loads the learnt state from the file STATE, does its job and
 * (learn, reset) saves the state back. The file holds two slots, A and
 * B, through the A/B store (mote/ab_store.h): a save writes the slot
 * that does not hold the newest good state, so a power cut in the middle
 * of a save leaves the previous state loadable. On a device the two
 * slots are two flash sectors; here they are two halves of one file.
 *
 * The base comes from --model, else $MOTE_MODELS_DIR, else
 * ../shared/models (relative to the repository root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "pnm.h"

#define MODEL_FILE "mlperf_ic_resnet8_int8.tflite"
#define MAX_CLASSES 8
#define MAX_IMAGES 256
#define EPOCHS 5    /* passes over the images of one learn run */
#define TOP_K 3     /* classes printed per prediction */

/* ResNet-8 uses 38,896 bytes of arena (the kept features included); the
 * rest is room for another base (--model). The learner below takes 23,104
 * bytes, its state image 22,704. */
static uint8_t arena_buffer[160 * 1024] __attribute__((aligned(16)));
static uint8_t learner_mem[64 * 1024] __attribute__((aligned(16)));
static uint8_t state_buf[64 * 1024];
static uint8_t images[MAX_IMAGES][PNM_SIDE * PNM_SIDE * 3];

/* --- The two slots, backed by one file ------------------------------- */

/* The store's callbacks read and write the file at slot offsets. `hide`
 * makes one slot read as erased (all zero), which lets main() check each
 * slot alone through the public API. */
typedef struct slot_file {
  FILE *f;
  int hide; /* slot read as erased, or -1 */
  uint32_t slot_bytes;
} slot_file_t;

static mote_status_t file_read(void *user, uint32_t offset, void *buf,
                               uint32_t len) {
  slot_file_t *sf = (slot_file_t *)user;
  size_t got = 0;
  if (sf->hide < 0 || offset / sf->slot_bytes != (uint32_t)sf->hide) {
    if (fseek(sf->f, (long)offset, SEEK_SET) != 0) {
      return MOTE_ERR_KERNEL;
    }
    got = fread(buf, 1, len, sf->f);
  }
  /* Past the end of the file is storage never written: erased. */
  memset((uint8_t *)buf + got, 0, len - got);
  return MOTE_OK;
}

static mote_status_t file_write(void *user, uint32_t offset, const void *buf,
                                uint32_t len) {
  slot_file_t *sf = (slot_file_t *)user;
  if (fseek(sf->f, (long)offset, SEEK_SET) != 0 ||
      fwrite(buf, 1, len, sf->f) != len || fflush(sf->f) != 0) {
    return MOTE_ERR_KERNEL;
  }
  return MOTE_OK;
}

/* Slot k alone: 1 when it holds a good state (and sets its sequence
 * number), 0 when it is erased (never written: its header is all zero),
 * -1 when it is damaged. */
static int slot_state(const mote_ab_store_t *store, slot_file_t *sf, int k,
                      uint32_t *seq) {
  uint8_t hdr[MOTE_AB_HEADER_BYTES];
  uint32_t len, i, any = 0;
  mote_error_t err;
  mote_status_t st;
  sf->hide = 1 - k;
  st = mote_ab_load(store, state_buf, sizeof state_buf, &len, seq, &err);
  sf->hide = -1;
  if (st == MOTE_OK) {
    return 1;
  }
  file_read(sf, (uint32_t)k * sf->slot_bytes, hdr, sizeof hdr);
  for (i = 0; i < sizeof hdr; i++) {
    any |= hdr[i];
  }
  return any ? -1 : 0;
}

/* --- Helpers ---------------------------------------------------------- */

static void usage(void) {
  fprintf(stderr,
          "usage: example_continual_learning [--model BASE.tflite] STATE "
          "learn LABEL IMAGE...\n"
          "       example_continual_learning [--model BASE.tflite] STATE "
          "predict IMAGE...\n"
          "       example_continual_learning [--model BASE.tflite] STATE "
          "reset\n"
          "  STATE  learnt state (two A/B slots), created by the first learn\n"
          "  LABEL  class number, 0 to 4294967294; a new one is a new class\n"
          "  IMAGE  binary PGM (P5) or PPM (P6), stretched to 32x32\n");
}

static int fail(const char *what, const mote_error_t *err) {
  fprintf(stderr, "continual_learning: %s: %s (%s)\n", what, err->message,
          mote_status_str(err->status));
  return 1;
}

/* Reads a whole file into malloc'ed memory; NULL if it cannot. */
static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *data = NULL;
  long size;
  if (f == NULL) {
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
      fseek(f, 0, SEEK_SET) == 0) {
    data = (uint8_t *)malloc(size > 0 ? (size_t)size : 1);
    if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
      free(data);
      data = NULL;
    }
    *len = (size_t)size;
  }
  fclose(f);
  return data;
}

/* Decodes every IMAGE argument into images[]; 0 or 1 (said why). */
static int read_images(char **paths, int count) {
  int i;
  if (count > MAX_IMAGES) {
    fprintf(stderr, "continual_learning: at most %d images per run\n",
            MAX_IMAGES);
    return 1;
  }
  for (i = 0; i < count; i++) {
    char msg[160];
    size_t len = 0;
    uint8_t *bytes = read_file(paths[i], &len);
    int bad;
    if (bytes == NULL) {
      fprintf(stderr, "continual_learning: cannot read %s\n", paths[i]);
      return 1;
    }
    bad = pnm_read_rgb32(bytes, len, images[i], msg, sizeof msg);
    free(bytes);
    if (bad) {
      fprintf(stderr, "continual_learning: %s: %s\n", paths[i], msg);
      return 1;
    }
  }
  return 0;
}

/* The int8 input of ResNet-8 takes pixel p as p - 128. */
static void set_input(const mote_tensor_t *in, const uint8_t *rgb) {
  int8_t *q = (int8_t *)in->data;
  size_t i;
  for (i = 0; i < in->bytes; i++) {
    q[i] = (int8_t)(rgb[i] - 128);
  }
}

int main(int argc, char **argv) {
  const char *models = getenv("MOTE_MODELS_DIR");
  const char *model_path = NULL, *state_path, *cmd;
  char path[1024], *end;
  mote_model_t model;
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_tensor_t in;
  mote_error_t err;
  mote_learner_config_t cfg;
  mote_learner_t learner;
  mote_ab_store_t store;
  slot_file_t sf = {NULL, -1, 0};
  uint8_t *model_bytes = NULL;
  size_t model_len = 0, state_len = 0;
  uint32_t cut = 0, seq = 0, label = 0, seq_a = 0, seq_b = 0, len;
  unsigned long parsed = 0;
  int argi = 1, first_image, image_count, slot_a, slot_b, i, e, rc = 1;

  if (argc > 2 && strcmp(argv[1], "--model") == 0) {
    model_path = argv[2];
    argi = 3;
  }
  if (argc - argi < 2) {
    usage();
    return 2;
  }
  state_path = argv[argi];
  cmd = argv[argi + 1];
  first_image = argi + 2;
  if (strcmp(cmd, "learn") == 0 && argc - argi >= 4) {
    parsed = strtoul(argv[argi + 2], &end, 10);
    if (*end != '\0' || argv[argi + 2][0] == '-' ||
        parsed >= MOTE_LEARNER_NO_LABEL) {
      usage();
      return 2;
    }
    label = (uint32_t)parsed;
    first_image++;
  } else if (!(strcmp(cmd, "predict") == 0 && argc - argi >= 3) &&
             !(strcmp(cmd, "reset") == 0 && argc - argi == 2)) {
    usage();
    return 2;
  }
  image_count = argc - first_image;
  if (read_images(argv + first_image, image_count) != 0) {
    return 1;
  }

  /* 1. The base model, with the features it feeds its classifier kept
   *    (the "cut"; it would otherwise be overwritten in the arena). */
  if (model_path == NULL) {
    snprintf(path, sizeof path, "%s/%s",
             models != NULL && models[0] != '\0' ? models : "../shared/models",
             MODEL_FILE);
    model_path = path;
  }
  model_bytes = read_file(model_path, &model_len);
  if (model_bytes == NULL) {
    fprintf(stderr, "continual_learning: cannot read model %s (use --model)\n",
            model_path);
    return 1;
  }
  /* Every built-in kernel, for any base; a firmware registers only the
   * ones its model uses (see examples/person_detection). */
  if (mote_resolver_init(&resolver, entries, MOTE_RESOLVER_BUILTINS) !=
          MOTE_OK ||
      mote_resolver_add_builtins(&resolver) != MOTE_OK ||
      mote_arena_init(&arena, arena_buffer, sizeof arena_buffer) != MOTE_OK) {
    fprintf(stderr, "continual_learning: resolver or arena setup failed\n");
    goto done;
  }
  if (mote_model_open(&model, model_bytes, model_len, &err) != MOTE_OK ||
      mote_interp_init(&interp, &model, &resolver, &arena, &err) != MOTE_OK ||
      mote_learner_find_cut(&interp, NULL, &cut, &err) != MOTE_OK ||
      mote_interp_keep_tensor(&interp, cut, &err) != MOTE_OK ||
      mote_interp_prepare(&interp, &err) != MOTE_OK) {
    rc = fail(model_path, &err);
    goto done;
  }
  if (mote_interp_input(&interp, 0, &in) != MOTE_OK ||
      in.type != MOTE_TYPE_INT8 || in.bytes != sizeof images[0]) {
    fprintf(stderr, "continual_learning: %s: needs an int8 32x32x3 input\n",
            model_path);
    goto done;
  }

  /* 2. The learner: a head with 32 hidden units over the cut's features,
   *    replaying 48 stored feature vectors so old classes stay learnt. */
  mote_learner_config_default(&cfg);
  cfg.hidden_units = 32;
  cfg.max_classes = MAX_CLASSES;
  cfg.replay_capacity = 48;
  if (mote_learner_config_for_cut(&cfg, &interp, cut, &err) != MOTE_OK ||
      mote_learner_init(&learner, &cfg, &interp, cut, learner_mem,
                        sizeof learner_mem, &err) != MOTE_OK) {
    rc = fail("learner", &err);
    goto done;
  }

  /* 3. The state file: two slots, each big enough for the state image
   *    plus the store's header. */
  sf.slot_bytes = (uint32_t)(mote_learner_state_bytes(&learner) +
                             MOTE_AB_HEADER_BYTES + 1023u) & ~1023u;
  store.read = file_read;
  store.write = file_write;
  store.user = &sf;
  store.slot_bytes = sf.slot_bytes;
  sf.f = fopen(state_path, "r+b");
  if (sf.f == NULL) {
    if (strcmp(cmd, "predict") == 0) {
      fprintf(stderr, "continual_learning: %s: no state yet: learn first\n",
              state_path);
      goto done;
    }
    /* Both slots erased (zero), as a fresh flash area would be. */
    memset(state_buf, 0, sizeof state_buf);
    sf.f = fopen(state_path, "w+b");
    if (sf.f == NULL || file_write(&sf, 0, state_buf, sf.slot_bytes) != MOTE_OK ||
        file_write(&sf, sf.slot_bytes, state_buf, sf.slot_bytes) != MOTE_OK) {
      fprintf(stderr, "continual_learning: cannot create %s\n", state_path);
      goto done;
    }
    printf("%s: new state file (2 slots of %lu bytes)\n", state_path,
           (unsigned long)sf.slot_bytes);
  } else if (strcmp(cmd, "reset") != 0) {
    /* Each slot alone first, only to tell the user about a damaged one;
     * mote_ab_load alone already takes the newest good slot. */
    slot_a = slot_state(&store, &sf, 0, &seq_a);
    slot_b = slot_state(&store, &sf, 1, &seq_b);
    if (mote_ab_load(&store, state_buf, sizeof state_buf, &len, &seq,
                     &err) != MOTE_OK) {
      fprintf(stderr,
              "continual_learning: %s: no good state in either slot (%s); "
              "refusing to use it: run reset or delete the file\n",
              state_path, err.message);
      goto done;
    }
    if (slot_a < 0 || slot_b < 0) {
      fprintf(stderr,
              "continual_learning: %s: warning: slot %c is damaged; using "
              "slot %c (save %lu)\n",
              state_path, slot_a < 0 ? 'A' : 'B', slot_a < 0 ? 'B' : 'A',
              (unsigned long)seq);
    }
    if (mote_learner_load(&learner, state_buf, len, &err) != MOTE_OK) {
      rc = fail(state_path, &err);
      goto done;
    }
    printf("%s: loaded save %lu (slot %c): %lu classes, %lu replayed "
           "examples\n",
           state_path, (unsigned long)seq,
           slot_a == 1 && (slot_b != 1 || seq == seq_a) ? 'A' : 'B',
           (unsigned long)mote_learner_class_count(&learner),
           (unsigned long)mote_learner_replay_count(&learner));
  }

  /* 4. The command. */
  if (strcmp(cmd, "predict") == 0) {
    if (mote_learner_class_count(&learner) == 0) {
      fprintf(stderr, "continual_learning: %s: no class learnt yet\n",
              state_path);
      goto done;
    }
    for (i = 0; i < image_count; i++) {
      uint32_t labels[TOP_K];
      float probs[TOP_K];
      int k;
      set_input(&in, images[i]);
      if (mote_learner_predict_input(&learner, labels, probs, TOP_K, &err) !=
          MOTE_OK) {
        rc = fail(argv[first_image + i], &err);
        goto done;
      }
      printf("%s:", argv[first_image + i]);
      for (k = 0; k < TOP_K && labels[k] != MOTE_LEARNER_NO_LABEL; k++) {
        printf(" %lu (%.3f)", (unsigned long)labels[k], (double)probs[k]);
      }
      printf("\n");
    }
    rc = 0;
    goto done;
  }
  if (strcmp(cmd, "learn") == 0) {
    /* A few passes, one image per step: the base runs up to the cut and
     * the head takes one SGD step on its features plus replayed ones.
     * The base uses its input as scratch, so it is set before each step. */
    for (e = 0; e < EPOCHS; e++) {
      for (i = 0; i < image_count; i++) {
        set_input(&in, images[i]);
        if (mote_learner_learn_input(&learner, label, &err) != MOTE_OK) {
          rc = fail(argv[first_image + i], &err);
          goto done;
        }
      }
    }
    printf("learnt %d images of class %lu (%d passes), last loss %.3f; "
           "%lu classes\n",
           image_count, (unsigned long)label, EPOCHS,
           (double)mote_learner_last_loss(&learner),
           (unsigned long)mote_learner_class_count(&learner));
  } else {
    mote_learner_reset(&learner); /* reset: save a learner that knows nothing */
    printf("forgot everything\n");
  }
  if (mote_learner_save(&learner, state_buf, sizeof state_buf, &state_len,
                        &err) != MOTE_OK ||
      mote_ab_save(&store, state_buf, (uint32_t)state_len, &err) != MOTE_OK) {
    rc = fail(state_path, &err);
    goto done;
  }
  printf("%s: saved (%lu bytes)\n", state_path, (unsigned long)state_len);
  rc = 0;

done:
  if (sf.f != NULL) {
    fclose(sf.f);
  }
  free(model_bytes);
  return rc;
}
