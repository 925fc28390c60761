/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Continual-learning benchmark on Fashion-MNIST (docs/learning.md).
 *
 *   mote-learn-bench --model M.tflite --data DIR --cache DIR
 *       [--train-per-class N] [--test-per-class N]   (0: all; default all)
 *       [--val-per-class N]   (held out of training; default 1000, 0 none)
 *       [--tune 1]   (choose the head config on the validation split first)
 *       [--json FILE] [--md FILE] [--check MIN_PCT]
 *       [--hidden H] [--lr X] [--momentum X] [--decay X] [--replay-per-step R]
 *       [--standardize 0|1] [--epochs E] [--seed S] [--only NAME]
 *       [--caps 200,500,1000]   (replay capacities, up to 4)
 *       [--m4f-step N --m4f-predict N]   (run_fw.sh's figures, for the tables)
 *       [--fw-data FILE.c [--fw-train N] [--fw-test N] [--fw-capacity N]
 *        [--fw-policy class_balanced|reservoir]]
 *
 * Class-incremental protocol: five tasks of two classes (0-1, 2-3, ...);
 * each task's training images, shuffled, stream through the learner E
 * times (one mote_learner_learn step each, with its replayed examples);
 * after each task the head is evaluated on every test image. Runs:
 * joint (every class shuffled together, epochs until one more changes
 * validation accuracy by under 0.2 points; test accuracy without a
 * validation split), naive (no replay) and replay with
 * buffers of 200, 500 and 1000 examples under both policies. --check
 * fails (exit 1) unless every replay run ends at least 20 points above
 * naive and, as joint, at or above MIN_PCT. --fw-data writes the Cortex-M firmware's
 * data (fw_data.c).
 */
#define _POSIX_C_SOURCE 200809L
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
  mote_learner_config_t cfg;
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

static void learn_all(mote_learner_t *l, const lb_set_t *tr, const uint32_t *idx, uint32_t n) {
  mote_error_t err;
  uint32_t i;
  for (i = 0; i < n; i++) {
    const uint32_t k = idx[i];
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
      learn_all(&l, tr, idx, task_stream(tr, t, idx));
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

/*
 * Epochs until one more changes accuracy by under 0.2 points, judged on
 * the validation split when there is one (the test set only without).
 */
static void run_joint(run_t *r, const opts_t *o, const lb_set_t *tr, const lb_set_t *te,
                      const lb_set_t *va) {
  const lb_set_t *judge = va->n > 0 ? va : te;
  mote_learner_config_t cfg = o->cfg;
  mote_learner_t l;
  uint32_t *idx = malloc(sizeof *idx * tr->n);
  void *mem;
  uint32_t i;
  uint32_t e;
  double prev = -100.0;
  clock_t t0 = clock();
  cfg.replay_capacity = 0;
  mem = learner_new(&l, &cfg);
  g_rng = 12345u;
  for (i = 0; i < tr->n; i++) {
    idx[i] = i;
  }
  for (e = 1; e <= JOINT_MAX_EPOCHS; e++) {
    double acc;
    shuffle(idx, tr->n);
    learn_all(&l, tr, idx, tr->n);
    acc = evaluate(&l, judge, NULL);
    printf("  joint epoch %u: %s %.2f%%\n", e, judge == va ? "validation" : "test", acc);
    fflush(stdout);
    r->final_acc = judge == te ? acc : evaluate(&l, te, NULL);
    r->val_acc = judge == va ? acc : -1.0;
    r->epochs = e;
    if (acc - prev < 0.2 && prev - acc < 0.2) {
      break;
    }
    prev = acc;
  }
  for (i = 0; i < TASKS; i++) {
    r->task_acc[i] = r->final_acc;
  }
  mote_learner_memory_usage(&l, &r->mem);
  r->seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
  free(mem);
  free(idx);
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

/* The tuning grid (docs/learning.md lists what each axis was for). */
static const uint32_t k_hidden[] = {0, 16, 32};
static const float k_lr[] = {0.0003f, 0.001f, 0.003f};
static const float k_momentum[] = {0.0f, 0.5f, 0.9f};
static const float k_decay[] = {0.0001f, 0.01f};
static const uint32_t k_rps[] = {4, 8};
static const uint32_t k_std[] = {0, 1};
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
 * --tune: every config of the grid, scored by the mean final VALIDATION
 * accuracy of its two replay runs (class-balanced, reservoir) at the
 * largest capacity whose state fits 64 KB; the best becomes o->cfg. The
 * test set is not looked at.
 */
static void tune(opts_t *o, const lb_set_t *tr, const lb_set_t *va) {
  static const int pols[2] = {MOTE_REPLAY_CLASS_BALANCED, MOTE_REPLAY_RESERVOIR};
  mote_learner_config_t best = o->cfg;
  double best_score = -1.0;
  size_t h, a, m, d, p, z;
  clock_t t0 = clock();
  o->tuned = 0;
  for (h = 0; h < NELEM(k_hidden); h++)
    for (a = 0; a < NELEM(k_lr); a++)
      for (m = 0; m < NELEM(k_momentum); m++)
        for (d = 0; d < NELEM(k_decay); d++)
          for (p = 0; p < NELEM(k_rps); p++)
            for (z = 0; z < NELEM(k_std); z++) {
              opts_t c = *o;
              run_t r;
              double score = 0.0;
              int k;
              int cap;
              c.cfg.hidden_units = k_hidden[h];
              c.cfg.learning_rate = k_lr[a];
              c.cfg.momentum = k_momentum[m];
              c.cfg.weight_decay = k_decay[d];
              c.cfg.replay_per_step = k_rps[p];
              c.cfg.standardize = k_std[z];
              cap = largest_fitting(&c, &c.cfg);
              if (cap == 0) {
                continue;
              }
              for (k = 0; k < 2; k++) {
                memset(&r, 0, sizeof r);
                r.replay = cap;
                r.policy = pols[k];
                run_sequential(&r, &c, tr, va, va); /* per-task figures on validation too */
                score += r.val_acc / 2.0;
              }
              o->tuned++;
              printf("tune: hidden %u lr %g momentum %g decay %g rps %u std %u, replay %d: "
                     "validation %.2f%%%s\n",
                     c.cfg.hidden_units, (double)c.cfg.learning_rate, (double)c.cfg.momentum,
                     (double)c.cfg.weight_decay, c.cfg.replay_per_step, c.cfg.standardize, cap,
                     score, score > best_score ? " *" : "");
              fflush(stdout);
              if (score > best_score) {
                best_score = score;
                best = c.cfg;
              }
            }
  o->cfg = best;
  o->tune_score = best_score;
  printf("tune: %u configs in %.0f s; chosen: hidden %u lr %g momentum %g decay %g rps %u "
         "std %u (validation %.2f%%)\n",
         o->tuned, (double)(clock() - t0) / CLOCKS_PER_SEC, best.hidden_units,
         (double)best.learning_rate, (double)best.momentum, (double)best.weight_decay,
         best.replay_per_step, best.standardize, best_score);
}

static const char *policy_name(int p) {
  return p == MOTE_REPLAY_CLASS_BALANCED ? "class_balanced" : "reservoir";
}

static void write_json(const char *path, const opts_t *o, const run_t *runs, uint32_t n,
                       const lb_set_t *tr, const lb_set_t *te, const lb_set_t *va) {
  FILE *f = fopen(path, "w");
  uint32_t i;
  uint32_t t;
  const mote_learner_config_t *c = &o->cfg;
  if (f == NULL) {
    fprintf(stderr, "learn_bench: cannot write %s\n", path);
    exit(2);
  }
  fprintf(f,
          "{\n  \"data\": \"fashion-mnist\",\n  \"train_images\": %u,\n  \"test_images\": %u,\n"
          "  \"features\": %u,\n  \"epochs_per_task\": %u,\n"
          "  \"config\": {\"hidden_units\": %u, \"max_classes\": %u, \"learning_rate\": %g, "
          "\"momentum\": %g, \"weight_decay\": %g, \"standardize\": %u, "
          "\"replay_per_step\": %u, \"seed\": %u},\n",
          tr->n, te->n, tr->f, o->epochs, c->hidden_units, c->max_classes,
          (double)c->learning_rate, (double)c->momentum, (double)c->weight_decay,
          c->standardize, c->replay_per_step, c->seed);
  fprintf(f, "  \"validation\": {\"split\": \"the last %u training images of each class "
             "(file order); training uses the rest\", \"images\": %u, ", o->val_pc, va->n);
  if (o->tune) {
    fprintf(f, "\"grid\": {\"hidden_units\": [0, 16, 32], \"learning_rate\": [0.0003, 0.001, "
               "0.003], \"momentum\": [0, 0.5, 0.9], \"weight_decay\": [0.0001, 0.01], "
               "\"replay_per_step\": [4, 8], \"standardize\": [0, 1]}, \"configs_tried\": %u, "
               "\"criterion\": \"mean final validation accuracy of the two replay runs "
               "(class_balanced, reservoir) at the largest capacity whose state fits 65536 "
               "bytes\", \"chosen_score\": %.2f, ", o->tuned, o->tune_score);
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
  const double joint = runs[0].final_acc;
  if (f == NULL) {
    fprintf(stderr, "learn_bench: cannot write %s\n", path);
    exit(2);
  }
  fprintf(f,
          "Fashion-MNIST, %u training and %u test images, %u int8 features of MLPerf "
          "ResNet-8; head: %u hidden units, lr %g, momentum %g, weight decay %g, "
          "standardize %u, %u replayed per step; %u epoch(s) per task.\n\n",
          tr->n, te->n, tr->f, c->hidden_units, (double)c->learning_rate,
          (double)c->momentum, (double)c->weight_decay, c->standardize, c->replay_per_step,
          o->epochs);
  fprintf(f, "Validation: the last %u training images of each class (%u), held out of "
             "training; joint's epochs stop when one more changes validation accuracy by under "
             "0.2 points.", o->val_pc, va->n);
  if (o->tune) {
    fprintf(f, " The head config was chosen by `--tune` from %u configs (hidden 0/16/32, lr "
               "0.0003/0.001/0.003, momentum 0/0.5/0.9, weight decay 1e-4/1e-2, 4/8 replayed "
               "per step, standardize 0/1) by the mean final validation accuracy of the two "
               "replay runs at the largest capacity whose state fits 64 KB: %.2f%%. The test "
               "set was not used to choose anything.", o->tuned, o->tune_score);
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
  /* --tune's choice on the validation split (bench/results/learn.json) */
  o->cfg.learning_rate = 0.003f;
  o->cfg.momentum = 0.9f;
  o->cfg.weight_decay = 0.0001f;
  o->cfg.replay_per_step = 8;
  o->cfg.standardize = 0;
  o->epochs = 1;
  o->val_pc = 1000;
  o->caps[0] = 200;
  o->caps[1] = 500;
  o->caps[2] = 800; /* the largest whose state fits 64 KB with a linear head */
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
    else {
      fprintf(stderr, "learn_bench: unknown option %s\n", k);
      return -1;
    }
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
    tune(&o, &tr, &va);
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
      run_joint(r, &o, &tr, &te, &va);
    } else {
      run_sequential(r, &o, &tr, &te, &va);
    }
    printf("%-6s %4d %-14s final %6.2f%% (after tasks %.1f %.1f %.1f %.1f)  %lu bytes  "
           "%.1f s\n",
           r->name, r->replay, r->replay ? policy_name(r->policy) : "-", r->final_acc,
           r->task_acc[0], r->task_acc[1], r->task_acc[2], r->task_acc[3],
           (unsigned long)r->mem.total_bytes, r->seconds);
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
