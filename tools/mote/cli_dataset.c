/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Labelled folders for `mote learn`: DIR/<class>/<file>. Names are sorted
 * with strcmp so that class ids (the sorted position of the class
 * directory) and the example order do not depend on the file system's
 * listing order, which makes runs (and their --seed shuffles) repeatable.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct name_list {
  char **names;
  uint32_t count;
  uint32_t cap;
} name_list_t;

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_free(name_list_t *l) {
  uint32_t i;
  for (i = 0; i < l->count; i++) {
    free(l->names[i]);
  }
  free(l->names);
  memset(l, 0, sizeof *l);
}

static int list_add(name_list_t *l, const char *name) {
  size_t n = strlen(name) + 1;
  char *copy;
  if (l->count == l->cap) {
    uint32_t cap = l->cap ? l->cap * 2u : 16u;
    char **grown = (char **)realloc(l->names, cap * sizeof *grown);
    if (grown == NULL) {
      return -1;
    }
    l->names = grown;
    l->cap = cap;
  }
  copy = (char *)malloc(n);
  if (copy == NULL) {
    return -1;
  }
  memcpy(copy, name, n);
  l->names[l->count++] = copy;
  return 0;
}

/* The visible entries of `dir` that are directories (want_dirs) or not,
 * sorted. Returns 0, or -1 after printing. */
static int list_dir(const char *dir, int want_dirs, name_list_t *out) {
  DIR *d = opendir(dir);
  struct dirent *e;
  memset(out, 0, sizeof *out);
  if (d == NULL) {
    cli_error("%s: cannot open the directory", dir);
    return -1;
  }
  while ((e = readdir(d)) != NULL) {
    char *full;
    int is_dir;
    if (e->d_name[0] == '.') {
      continue;
    }
    full = cli_path_join(dir, e->d_name);
    is_dir = cli_is_dir(full);
    free(full);
    if (is_dir == want_dirs && list_add(out, e->d_name) != 0) {
      closedir(d);
      list_free(out);
      cli_error("%s: out of memory", dir);
      return -1;
    }
  }
  closedir(d);
  if (out->count > 1) {
    qsort(out->names, out->count, sizeof *out->names, by_name);
  }
  return 0;
}

void cli_dataset_free(cli_dataset_t *d) {
  uint32_t i;
  for (i = 0; i < d->class_count; i++) {
    free(d->class_names[i]);
  }
  for (i = 0; i < d->count; i++) {
    free(d->paths[i]);
  }
  free(d->class_names);
  free(d->paths);
  free(d->labels);
  memset(d, 0, sizeof *d);
}

static int add_example(cli_dataset_t *d, uint32_t *cap, char *path,
                       uint32_t label) {
  if (d->count == *cap) {
    uint32_t n = *cap ? *cap * 2u : 64u;
    char **p = (char **)realloc(d->paths, n * sizeof *p);
    uint32_t *l;
    if (p == NULL) {
      return -1;
    }
    d->paths = p;
    l = (uint32_t *)realloc(d->labels, n * sizeof *l);
    if (l == NULL) {
      return -1;
    }
    d->labels = l;
    *cap = n;
  }
  d->paths[d->count] = path;
  d->labels[d->count++] = label;
  return 0;
}

int cli_dataset_scan(const char *dir, cli_dataset_t *out) {
  name_list_t classes;
  uint32_t cap = 0;
  uint32_t c;
  memset(out, 0, sizeof *out);
  if (!cli_is_dir(dir)) {
    cli_error("%s: not a directory (DATA_DIR holds one subdirectory of "
              "input files per class)",
              dir);
    return -1;
  }
  if (list_dir(dir, 1, &classes) != 0) {
    return -1;
  }
  if (classes.count == 0) {
    cli_error("%s: no class subdirectories (DATA_DIR holds one "
              "subdirectory of input files per class)",
              dir);
    return -1;
  }
  out->class_names = classes.names;
  out->class_count = classes.count;
  for (c = 0; c < classes.count; c++) {
    char *sub = cli_path_join(dir, classes.names[c]);
    name_list_t files;
    uint32_t i;
    if (list_dir(sub, 0, &files) != 0) {
      free(sub);
      cli_dataset_free(out);
      return -1;
    }
    if (files.count == 0) {
      cli_error("%s: class '%s' has no files", sub, classes.names[c]);
      list_free(&files);
      free(sub);
      cli_dataset_free(out);
      return -1;
    }
    for (i = 0; i < files.count; i++) {
      char *path = cli_path_join(sub, files.names[i]);
      if (add_example(out, &cap, path, c) != 0) {
        free(path);
        list_free(&files);
        free(sub);
        cli_dataset_free(out);
        cli_error("%s: out of memory", dir);
        return -1;
      }
    }
    list_free(&files);
    free(sub);
  }
  return 0;
}
