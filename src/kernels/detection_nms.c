/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TFLite_Detection_PostProcess compute (detection_postprocess.h).
 *
 * Decoding follows TFLite's centre-size encoding in double precision,
 * rounded to float once per value as TFLM does, so the corners are the
 * same bits. Sorting is a stable merge sort by decreasing score: TFLM
 * sorts the single-class candidates stably, and for its other sorts
 * (partial sorts whose order among equal scores the C++ library leaves
 * open) the stable order is the one a tie most often gets. Candidates
 * are picked greedily: the best active one is kept and every active one
 * overlapping it by more than the IoU threshold dropped.
 *
 * Two of TFLM's behaviours are kept on purpose, since models and their
 * consumers were made against them: the fast path counts one detection
 * per (anchor, class) pair in num_detections and places pair k at slot
 * max_classes_per_detection * k + class, and regular NMS fills only the
 * first max_detections slots. Where TFLM would then write past the
 * outputs (several classes per detection, many detections), mote drops
 * the pairs that do not fit instead.
 *
 * All working memory is the caller's scratch; nothing is allocated.
 */
#include "kernels/detection_postprocess.h"

#include <math.h>
#include <string.h>

/* Scratch layout, in 4-byte items. */
typedef struct layout {
  float *decoded;       /* [boxes, 4] corners */
  float *keep_scores;   /* [boxes] candidates above the threshold */
  int32_t *keep_index;  /* [boxes] their anchors */
  int32_t *order;       /* [boxes + max_detections] sort result */
  int32_t *tmp;         /* [boxes + max_detections] merge buffer */
  int32_t *active;      /* [boxes] still a candidate */
  int32_t *selected;    /* [boxes] NMS result, anchors */
  float *row_scores;    /* [boxes] best class score, or one class's scores */
  int32_t *top;         /* [boxes, per detection] fast: each anchor's best */
  int32_t *merged;      /* [boxes + max_detections] regular: flat indices */
  float *merged_scores; /* [boxes + max_detections] */
  float *sorted_scores; /* [max_detections] */
} layout_t;

static int32_t categories(const mote_detect_params_t *p) {
  return p->max_per_detection < p->classes ? p->max_per_detection : p->classes;
}

static size_t lay_out(const mote_detect_params_t *p, void *base, layout_t *l) {
  const size_t n = (size_t)p->boxes;
  const size_t m = n + (size_t)p->max_detections;
  float *f = (float *)base;
  size_t at = 0;
#define TAKE(field, type, count)                                               \
  l->field = f != NULL ? (type *)(void *)(f + at) : NULL;                      \
  at += (count)
  TAKE(decoded, float, 4 * n);
  TAKE(keep_scores, float, n);
  TAKE(keep_index, int32_t, n);
  TAKE(order, int32_t, m);
  TAKE(tmp, int32_t, m);
  TAKE(active, int32_t, n);
  TAKE(selected, int32_t, n);
  TAKE(row_scores, float, n);
  TAKE(top, int32_t, n * (size_t)categories(p));
  TAKE(merged, int32_t, m);
  TAKE(merged_scores, float, m);
  TAKE(sorted_scores, float, (size_t)p->max_detections);
#undef TAKE
  return at * 4u;
}

size_t mote_detect_scratch_bytes(const mote_detect_params_t *p) {
  layout_t l;
  return lay_out(p, NULL, &l);
}

static void decode(const mote_detect_params_t *p, const float *enc,
                   const float *anchors, float *out) {
  int32_t i;
  for (i = 0; i < p->boxes; i++) {
    const float *e = enc + (size_t)i * (size_t)p->box_stride;
    const float *a = anchors + 4 * (size_t)i;
    const float yc = (float)((double)e[0] / (double)p->y_scale * (double)a[2] +
                             (double)a[0]);
    const float xc = (float)((double)e[1] / (double)p->x_scale * (double)a[3] +
                             (double)a[1]);
    const float hh =
        (float)(0.5 * exp((double)e[2] / (double)p->h_scale) * (double)a[2]);
    const float hw =
        (float)(0.5 * exp((double)e[3] / (double)p->w_scale) * (double)a[3]);
    float *o = out + 4 * (size_t)i;
    o[0] = yc - hh;
    o[1] = xc - hw;
    o[2] = yc + hh;
    o[3] = xc + hw;
  }
}

