/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TFLite_Detection_PostProcess glue: the SSD post-processing custom op as
 * TFLM registers it. Options come from the flexbuffer map the converter
 * writes (max_detections, max_classes_per_detection, detections_per_class
 * (default 100), use_regular_nms (default false), nms_score_threshold,
 * nms_iou_threshold, num_classes, y_scale, x_scale, h_scale, w_scale);
 * the compute is detection_nms.c.
 *
 * Everything is checked here so invoke cannot fail: float32 inputs
 * (TFLM's kernel fails its invoke on quantized box encodings or class
 * predictions; mote refuses them at prepare), a batch of one, shapes that
 * agree on the anchor count, at least num_classes predictions per anchor,
 * and outputs of exactly max_detections * max_classes_per_detection
 * slots, which TFLM takes on trust. Working memory is one scratch buffer.
 */
#include "kernels/detection_postprocess.h"

#include <string.h>

#include "kernels/kernel_util.h"
#include "kernels/signal/signal_util.h"
#include "mote/custom_ops.h"

typedef struct detect_data {
  mote_detect_params_t p;
  int32_t scratch;
} detect_data_t;

/* Float option `key`; required unless `def` is not NULL. */
static mote_status_t option_float(mote_kctx_t *ctx, const mote_flex_map_t *m,
                                  const char *key, const float *def,
                                  float *out) {
  mote_flex_ref_t ref;
  bool found = false;
  const char *why = "";
  double v = 0.0;
  mote_status_t st = mote_flex_map_find(m, key, &ref, &found, &why);
  if (st == MOTE_OK && !found) {
    if (def != NULL) {
      *out = *def;
      return MOTE_OK;
    }
    return mote_kctx_fail(ctx, MOTE_ERR_CORRUPT_MODEL,
                          "custom option '%s' is missing", key);
  }
  if (st == MOTE_OK) {
    st = mote_flex_float(&ref, &v, &why);
  }
  if (st != MOTE_OK) {
    return mote_kctx_fail(ctx, st, "custom option '%s': %s", key, why);
  }
  *out = (float)v;
  return MOTE_OK;
}

/* Whether option `key` is present (to apply TFLM's defaults). */
static bool has_option(const mote_flex_map_t *m, const char *key) {
  mote_flex_ref_t ref;
  bool found = false;
  const char *why = "";
  return mote_flex_map_find(m, key, &ref, &found, &why) == MOTE_OK && found;
}

static mote_status_t read_options(mote_kctx_t *ctx, mote_detect_params_t *p) {
  mote_flex_map_t m;
  int64_t max_det = 0, per_det = 0, per_class = 100, classes = 0;
  bool regular = false;
  mote_status_t st;
  if ((st = mote_signal_options(ctx, &m)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &m, "max_detections", 1, 0xFFFF,
                                   &max_det)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &m, "max_classes_per_detection", 1,
                                   0xFFFF, &per_det)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &m, "num_classes", 1, 0xFFFF,
                                   &classes)) != MOTE_OK ||
      (has_option(&m, "detections_per_class") &&
       (st = mote_signal_option_int(ctx, &m, "detections_per_class", 1, 0xFFFF,
                                    &per_class)) != MOTE_OK) ||
      (has_option(&m, "use_regular_nms") &&
       (st = mote_signal_option_bool(ctx, &m, "use_regular_nms", &regular)) !=
           MOTE_OK) ||
      (st = option_float(ctx, &m, "nms_score_threshold", NULL,
                         &p->score_threshold)) != MOTE_OK ||
      (st = option_float(ctx, &m, "nms_iou_threshold", NULL,
                         &p->iou_threshold)) != MOTE_OK ||
      (st = option_float(ctx, &m, "y_scale", NULL, &p->y_scale)) != MOTE_OK ||
      (st = option_float(ctx, &m, "x_scale", NULL, &p->x_scale)) != MOTE_OK ||
      (st = option_float(ctx, &m, "h_scale", NULL, &p->h_scale)) != MOTE_OK ||
      (st = option_float(ctx, &m, "w_scale", NULL, &p->w_scale)) != MOTE_OK) {
    return st;
  }
  if (!(p->iou_threshold > 0.0f && p->iou_threshold <= 1.0f)) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "custom option 'nms_iou_threshold' must be in "
                          "(0, 1]");
  }
  if (p->y_scale == 0.0f || p->x_scale == 0.0f || p->h_scale == 0.0f ||
      p->w_scale == 0.0f) {
    return mote_kctx_fail(ctx, MOTE_ERR_UNSUPPORTED,
                          "custom options 'y_scale', 'x_scale', 'h_scale' "
                          "and 'w_scale' must not be 0");
  }
  p->max_detections = (int32_t)max_det;
  p->max_per_detection = (int32_t)per_det;
  p->classes = (int32_t)classes;
  p->per_class = (int32_t)per_class;
  p->regular = regular ? 1 : 0;
  p->slots = (int32_t)(max_det * per_det);
  return MOTE_OK;
}

