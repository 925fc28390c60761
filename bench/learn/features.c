/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fashion-MNIST to base features, once. Each 28x28 gray image becomes the
 * base's 32x32x3 input by padding two pixels of 0 on every side (the
 * images' own background is 0, so the pad adds nothing the classes could
 * differ in, and no pixel is interpolated; a 28->32 resize would blur the
 * thin structures the classes differ by) and copying the gray into all
 * three channels; pixels are in the base's real units (0..255, MLPerf's
 * CIFAR-10 preprocessing) and quantised with the input tensor's scale and
 * zero point. mote runs the base up to the cut (invoke_until), and the
 * int8 features go to a cache file named after the MD5 of the model and
 * of the four data files and the per-class counts, so reruns skip the
 * base. This is a host tool: it pipes the data through gzip and md5sum
 * rather than link zlib.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn_bench.h"
#include "mote/mote.h"

#define CACHE_MAGIC 0x4642454cu /* "LEBF" */
#define ARENA_BYTES (256u * 1024u)

static const char *const k_files[4] = {
    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

static uint8_t g_arena[ARENA_BYTES] __attribute__((aligned(16)));

/* Whole output of a shell command (binary), or NULL. */
static uint8_t *run_read(const char *cmd, size_t *len) {
  FILE *p = popen(cmd, "r");
  size_t cap = 1u << 20;
  size_t n = 0;
  uint8_t *buf = malloc(cap);
  if (p == NULL || buf == NULL) {
    free(buf);
    if (p != NULL) {
      pclose(p);
    }
    return NULL;
  }
  for (;;) {
    size_t got;
    if (n == cap) {
      uint8_t *more = realloc(buf, cap * 2);
      if (more == NULL) {
        free(buf);
        pclose(p);
        return NULL;
      }
      buf = more;
      cap *= 2;
    }
    got = fread(buf + n, 1, cap - n, p);
    n += got;
    if (got == 0) {
      break;
    }
  }
  if (pclose(p) != 0) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

static uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* One IDX file (gzipped): images [n][28][28] or labels [n]. */
static uint8_t *read_idx(const char *dir, const char *name, uint32_t want_dims,
                         uint32_t *count) {
  char cmd[2048];
  size_t len = 0;
  uint8_t *raw;
  uint32_t head = 4u + 4u * want_dims;
  uint32_t per = want_dims == 3 ? 28u * 28u : 1u;
  snprintf(cmd, sizeof cmd, "gzip -dc '%s/%s'", dir, name);
  raw = run_read(cmd, &len);
  if (raw == NULL || len < head || be32(raw) != (0x800u | want_dims) ||
      (want_dims == 3 && (be32(raw + 8) != 28 || be32(raw + 12) != 28)) ||
      len != head + (size_t)be32(raw + 4) * per) {
    fprintf(stderr, "learn_bench: %s/%s is not a %u-dimensional IDX file of bytes\n", dir,
            name, want_dims);
    free(raw);
    return NULL;
  }
  *count = be32(raw + 4);
  memmove(raw, raw + head, len - head);
  return raw;
}

/* The first 12 hex digits of the MD5 of the model and the data files. */
static int cache_key(const char *model_path, const char *dir, char *key, size_t cap) {
  char cmd[4096];
  size_t len = 0;
  uint8_t *out;
  int i;
  int at = snprintf(cmd, sizeof cmd, "md5sum '%s'", model_path);
  for (i = 0; i < 4; i++) {
    at += snprintf(cmd + at, sizeof cmd - (size_t)at, " '%s/%s'", dir, k_files[i]);
  }
  snprintf(cmd + at, sizeof cmd - (size_t)at, " | cut -c1-32 | md5sum | cut -c1-12");
  out = run_read(cmd, &len);
  if (out == NULL || len < 12) {
    free(out);
    return -1;
  }
  snprintf(key, cap, "%.12s", (const char *)out);
  free(out);
  return 0;
}

void lb_free(lb_set_t *set) {
  free(set->x);
  free(set->y);
  memset(set, 0, sizeof *set);
}

static int read_cache(const char *path, lb_set_t *tr, lb_set_t *te, lb_cut_t *cut) {
  FILE *f = fopen(path, "rb");
  uint32_t h[5];
  int ok;
  if (f == NULL) {
    return -1;
  }
  ok = fread(h, sizeof h, 1, f) == 1 && h[0] == CACHE_MAGIC &&
       fread(&cut->scale, sizeof cut->scale, 1, f) == 1 &&
       fread(&cut->zero_point, sizeof cut->zero_point, 1, f) == 1;
  if (ok) {
    cut->features = h[1];
    tr->f = te->f = h[1];
    tr->n = h[2];
    te->n = h[3];
    tr->x = malloc((size_t)tr->n * tr->f);
    tr->y = malloc(tr->n);
    te->x = malloc((size_t)te->n * te->f);
    te->y = malloc(te->n);
    ok = tr->x && tr->y && te->x && te->y &&
         fread(tr->x, (size_t)tr->n * tr->f, 1, f) == 1 && fread(tr->y, tr->n, 1, f) == 1 &&
         fread(te->x, (size_t)te->n * te->f, 1, f) == 1 && fread(te->y, te->n, 1, f) == 1 &&
         fread(h, 4, 1, f) == 1 && h[0] == CACHE_MAGIC;
  }
  fclose(f);
  if (!ok) {
    lb_free(tr);
    lb_free(te);
  }
  return ok ? 0 : -1;
}

static void write_cache(const char *path, const lb_set_t *tr, const lb_set_t *te,
                        const lb_cut_t *cut) {
  char tmp[2100];
  const uint32_t h[5] = {CACHE_MAGIC, tr->f, tr->n, te->n, 0};
  FILE *f;
  int ok;
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  f = fopen(tmp, "wb");
  if (f == NULL) {
    fprintf(stderr, "learn_bench: cannot write %s (no cache)\n", tmp);
    return;
  }
  ok = fwrite(h, sizeof h, 1, f) == 1 && fwrite(&cut->scale, 4, 1, f) == 1 &&
       fwrite(&cut->zero_point, 4, 1, f) == 1 &&
       fwrite(tr->x, (size_t)tr->n * tr->f, 1, f) == 1 && fwrite(tr->y, tr->n, 1, f) == 1 &&
       fwrite(te->x, (size_t)te->n * te->f, 1, f) == 1 && fwrite(te->y, te->n, 1, f) == 1 &&
       fwrite(h, 4, 1, f) == 1;
  if (fclose(f) != 0 || !ok || rename(tmp, path) != 0) {
    fprintf(stderr, "learn_bench: cannot write %s (no cache)\n", path);
    remove(tmp);
  }
}

/* Indices of the first `per_class` images of each class, in file order. */
static uint32_t pick(const uint8_t *labels, uint32_t n, uint32_t per_class, uint32_t *idx) {
  uint32_t seen[LB_CLASSES] = {0};
  uint32_t i;
  uint32_t m = 0;
  for (i = 0; i < n; i++) {
    const uint8_t c = labels[i];
    if (c < LB_CLASSES && (per_class == 0 || seen[c] < per_class)) {
      seen[c]++;
      idx[m++] = i;
    }
  }
  return m;
}

/* The base's 32x32x3 input of one 28x28 image (see the top). */
static void to_input(const uint8_t *img, int8_t *in, float scale, int32_t zp) {
  int y, x, ch;
  for (y = 0; y < 32; y++) {
    for (x = 0; x < 32; x++) {
      const int sy = y - 2;
      const int sx = x - 2;
      const float v = (sy >= 0 && sy < 28 && sx >= 0 && sx < 28) ? (float)img[sy * 28 + sx] : 0.0f;
      long q = lroundf(v / scale) + zp;
      q = q < -128 ? -128 : q > 127 ? 127 : q;
      for (ch = 0; ch < 3; ch++) {
        in[(y * 32 + x) * 3 + ch] = (int8_t)q;
      }
    }
  }
}

typedef struct base {
  uint8_t *bytes;
  mote_model_t model;
  mote_resolver_entry_t entries[128];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_tensor_t input;
  mote_tensor_t cut;
  uint32_t cut_index;
} base_t;

static int open_base(base_t *b, const char *path, lb_cut_t *cut) {
  mote_error_t err;
  FILE *f = fopen(path, "rb");
  long len;
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) <= 0 ||
      fseek(f, 0, SEEK_SET) != 0 || (b->bytes = malloc((size_t)len)) == NULL ||
      fread(b->bytes, (size_t)len, 1, f) != 1) {
    fprintf(stderr, "learn_bench: cannot read %s\n", path);
    if (f != NULL) {
      fclose(f);
    }
    return -1;
  }
  fclose(f);
  mote_resolver_init(&b->resolver, b->entries, 128);
  mote_arena_init(&b->arena, g_arena, sizeof g_arena);
  if (mote_model_open(&b->model, b->bytes, (size_t)len, &err) != MOTE_OK ||
      mote_resolver_add_builtins(&b->resolver) != MOTE_OK ||
      mote_interp_init(&b->interp, &b->model, &b->resolver, &b->arena, &err) != MOTE_OK ||
      mote_learner_find_cut(&b->interp, NULL, &b->cut_index, &err) != MOTE_OK ||
      mote_interp_keep_tensor(&b->interp, b->cut_index, &err) != MOTE_OK ||
      mote_interp_prepare(&b->interp, &err) != MOTE_OK ||
      mote_interp_input(&b->interp, 0, &b->input) != MOTE_OK ||
      mote_interp_tensor(&b->interp, b->cut_index, &b->cut) != MOTE_OK) {
    fprintf(stderr, "learn_bench: %s: %s\n", path, err.message);
    return -1;
  }
  if (b->input.type != MOTE_TYPE_INT8 || b->input.bytes != 32u * 32u * 3u ||
      b->cut.type != MOTE_TYPE_INT8) {
    fprintf(stderr, "learn_bench: %s: want a 32x32x3 int8 input and an int8 cut\n", path);
    return -1;
  }
  cut->features = b->cut.bytes;
  cut->scale = b->cut.scale;
  cut->zero_point = b->cut.zero_point;
  return 0;
}