/* idx[0 .. n) = 0 .. n-1 ordered by decreasing v, equal values in index
 * order (a stable bottom-up merge sort through tmp). */
static void sort_desc(const float *v, int32_t n, int32_t *idx, int32_t *tmp) {
  int32_t width, i;
  for (i = 0; i < n; i++) {
    idx[i] = i;
  }
  for (width = 1; width < n; width *= 2) {
    for (i = 0; i < n; i += 2 * width) {
      const int32_t mid = i + width < n ? i + width : n;
      const int32_t end = i + 2 * width < n ? i + 2 * width : n;
      int32_t a = i, b = mid, k = i;
      while (a < mid && b < end) {
        tmp[k++] = v[idx[b]] > v[idx[a]] ? idx[b++] : idx[a++];
      }
      while (a < mid) {
        tmp[k++] = idx[a++];
      }
      while (b < end) {
        tmp[k++] = idx[b++];
      }
    }
    memcpy(idx, tmp, sizeof *idx * (size_t)n);
  }
}

static float iou(const float *boxes, int32_t i, int32_t j) {
  const float *a = boxes + 4 * (size_t)i, *b = boxes + 4 * (size_t)j;
  const float area_a = (a[2] - a[0]) * (a[3] - a[1]);
  const float area_b = (b[2] - b[0]) * (b[3] - b[1]);
  float y0, x0, y1, x1, inter;
  if (area_a <= 0.0f || area_b <= 0.0f) {
    return 0.0f;
  }
  y0 = a[0] > b[0] ? a[0] : b[0];
  x0 = a[1] > b[1] ? a[1] : b[1];
  y1 = a[2] < b[2] ? a[2] : b[2];
  x1 = a[3] < b[3] ? a[3] : b[3];
  inter = (y1 - y0 > 0.0f ? y1 - y0 : 0.0f) * (x1 - x0 > 0.0f ? x1 - x0 : 0.0f);
  return inter / (area_a + area_b - inter);
}

/* NMS over one score per anchor (scores[boxes]): up to `limit` anchors
 * into l->selected, best first; returns how many. */
static int32_t nms_one(const mote_detect_params_t *p, const layout_t *l,
                       const float *scores, int32_t limit) {
  int32_t kept = 0, live, count = 0, i, j;
  for (i = 0; i < p->boxes; i++) {
    if (scores[i] >= p->score_threshold) {
      l->keep_scores[kept] = scores[i];
      l->keep_index[kept] = i;
      kept++;
    }
  }
  sort_desc(l->keep_scores, kept, l->order, l->tmp);
  limit = kept < limit ? kept : limit;
  for (i = 0; i < kept; i++) {
    l->active[i] = 1;
  }
  live = kept;
  for (i = 0; i < kept && live > 0 && count < limit; i++) {
    const int32_t box = l->keep_index[l->order[i]];
    if (!l->active[i]) {
      continue;
    }
    l->selected[count++] = box;
    l->active[i] = 0;
    live--;
    for (j = i + 1; j < kept; j++) {
      if (l->active[j] &&
          iou(l->decoded, box, l->keep_index[l->order[j]]) > p->iou_threshold) {
        l->active[j] = 0;
        live--;
      }
    }
  }
  return count;
}

static void put(const mote_detect_params_t *p, const layout_t *l, int32_t slot,
                int32_t box, int32_t cls, float score, float *out_boxes,
                float *out_classes, float *out_scores) {
  (void)p;
  memcpy(out_boxes + 4 * (size_t)slot, l->decoded + 4 * (size_t)box,
         4 * sizeof(float));
  out_classes[slot] = (float)cls;
  out_scores[slot] = score;
}

/* Each anchor's `categories` best classes (ties to the lower class) into
 * l->top, its best score into l->row_scores. */
