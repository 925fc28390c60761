/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote learn BASE DATA_DIR [--cut TENSOR] [--state FILE] [--save FILE]
 *  [--export OUT] [--epochs N] [--lr X] [--replay N] [--seed S] [--json]`
 *
 * Trains the learner of include/mote/train.h on a labelled folder
 * (cli_dataset.c): every file is decoded once, as `mote run --input`
 * decodes it (cli_inputs.c), then learnt in a --seed shuffle per epoch.
 * The training accuracy predicts the same files again. --state continues
 * from a saved learning state (the library's load checks its CRC and
 * shape); --save writes the state through a temporary file and a rename,
 * so a crash leaves the old state whole. --export writes the base plus
 * the head as a .tflite (int8 head over an int8 cut, else float), then
 * loads that file in a fresh interpreter and counts on how many training
 * files its top class is the learner's: the export is checked, not
 * trusted.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mote/train.h"

static const char learn_help[] =
    "usage: mote learn BASE.tflite DATA_DIR [--cut TENSOR] [--state FILE]\n"
    "                  [--save FILE] [--export OUT.tflite] [--epochs N]\n"
    "                  [--lr X] [--replay N] [--seed S] [--json]\n"
    "\n"
    "Train a classifier head on the features of the frozen model BASE\n"
    "(the learner of include/mote/train.h) on a labelled folder, then\n"
    "report per-class counts and the training accuracy.\n"
    "\n"
    "  DATA_DIR        one subdirectory per class; the sorted directory\n"
    "                  names are classes 0, 1, ...; their files are inputs\n"
    "                  of BASE (one input), read and converted as\n"
    "                  'mote run --input' does (.npy .wav .pgm .ppm .bmp\n"
    "                  .png .bin; see 'mote run --help')\n"
    "  --cut TENSOR    the feature tensor, by name or index (default: the\n"
    "                  input of BASE's last FULLY_CONNECTED)\n"
    "  --state FILE    continue from a state saved by --save (same base,\n"
    "                  cut, classes room and --replay); a corrupt or\n"
    "                  mismatched file is an error\n"
    "  --save FILE     write the learning state after learning (through\n"
    "                  FILE.tmp and a rename)\n"
    "  --export OUT    write BASE + the learnt head as a .tflite (int8 head\n"
    "                  for an int8 cut, float for a float cut or with\n"
    "                  --replay 0: int8 calibrates on the replay\n"
    "                  buffer); output i is the\n"
    "                  probability of class slot i. It is then run on the\n"
    "                  training files and its agreement with the learner\n"
    "                  printed\n"
    "  --epochs N      passes over the data (default 3)\n"
    "  --lr X          learning rate (default 0.05)\n"
    "  --replay N      replay buffer items (default 64)\n"
    "  --seed S        shuffle and initial weights (default 1)\n"
    "  --json          print one JSON object\n"
    "\n"
    "The head has room for max(8, classes) classes; a state loads only\n"
    "into a head of the same room. Class ids are sorted positions, so a\n"
    "run continuing a state needs the same class directories (new ones\n"
    "sorting after them).\n"
    "\n"
    "Exit status: 0 success, 1 failure (model, file, state or export), 2\n"
    "bad usage.\n";

typedef struct learn_args {
  const char *model;
  const char *data_dir;
  const char *cut;
  const char *state;
  const char *save;
  const char *export_path;
  unsigned long epochs;
  float lr;
  uint32_t replay;
  uint32_t seed;
  int json;
} learn_args_t;

/* The run's data: decoded inputs and what came of them. */
typedef struct learn_run {
  cli_dataset_t data;
  cli_buffer_t *inputs;   /* [data.count]: the input tensor's bytes */
  uint32_t *predicted;    /* [data.count]: the learner's top label */
  uint32_t *learnt;       /* [classes]: examples learnt this run */
  uint32_t *correct;      /* [classes] */
  uint32_t cut;
  mote_learner_config_t cfg;
  cli_buffer_t mem;
  mote_learner_t learner;
  size_t state_bytes;
  size_t export_bytes;
  uint32_t agree;
  uint32_t export_correct;
  const char *export_head; /* "int8" or "float32" */
} learn_run_t;

static int parse_number(const char *opt, const char *v, unsigned long long max,
                        unsigned long long min, unsigned long long *n) {
  if (cli_parse_count(v, 0, n) != 0 || *n < min || *n > max) {
    cli_usage_error("learn: %s: '%s' is not a count from %llu to %llu", opt,
                    v, min, max);
    return -1;
  }
  return 0;
}

static int take_option(int argc, char **argv, int *i, learn_args_t *a) {
  const char *v = NULL;
  unsigned long long n;
  int r;
  if (strcmp(argv[*i], "--json") == 0) {
    a->json = 1;
    return 1;
  }
  if ((r = cli_take_option(argc, argv, i, "--cut", &v)) != 0) {
    a->cut = v;
  } else if ((r = cli_take_option(argc, argv, i, "--state", &v)) != 0) {
    a->state = v;
  } else if ((r = cli_take_option(argc, argv, i, "--save", &v)) != 0) {
    a->save = v;
  } else if ((r = cli_take_option(argc, argv, i, "--export", &v)) != 0) {
    a->export_path = v;
  } else if ((r = cli_take_option(argc, argv, i, "--epochs", &v)) != 0) {
    if (r > 0 && parse_number("--epochs", v, 100000u, 1u, &n) != 0) {
      return -1;
    }
    a->epochs = r > 0 ? (unsigned long)n : a->epochs;
  } else if ((r = cli_take_option(argc, argv, i, "--replay", &v)) != 0) {
    if (r > 0 && parse_number("--replay", v, 1000000u, 0u, &n) != 0) {
      return -1;
    }
    a->replay = r > 0 ? (uint32_t)n : a->replay;
  } else if ((r = cli_take_option(argc, argv, i, "--seed", &v)) != 0) {
    if (r > 0 && parse_number("--seed", v, 0xFFFFFFFFull, 0u, &n) != 0) {
      return -1;
    }
    a->seed = r > 0 ? (uint32_t)n : a->seed;
  } else if ((r = cli_take_option(argc, argv, i, "--lr", &v)) != 0) {
    char *end = NULL;
    double x = r > 0 ? strtod(v, &end) : 0.0;
    if (r > 0 && (end == v || *end != '\0' || !(x > 0.0) || x > 100.0)) {
      cli_usage_error("learn: --lr: '%s' is not a rate above 0 (at most "
                      "100)",
                      v);
      return -1;
    }
    a->lr = r > 0 ? (float)x : a->lr;
  }
  return r;
}

/* Returns -1 to continue, or the exit status to return. */
static int parse_args(int argc, char **argv, learn_args_t *a) {
  mote_learner_config_t def;
  int i;
  mote_learner_config_default(&def);
  memset(a, 0, sizeof *a);
  a->epochs = 3;
  a->lr = def.learning_rate;
  a->replay = def.replay_capacity;
  a->seed = def.seed;
  for (i = 2; i < argc; i++) {
    int r;
    if (cli_is_help(argv[i])) {
      fputs(learn_help, stdout);
      return CLI_EXIT_OK;
    }
    r = take_option(argc, argv, &i, a);
    if (r < 0) {
      return CLI_EXIT_USAGE;
    }
    if (r > 0) {
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return cli_usage_error("learn: unknown option '%s' (see 'mote learn "
                             "--help')",
                             argv[i]);
    }
    if (a->model == NULL) {
      a->model = argv[i];
    } else if (a->data_dir == NULL) {
      a->data_dir = argv[i];
    } else {
      return cli_usage_error("learn: unexpected argument '%s' (one BASE "
                             "and one DATA_DIR)",
                             argv[i]);
    }
  }
  if (a->data_dir == NULL) {
    return cli_usage_error("learn: missing %s (see 'mote learn --help')",
                           a->model == NULL ? "BASE and DATA_DIR"
                                            : "DATA_DIR");
  }
  return -1;
}

/* The session's before_prepare hook: find the cut and keep it alive. */
typedef struct cut_hook {
  const char *name;
  const mote_model_t *model;
  uint32_t index;
} cut_hook_t;

static mote_status_t keep_cut(mote_interp_t *interp, void *user,
                              mote_error_t *err) {
  cut_hook_t *h = (cut_hook_t *)user;
  const mote_model_t *m = h->model;
  mote_status_t st = mote_learner_find_cut(interp, h->name, &h->index, err);
  if (st == MOTE_ERR_BAD_ARG && h->name != NULL) {
    /* Not a tensor name: an index, when it is all digits. */
    unsigned long long n;
    uint32_t count = mote_model_tensor_count(m, 0);
    if (cli_parse_count(h->name, 0, &n) != 0 || n >= count) {
      snprintf(err->message, sizeof err->message,
               "--cut '%s': no tensor of that name, nor an index below %lu",
               h->name, (unsigned long)count);
      return MOTE_ERR_BAD_ARG;
    }
    h->index = (uint32_t)n;
    st = MOTE_OK;
  }
  if (st == MOTE_OK) {
    st = mote_interp_keep_tensor(interp, h->index, err);
  }
  return st;
}

/* Decodes every file of the dataset into its own input buffer. */
static int load_inputs(cli_session_t *s, learn_run_t *r) {
  uint32_t i;
  if (mote_interp_input_count(&s->interp) != 1) {
    cli_error("%s: learn takes a base with one input, this one has %lu",
              s->path, (unsigned long)mote_interp_input_count(&s->interp));
    return -1;
  }
  r->inputs = cli_inputs_alloc(r->data.count);
  if (r->inputs == NULL) {
    return -1;
  }
  for (i = 0; i < r->data.count; i++) {
    cli_input_spec_t spec;
    memset(&spec, 0, sizeof spec);
    spec.files[0] = r->data.paths[i];
    spec.file_count = 1;
    if (cli_inputs_load(s, &spec, &r->inputs[i], NULL) != 0) {
      return -1;
    }
  }
  return 0;
}

static int set_input(cli_session_t *s, const cli_buffer_t *in) {
  mote_tensor_t t;
  if (mote_interp_input(&s->interp, 0, &t) != MOTE_OK || t.data == NULL ||
      t.bytes != in->size) {
    cli_error("%s: cannot write input 0", s->path);
    return -1;
  }
  memcpy(t.data, in->data, in->size);
  return 0;
}

static int setup_learner(const learn_args_t *a, cli_session_t *s,
                         learn_run_t *r) {
  mote_error_t err;
  mote_status_t st;
  size_t bytes;
  cli_error_clear(&err);
  mote_learner_config_default(&r->cfg);
  st = mote_learner_config_for_cut(&r->cfg, &s->interp, r->cut, &err);
  if (st != MOTE_OK) {
    cli_report(a->model, st, &err);
    return -1;
  }
  r->cfg.learning_rate = a->lr;
  r->cfg.replay_capacity = a->replay;
  r->cfg.seed = a->seed;
  if (r->data.class_count > r->cfg.max_classes) {
    r->cfg.max_classes = r->data.class_count;
  }
  bytes = mote_learner_bytes(&r->cfg);
  /* 0 is an invalid config: init, given a token buffer, says why. */
  if (cli_buffer_alloc(&r->mem, bytes ? bytes : 16u) != 0) {
    return -1;
  }
  st = mote_learner_init(&r->learner, &r->cfg, &s->interp, r->cut,
                         r->mem.data, r->mem.size, &err);
  if (st != MOTE_OK) {
    cli_report(a->model, st, &err);
    return -1;
  }
  if (a->state != NULL) {
    cli_buffer_t file;
    if (cli_read_file(a->state, &file) != 0) {
      return -1;
    }
    cli_error_clear(&err);
    st = mote_learner_load(&r->learner, file.data, file.size, &err);
    cli_buffer_free(&file);
    if (st != MOTE_OK) {
      char what[512];
      snprintf(what, sizeof what, "%s: learning state refused", a->state);
      cli_report(what, st, &err);
      return -1;
    }
  }
  return 0;
}

static uint32_t xorshift(uint32_t *x) {
  *x ^= *x << 13;
  *x ^= *x >> 17;
  *x ^= *x << 5;
  return *x;
}

static int learn_all(const learn_args_t *a, cli_session_t *s, learn_run_t *r) {
  uint32_t n = r->data.count;
  uint32_t *order = (uint32_t *)malloc(n * sizeof *order);
  uint32_t rng = a->seed ? a->seed : 0x9E3779B9u;
  unsigned long e;
  uint32_t i;
  if (order == NULL) {
    cli_error("out of memory");
    return -1;
  }
  for (i = 0; i < n; i++) {
    order[i] = i;
  }
  for (e = 0; e < a->epochs; e++) {
    for (i = n; i > 1; i--) {
      uint32_t j = xorshift(&rng) % i;
      uint32_t t = order[i - 1];
      order[i - 1] = order[j];
      order[j] = t;
    }
    for (i = 0; i < n; i++) {
      uint32_t k = order[i];
      mote_error_t err;
      mote_status_t st;
      if (set_input(s, &r->inputs[k]) != 0) {
        free(order);
        return -1;
      }
      cli_error_clear(&err);
      st = mote_learner_learn_input(&r->learner, r->data.labels[k], &err);
      if (st != MOTE_OK) {
        cli_report(r->data.paths[k], st, &err);
        free(order);
        return -1;
      }
      r->learnt[r->data.labels[k]]++;
    }
  }
  free(order);
  return 0;
}

static int predict_all(cli_session_t *s, learn_run_t *r) {
  uint32_t i;
  for (i = 0; i < r->data.count; i++) {
    mote_error_t err;
    mote_status_t st;
    float prob;
    if (set_input(s, &r->inputs[i]) != 0) {
      return -1;
    }
    cli_error_clear(&err);
    st = mote_learner_predict_input(&r->learner, &r->predicted[i], &prob, 1,
                                    &err);
    if (st != MOTE_OK) {
      cli_report(r->data.paths[i], st, &err);
      return -1;
    }
    if (r->predicted[i] == r->data.labels[i]) {
      r->correct[r->data.labels[i]]++;
    }
  }
  return 0;
}

static int save_state(const learn_args_t *a, learn_run_t *r) {
  cli_buffer_t buf;
  mote_error_t err;
  mote_status_t st;
  size_t written = 0;
  int rc;
  r->state_bytes = mote_learner_state_bytes(&r->learner);
  if (cli_buffer_alloc(&buf, r->state_bytes) != 0) {
    return -1;
  }
  cli_error_clear(&err);
  st = mote_learner_save(&r->learner, buf.data, buf.size, &written, &err);
  if (st != MOTE_OK) {
    cli_report(a->save, st, &err);
    cli_buffer_free(&buf);
    return -1;
  }
  rc = cli_write_file_atomic(a->save, buf.data, written);
  cli_buffer_free(&buf);
  return rc;
}

/* Runs the exported model on every training file and counts where its
 * top class (a slot) names the learner's label. */
static int verify_export(const learn_args_t *a, learn_run_t *r) {
  cli_session_t x;
  uint32_t i;
  int rc = 0;
  if (cli_session_start(&x, a->export_path, CLI_DEFAULT_ARENA_BYTES) != 0) {
    return -1;
  }
  for (i = 0; i < r->data.count && rc == 0; i++) {
    mote_error_t err;
    mote_tensor_t out;
    double dt;
    uint32_t slot = 0;
    uint32_t label;
    mote_status_t st = cli_session_invoke(&x, &r->inputs[i], 1, 0, &dt, &err);
    if (st == MOTE_OK) {
      st = mote_interp_output(&x.interp, 0, &out);
    }
    if (st != MOTE_OK || cli_top_k(&out, 1, &slot) != 1) {
      cli_report(a->export_path, st == MOTE_OK ? MOTE_ERR_BAD_SHAPE : st,
                 &err);
      rc = -1;
      break;
    }
    label = mote_learner_class_label(&r->learner, slot);
    r->agree += label == r->predicted[i] ? 1u : 0u;
    r->export_correct += label == r->data.labels[i] ? 1u : 0u;
  }
  cli_session_close(&x);
  return rc;
}

static int export_model(const learn_args_t *a, learn_run_t *r) {
  cli_buffer_t buf;
  mote_error_t err;
  mote_status_t st;
  size_t written = 0;
  int rc;
  /* An int8 head calibrates on the replay buffer; without one, float. */
  uint32_t flags = r->cfg.feature_type == MOTE_TYPE_INT8 &&
                           mote_learner_replay_count(&r->learner) > 0
                       ? MOTE_EXPORT_INT8
                       : MOTE_EXPORT_FLOAT32;
  r->export_head = flags == MOTE_EXPORT_INT8 ? "int8" : "float32";
  cli_error_clear(&err);
  st = mote_learner_export_bytes(&r->learner, flags, &r->export_bytes, &err);
  if (st != MOTE_OK) {
    cli_report(a->export_path, st, &err);
    return -1;
  }
  if (cli_buffer_alloc(&buf, r->export_bytes) != 0) {
    return -1;
  }
  st = mote_learner_export_tflite(&r->learner, flags, buf.data, buf.size,
                                  &written, &err);
  if (st != MOTE_OK) {
    cli_report(a->export_path, st, &err);
    cli_buffer_free(&buf);
    return -1;
  }
  r->export_bytes = written;
  rc = cli_write_file_atomic(a->export_path, buf.data, written);
  cli_buffer_free(&buf);
  return rc == 0 ? verify_export(a, r) : -1;
}

/* The slot of class `label`, or the class count when it has none. */
static uint32_t slot_of(const mote_learner_t *l, uint32_t label) {
  uint32_t n = mote_learner_class_count(l);
  uint32_t i;
  for (i = 0; i < n && mote_learner_class_label(l, i) != label; i++) {
  }
  return i;
}

static double pct(uint32_t num, uint32_t den) {
  return den ? 100.0 * (double)num / (double)den : 0.0;
}

static void report_json(const learn_args_t *a, cli_session_t *s,
                        const learn_run_t *r, uint32_t total_correct) {
  uint32_t c;
  fputs("{\n  \"model\": ", stdout);
  cli_json_string(stdout, a->model);
  fputs(",\n  \"data_dir\": ", stdout);
  cli_json_string(stdout, a->data_dir);
  printf(",\n  \"cut\": {\"index\": %lu, \"name\": ", (unsigned long)r->cut);
  cli_json_string(stdout, mote_model_tensor_name(&s->model, 0, r->cut));
  printf(", \"type\": \"%s\", \"features\": %lu},\n",
         mote_type_name((mote_type_t)r->cfg.feature_type),
         (unsigned long)r->cfg.feature_count);
  printf("  \"learner_bytes\": %lu,\n  \"max_classes\": %lu,\n"
         "  \"epochs\": %lu,\n  \"examples\": %lu,\n  \"loss\": ",
         (unsigned long)r->mem.size, (unsigned long)r->cfg.max_classes,
         a->epochs, (unsigned long)r->data.count);
  cli_json_float(stdout, mote_learner_last_loss(&r->learner));
  fputs(",\n  \"classes\": [", stdout);
  for (c = 0; c < r->data.class_count; c++) {
    uint32_t slot = slot_of(&r->learner, c);
    fputs(c ? ",\n    {\"label\": " : "\n    {\"label\": ", stdout);
    printf("%lu, \"name\": ", (unsigned long)c);
    cli_json_string(stdout, r->data.class_names[c]);
    printf(", \"slot\": %lu, \"learnt\": %lu, \"learnt_total\": %lu, "
           "\"replay\": %lu, \"correct\": %lu}",
           (unsigned long)slot, (unsigned long)r->learnt[c],
           (unsigned long)mote_learner_class_examples(&r->learner, slot),
           (unsigned long)mote_learner_replay_class_count(&r->learner, slot),
           (unsigned long)r->correct[c]);
  }
  printf("\n  ],\n  \"train_correct\": %lu,\n  \"train_accuracy\": ",
         (unsigned long)total_correct);
  cli_json_float(stdout, pct(total_correct, r->data.count) / 100.0);
  if (a->save != NULL) {
    fputs(",\n  \"state\": ", stdout);
    cli_json_string(stdout, a->save);
    printf(",\n  \"state_bytes\": %lu", (unsigned long)r->state_bytes);
  }
  if (a->export_path != NULL) {
    fputs(",\n  \"export\": {\"path\": ", stdout);
    cli_json_string(stdout, a->export_path);
    printf(", \"bytes\": %lu, \"head\": \"%s\", \"agree\": %lu, "
           "\"agreement\": ",
           (unsigned long)r->export_bytes, r->export_head,
           (unsigned long)r->agree);
    cli_json_float(stdout, pct(r->agree, r->data.count) / 100.0);
    fputs(", \"accuracy\": ", stdout);
    cli_json_float(stdout, pct(r->export_correct, r->data.count) / 100.0);
    fputc('}', stdout);
  }
  fputs("\n}\n", stdout);
}

static void report(const learn_args_t *a, cli_session_t *s,
                   const learn_run_t *r) {
  uint32_t total = 0;
  uint32_t c;
  for (c = 0; c < r->data.class_count; c++) {
    total += r->correct[c];
  }
  if (a->json) {
    report_json(a, s, r, total);
    return;
  }
  printf("%s: cut tensor %lu '%s' (%s, %lu features), head for up to %lu "
         "classes in %lu bytes\n",
         a->model, (unsigned long)r->cut,
         mote_model_tensor_name(&s->model, 0, r->cut),
         mote_type_name((mote_type_t)r->cfg.feature_type),
         (unsigned long)r->cfg.feature_count,
         (unsigned long)r->cfg.max_classes, (unsigned long)r->mem.size);
  printf("learnt %lu files x %lu epochs (last step's loss %.4f)\n",
         (unsigned long)r->data.count, a->epochs,
         (double)mote_learner_last_loss(&r->learner));
  printf("  %-5s %-20s %5s %8s %8s %6s %9s\n", "label", "class", "slot",
         "learnt", "total", "replay", "train-acc");
  for (c = 0; c < r->data.class_count; c++) {
    uint32_t slot = slot_of(&r->learner, c);
    uint32_t files = 0;
    uint32_t i;
    for (i = 0; i < r->data.count; i++) {
      files += r->data.labels[i] == c ? 1u : 0u;
    }
    printf("  %-5lu %-20s %5lu %8lu %8lu %6lu %8.1f%%\n", (unsigned long)c,
           r->data.class_names[c], (unsigned long)slot,
           (unsigned long)r->learnt[c],
           (unsigned long)mote_learner_class_examples(&r->learner, slot),
           (unsigned long)mote_learner_replay_class_count(&r->learner, slot),
           pct(r->correct[c], files));
  }
  printf("training accuracy: %lu/%lu = %.1f%%\n", (unsigned long)total,
         (unsigned long)r->data.count, pct(total, r->data.count));
  if (a->save != NULL) {
    printf("saved state: %s (%lu bytes)\n", a->save,
           (unsigned long)r->state_bytes);
  }
  if (a->export_path != NULL) {
    printf("exported: %s (%lu bytes, %s head): agrees with the learner on "
           "%lu/%lu files (%.1f%%), accuracy %.1f%%\n",
           a->export_path, (unsigned long)r->export_bytes, r->export_head,
           (unsigned long)r->agree, (unsigned long)r->data.count,
           pct(r->agree, r->data.count),
           pct(r->export_correct, r->data.count));
  }
}

static void run_free(learn_run_t *r) {
  cli_inputs_free(r->inputs, r->data.count);
  free(r->predicted);
  free(r->learnt);
  free(r->correct);
  cli_buffer_free(&r->mem);
  cli_dataset_free(&r->data);
}

int cli_cmd_learn(int argc, char **argv) {
  learn_args_t a;
  learn_run_t r;
  cli_session_t s;
  cut_hook_t hook;
  mote_error_t err;
  mote_status_t st;
  int rc = parse_args(argc, argv, &a);
  if (rc >= 0) {
    return rc;
  }
  memset(&r, 0, sizeof r);
  if (cli_dataset_scan(a.data_dir, &r.data) != 0) {
    return CLI_EXIT_FAIL;
  }
  r.predicted = (uint32_t *)calloc(r.data.count, sizeof *r.predicted);
  r.learnt = (uint32_t *)calloc(r.data.class_count, sizeof *r.learnt);
  r.correct = (uint32_t *)calloc(r.data.class_count, sizeof *r.correct);
  if (r.predicted == NULL || r.learnt == NULL || r.correct == NULL) {
    cli_error("out of memory");
    run_free(&r);
    return CLI_EXIT_FAIL;
  }
  if (cli_session_open(&s, a.model) != 0) {
    run_free(&r);
    return CLI_EXIT_FAIL;
  }
  hook.name = a.cut;
  hook.model = &s.model;
  hook.index = 0;
  s.before_prepare = keep_cut;
  s.hook_user = &hook;
  st = cli_session_prepare(&s, CLI_DEFAULT_ARENA_BYTES, &err);
  rc = CLI_EXIT_FAIL;
  if (st != MOTE_OK) {
    cli_report(a.model, st, &err);
  } else {
    r.cut = hook.index;
    if (load_inputs(&s, &r) == 0 && setup_learner(&a, &s, &r) == 0 &&
        learn_all(&a, &s, &r) == 0 && predict_all(&s, &r) == 0 &&
        (a.save == NULL || save_state(&a, &r) == 0) &&
        (a.export_path == NULL || export_model(&a, &r) == 0)) {
      report(&a, &s, &r);
      rc = CLI_EXIT_OK;
    }
  }
  run_free(&r);
  cli_session_close(&s);
  return cli_finish(rc);
}
