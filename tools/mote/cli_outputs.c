/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What `mote run` does with the outputs beyond the summary: labels and
 * top-k, the JSON form of an output tensor, and .npy files.
 *
 * A labels file is one label per line in output order, as TFLM's and
 * TFLite's examples ship them (labels.txt). A count that differs from the
 * output's element count is an error, not a warning: labels off by one
 * name every class wrongly. Empty lines are errors too (a stray blank line
 * is the usual cause of an off-by-one); a final newline is not a line, and
 * CRLF endings are accepted.
 *
 * Top-k ranks by the dequantized value when the output is quantized (the
 * order is the same, but the score printed is a probability-like number),
 * ties broken by the lower index so the order is reproducible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_labels_load(const char *path, cli_labels_t *out) {
  cli_buffer_t file;
  size_t i;
  size_t size;
  size_t start = 0;
  uint32_t line = 1;
  memset(out, 0, sizeof *out);
  if (cli_read_file(path, &file) != 0) {
    return -1;
  }
  if (file.size == 0) {
    cli_error("%s: no labels (the file is empty); give one label per line",
              path);
    cli_buffer_free(&file);
    return -1;
  }
  if (memchr(file.data, '\0', file.size) != NULL) {
    cli_error("%s: not a text file (it holds a NUL byte); give one label "
              "per line", path);
    cli_buffer_free(&file);
    return -1;
  }
  /* One string block: the file with each line end turned into a NUL. */
  out->text = (char *)malloc(file.size + 1u);
  out->names = (const char **)malloc((file.size + 1u) * sizeof *out->names);
  if (out->text == NULL || out->names == NULL) {
    cli_error("out of memory");
    cli_buffer_free(&file);
    cli_labels_free(out);
    return -1;
  }
  memcpy(out->text, file.data, file.size);
  out->text[file.size] = '\0';
  size = file.size;
  cli_buffer_free(&file);
  for (i = 0; i <= size; i++) {
    char c = out->text[i];
    if (c == '\n' || c == '\0') {
      size_t end = i;
      if (c == '\0' && end == start) {
        break; /* after the final newline */
      }
      if (end > start && out->text[end - 1] == '\r') {
        end--;
      }
      out->text[end] = '\0';
      if (end == start) {
        cli_error("%s: line %lu is empty; give one label per line, in "
                  "output order", path, (unsigned long)line);
        cli_labels_free(out);
        return -1;
      }
      out->names[out->count++] = out->text + start;
      start = i + 1;
      line++;
      if (c == '\0') {
        break;
      }
    }
  }
  return 0;
}

void cli_labels_free(cli_labels_t *l) {
  free(l->text);
  free((void *)l->names);
  memset(l, 0, sizeof *l);
}

/* The score of element i: dequantized when quantized. */
static double score(const mote_tensor_t *t, uint32_t i) {
  double v = 0.0;
  cli_tensor_value(t, i, &v);
  return cli_is_quantized(t) ? cli_dequantize(t, i, v) : v;
}

uint32_t cli_top_k(const mote_tensor_t *t, uint32_t k, uint32_t *order) {
  int32_t n = mote_tensor_elements(t);
  uint32_t count = n > 0 ? (uint32_t)n : 0u;
  uint32_t taken = 0;
  uint32_t i;
  k = k < count ? k : count;
  /* Selection of the k best: k is small, outputs are classes. */
  while (taken < k) {
    uint32_t best = count;
    double best_score = 0.0;
    for (i = 0; i < count; i++) {
      uint32_t j;
      double s;
      for (j = 0; j < taken && order[j] != i; j++) {
      }
      if (j < taken) {
        continue;
      }
      s = score(t, i);
      if (best == count || s > best_score) {
        best = i;
        best_score = s;
      }
    }
    order[taken++] = best;
  }
  return taken;
}

void cli_print_top_k(FILE *f, const mote_tensor_t *t, const uint32_t *order,
                     uint32_t k, const cli_labels_t *labels) {
  uint32_t r;
  for (r = 0; r < k; r++) {
    fprintf(f, "  %2lu. ", (unsigned long)(r + 1u));
    if (labels != NULL && labels->count > 0) {
      fprintf(f, "%-20s ", labels->names[order[r]]);
    }
    fprintf(f, "%.7g  (index %lu)\n", score(t, order[r]),
            (unsigned long)order[r]);
  }
}

void cli_json_top_k(FILE *f, const mote_tensor_t *t, const uint32_t *order,
                    uint32_t k, const cli_labels_t *labels) {
  uint32_t r;
  fputc('[', f);
  for (r = 0; r < k; r++) {
    fprintf(f, "%s{\"index\": %lu, \"label\": ", r ? ", " : "",
            (unsigned long)order[r]);
    cli_json_string(f, labels != NULL && labels->count > 0
                           ? labels->names[order[r]]
                           : NULL);
    fputs(", \"score\": ", f);
    cli_json_float(f, score(t, order[r]));
    fputc('}', f);
  }
  fputc(']', f);
}

static int is_float(uint8_t type) {
  return type == MOTE_TYPE_FLOAT32 || type == MOTE_TYPE_FLOAT16 ||
         type == MOTE_TYPE_FLOAT64 || type == MOTE_TYPE_BFLOAT16;
}

void cli_json_tensor(FILE *f, uint32_t index, const char *name,
                     const mote_tensor_t *t) {
  int32_t n = mote_tensor_elements(t);
  uint32_t count = n > 0 ? (uint32_t)n : 0u;
  double v;
  uint32_t i;
  uint8_t d;
  int numeric = count > 0 && cli_tensor_value(t, 0, &v);
  fprintf(f, "{\"index\": %lu, \"tensor\": %lu, \"name\": ",
          (unsigned long)index, (unsigned long)t->index);
  cli_json_string(f, name);
  fputs(", \"type\": ", f);
  cli_json_string(f, mote_type_name((mote_type_t)t->type));
  fputs(", \"shape\": [", f);
  for (d = 0; d < t->rank; d++) {
    fprintf(f, "%s%ld", d ? ", " : "", (long)t->dims[d]);
  }
  fprintf(f, "], \"bytes\": %lu, \"quantization\": ", (unsigned long)t->bytes);
  if (cli_is_quantized(t)) {
    fputs("{\"scale\": ", f);
    cli_json_float(f, t->scale);
    fprintf(f, ", \"zero_point\": %ld", (long)t->zero_point);
    if (t->quant_count > 1) {
      fprintf(f, ", \"channels\": %lu, \"dim\": %ld",
              (unsigned long)t->quant_count, (long)t->quant_dim);
    }
    fputc('}', f);
  } else {
    fputs("null", f);
  }
  fputs(", \"values\": ", f);
  if (!numeric) {
    fputs("null", f);
  } else {
    fputc('[', f);
    for (i = 0; i < count && cli_tensor_value(t, i, &v); i++) {
      fputs(i ? ", " : "", f);
      if (is_float(t->type)) {
        cli_json_float(f, v);
      } else {
        fprintf(f, "%.0f", v);
      }
    }
    fputc(']', f);
  }
  if (numeric && cli_is_quantized(t)) {
    fputs(", \"dequantized\": [", f);
    for (i = 0; i < count && cli_tensor_value(t, i, &v); i++) {
      fputs(i ? ", " : "", f);
      cli_json_float(f, cli_dequantize(t, i, v));
    }
    fputc(']', f);
  }
  fputc('}', f);
}
