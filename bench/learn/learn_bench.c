/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Continual-learning benchmark on Fashion-MNIST (docs/learning.md).
 *
 *   mote-learn-bench --model M.tflite --data DIR --cache DIR
 *       [--train-per-class N] [--test-per-class N]   (0: all; default all)
 *       [--val-per-class N]   (held out of training; default 1000, 0 none)
 *       [--tune T]   (choose configs on the validation split first: 1 naive
 *                     and replay's, 2 joint's, 3 both)
 *       [--json FILE] [--md FILE] [--check MIN_PCT]
 *       [--hidden H] [--lr X] [--momentum X] [--decay X] [--replay-per-step R]
 *       [--standardize 0|1] [--task-lr-end X] [--epochs E] [--seed S]
 *       [--joint-lr X] [--joint-momentum X] [--joint-decay X]
 *       [--joint-standardize 0|1] [--joint-batch B] [--joint-gamma X]
 *       [--only NAME] [--caps 200,500,899,1000]   (replay capacities, up to 4)
 *       [--m4f-step N --m4f-predict N]   (run_fw.sh's figures, for the tables)
 *       [--fw-data FILE.c [--fw-train N] [--fw-test N] [--fw-capacity N]
 *        [--fw-policy class_balanced|reservoir]]
 *
 * Class-incremental protocol: five tasks of two classes (0-1, 2-3, ...);
 * each task's training images, shuffled, stream through the learner E
 * times (one mote_learner_learn step each, with its replayed examples; the
 * learning rate falls geometrically over each task to --task-lr-end times
 * --lr, and is back at --lr when the next task starts);
 * after each task the head is evaluated on every test image. Runs:
 * joint (same head, its own optimiser config: every class shuffled
 * together, --joint-batch examples per step, the rate times --joint-gamma
 * after each epoch, epochs until one more changes validation accuracy by
 * under 0.2 points (test accuracy without a validation split), then one
 * epoch more to report how much the test accuracy still moves), naive (no
 * replay) and replay with buffers of 200, 500, 899 (the largest whose
 * state fits 64 KB) and 1000 examples under both policies. --check
 * fails (exit 1) unless every replay run ends at least 20 points above
 * naive and, as joint, at or above MIN_PCT. --fw-data writes the Cortex-M firmware's
 * data (fw_data.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "learn_bench.h"

#define TASKS 5u
#define JOINT_MAX_EPOCHS 40u
#define MAX_CAPS 4u
#define MAX_RUNS (2u + 2u * MAX_CAPS)

typedef struct run {
  char name[32];
  int replay;           /* capacity, 0 none */
  int policy;
  double task_acc[TASKS];
  double final_acc;
  double val_acc;       /* final accuracy on the validation split, -1 none */
  uint32_t epochs;      /* joint: epochs to convergence */
  double next_acc;      /* joint: test accuracy after one epoch more */
  double next_val;      /* joint: validation accuracy after one epoch more */
  mote_learner_memory_t mem;
  double seconds;
} run_t;

typedef struct opts {
  const char *model;
  const char *data;
  const char *cache;
  const char *json;
  const char *md;
  const char *fw_data;
  const char *only;
  uint32_t train_pc;
  uint32_t test_pc;
  uint32_t fw_train;
  uint32_t fw_test;
  double check_min;
  long m4f_step;     /* instructions measured by run_fw.sh, 0 unknown */
  long m4f_predict;
  int check;
  uint32_t epochs;
  uint32_t val_pc;    /* validation images held out per class, 0 none */
  int tune;
  int caps[MAX_CAPS]; /* replay capacities, 0 ends */
  uint32_t tuned;     /* configs tried by --tune */
  double tune_score;  /* the chosen config's validation score */
  uint32_t jtuned;    /* joint configs tried by --tune */
  double jtune_score; /* the chosen joint config's validation accuracy */
  mote_learner_config_t cfg;  /* naive and replay runs */
  mote_learner_config_t jcfg; /* joint (hidden_units: cfg's, the same head) */
  uint32_t jbatch;    /* joint: examples per learning step */
  float jgamma;       /* joint: learning rate factor per epoch */
  float task_lr_end;  /* naive, replay: rate factor at each task's end */
} opts_t;

static uint32_t g_rng = 12345u;

static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return g_rng;
}

static void shuffle(uint32_t *a, uint32_t n) {
  uint32_t i;
  for (i = n; i > 1; i--) {
    const uint32_t j = rnd() % i;
    const uint32_t t = a[i - 1];
    a[i - 1] = a[j];
    a[j] = t;
  }
}

static void die_on(mote_status_t st, const mote_error_t *err, const char *what) {
  if (st != MOTE_OK) {
    fprintf(stderr, "learn_bench: %s: %s\n", what, err->message);
    exit(2);
  }
}

static double evaluate(mote_learner_t *l, const lb_set_t *te, uint8_t *pred) {
  mote_error_t err;
  uint32_t i;
  uint32_t right = 0;
  for (i = 0; i < te->n; i++) {
    uint32_t label = 0;
    die_on(mote_learner_predict(l, te->x + (size_t)i * te->f, te->f, &label, NULL, 1, &err),
           &err, "predict");
    right += label == te->y[i];
    if (pred != NULL) {
      pred[i] = (uint8_t)label;
    }
  }
  return 100.0 * right / te->n;
}

/*
 * One step per example of idx[n]. With end < 1 the learning rate falls
 * geometrically over the task's `total` steps (this call's first is step
 * `done`), from lr to lr * end at the task's last step.
 */
static void learn_all(mote_learner_t *l, const lb_set_t *tr, const uint32_t *idx, uint32_t n,
                      float lr, float end, uint32_t done, uint32_t total) {
  mote_error_t err;
  uint32_t i;
  for (i = 0; i < n; i++) {
    const uint32_t k = idx[i];
    if (end < 1.0f) {
      const float at = total > 1 ? (float)(done + i) / (float)(total - 1) : 0.0f;
      die_on(mote_learner_set_learning_rate(l, lr * powf(end, at), &err), &err,
             "learning rate");
    }
    die_on(mote_learner_learn(l, tr->x + (size_t)k * tr->f, tr->f, tr->y[k], &err), &err,
           "learn");
  }
}

static void *learner_new(mote_learner_t *l, const mote_learner_config_t *cfg) {
  mote_error_t err;
  const size_t bytes = mote_learner_bytes(cfg);
  void *mem = NULL;
  if (bytes == 0 || posix_memalign(&mem, 64, bytes) != 0) {
    fprintf(stderr, "learn_bench: bad learner config\n");
    exit(2);
  }
  die_on(mote_learner_init(l, cfg, NULL, 0, mem, bytes, &err), &err, "init");
  return mem;
}

/* The images of task t (classes 2t, 2t+1), shuffled. */
static uint32_t task_stream(const lb_set_t *tr, uint32_t t, uint32_t *idx) {
  uint32_t i;
  uint32_t n = 0;
  for (i = 0; i < tr->n; i++) {
    if (tr->y[i] / 2u == t) {
      idx[n++] = i;
    }
  }
  shuffle(idx, n);
  return n;
}

static void run_sequential(run_t *r, const opts_t *o, const lb_set_t *tr, const lb_set_t *te,
                           const lb_set_t *va) {
  mote_learner_config_t cfg = o->cfg;
  mote_learner_t l;
  uint32_t *idx = malloc(sizeof *idx * tr->n);
  void *mem;
  uint32_t t;
  uint32_t e;
  clock_t t0 = clock();
  cfg.replay_capacity = (uint32_t)r->replay;
  cfg.replay_policy = r->policy;
  mem = learner_new(&l, &cfg);
  g_rng = 12345u;
  for (t = 0; t < TASKS; t++) {
    for (e = 0; e < o->epochs; e++) {
      const uint32_t nt = task_stream(tr, t, idx);
      learn_all(&l, tr, idx, nt, cfg.learning_rate, o->task_lr_end, e * nt, o->epochs * nt);
    }
    r->task_acc[t] = evaluate(&l, te, NULL);
  }
  r->final_acc = r->task_acc[TASKS - 1];
  r->val_acc = va->n > 0 ? evaluate(&l, va, NULL) : -1.0;
  r->epochs = o->epochs;
  mote_learner_memory_usage(&l, &r->mem);
  r->seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
  free(mem);
  free(idx);
}

/* One epoch of joint training over idx[n] (shuffled first), jbatch
 * examples per step. */
static void joint_epoch(mote_learner_t *l, const opts_t *o, const lb_set_t *tr, uint32_t *idx,
                        int8_t *xb, uint32_t *yb) {
  mote_error_t err;
  uint32_t i;
  shuffle(idx, tr->n);
  for (i = 0; i < tr->n; i += o->jbatch) {
    const uint32_t b = tr->n - i < o->jbatch ? tr->n - i : o->jbatch;
    uint32_t j;
    for (j = 0; j < b; j++) {
      memcpy(xb + (size_t)j * tr->f, tr->x + (size_t)idx[i + j] * tr->f, tr->f);
      yb[j] = tr->y[idx[i + j]];
    }
    die_on(mote_learner_learn_batch(l, xb, (size_t)b * tr->f, yb, b, &err), &err, "learn");
  }
}

/*
 * Joint training with its own config (o->jcfg, same head as the others):
 * epoch e at learning rate jcfg.learning_rate * jgamma^(e-1), epochs until
 * one more changes accuracy by under 0.2 points, judged on the validation
 * split when there is one (the test set only without). Then one epoch
 * more, reported only: how much the test accuracy still moves.
 */
static void run_joint(run_t *r, const opts_t *o, const lb_set_t *tr, const lb_set_t *te,
                      const lb_set_t *va, int quiet) {
  const lb_set_t *judge = va->n > 0 ? va : te;
  mote_learner_config_t cfg = o->jcfg;
  mote_learner_t l;
  mote_error_t err;
  uint32_t *idx = malloc(sizeof *idx * tr->n);
  int8_t *xb = malloc((size_t)o->jbatch * tr->f);
  uint32_t *yb = malloc(sizeof *yb * o->jbatch);
  void *mem;
  uint32_t i;
  uint32_t e;
  double prev = -100.0;
  float lr = cfg.learning_rate;
  clock_t t0 = clock();
  cfg.replay_capacity = 0;
  mem = learner_new(&l, &cfg);
  g_rng = 12345u;
  for (i = 0; i < tr->n; i++) {
    idx[i] = i;
  }
  for (e = 1; e <= JOINT_MAX_EPOCHS + 1; e++) {
    double acc;
    die_on(mote_learner_set_learning_rate(&l, lr, &err), &err, "learning rate");
    joint_epoch(&l, o, tr, idx, xb, yb);
    lr *= o->jgamma;
    acc = evaluate(&l, judge, NULL);
    if (!quiet) {
      printf("  joint epoch %u: %s %.2f%%\n", e, judge == va ? "validation" : "test", acc);
      fflush(stdout);
    }
    if (r->epochs > 0) { /* the epoch after convergence */
      r->next_val = judge == va ? acc : -1.0;
      r->next_acc = judge == te ? acc : evaluate(&l, te, NULL);
      break;
    }
    if ((acc - prev < 0.2 && prev - acc < 0.2) || e == JOINT_MAX_EPOCHS) {
      r->val_acc = judge == va ? acc : -1.0;
      r->final_acc = judge == te ? acc : evaluate(&l, te, NULL);
      r->epochs = e;
      mote_learner_memory_usage(&l, &r->mem);
      r->seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
      if (quiet) {
        break; /* tuning: the next epoch is not needed */
      }
    }
    prev = acc;
  }
  for (i = 0; i < TASKS; i++) {
    r->task_acc[i] = r->final_acc;
  }
  free(mem);
  free(idx);
  free(xb);
  free(yb);
}

/*
 * Holds out the last `per_class` training images of each class (in the
 * file's order) as the validation split: `tr` keeps the rest.
 */
static int split_validation(lb_set_t *tr, uint32_t per_class, lb_set_t *va) {
  uint32_t count[LB_CLASSES] = {0};
  uint32_t seen[LB_CLASSES] = {0};
  uint32_t i;
  uint32_t nt = 0;
  memset(va, 0, sizeof *va);
  if (per_class == 0) {
    return 0;
  }
  for (i = 0; i < tr->n; i++) {
    count[tr->y[i]]++;
  }
  for (i = 0; i < LB_CLASSES; i++) {
    if (count[i] <= per_class) {
      fprintf(stderr, "learn_bench: class %u has %u training images, cannot hold out %u\n",
              i, count[i], per_class);
      return -1;
    }
  }
  va->f = tr->f;
  va->x = malloc((size_t)per_class * LB_CLASSES * tr->f);
  va->y = malloc((size_t)per_class * LB_CLASSES);
  if (va->x == NULL || va->y == NULL) {
    lb_free(va);
    return -1;
  }
  for (i = 0; i < tr->n; i++) {
    const uint8_t c = tr->y[i];
    const int8_t *row = tr->x + (size_t)i * tr->f;
    if (seen[c]++ >= count[c] - per_class) {
      memcpy(va->x + (size_t)va->n * tr->f, row, tr->f);
      va->y[va->n++] = c;
    } else {
      memmove(tr->x + (size_t)nt * tr->f, row, tr->f);
      tr->y[nt++] = c;
    }
  }
  tr->n = nt;
  return 0;
}

/* The tuning grid of naive and replay (docs/learning.md says why each
 * axis and what an earlier, wider grid found). */
static const uint32_t k_hidden[] = {0, 16};
static const float k_lr[] = {0.003f, 0.01f, 0.03f};
static const float k_momentum[] = {0.0f, 0.9f};
static const float k_decay[] = {0.0001f, 0.001f};
static const uint32_t k_rps[] = {4, 8};
static const float k_task_end[] = {1.0f, 0.1f, 0.01f};
#define TUNE_SEEDS 3u
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define STATE_BUDGET 65536u

/* The largest of the capacities whose whole state fits the budget, 0 none. */
static int largest_fitting(const opts_t *o, const mote_learner_config_t *base) {
  int best = 0;
  uint32_t c;
  for (c = 0; c < MAX_CAPS && o->caps[c] > 0; c++) {
    mote_learner_config_t cfg = *base;
    size_t bytes;
    cfg.replay_capacity = (uint32_t)o->caps[c];
    bytes = mote_learner_bytes(&cfg);
    if (bytes > 0 && bytes <= STATE_BUDGET && o->caps[c] > best) {
      best = o->caps[c];
    }
  }
  return best;
}

/*
 * --tune 1: every config of the grid, scored by the mean final VALIDATION
 * accuracy of its replay runs (class-balanced and reservoir, learner seeds
 * 1..TUNE_SEEDS: one seed's figure moves by up to a point) at the largest
 * capacity whose state fits 64 KB; the best becomes o->cfg (with seed 1).
 * The test set is not looked at.
 */
static void tune(opts_t *o, const lb_set_t *tr, const lb_set_t *va) {
  static const int pols[2] = {MOTE_REPLAY_CLASS_BALANCED, MOTE_REPLAY_RESERVOIR};
  opts_t best = *o;
  double best_score = -1.0;
  size_t h, a, m, d, p, z;
  clock_t t0 = clock();
  o->tuned = 0;
  for (h = 0; h < NELEM(k_hidden); h++)
    for (a = 0; a < NELEM(k_lr); a++)
      for (m = 0; m < NELEM(k_momentum); m++)
        for (d = 0; d < NELEM(k_decay); d++)
          for (p = 0; p < NELEM(k_rps); p++)
            for (z = 0; z < NELEM(k_task_end); z++) {
              opts_t c = *o;
              run_t r;
              double score = 0.0;
              uint32_t k;
              int cap;
              c.cfg.hidden_units = k_hidden[h];
              c.cfg.learning_rate = k_lr[a];
              c.cfg.momentum = k_momentum[m];
              c.cfg.weight_decay = k_decay[d];
              c.cfg.replay_per_step = k_rps[p];
              c.cfg.standardize = 0;
              c.task_lr_end = k_task_end[z];
              cap = largest_fitting(&c, &c.cfg);
              if (cap == 0) {
                continue;
              }
              for (k = 0; k < 2u * TUNE_SEEDS; k++) {
                memset(&r, 0, sizeof r);
                r.replay = cap;
                r.policy = pols[k % 2u];
                c.cfg.seed = 1u + k / 2u;
                run_sequential(&r, &c, tr, va, va); /* per-task figures on validation too */
                score += r.val_acc / (2.0 * TUNE_SEEDS);
              }
              c.cfg.seed = o->cfg.seed;
              o->tuned++;
              printf("tune: hidden %u lr %g momentum %g decay %g rps %u task-lr-end %g, "
                     "replay %d: validation %.2f%%%s\n",
                     c.cfg.hidden_units, (double)c.cfg.learning_rate, (double)c.cfg.momentum,
                     (double)c.cfg.weight_decay, c.cfg.replay_per_step, (double)c.task_lr_end,
                     cap, score, score > best_score ? " *" : "");
              fflush(stdout);
              if (score > best_score) {
                best_score = score;
                best = c;
              }
            }
  o->cfg = best.cfg;
  o->task_lr_end = best.task_lr_end;
  o->tune_score = best_score;
  printf("tune: %u configs in %.0f s; chosen: hidden %u lr %g momentum %g decay %g rps %u "
         "task-lr-end %g (validation %.2f%%)\n",
         o->tuned, (double)(clock() - t0) / CLOCKS_PER_SEC, o->cfg.hidden_units,
         (double)o->cfg.learning_rate, (double)o->cfg.momentum, (double)o->cfg.weight_decay,
         o->cfg.replay_per_step, (double)o->task_lr_end, best_score);
}

/* Joint trains the same head as the other runs: the shape is theirs, the
 * optimiser, standardisation and schedule its own. */
static void sync_joint_head(opts_t *o) {
  o->jcfg.feature_count = o->cfg.feature_count;
  o->jcfg.feature_type = o->cfg.feature_type;
  o->jcfg.feature_scale = o->cfg.feature_scale;
  o->jcfg.feature_zero_point = o->cfg.feature_zero_point;
  o->jcfg.hidden_units = o->cfg.hidden_units;
  o->jcfg.max_classes = o->cfg.max_classes;
  o->jcfg.seed = o->cfg.seed;
}

/* Joint's grid (docs/learning.md). */
static const float k_jlr[] = {0.001f, 0.003f, 0.01f, 0.03f};
static const float k_jmomentum[] = {0.0f, 0.9f};
static const float k_jdecay[] = {0.0f, 0.0001f, 0.001f};
static const uint32_t k_jstd[] = {0, 1};
static const uint32_t k_jbatch[] = {1, 16};
static const float k_jgamma[] = {1.0f, 0.7f, 0.5f};

/*
 * --tune 2: joint's own config, every point of its grid trained to
 * convergence on the training split and scored by its VALIDATION accuracy
 * then; the head's shape stays the other runs'. The test set is not
 * looked at.
 */
static void tune_joint(opts_t *o, const lb_set_t *tr, const lb_set_t *va) {
  opts_t best = *o;
  double best_score = -1.0;
  const size_t points = NELEM(k_jlr) * NELEM(k_jmomentum) * NELEM(k_jdecay) *
                        NELEM(k_jstd) * NELEM(k_jbatch) * NELEM(k_jgamma);
  size_t n;
  clock_t t0 = clock();
  o->jtuned = 0;
  for (n = 0; n < points; n++) { /* the last axis varies fastest */
    opts_t c = *o;
    run_t r;
    size_t q = n;
    c.jgamma = k_jgamma[q % NELEM(k_jgamma)];
    q /= NELEM(k_jgamma);
    c.jbatch = k_jbatch[q % NELEM(k_jbatch)];
    q /= NELEM(k_jbatch);
    c.jcfg.standardize = k_jstd[q % NELEM(k_jstd)];
    q /= NELEM(k_jstd);
    c.jcfg.weight_decay = k_jdecay[q % NELEM(k_jdecay)];
    q /= NELEM(k_jdecay);
    c.jcfg.momentum = k_jmomentum[q % NELEM(k_jmomentum)];
    c.jcfg.learning_rate = k_jlr[q / NELEM(k_jmomentum)];
    memset(&r, 0, sizeof r);
    run_joint(&r, &c, tr, va, va, 1);
    o->jtuned++;
    printf("tune joint: lr %g momentum %g decay %g std %u batch %u gamma %g: "
           "validation %.2f%% (%u epochs)%s\n",
           (double)c.jcfg.learning_rate, (double)c.jcfg.momentum, (double)c.jcfg.weight_decay,
           c.jcfg.standardize, c.jbatch, (double)c.jgamma, r.val_acc, r.epochs,
           r.val_acc > best_score ? " *" : "");
    fflush(stdout);
    if (r.val_acc > best_score) {
      best_score = r.val_acc;
      best = c;
    }
  }
  o->jcfg = best.jcfg;
  o->jbatch = best.jbatch;
  o->jgamma = best.jgamma;
  o->jtune_score = best_score;
  printf("tune joint: %u configs in %.0f s; chosen: lr %g momentum %g decay %g std %u batch %u "
         "gamma %g (validation %.2f%%)\n",
         o->jtuned, (double)(clock() - t0) / CLOCKS_PER_SEC, (double)o->jcfg.learning_rate,
         (double)o->jcfg.momentum, (double)o->jcfg.weight_decay, o->jcfg.standardize,
         o->jbatch, (double)o->jgamma, best_score);
}

static const char *policy_name(int p) {
  return p == MOTE_REPLAY_CLASS_BALANCED ? "class_balanced" : "reservoir";
}

static void json_config(FILE *f, const mote_learner_config_t *c) {
  fprintf(f,
          "{\"hidden_units\": %u, \"max_classes\": %u, \"learning_rate\": %g, "
          "\"momentum\": %g, \"weight_decay\": %g, \"standardize\": %u, "
          "\"replay_per_step\": %u, \"seed\": %u}",
          c->hidden_units, c->max_classes, (double)c->learning_rate, (double)c->momentum,
          (double)c->weight_decay, c->standardize, c->replay_per_step, c->seed);
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash != NULL ? slash + 1 : path;
}

static void write_json(const char *path, const opts_t *o, const run_t *runs, uint32_t n,
                       const lb_set_t *tr, const lb_set_t *te, const lb_set_t *va) {
  FILE *f = fopen(path, "w");
  uint32_t i;
  uint32_t t;
  int first = 1;
  if (f == NULL) {
    fprintf(stderr, "learn_bench: cannot write %s\n", path);
    exit(2);
  }
  /* The summary keys first, then the details. */
  fprintf(f, "{\n  \"base\": \"%s\",\n  \"images_per_class\": %u,\n  \"joint_acc\": %.2f,\n"
             "  \"naive_acc\": %.2f,\n  \"replay\": [",
          base_name(o->model), tr->n / LB_CLASSES, runs[0].final_acc, runs[1].final_acc);
  for (i = 2; i < n; i++) {
    fprintf(f, "%s\n    {\"buffer_items\": %d, \"policy\": \"%s\", \"final_acc\": %.2f, "
               "\"state_bytes\": %lu}",
            first ? "" : ",", runs[i].replay, policy_name(runs[i].policy), runs[i].final_acc,
            (unsigned long)runs[i].mem.total_bytes);
    first = 0;
  }
  fprintf(f, "\n  ],\n  \"step_insns_m4\": %ld,\n  \"predict_insns_m4\": %ld,\n",
          o->m4f_step, o->m4f_predict);
  fprintf(f,
          "  \"data\": \"fashion-mnist\",\n  \"train_images\": %u,\n  \"test_images\": %u,\n"
          "  \"features\": %u,\n  \"epochs_per_task\": %u,\n  \"task_lr_end\": %g,\n"
          "  \"config\": ",
          tr->n, te->n, tr->f, o->epochs, (double)o->task_lr_end);
  json_config(f, &o->cfg);
  fprintf(f, ",\n  \"joint\": {\"config\": ");
  json_config(f, &o->jcfg);
  fprintf(f,
          ", \"batch\": %u, \"lr_per_epoch_factor\": %g, \"epochs\": %u, "
          "\"final_accuracy\": %.2f, \"next_epoch_accuracy\": %.2f, "
          "\"convergence_delta\": %.2f, \"validation_accuracy\": %.2f, "
          "\"next_epoch_validation_accuracy\": %.2f},\n",
          o->jbatch, (double)o->jgamma, runs[0].epochs, runs[0].final_acc, runs[0].next_acc,
          runs[0].next_acc - runs[0].final_acc, runs[0].val_acc, runs[0].next_val);
  fprintf(f, "  \"validation\": {\"split\": \"the last %u training images of each class "
             "(file order); training uses the rest\", \"images\": %u, ", o->val_pc, va->n);
  if (o->tune & 1) {
    fprintf(f, "\"grid\": {\"hidden_units\": [0, 16], \"learning_rate\": [0.003, 0.01, "
               "0.03], \"momentum\": [0, 0.9], \"weight_decay\": [0.0001, 0.001], "
               "\"replay_per_step\": [4, 8], \"task_lr_end\": [1, 0.1, 0.01], "
               "\"standardize\": [0]}, \"configs_tried\": %u, "
               "\"criterion\": \"mean final validation accuracy of the replay runs "
               "(class_balanced, reservoir; learner seeds 1-%u) at the largest capacity whose "
               "state fits 65536 bytes\", \"chosen_score\": %.2f, ", o->tuned, TUNE_SEEDS,
               o->tune_score);
  }
  if (o->tune & 2) {
    fprintf(f, "\"joint_grid\": {\"learning_rate\": [0.001, 0.003, 0.01, 0.03], "
               "\"momentum\": [0, 0.9], \"weight_decay\": [0, 0.0001, 0.001], "
               "\"standardize\": [0, 1], \"batch\": [1, 16], \"lr_per_epoch_factor\": [1, 0.7, "
               "0.5]}, \"joint_configs_tried\": %u, \"joint_criterion\": \"validation accuracy "
               "at convergence, same head shape as the other runs\", "
               "\"joint_chosen_score\": %.2f, ", o->jtuned, o->jtune_score);
  }
  fprintf(f, "\"joint_epochs\": \"until one more changes validation accuracy by under 0.2 "
             "points\"},\n  \"runs\": [\n");
  for (i = 0; i < n; i++) {
    const run_t *r = &runs[i];
    fprintf(f,
            "    {\"name\": \"%s\", \"replay_capacity\": %d, \"policy\": \"%s\", "
            "\"epochs\": %u, \"final_accuracy\": %.2f, \"validation_accuracy\": %.2f, "
            "\"accuracy_after_task\": [",
            r->name, r->replay, r->replay ? policy_name(r->policy) : "none", r->epochs,
            r->final_acc, r->val_acc);
    for (t = 0; t < TASKS && i > 0; t++) { /* joint has no tasks */
      fprintf(f, "%s%.2f", t ? ", " : "", r->task_acc[t]);
    }
    fprintf(f,
            "], \"state_bytes\": %lu, \"replay_bytes\": %lu, \"seconds\": %.1f}%s\n",
            (unsigned long)r->mem.total_bytes, (unsigned long)r->mem.replay_bytes, r->seconds,
            i + 1 < n ? "," : "");
  }
  fprintf(f, "  ],\n  \"cortex_m4f\": {\"step_instructions\": %ld, "
             "\"predict_instructions\": %ld, \"replay_capacity\": 1000, "
             "\"policy\": \"class_balanced\"}\n}\n", o->m4f_step, o->m4f_predict);
  fclose(f);
}

static void write_md(const char *path, const opts_t *o, const run_t *runs, uint32_t n,
                     const lb_set_t *tr, const lb_set_t *te, const lb_set_t *va) {
  FILE *f = fopen(path, "w");
  uint32_t i;
  uint32_t t;
  const mote_learner_config_t *c = &o->cfg;
  const mote_learner_config_t *j = &o->jcfg;
  const double joint = runs[0].final_acc;
  if (f == NULL) {
    fprintf(stderr, "learn_bench: cannot write %s\n", path);
    exit(2);
  }
  fprintf(f,
          "Fashion-MNIST, %u training and %u test images, %u int8 features of MLPerf "
          "ResNet-8; head: %u hidden units. Naive and replay: lr %g falling to %g times it over "
          "each task, momentum %g, weight decay "
          "%g, standardize %u, %u replayed per step; %u epoch(s) per task. Joint (same head): "
          "lr %g times %g after each epoch, momentum %g, weight decay %g, standardize %u, "
          "batch %u.\n\n",
          tr->n, te->n, tr->f, c->hidden_units, (double)c->learning_rate,
          (double)o->task_lr_end, (double)c->momentum, (double)c->weight_decay, c->standardize, c->replay_per_step,
          o->epochs, (double)j->learning_rate, (double)o->jgamma, (double)j->momentum,
          (double)j->weight_decay, j->standardize, o->jbatch);
  fprintf(f, "Validation: the last %u training images of each class (%u), held out of "
             "training; joint's epochs stop when one more changes validation accuracy by under "
             "0.2 points.", o->val_pc, va->n);
  if (o->tune & 1) {
    fprintf(f, " The naive and replay config was chosen by `--tune` from %u configs (hidden "
               "0/16, lr 0.003/0.01/0.03, momentum 0/0.9, weight decay 1e-4/1e-3, "
               "4/8 replayed per step, lr factor at each task's end 1/0.1/0.01) by the mean "
               "final validation accuracy of the replay runs (both policies, learner seeds "
               "1-%u) at the largest capacity whose state fits 64 KB: %.2f%%.", o->tuned,
               TUNE_SEEDS, o->tune_score);
  }
  if (o->tune & 2) {
    fprintf(f, " Joint's config was chosen separately from %u configs (lr 0.001/0.003/0.01/"
               "0.03, momentum 0/0.9, weight decay 0/1e-4/1e-3, standardize 0/1, batch 1/16, "
               "lr factor per epoch 1/0.7/0.5; the head's shape is the other runs') by its "
               "validation accuracy at convergence: %.2f%%.", o->jtuned, o->jtune_score);
  }
  if (o->tune) {
    fprintf(f, " The test set was not used to choose anything.");
  }
  fprintf(f, "\n\n| run | replay | policy | after task 1 | 2 | 3 | 4 | 5 (final) | of joint | "
             "validation | state bytes |\n"
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (i = 0; i < n; i++) {
    const run_t *r = &runs[i];
    fprintf(f, "| %s | %d | %s |", r->name, r->replay,
            r->replay ? policy_name(r->policy) : "-");
    for (t = 0; t < TASKS; t++) {
      if (i == 0) {
        fprintf(f, t + 1 < TASKS ? " - |" : " %.2f%% (%u epochs) |", r->final_acc, r->epochs);
      } else {
        fprintf(f, " %.2f%% |", r->task_acc[t]);
      }
    }
    fprintf(f, " %.1f%% | %.2f%% | %lu |\n", 100.0 * r->final_acc / joint, r->val_acc,
            (unsigned long)r->mem.total_bytes);
  }
  fprintf(f,
          "\nJoint's convergence: one epoch more (epoch %u) gives %.2f%% on the test set "
          "(%+.2f points) and %.2f%% on validation (%+.2f).\n",
          runs[0].epochs + 1, runs[0].next_acc, runs[0].next_acc - runs[0].final_acc,
          runs[0].next_val, runs[0].next_val - runs[0].val_acc);
  if (o->m4f_step > 0) {
    fprintf(f,
            "\nOn Cortex-M4F (QEMU, -O2, exact instruction counts; replay buffer of 1000 "
            "class-balanced, full): one learning step (1 new + %u replayed examples) "
            "%ld instructions, one prediction from features %ld instructions.\n",
            c->replay_per_step, o->m4f_step, o->m4f_predict);
  }
  fclose(f);
}

int lb_write_fw_data(const char *path, const mote_learner_config_t *cfg, const lb_set_t *tr,
                     const lb_set_t *te, uint32_t n_train, uint32_t n_test);

static int parse(int argc, char **argv, opts_t *o) {
  int i;
  memset(o, 0, sizeof *o);
  mote_learner_config_default(&o->cfg);
  o->cfg.hidden_units = 0;
  o->cfg.max_classes = LB_CLASSES;
  /* --tune 1's choice on the validation split (bench/results/learn.json) */
  o->cfg.learning_rate = 0.01f;
  o->cfg.momentum = 0.9f;
  o->cfg.weight_decay = 0.0001f;
  o->cfg.replay_per_step = 8;
  o->cfg.standardize = 0;
  o->task_lr_end = 0.01f;
  /* joint's own, chosen by --tune 2 on the validation split */
  o->jcfg = o->cfg;
  o->jcfg.learning_rate = 0.03f;
  o->jcfg.momentum = 0.0f;
  o->jcfg.weight_decay = 0.0001f;
  o->jcfg.standardize = 1;
  o->jbatch = 1;
  o->jgamma = 0.5f;
  o->epochs = 1;
  o->val_pc = 1000;
  o->caps[0] = 200;
  o->caps[1] = 500;
  o->caps[2] = 899; /* the largest whose state fits 64 KB with a linear head */
  o->caps[3] = 1000;
  o->fw_train = 1100;
  o->fw_test = 200;
  o->cfg.replay_capacity = 1000; /* the firmware's: the largest, slowest offer */
  for (i = 1; i + 1 < argc; i += 2) {
    const char *k = argv[i];
    const char *v = argv[i + 1];
    if (!strcmp(k, "--model")) o->model = v;
    else if (!strcmp(k, "--data")) o->data = v;
    else if (!strcmp(k, "--cache")) o->cache = v;
    else if (!strcmp(k, "--json")) o->json = v;
    else if (!strcmp(k, "--md")) o->md = v;
    else if (!strcmp(k, "--only")) o->only = v;
    else if (!strcmp(k, "--fw-data")) o->fw_data = v;
    else if (!strcmp(k, "--fw-train")) o->fw_train = (uint32_t)atoi(v);
    else if (!strcmp(k, "--fw-test")) o->fw_test = (uint32_t)atoi(v);
    else if (!strcmp(k, "--fw-capacity")) o->cfg.replay_capacity = (uint32_t)atoi(v);
    else if (!strcmp(k, "--fw-policy"))
      o->cfg.replay_policy = strcmp(v, "reservoir") ? MOTE_REPLAY_CLASS_BALANCED
                                                     : MOTE_REPLAY_RESERVOIR;
    else if (!strcmp(k, "--train-per-class")) o->train_pc = (uint32_t)atoi(v);
    else if (!strcmp(k, "--test-per-class")) o->test_pc = (uint32_t)atoi(v);
    else if (!strcmp(k, "--val-per-class")) o->val_pc = (uint32_t)atoi(v);
    else if (!strcmp(k, "--tune")) o->tune = atoi(v);
    else if (!strcmp(k, "--check")) { o->check = 1; o->check_min = atof(v); }
    else if (!strcmp(k, "--caps")) {
      char *end = NULL;
      uint32_t c;
      for (c = 0; c < MAX_CAPS; c++) {
        o->caps[c] = (int)strtol(v, &end, 10);
        v = *end == ',' ? end + 1 : end;
      }
    }
    else if (!strcmp(k, "--m4f-step")) o->m4f_step = atol(v);
    else if (!strcmp(k, "--m4f-predict")) o->m4f_predict = atol(v);
    else if (!strcmp(k, "--hidden")) o->cfg.hidden_units = (uint32_t)atoi(v);
    else if (!strcmp(k, "--lr")) o->cfg.learning_rate = (float)atof(v);
    else if (!strcmp(k, "--momentum")) o->cfg.momentum = (float)atof(v);
    else if (!strcmp(k, "--decay")) o->cfg.weight_decay = (float)atof(v);
    else if (!strcmp(k, "--replay-per-step")) o->cfg.replay_per_step = (uint32_t)atoi(v);
    else if (!strcmp(k, "--standardize")) o->cfg.standardize = (uint32_t)atoi(v);
    else if (!strcmp(k, "--seed")) o->cfg.seed = (uint32_t)atoi(v);
    else if (!strcmp(k, "--epochs")) o->epochs = (uint32_t)atoi(v);
    else if (!strcmp(k, "--joint-lr")) o->jcfg.learning_rate = (float)atof(v);
    else if (!strcmp(k, "--joint-momentum")) o->jcfg.momentum = (float)atof(v);
    else if (!strcmp(k, "--joint-decay")) o->jcfg.weight_decay = (float)atof(v);
    else if (!strcmp(k, "--joint-standardize")) o->jcfg.standardize = (uint32_t)atoi(v);
    else if (!strcmp(k, "--joint-batch")) o->jbatch = (uint32_t)atoi(v);
    else if (!strcmp(k, "--joint-gamma")) o->jgamma = (float)atof(v);
    else if (!strcmp(k, "--task-lr-end")) o->task_lr_end = (float)atof(v);
    else {
      fprintf(stderr, "learn_bench: unknown option %s\n", k);
      return -1;
    }
  }
  if (o->jbatch == 0 || !(o->jgamma > 0.0f && o->jgamma <= 1.0f) ||
      !(o->task_lr_end > 0.0f && o->task_lr_end <= 1.0f)) {
    fprintf(stderr, "learn_bench: --joint-batch must be >= 1, --joint-gamma and "
                    "--task-lr-end in (0, 1]\n");
    return -1;
  }
  if (i != argc || o->model == NULL || o->data == NULL || o->cache == NULL) {
    fprintf(stderr, "usage: mote-learn-bench --model M --data DIR --cache DIR [options]\n");
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  static const int pols[2] = {MOTE_REPLAY_CLASS_BALANCED, MOTE_REPLAY_RESERVOIR};
  run_t runs[MAX_RUNS];
  uint32_t n = 0;
  uint32_t i;
  opts_t o;
  lb_set_t tr, te, va;
  lb_cut_t cut;
  int rc = 0;
  if (parse(argc, argv, &o) != 0 ||
      lb_load_features(o.model, o.data, o.cache, o.train_pc, o.test_pc, &tr, &te, &cut) != 0) {
    return 2;
  }
  if (split_validation(&tr, o.val_pc, &va) != 0) {
    return 2;
  }
  o.cfg.feature_count = cut.features;
  o.cfg.feature_type = MOTE_TYPE_INT8;
  o.cfg.feature_scale = cut.scale;
  o.cfg.feature_zero_point = cut.zero_point;
  sync_joint_head(&o);
  if (o.fw_data != NULL) {
    rc = lb_write_fw_data(o.fw_data, &o.cfg, &tr, &te, o.fw_train, o.fw_test) == 0 ? 0 : 2;
    lb_free(&tr);
    lb_free(&te);
    lb_free(&va);
    return rc;
  }
  if (o.tune) {
    if (va.n == 0) {
      fprintf(stderr, "learn_bench: --tune needs a validation split (--val-per-class)\n");
      return 2;
    }
    if (o.tune & 1) {
      tune(&o, &tr, &va);
    }
  }
  sync_joint_head(&o);
  if (o.tune & 2) {
    tune_joint(&o, &tr, &va);
  }
  memset(runs, 0, sizeof runs);
  for (i = 0; i < MAX_RUNS; i++) {
    runs[i].val_acc = -1.0;
  }
  snprintf(runs[n].name, sizeof runs[n].name, "joint");
  n++;
  snprintf(runs[n].name, sizeof runs[n].name, "naive");
  n++;
  for (i = 0; i < 2u * MAX_CAPS && o.caps[i / 2] > 0; i++) {
    runs[n].replay = o.caps[i / 2];
    runs[n].policy = pols[i % 2];
    snprintf(runs[n].name, sizeof runs[n].name, "replay");
    n++;
  }
  for (i = 0; i < n; i++) {
    run_t *r = &runs[i];
    if (o.only != NULL && strcmp(o.only, r->name) != 0) {
      continue; /* tuning: one kind of run alone */
    }
    if (i == 0) {
      run_joint(r, &o, &tr, &te, &va, 0);
    } else {
      run_sequential(r, &o, &tr, &te, &va);
    }
    printf("%-6s %4d %-14s final %6.2f%% (after tasks %.1f %.1f %.1f %.1f), validation "
           "%.2f%%  %lu bytes  %.1f s\n",
           r->name, r->replay, r->replay ? policy_name(r->policy) : "-", r->final_acc,
           r->task_acc[0], r->task_acc[1], r->task_acc[2], r->task_acc[3], r->val_acc,
           (unsigned long)r->mem.total_bytes, r->seconds);
    if (i == 0) {
      printf("joint  convergence: %u epochs, test %.2f%%; one epoch more %.2f%% (%+.2f points)\n",
             r->epochs, r->final_acc, r->next_acc, r->next_acc - r->final_acc);
    }
    fflush(stdout);
  }
  if (o.json != NULL && o.only == NULL) {
    write_json(o.json, &o, runs, n, &tr, &te, &va);
  }
  if (o.md != NULL && o.only == NULL) {
    write_md(o.md, &o, runs, n, &tr, &te, &va);
  }
  if (o.check) {
    /* Every replay run, not the best: a policy that stops working fails. */
    double worst = 100.0;
    int ok;
    for (i = 2; i < n; i++) {
      worst = runs[i].final_acc < worst ? runs[i].final_acc : worst;
    }
    ok = worst >= runs[1].final_acc + 20.0 && worst >= o.check_min &&
         runs[0].final_acc >= o.check_min;
    printf("check: joint %.2f%%, worst replay %.2f%%, naive %.2f%%: want replay >= naive + 20 "
           "and joint, replay >= %.1f%%: %s\n",
           runs[0].final_acc, worst, runs[1].final_acc, o.check_min, ok ? "pass" : "FAIL");
    rc = ok ? 0 : 1;
  }
  lb_free(&tr);
  lb_free(&te);
  lb_free(&va);
  return rc;
}
