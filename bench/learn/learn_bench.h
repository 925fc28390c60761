/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The continual-learning benchmark's host tool (bench/learn.sh,
 * docs/learning.md): Fashion-MNIST through a frozen int8 base cut at its
 * embedding, cached as int8 features (features.c), then learning
 * protocols over them (learn_bench.c) and the Cortex-M firmware's data
 * (fw_data.c).
 */
#ifndef MOTE_LEARN_BENCH_H
#define MOTE_LEARN_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "mote/train.h"

#define LB_CLASSES 10u

/* Features of a set of images: n rows of f int8 codes, and their labels. */
typedef struct lb_set {
  int8_t *x;   /* [n][f] */
  uint8_t *y;  /* [n] */
  uint32_t n;
  uint32_t f;
} lb_set_t;

/* The cut's quantisation, for the learner's config. */
typedef struct lb_cut {
  uint32_t features;
  float scale;
  int32_t zero_point;
} lb_cut_t;

/*
 * Features of the first `train_per_class` training and `test_per_class`
 * test images of each class (0: all), from `data_dir`'s gzipped IDX files,
 * through `model_path` cut at the input of its last FULLY_CONNECTED. Read
 * from a cache file in `cache_dir` keyed by the model's and data's MD5
 * and the counts, else computed and written there. Returns 0, or -1 with
 * a message on stderr.
 */
int lb_load_features(const char *model_path, const char *data_dir,
                     const char *cache_dir, uint32_t train_per_class,
                     uint32_t test_per_class, lb_set_t *train, lb_set_t *test,
                     lb_cut_t *cut);

/* Frees a set's arrays (from lb_load_features) and empties it. */
void lb_free(lb_set_t *set);

#endif /* MOTE_LEARN_BENCH_H */
