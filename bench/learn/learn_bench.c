/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Continual-learning benchmark on Fashion-MNIST (docs/learning.md).
 *
 *   mote-learn-bench --model M.tflite --data DIR --cache DIR
 *       [--train-per-class N] [--test-per-class N]   (0: all; default all)
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
 * test accuracy by under 0.2 points), naive (no replay) and replay with
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
  int caps[MAX_CAPS]; /* replay capacities, 0 ends */
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

static void run_sequential(run_t *r, const opts_t *o, const lb_set_t *tr, const lb_set_t *te) {
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
  r->epochs = o->epochs;
  mote_learner_memory_usage(&l, &r->mem);
  r->seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
  free(mem);
  free(idx);
}

static void run_joint(run_t *r, const opts_t *o, const lb_set_t *tr, const lb_set_t *te) {
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
    acc = evaluate(&l, te, NULL);
    printf("  joint epoch %u: %.2f%%\n", e, acc);
    fflush(stdout);
    r->final_acc = acc;
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

static const char *policy_name(int p) {
  return p == MOTE_REPLAY_CLASS_BALANCED ? "class_balanced" : "reservoir";
}

static void write_json(const char *path, const opts_t *o, const run_t *runs, uint32_t n,
                       const lb_set_t *tr, const lb_set_t *te) {
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
          "\"replay_per_step\": %u, \"seed\": %u},\n  \"runs\": [\n",
          tr->n, te->n, tr->f, o->epochs, c->hidden_units, c->max_classes,
          (double)c->learning_rate, (double)c->momentum, (double)c->weight_decay,
          c->standardize, c->replay_per_step, c->seed);
  for (i = 0; i < n; i++) {
    const run_t *r = &runs[i];
    fprintf(f,
            "    {\"name\": \"%s\", \"replay_capacity\": %d, \"policy\": \"%s\", "
            "\"epochs\": %u, \"final_accuracy\": %.2f, \"accuracy_after_task\": [",
            r->name, r->replay, r->replay ? policy_name(r->policy) : "none", r->epochs,
            r->final_acc);
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
                     const lb_set_t *tr, const lb_set_t *te) {
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
  fprintf(f, "| run | replay | policy | after task 1 | 2 | 3 | 4 | 5 (final) | of joint | "
             "state bytes |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
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
    fprintf(f, " %.1f%% | %lu |\n", 100.0 * r->final_acc / joint,
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
  o->cfg.learning_rate = 0.001f;
  o->cfg.momentum = 0.5f;
  o->cfg.weight_decay = 0.01f; /* keeps the head from fitting the few buffered examples */
  o->cfg.replay_per_step = 4;
  o->epochs = 1;
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
  lb_set_t tr, te;
  lb_cut_t cut;
  int rc = 0;
  if (parse(argc, argv, &o) != 0 ||
      lb_load_features(o.model, o.data, o.cache, o.train_pc, o.test_pc, &tr, &te, &cut) != 0) {
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
    return rc;
  }
  memset(runs, 0, sizeof runs);
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
      run_joint(r, &o, &tr, &te);
    } else {
      run_sequential(r, &o, &tr, &te);
    }
    printf("%-6s %4d %-14s final %6.2f%% (after tasks %.1f %.1f %.1f %.1f)  %lu bytes  "
           "%.1f s\n",
           r->name, r->replay, r->replay ? policy_name(r->policy) : "-", r->final_acc,
           r->task_acc[0], r->task_acc[1], r->task_acc[2], r->task_acc[3],
           (unsigned long)r->mem.total_bytes, r->seconds);
    fflush(stdout);
  }
  if (o.json != NULL && o.only == NULL) {
    write_json(o.json, &o, runs, n, &tr, &te);
  }
  if (o.md != NULL && o.only == NULL) {
    write_md(o.md, &o, runs, n, &tr, &te);
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
  return rc;
}
