/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote inspect --svg FILE`: the memory plan as a picture.
 *
 * x is the operator index in execution order (one column per operator),
 * y the offset from the arena base in bytes, growing upwards. Every
 * buffer the planner placed (mote_interp_record_plan: planned tensors,
 * then kernel scratch) is a rectangle over the columns of the operators
 * during which it is alive and the bytes it holds, coloured by kind, with
 * its details in a <title> tooltip. Tensors kept after the run (model
 * outputs, kept tensors; last_op == op count) end at the last column. A
 * dashed line marks the plan's peak (mote_memory_usage_t.planned_bytes)
 * and names the first operator that reaches it; the persistent part of
 * the arena (the tail: runtime tables, variables, kernel data), which the
 * plan does not place, is summarised beside the legend.
 *
 * Plain SVG 1.1 with no script and no external reference, so that a
 * browser, GitHub's README view and an XML parser all take it. Model
 * strings are escaped for XML, and bytes outside printable ASCII shown as
 * '?' (a tensor name need not be UTF-8, which XML requires). Rectangles of
 * buffers carry class "tensor" or "scratch" so that a test can count them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define SVG_W 960.0
#define SVG_H 560.0
#define PLOT_L 80.0
#define PLOT_T 48.0
#define PLOT_R 700.0 /* right edge of the plot; legend beyond */
#define PLOT_B 500.0 /* bottom edge (offset 0) */

enum { KIND_INPUT, KIND_OUTPUT, KIND_ACTIVATION, KIND_KEPT, KIND_SCRATCH,
       KIND_COUNT };

static const char *const kind_name[KIND_COUNT] = {
    "model input", "model output", "intermediate", "kept after the run",
    "kernel scratch"};
static const char *const kind_class[KIND_COUNT] = {"tensor", "tensor",
                                                   "tensor", "tensor",
                                                   "scratch"};
static const char *const kind_fill[KIND_COUNT] = {"#4e79a7", "#59a14f",
                                                  "#f28e2b", "#b07aa1",
                                                  "#bab0ac"};

/* A model string as XML character data or attribute value. */
static void put_xml(FILE *f, const char *s) {
  for (; *s != '\0'; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '&') {
      fputs("&amp;", f);
    } else if (c == '<') {
      fputs("&lt;", f);
    } else if (c == '>') {
      fputs("&gt;", f);
    } else if (c == '"') {
      fputs("&quot;", f);
    } else if (c == '\'') {
      fputs("&apos;", f);
    } else {
      fputc(c < 0x20u || c >= 0x7Fu ? '?' : c, f);
    }
  }
}

static int is_model_io(const mote_model_t *m, int32_t tensor, int output) {
  uint32_t n = output ? mote_model_output_count(m, 0)
                      : mote_model_input_count(m, 0);
  uint32_t i;
  for (i = 0; i < n; i++) {
    if ((output ? mote_model_output_index(m, 0, i)
                : mote_model_input_index(m, 0, i)) == tensor) {
      return 1;
    }
  }
  return 0;
}

static int entry_kind(const cli_plan_view_t *v, const mote_plan_entry_t *e) {
  if (e->tensor < 0) {
    return KIND_SCRATCH;
  }
  if (is_model_io(v->model, e->tensor, 1)) {
    return KIND_OUTPUT;
  }
  if (is_model_io(v->model, e->tensor, 0)) {
    return KIND_INPUT;
  }
  return e->last_op >= v->op_count ? KIND_KEPT : KIND_ACTIVATION;
}

/* A tick step of 1, 2 or 5 times a power of ten giving at most `max`
 * steps over `range`. */
static double nice_step(double range, int max) {
  double step = 1.0;
  while (range / step > max) {
    if (range / (step * 2.0) <= max) {
      return step * 2.0;
    }
    if (range / (step * 5.0) <= max) {
      return step * 5.0;
    }
    step *= 10.0;
  }
  return step;
}

/* The first operator at which the buffers alive reach the peak, or -1. */
static long peak_op(const cli_plan_view_t *v, uint32_t peak) {
  uint32_t op, i;
  for (op = 0; op < v->op_count; op++) {
    for (i = 0; i < v->count; i++) {
      const mote_plan_entry_t *e = &v->entries[i];
      if (e->first_op <= op && op <= e->last_op &&
          e->offset + e->bytes >= peak) {
        return (long)op;
      }
    }
  }
  return -1;
}

static void put_axes(FILE *f, const cli_plan_view_t *v, double ymax) {
  double step = nice_step(ymax, 8);
  double kib = ymax >= 8192.0 ? 1024.0 : 1.0;
  double col = (PLOT_R - PLOT_L) / (double)v->op_count;
  double y;
  uint32_t xstep = (uint32_t)nice_step((double)v->op_count, 25);
  uint32_t op;
  if (kib > 1.0 && step < 1024.0) {
    step = 1024.0;
  } else if (kib > 1.0) {
    step = nice_step(ymax / 1024.0, 8) * 1024.0;
  }
  fprintf(f, "<g class=\"axes\" font-size=\"11\" fill=\"#333\">\n");
  fprintf(f,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
          "stroke=\"#333\"/>\n",
          PLOT_L, PLOT_B, PLOT_R, PLOT_B);
  fprintf(f,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
          "stroke=\"#333\"/>\n",
          PLOT_L, PLOT_T, PLOT_L, PLOT_B);
  for (y = 0.0; y <= ymax + 0.5; y += step) {
    double py = PLOT_B - y / ymax * (PLOT_B - PLOT_T);
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#333\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
            "y2=\"%.1f\" stroke=\"#ddd\"/>\n",
            PLOT_L - 5.0, py, PLOT_L, py, PLOT_L, py, PLOT_R, py);
    fprintf(f,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f%s</text>\n",
            PLOT_L - 8.0, py + 4.0, y / kib, kib > 1.0 ? " KiB" : "");
  }
  for (op = 0; op < v->op_count; op += xstep) {
    double px = PLOT_L + ((double)op + 0.5) * col;
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#333\"/>\n",
            px, PLOT_B, px, PLOT_B + 5.0);
    fprintf(f,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%lu</text>\n",
            px, PLOT_B + 18.0, (unsigned long)op);
  }
  fprintf(f,
          "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">operator "
          "(execution order)</text>\n",
          (PLOT_L + PLOT_R) / 2.0, PLOT_B + 38.0);
  fprintf(f,
          "<text transform=\"translate(%.1f %.1f) rotate(-90)\" "
          "text-anchor=\"middle\">arena offset (%s)</text>\n",
          18.0, (PLOT_T + PLOT_B) / 2.0, kib > 1.0 ? "KiB" : "bytes");
  fprintf(f, "</g>\n");
}

/* Where buffer `e` is drawn: its rectangle, and the operator it is last
 * drawn at (a buffer alive after the run ends at the last column). */
typedef struct box {
  double x, y, w, h;
  uint32_t last;
} box_t;

static box_t box_of(const cli_plan_view_t *v, const mote_plan_entry_t *e,
                    double ymax) {
  double col = (PLOT_R - PLOT_L) / (double)v->op_count;
  double scale = (PLOT_B - PLOT_T) / ymax;
  box_t b;
  b.last = e->last_op >= v->op_count ? v->op_count - 1 : e->last_op;
  b.x = PLOT_L + (double)e->first_op * col;
  b.w = (double)(b.last - e->first_op + 1u) * col;
  b.h = (double)e->bytes * scale;
  b.y = PLOT_B - ((double)e->offset + (double)e->bytes) * scale;
  return b;
}

static void put_buffers(FILE *f, const cli_plan_view_t *v, double ymax) {
  uint32_t i;
  /* Translucent, so that an output written over its dying input (a
   * permitted overlap) shows both. */
  fprintf(f, "<g class=\"plan\" stroke=\"#fff\" stroke-width=\"0.5\" "
             "fill-opacity=\"0.85\">\n");
  for (i = 0; i < v->count; i++) {
    const mote_plan_entry_t *e = &v->entries[i];
    int kind = entry_kind(v, e);
    box_t b = box_of(v, e, ymax);
    fprintf(f,
            "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
            "height=\"%.2f\" fill=\"%s\"><title>",
            kind_class[kind], b.x, b.y, b.w, b.h < 0.5 ? 0.5 : b.h,
            kind_fill[kind]);
    if (e->tensor >= 0) {
      mote_tensor_t t;
      char shape[96] = "?";
      memset(&t, 0, sizeof t);
      if (mote_model_tensor(v->model, 0, (uint32_t)e->tensor, &t) ==
          MOTE_OK) {
        cli_format_shape(&t, shape, sizeof shape);
      }
      fprintf(f, "tensor %ld \"", (long)e->tensor);
      put_xml(f, mote_model_tensor_name(v->model, 0, (uint32_t)e->tensor));
      fprintf(f, "\" %s %s (%s)",
              mote_type_name((mote_type_t)t.type), shape, kind_name[kind]);
    } else {
      fprintf(f, "scratch buffer %lu", (unsigned long)e->scratch);
    }
    fprintf(f, ": %lu bytes at offset %lu, operators %lu to %lu%s</title>",
            (unsigned long)e->bytes, (unsigned long)e->offset,
            (unsigned long)e->first_op, (unsigned long)b.last,
            e->last_op >= v->op_count ? " and after the run" : "");
    fprintf(f, "</rect>\n");
  }
  fprintf(f, "</g>\n");
}

/* Tensor numbers on the rectangles that have room, over all of them (an
 * output written over its dying input shares that input's bytes). */
static void put_labels(FILE *f, const cli_plan_view_t *v, double ymax) {
  uint32_t i;
  fprintf(f, "<g class=\"labels\" font-size=\"10\" fill=\"#fff\" "
             "text-anchor=\"middle\">\n");
  for (i = 0; i < v->count; i++) {
    const mote_plan_entry_t *e = &v->entries[i];
    box_t b = box_of(v, e, ymax);
    if (e->tensor >= 0 && b.w >= 24.0 && b.h >= 12.0) {
      fprintf(f, "<text x=\"%.2f\" y=\"%.2f\">t%ld</text>\n",
              b.x + b.w / 2.0, b.y + b.h / 2.0 + 3.5, (long)e->tensor);
    }
  }
  fprintf(f, "</g>\n");
}

static void put_peak(FILE *f, const cli_plan_view_t *v, double ymax) {
  uint32_t peak = (uint32_t)v->usage->planned_bytes;
  double py = PLOT_B - (double)peak / ymax * (PLOT_B - PLOT_T);
  long op = peak_op(v, peak);
  fprintf(f,
          "<line class=\"peak\" x1=\"%.1f\" y1=\"%.2f\" x2=\"%.1f\" "
          "y2=\"%.2f\" stroke=\"#e15759\" stroke-width=\"1.5\" "
          "stroke-dasharray=\"6 3\"><title>peak of the plan: %lu "
          "bytes</title></line>\n",
          PLOT_L, py, PLOT_R, py, (unsigned long)peak);
  fprintf(f,
          "<text class=\"peak-label\" x=\"%.1f\" y=\"%.2f\" "
          "text-anchor=\"end\" font-size=\"11\" fill=\"#e15759\">peak %lu "
          "bytes",
          PLOT_R - 4.0, py - 5.0, (unsigned long)peak);
  if (op >= 0) {
    fprintf(f, " at operator %ld", op);
  }
  fprintf(f, "</text>\n");
}

static void put_legend(FILE *f, const cli_plan_view_t *v) {
  const mote_memory_usage_t *u = v->usage;
  double x = PLOT_R + 24.0;
  double y = PLOT_T + 4.0;
  int k;
  fprintf(f, "<g class=\"legend\" font-size=\"11\" fill=\"#333\">\n");
  for (k = 0; k < KIND_COUNT; k++) {
    fprintf(f,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" "
            "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
            x, y, kind_fill[k], x + 18.0, y + 10.0, kind_name[k]);
    y += 18.0;
  }
  fprintf(f,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
          "stroke=\"#e15759\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
          "<text x=\"%.1f\" y=\"%.1f\">peak of the plan</text>\n",
          x, y + 6.0, x + 12.0, y + 6.0, x + 18.0, y + 10.0);
  y += 36.0;
  fprintf(f,
          "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">arena %lu "
          "bytes</text>\n",
          x, y, (unsigned long)u->arena_bytes);
  y += 18.0;
  fprintf(f,
          "<text x=\"%.1f\" y=\"%.1f\">head (drawn): %lu</text>\n"
          "<text x=\"%.1f\" y=\"%.1f\">%lu tensors, %lu scratch</text>\n"
          "<text x=\"%.1f\" y=\"%.1f\">%lu bytes if unshared</text>\n",
          x, y, (unsigned long)u->head_bytes, x + 10.0, y + 16.0,
          (unsigned long)u->tensor_count, (unsigned long)u->scratch_count,
          x + 10.0, y + 32.0,
          (unsigned long)(u->tensor_bytes + u->scratch_bytes));
  y += 56.0;
  fprintf(f,
          "<text class=\"persistent\" x=\"%.1f\" y=\"%.1f\">persistent "
          "(tail, not drawn): %lu</text>\n"
          "<text x=\"%.1f\" y=\"%.1f\">runtime tables %lu</text>\n"
          "<text x=\"%.1f\" y=\"%.1f\">variables %lu</text>\n"
          "<text x=\"%.1f\" y=\"%.1f\">kernel data %lu</text>\n",
          x, y, (unsigned long)u->persistent_bytes, x + 10.0, y + 16.0,
          (unsigned long)u->runtime_bytes, x + 10.0, y + 32.0,
          (unsigned long)u->variable_bytes, x + 10.0, y + 48.0,
          (unsigned long)u->kernel_bytes);
  fprintf(f, "</g>\n");
}

int cli_svg_write_plan(const char *path, const cli_plan_view_t *v) {
  FILE *f;
  double ymax;
  const char *base = strrchr(v->title, '/');
  int failed;
  if (v->op_count == 0) {
    cli_error("%s: the model has no operators: no plan to draw", path);
    return -1;
  }
  f = fopen(path, "w");
  if (f == NULL) {
    cli_error("%s: cannot write the SVG: %s", path, strerror(errno));
    return -1;
  }
  /* Headroom above the peak for its label; at least one byte. */
  ymax = (double)v->usage->planned_bytes * 1.08;
  ymax = ymax < 1.0 ? 1.0 : ymax;
  fprintf(f,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
          "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
          "font-family=\"sans-serif\">\n",
          SVG_W, SVG_H, SVG_W, SVG_H);
  fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
  fprintf(f, "<text x=\"%.1f\" y=\"26\" font-size=\"15\">memory plan of ",
          PLOT_L);
  put_xml(f, base != NULL ? base + 1 : v->title);
  fprintf(f, ": %lu operators, %lu buffers</text>\n",
          (unsigned long)v->op_count, (unsigned long)v->count);
  put_axes(f, v, ymax);
  put_buffers(f, v, ymax);
  put_labels(f, v, ymax);
  put_peak(f, v, ymax);
  put_legend(f, v);
  fprintf(f, "</svg>\n");
  failed = ferror(f);
  if (fclose(f) != 0 || failed) {
    cli_error("%s: cannot write the SVG: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}