/* Features of the chosen images into set. */
static int extract(base_t *b, const uint8_t *imgs, const uint8_t *labels,
                   const uint32_t *idx, uint32_t m, lb_set_t *set) {
  mote_error_t err;
  uint32_t i;
  set->n = m;
  set->f = b->cut.bytes;
  set->x = malloc((size_t)m * set->f);
  set->y = malloc(m);
  if (set->x == NULL || set->y == NULL) {
    return -1;
  }
  for (i = 0; i < m; i++) {
    to_input(imgs + (size_t)idx[i] * 784u, (int8_t *)b->input.data, b->input.scale,
             b->input.zero_point);
    if (mote_interp_invoke_until(&b->interp, (int32_t)b->cut_index, &err) != MOTE_OK) {
      fprintf(stderr, "learn_bench: invoke_until: %s\n", err.message);
      return -1;
    }
    memcpy(set->x + (size_t)i * set->f, b->cut.data, set->f);
    set->y[i] = labels[idx[i]];
  }
  return 0;
}

int lb_load_features(const char *model_path, const char *data_dir, const char *cache_dir,
                     uint32_t train_per_class, uint32_t test_per_class, lb_set_t *train,
                     lb_set_t *test, lb_cut_t *cut) {
  char key[16];
  char path[2048];
  uint8_t *img[2] = {NULL, NULL};
  uint8_t *lab[2] = {NULL, NULL};
  uint32_t n[2] = {0, 0};
  uint32_t nl[2] = {0, 0};
  uint32_t *idx = NULL;
  base_t *b;
  int s;
  int rc = -1;
  memset(train, 0, sizeof *train);
  memset(test, 0, sizeof *test);
  if (cache_key(model_path, data_dir, key, sizeof key) != 0) {
    fprintf(stderr, "learn_bench: cannot read %s or the data files in %s\n", model_path,
            data_dir);
    return -1;
  }
  snprintf(path, sizeof path, "%s/learn-features-%s-%u-%u.bin", cache_dir, key,
           train_per_class, test_per_class);
  if (read_cache(path, train, test, cut) == 0) {
    printf("features: %u train, %u test from %s\n", train->n, test->n, path);
    return 0;
  }
  b = calloc(1, sizeof *b);
  if (b == NULL || open_base(b, model_path, cut) != 0) {
    free(b);
    return -1;
  }
  for (s = 0; s < 2; s++) {
    img[s] = read_idx(data_dir, k_files[2 * s], 3, &n[s]);
    lab[s] = read_idx(data_dir, k_files[2 * s + 1], 1, &nl[s]);
    if (img[s] == NULL || lab[s] == NULL || n[s] != nl[s]) {
      goto out;
    }
  }
  idx = malloc(sizeof *idx * (n[0] > n[1] ? n[0] : n[1]));
  if (idx == NULL ||
      extract(b, img[0], lab[0], idx, pick(lab[0], n[0], train_per_class, idx), train) != 0 ||
      extract(b, img[1], lab[1], idx, pick(lab[1], n[1], test_per_class, idx), test) != 0) {
    goto out;
  }
  write_cache(path, train, test, cut);
  printf("features: %u train, %u test computed with mote, cached in %s\n", train->n,
         test->n, path);
  rc = 0;
out:
  for (s = 0; s < 2; s++) {
    free(img[s]);
    free(lab[s]);
  }
  free(idx);
  free(b->bytes);
  free(b);
  return rc;
}
