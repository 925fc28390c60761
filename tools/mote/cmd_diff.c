/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote diff A B [--atol X] [--model MODEL]`: compares two sets of outputs.
 *
 * A and B are each a .npy or .bin file, or a directory of
 * output_<i>.npy / output_<i>.bin files as `mote run --output` and
 * `--outputs` write them (and as the golden data holds them). A .npy
 * carries its type and shape; raw .bin bytes do not, so they are read
 * with the type of the .npy on the other side, or of output i of
 * --model MODEL. Guessing (say, int8 for every .bin) would report wrong
 * differences for any other type without a word.
 *
 * Values are compared as doubles (exact for every type up to 32 bits),
 * element by element in C order, |a - b| > atol counting as a mismatch;
 * two NaNs are equal, a NaN and a number are not. Exit status: 0 when
 * every tensor is within atol, 1 when any is not or a file cannot be
 * compared, 2 for bad usage, so scripts can use it as a check.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char diff_help[] =
    "usage: mote diff A B [--atol X] [--model MODEL]\n"
    "\n"
    "Compare two output sets. A and B are each a .npy or .bin file, or a\n"
    "directory of output_<i>.npy / output_<i>.bin files (what 'mote run\n"
    "--output DIR' and '--outputs DIR' write, and the golden layout).\n"
    "For each tensor: the largest absolute difference and where, how many\n"
    "elements differ by more than X, and the first of them.\n"
    "\n"
    "  --atol X       allowed absolute difference (default 0: exact)\n"
    "  --model MODEL  read .bin files with the type and shape of MODEL's\n"
    "                 outputs (output 0 for two files; needed when neither\n"
    "                 side is a .npy)\n"
    "\n"
    "Exit status: 0 every tensor within X, 1 a tensor differs or cannot be\n"
    "compared, 2 bad usage.\n";

typedef struct diff_side {
  const char *path;
  cli_buffer_t file;
  mote_tensor_t t; /* type, shape, data (into file) */
  int typed;       /* 1 once type and shape are known */
} diff_side_t;

static int exists(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f != NULL) {
    fclose(f);
  }
  return f != NULL;
}

static int ends_with(const char *s, const char *tail) {
  size_t a = strlen(s);
  size_t b = strlen(tail);
  return a >= b && strcmp(s + a - b, tail) == 0;
}

/* Reads `path`; a .npy fills the view, anything else waits for a type.
 * `d` was zeroed by the caller. */
static int side_read(diff_side_t *d, const char *path) {
  d->path = path;
  if (cli_read_file(path, &d->file) != 0) {
    return -1;
  }
  if (d->file.size >= 6 && memcmp(d->file.data, "\x93NUMPY", 6) == 0) {
    cli_npy_t a;
    char why[256];
    int i;
    if (cli_npy_parse(d->file.data, d->file.size, &a, why, sizeof why) != 0) {
      cli_error("%s: %s", path, why);
      return -1;
    }
    if (a.rank > MOTE_MAX_DIMS || a.bytes > 0xFFFFFFFFu) {
      cli_error("%s: more than %d dimensions or too large", path,
                MOTE_MAX_DIMS);
      return -1;
    }
    d->t.type = (uint8_t)a.type;
    d->t.rank = (uint8_t)a.rank;
    for (i = 0; i < a.rank; i++) {
      d->t.dims[i] = a.shape[i];
    }
    d->t.data = (void *)(uintptr_t)a.data;
    d->t.bytes = (uint32_t)a.bytes;
    d->typed = 1;
  } else if (ends_with(path, ".npy")) {
    cli_error("%s: not a .npy file (no \\x93NUMPY magic)", path);
    return -1;
  }
  return 0;
}

/* Gives a raw side the type and shape of `like`, checking the size. */
static int side_type(diff_side_t *d, const mote_tensor_t *like,
                     const char *from) {
  char shape[96];
  d->t = *like;
  d->t.data = d->file.data;
  d->t.bytes = (uint32_t)d->file.size;
  d->typed = 1;
  if (d->file.size != like->bytes) {
    cli_format_shape(like, shape, sizeof shape);
    cli_error("%s: %lu bytes, but %s is %s %s, %lu bytes", d->path,
              (unsigned long)d->file.size, from,
              mote_type_name((mote_type_t)like->type), shape,
              (unsigned long)like->bytes);
    return -1;
  }
  return 0;
}

static void side_free(diff_side_t *d) {
  cli_buffer_free(&d->file);
}

/* Compares one pair; returns 0 within atol, 1 over, -1 on an error. */
static int compare(const char *name, diff_side_t *a, diff_side_t *b,
                   double atol) {
  int32_t na = mote_tensor_elements(&a->t);
  int32_t nb = mote_tensor_elements(&b->t);
  char sa[96];
  char sb[96];
  double max_diff = 0.0;
  uint32_t max_at = 0;
  uint32_t over = 0;
  uint32_t first = 0;
  double fa = 0.0;
  double fb = 0.0;
  uint32_t i;
  cli_format_shape(&a->t, sa, sizeof sa);
  cli_format_shape(&b->t, sb, sizeof sb);
  if (na != nb) {
    cli_error("%s: %s has %ld elements (%s %s), %s has %ld (%s %s)", name,
              a->path, (long)na, mote_type_name((mote_type_t)a->t.type), sa,
              b->path, (long)nb, mote_type_name((mote_type_t)b->t.type), sb);
    return -1;
  }
  for (i = 0; i < (uint32_t)na; i++) {
    double x;
    double y;
    double d;
    if (!cli_tensor_value(&a->t, i, &x) || !cli_tensor_value(&b->t, i, &y)) {
      cli_error("%s: type %s or %s has no numeric reading", name,
                mote_type_name((mote_type_t)a->t.type),
                mote_type_name((mote_type_t)b->t.type));
      return -1;
    }
    d = (x != x && y != y) ? 0.0 : (x != x || y != y) ? HUGE_VAL : fabs(x - y);
    if (d > max_diff) {
      max_diff = d;
      max_at = i;
    }
    if (d > atol) {
      if (over++ == 0) {
        first = i;
        fa = x;
        fb = y;
      }
    }
  }
  printf("%s: %s %s", name, mote_type_name((mote_type_t)a->t.type), sa);
  if (a->t.type != b->t.type || strcmp(sa, sb) != 0) {
    printf(" vs %s %s", mote_type_name((mote_type_t)b->t.type), sb);
  }
  if (max_diff == 0.0) {
    printf(": identical (%ld elements)\n", (long)na);
    return 0;
  }
  printf(": max abs diff %.9g at index %lu; %lu of %ld elements over atol "
         "%.9g",
         max_diff, (unsigned long)max_at, (unsigned long)over, (long)na, atol);
  if (over > 0) {
    printf(", first at index %lu (%.9g vs %.9g)\n", (unsigned long)first, fa,
           fb);
    return 1;
  }
  printf("\n");
  return 0;
}

/* Loads and compares one pair of files; output `index` of `model` types
 * raw sides (may be NULL). */
static int diff_pair(const char *name, const char *pa, const char *pb,
                     cli_session_t *model, uint32_t index, double atol) {
  diff_side_t a;
  diff_side_t b;
  int rc = -1;
  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  if (side_read(&a, pa) == 0 && side_read(&b, pb) == 0) {
    mote_tensor_t out;
    int32_t ti = model ? mote_model_output_index(&model->model, 0, index) : -1;
    int have_model = ti >= 0 && mote_model_tensor(&model->model, 0,
                                                  (uint32_t)ti, &out) == MOTE_OK;
    char from[64];
    snprintf(from, sizeof from, "output %lu of the model",
             (unsigned long)index);
    rc = 0;
    if (have_model) {
      rc = (!a.typed && side_type(&a, &out, from) != 0) ||
                   (!b.typed && side_type(&b, &out, from) != 0)
               ? -1
               : 0;
    } else if (!a.typed && b.typed) {
      rc = side_type(&a, &b.t, b.path);
    } else if (a.typed && !b.typed) {
      rc = side_type(&b, &a.t, a.path);
    } else if (!a.typed) {
      cli_error("%s and %s are raw bytes: give --model MODEL to read their "
                "type, or write .npy with 'mote run --output DIR'",
                pa, pb);
      rc = -1;
    }
    if (rc == 0) {
      rc = compare(name, &a, &b, atol);
    }
  }
  side_free(&a);
  side_free(&b);
  return rc;
}

/* DIR/output_<i>.npy, else .bin; NULL when neither exists. */
static char *output_file(const char *dir, uint32_t i) {
  char name[40];
  char *p;
  snprintf(name, sizeof name, "output_%lu.npy", (unsigned long)i);
  p = cli_path_join(dir, name);
  if (exists(p)) {
    return p;
  }
  free(p);
  snprintf(name, sizeof name, "output_%lu.bin", (unsigned long)i);
  p = cli_path_join(dir, name);
  if (exists(p)) {
    return p;
  }
  free(p);
  return NULL;
}

static int diff_dirs(const char *da, const char *db, cli_session_t *model,
                     double atol) {
  uint32_t i;
  int worst = 0;
  for (i = 0;; i++) {
    char *pa = output_file(da, i);
    char *pb = output_file(db, i);
    char name[32];
    int rc;
    if (pa == NULL && pb == NULL) {
      break;
    }
    if (pa == NULL || pb == NULL) {
      cli_error("%s has output_%lu, but %s has no output_%lu.npy or "
                "output_%lu.bin", pa ? da : db, (unsigned long)i,
                pa ? db : da, (unsigned long)i, (unsigned long)i);
      free(pa);
      free(pb);
      return -1;
    }
    snprintf(name, sizeof name, "output %lu", (unsigned long)i);
    rc = diff_pair(name, pa, pb, model, i, atol);
    free(pa);
    free(pb);
    if (rc < 0) {
      return -1;
    }
    worst = rc > worst ? rc : worst;
  }
  if (i == 0) {
    cli_error("%s holds no output_<i>.npy or output_<i>.bin files", da);
    return -1;
  }
  return worst;
}

int cli_cmd_diff(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL};
  const char *model_path = NULL;
  double atol = 0.0;
  cli_session_t model;
  int n = 0;
  int i;
  int rc;
  for (i = 2; i < argc; i++) {
    const char *v = NULL;
    int r;
    if (cli_is_help(argv[i])) {
      fputs(diff_help, stdout);
      return CLI_EXIT_OK;
    }
    if ((r = cli_take_option(argc, argv, &i, "--atol", &v)) != 0) {
      char *end = NULL;
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      atol = strtod(v, &end);
      if (end == v || *end != '\0' || !(atol >= 0.0)) {
        return cli_usage_error("diff: --atol: '%s' is not a number >= 0", v);
      }
    } else if ((r = cli_take_option(argc, argv, &i, "--model", &v)) != 0) {
      if (r < 0) {
        return CLI_EXIT_USAGE;
      }
      model_path = v;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return cli_usage_error("diff: unknown option '%s' (see 'mote diff "
                             "--help')",
                             argv[i]);
    } else if (n == 2) {
      return cli_usage_error("diff: two things to compare, not more ('%s')",
                             argv[i]);
    } else {
      paths[n++] = argv[i];
    }
  }
  if (n < 2) {
    return cli_usage_error("diff: needs A and B (see 'mote diff --help')");
  }
  if (cli_is_dir(paths[0]) != cli_is_dir(paths[1])) {
    return cli_usage_error("diff: compare two directories or two files, not "
                           "'%s' with '%s'",
                           paths[0], paths[1]);
  }
  if (model_path != NULL && cli_session_open(&model, model_path) != 0) {
    return CLI_EXIT_FAIL;
  }
  if (cli_is_dir(paths[0])) {
    rc = diff_dirs(paths[0], paths[1], model_path ? &model : NULL, atol);
  } else {
    rc = diff_pair("output", paths[0], paths[1], model_path ? &model : NULL, 0,
                   atol);
  }
  if (model_path != NULL) {
    cli_session_close(&model);
  }
  fflush(stdout);
  return rc == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}