static void rank_classes(const mote_detect_params_t *p, const layout_t *l,
                         const float *scores) {
  const int32_t k = categories(p);
  const int32_t offset = p->class_stride - p->classes;
  int32_t row, c, t, s;
  for (row = 0; row < p->boxes; row++) {
    const float *sc = scores + (size_t)row * (size_t)p->class_stride + offset;
    int32_t *top = l->top + (size_t)row * (size_t)k;
    int32_t filled = 0;
    for (c = 0; c < p->classes; c++) {
      for (t = 0; t < filled && sc[top[t]] >= sc[c]; t++) {
      }
      if (t >= k) {
        continue;
      }
      for (s = (filled < k ? filled : k - 1); s > t; s--) {
        top[s] = top[s - 1];
      }
      top[t] = c;
      filled += filled < k ? 1 : 0;
    }
    l->row_scores[row] = sc[top[0]];
  }
}

static float fast(const mote_detect_params_t *p, const layout_t *l,
                  const float *scores, float *out_boxes, float *out_classes,
                  float *out_scores) {
  const int32_t k = categories(p);
  const int32_t offset = p->class_stride - p->classes;
  int32_t count, i, c, pairs = 0;
  rank_classes(p, l, scores);
  count = nms_one(p, l, l->row_scores, p->max_detections);
  for (i = 0; i < count; i++) {
    const int32_t box = l->selected[i];
    const float *sc = scores + (size_t)box * (size_t)p->class_stride + offset;
    for (c = 0; c < k; c++) {
      const int32_t cls = l->top[(size_t)box * (size_t)k + (size_t)c];
      const int64_t slot = (int64_t)p->max_per_detection * pairs + c;
      if (slot < p->slots) {
        put(p, l, (int32_t)slot, box, cls, sc[cls], out_boxes, out_classes,
            out_scores);
      }
      pairs++;
    }
  }
  return (float)pairs;
}

static float regular(const mote_detect_params_t *p, const layout_t *l,
                     const float *scores, float *out_boxes, float *out_classes,
                     float *out_scores) {
  const int32_t offset = p->class_stride - p->classes;
  int32_t size = 0, cls, row, i;
  for (cls = 0; cls < p->classes; cls++) {
    int32_t total = size, count, keep;
    for (row = 0; row < p->boxes; row++) {
      l->row_scores[row] = scores[(size_t)row * (size_t)p->class_stride +
                                  (size_t)offset + (size_t)cls];
    }
    count = nms_one(p, l, l->row_scores, p->per_class);
    for (i = 0; i < count; i++) {
      l->merged[total] = l->selected[i] * p->class_stride + offset + cls;
      l->merged_scores[total] = l->row_scores[l->selected[i]];
      total++;
    }
    keep = total < p->max_detections ? total : p->max_detections;
    sort_desc(l->merged_scores, total, l->order, l->tmp);
    for (i = 0; i < keep; i++) {
      l->tmp[i] = l->merged[l->order[i]];
      l->sorted_scores[i] = l->merged_scores[l->order[i]];
    }
    for (i = 0; i < keep; i++) {
      l->merged[i] = l->tmp[i];
      l->merged_scores[i] = l->sorted_scores[i];
    }
    size = keep;
  }
  for (i = 0; i < size; i++) {
    const int32_t box = l->merged[i] / p->class_stride;
    put(p, l, i, box, l->merged[i] - box * p->class_stride - offset,
        l->merged_scores[i], out_boxes, out_classes, out_scores);
  }
  return (float)size;
}

void mote_detect_postprocess(const mote_detect_params_t *p,
                             const float *box_enc, const float *scores,
                             const float *anchors, float *out_boxes,
                             float *out_classes, float *out_scores,
                             float *out_count, void *scratch) {
  layout_t l;
  memset(out_boxes, 0, sizeof(float) * 4u * (size_t)p->slots);
  memset(out_classes, 0, sizeof(float) * (size_t)p->slots);
  memset(out_scores, 0, sizeof(float) * (size_t)p->slots);
  if (scratch == NULL) { /* the glue always gives it: no detections */
    *out_count = 0.0f;
    return;
  }
  (void)lay_out(p, scratch, &l);
  decode(p, box_enc, anchors, l.decoded);
  *out_count = p->regular
                   ? regular(p, &l, scores, out_boxes, out_classes, out_scores)
                   : fast(p, &l, scores, out_boxes, out_classes, out_scores);
}