/* Tensor `t` is float32 of rank `rank` (and batch 1 when rank 3). */
static mote_status_t check_float(mote_kctx_t *ctx, const mote_tensor_t *t,
                                 int rank, const char *role) {
  mote_status_t st = mote_check_type(ctx, t, MOTE_TYPE_FLOAT32, role);
  if (st != MOTE_OK) {
    return st;
  }
  if ((int)t->rank != rank || (rank == 3 && t->dims[0] != 1)) {
    return mote_kctx_fail(
        ctx, MOTE_ERR_BAD_SHAPE, "%s (tensor %u) must have rank %d%s", role,
        (unsigned)t->index, rank, rank == 3 ? " and a batch of 1" : "");
  }
  return MOTE_OK;
}

static mote_status_t check_inputs(mote_kctx_t *ctx, const mote_tensor_t *in,
                                  mote_detect_params_t *p) {
  mote_status_t st;
  if ((st = check_float(ctx, &in[0], 3, "input 0 (box encodings)")) ||
      (st = check_float(ctx, &in[1], 3, "input 1 (class predictions)")) ||
      (st = check_float(ctx, &in[2], 2, "input 2 (anchors)"))) {
    return st;
  }
  p->boxes = in[0].dims[1];
  p->box_stride = in[0].dims[2];
  p->class_stride = in[1].dims[2];
  if (p->box_stride < 4 || in[2].dims[1] != 4) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 0 (box encodings) needs at least 4 values "
                          "per box and input 2 (anchors) exactly 4");
  }
  if (in[1].dims[1] != p->boxes || in[2].dims[0] != p->boxes) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "inputs disagree on the anchors: %ld box "
                          "encodings, %ld class predictions, %ld anchors",
                          (long)p->boxes, (long)in[1].dims[1],
                          (long)in[2].dims[0]);
  }
  if (p->class_stride < p->classes) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "input 1 (class predictions) has %ld classes per "
                          "anchor, fewer than num_classes %ld",
                          (long)p->class_stride, (long)p->classes);
  }
  return MOTE_OK;
}

static mote_status_t check_outputs(mote_kctx_t *ctx, const mote_tensor_t *out,
                                   int32_t slots) {
  static const char *const kRole[4] = {
      "output 0 (detection boxes)", "output 1 (detection classes)",
      "output 2 (detection scores)", "output 3 (num detections)"};
  int i;
  for (i = 0; i < 4; i++) {
    const int64_t want = i == 0 ? 4 * (int64_t)slots : i == 3 ? 1 : slots;
    mote_status_t st =
        mote_check_type(ctx, &out[i], MOTE_TYPE_FLOAT32, kRole[i]);
    if (st != MOTE_OK) {
      return st;
    }
    if ((int64_t)out[i].bytes != 4 * want) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "%s (tensor %u) holds %ld values; "
                            "max_detections * max_classes_per_detection "
                            "needs %ld",
                            kRole[i], (unsigned)out[i].index,
                            (long)(out[i].bytes / 4u), (long)want);
    }
  }
  return MOTE_OK;
}

static mote_status_t detect_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in[3], out[4];
  mote_detect_params_t p;
  detect_data_t *d;
  void *mem;
  mote_status_t st;
  memset(&p, 0, sizeof p);
  if ((st = mote_signal_io(ctx, 3, in, 4, out)) != MOTE_OK ||
      (st = read_options(ctx, &p)) != MOTE_OK ||
      (st = check_inputs(ctx, in, &p)) != MOTE_OK ||
      (st = check_outputs(ctx, out, p.slots)) != MOTE_OK ||
      (st = mote_kctx_alloc_persistent(ctx, sizeof *d, &mem)) != MOTE_OK) {
    return st;
  }
  d = (detect_data_t *)mem;
  d->p = p;
  st = mote_kctx_request_scratch(ctx, mote_detect_scratch_bytes(&p),
                                 &d->scratch);
  if (st != MOTE_OK) {
    return st;
  }
  mote_kctx_set_user_data(ctx, d);
  return MOTE_OK;
}

static mote_status_t detect_invoke(mote_kctx_t *ctx) {
  const detect_data_t *d = (const detect_data_t *)mote_kctx_user_data(ctx);
  mote_detect_postprocess(&d->p, (const float *)mote_kctx_input_data(ctx, 0),
                          (const float *)mote_kctx_input_data(ctx, 1),
                          (const float *)mote_kctx_input_data(ctx, 2),
                          (float *)mote_kctx_output_data(ctx, 0),
                          (float *)mote_kctx_output_data(ctx, 1),
                          (float *)mote_kctx_output_data(ctx, 2),
                          (float *)mote_kctx_output_data(ctx, 3),
                          mote_kctx_scratch(ctx, d->scratch));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_detection_postprocess = {
    "TFLite_Detection_PostProcess", 1, detect_prepare, detect_invoke};
