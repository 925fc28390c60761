// SPDX-License-Identifier: Apache-2.0
/*
 * TFLite_Detection_PostProcess against the TFLM oracle: small SSD-style
 * models (20 anchors, 3 classes, a background class or not) over the
 * options that change the path taken: fast NMS with one or several
 * classes per detection, regular NMS with and without a per-class limit,
 * score thresholds that leave slots empty, float32 and quantized class
 * predictions, box encodings with extra (keypoint) values. The outputs are
 * compared byte for byte over the slots TFLM writes (num_detections of
 * them; TFLM leaves the rest of the fast path's outputs as they were).
 * Then the options and shapes prepare refuses, each by name.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "custom_run.h"
#include "mote/custom_ops.h"
#include "mote/mote.h"
#include "oracle.h"
#include "support.h"
#include "table/cases_gen.h"
#include "test.h"
#include "tflite_build.h"

#define MAX_BOXES 64

/* How build() breaks the model for the refusal tests. */
enum { OK = 0, NO_NUM_CLASSES, TOO_MANY_CLASSES, BIG_OUTPUT, FEW_ANCHORS };
static int g_break;

typedef struct dcase {
  const char *name;
  int boxes, classes, background, box_values;
  int max_det, max_cpd, per_class; /* per_class 0: option left out */
  int regular;                     /* -1: option left out */
  float score_threshold, iou_threshold;
  int score_type; /* 0 float32, 3 uint8, 9 int8 */
  uint32_t seed;
} dcase_t;

static const dcase_t kCases[] = {
    {"fast 1 class/det", 20, 3, 1, 4, 5, 1, 0, 0, 0.3f, 0.5f, 0, 1},
    {"fast 2 classes/det", 20, 3, 1, 4, 8, 2, 0, 0, 0.9f, 0.5f, 0, 2},
    {"fast 3 classes/det", 20, 3, 1, 4, 9, 3, 0, -1, 0.93f, 0.6f, 0, 3},
    {"fast high threshold", 20, 3, 1, 4, 8, 1, 0, 0, 0.8f, 0.5f, 0, 4},
    {"fast no background", 20, 3, 0, 4, 6, 1, 0, 0, 0.25f, 0.4f, 0, 5},
    {"fast keypoints", 20, 3, 1, 6, 5, 1, 0, 0, 0.3f, 0.5f, 0, 6},
    {"fast iou 1", 20, 3, 1, 4, 10, 1, 0, 0, 0.1f, 1.0f, 0, 7},
    {"regular per class 4", 20, 3, 1, 4, 6, 1, 4, 1, 0.3f, 0.5f, 0, 8},
    {"regular default per class", 20, 3, 1, 4, 6, 1, 0, 1, 0.3f, 0.5f, 0, 9},
    {"regular high threshold", 20, 3, 1, 4, 10, 1, 2, 1, 0.85f, 0.5f, 0, 10},
    {"regular no background", 24, 4, 0, 4, 7, 1, 3, 1, 0.2f, 0.3f, 0, 11},
    {"fast 64 anchors", 64, 3, 1, 4, 10, 1, 0, 0, 0.2f, 0.5f, 0, 15},
};

static uint32_t rnd(uint32_t *s) {
  *s = *s * 1664525u + 1013904223u;
  return *s >> 8;
}

static float uni(uint32_t *s, float lo, float hi) {
  return lo + (hi - lo) * (float)rnd(s) / 16777216.0f;
}

/* The case's custom options. */
static void options(const dcase_t *d, kt_case_t *c) {
  kt_flex_t f;
  f.n = 0;
  kt_flex_int(&f, "max_detections", d->max_det);
  kt_flex_int(&f, "max_classes_per_detection", d->max_cpd);
  if (d->per_class > 0) {
    kt_flex_int(&f, "detections_per_class", d->per_class);
  }
  if (d->regular >= 0) {
    kt_flex_bool(&f, "use_regular_nms", d->regular);
  }
  kt_flex_float(&f, "nms_score_threshold", d->score_threshold);
  kt_flex_float(&f, "nms_iou_threshold", d->iou_threshold);
  if (g_break == TOO_MANY_CLASSES) {
    kt_flex_int(&f, "num_classes", d->classes + d->background + 1);
  } else if (g_break != NO_NUM_CLASSES) {
    kt_flex_int(&f, "num_classes", d->classes);
  }
  kt_flex_float(&f, "y_scale", 10.0f);
  kt_flex_float(&f, "x_scale", 10.0f);
  kt_flex_float(&f, "h_scale", 5.0f);
  kt_flex_float(&f, "w_scale", 5.0f);
  kt_flex_end(c, &f);
}

typedef struct data {
  float boxes[MAX_BOXES * 6];
  float scores[MAX_BOXES * 5]; /* real values */
  uint8_t qscores[MAX_BOXES * 5];
  float anchors[MAX_BOXES * 4];
} data_t;

#define SCORE_SCALE (1.0f / 256.0f)

/* Anchors in a grid-like spread, encodings around zero, scores in
 * [0, 1]: overlapping boxes, so that NMS suppresses some. */
static void make_data(const dcase_t *d, data_t *x) {
  uint32_t s = d->seed * 2654435761u;
  const int cw = d->classes + d->background;
  int i;
  for (i = 0; i < d->boxes; ++i) {
    x->anchors[4 * i + 0] = uni(&s, 0.1f, 0.9f);
    x->anchors[4 * i + 1] = uni(&s, 0.1f, 0.9f);
    x->anchors[4 * i + 2] = uni(&s, 0.2f, 0.6f);
    x->anchors[4 * i + 3] = uni(&s, 0.2f, 0.6f);
  }
  for (i = 0; i < d->boxes * d->box_values; ++i) {
    x->boxes[i] = uni(&s, -3.0f, 3.0f);
  }
  for (i = 0; i < d->boxes * cw; ++i) {
    const uint32_t q = rnd(&s) & 0xFFu;
    if (d->score_type == 0) {
      x->scores[i] = uni(&s, 0.0f, 1.0f);
    } else if (d->score_type == 3) {
      x->qscores[i] = (uint8_t)q; /* zero point 0 */
    } else {
      x->qscores[i] = (uint8_t)q; /* int8 bits, zero point -128 */
    }
  }
}

static uint8_t *build(const dcase_t *d, const data_t *x, size_t *len) {
  static kt_case_t c;
  const int cw = d->classes + d->background;
  const int slots = d->max_det * d->max_cpd;
  int32_t bs[3] = {1, d->boxes, d->box_values};
  int32_t ss[3] = {1, d->boxes, cw};
  int32_t as[2] = {d->boxes - (g_break == FEW_ANCHORS), 4};
  int32_t ob[3] = {1, slots + (g_break == BIG_OUTPUT), 4};
  int32_t oc[2] = {1, slots}, on[1] = {1};
  const float sscale = SCORE_SCALE;
  const int64_t szero = d->score_type == 9 ? -128 : 0;
  tfb_model_t *m = tfb_new();
  int32_t ins[3], outs[4];
  int ab, op;
  memset(&c, 0, sizeof c);
  options(d, &c);
  ab = tfb_add_buffer(m, x->anchors, sizeof(float) * 4u * (size_t)as[0]);
  ins[0] =
      tfb_add_tensor(m, "box_encodings", 0, bs, 3, 0, NULL, NULL, 0, 0, false);
  if (d->score_type == 0) {
    ins[1] = tfb_add_tensor(m, "class_predictions", 0, ss, 3, 0, NULL, NULL, 0,
                            0, false);
  } else {
    ins[1] = tfb_add_tensor(m, "class_predictions", d->score_type, ss, 3, 0,
                            &sscale, &szero, 1, 0, false);
  }
  ins[2] = tfb_add_tensor(m, "anchors", 0, as, 2, ab, NULL, NULL, 0, 0, false);
  outs[0] = tfb_add_tensor(m, "detection_boxes", 0, ob, 3, 0, NULL, NULL, 0, 0,
                           false);
  outs[1] = tfb_add_tensor(m, "detection_classes", 0, oc, 2, 0, NULL, NULL, 0,
                           0, false);
  outs[2] = tfb_add_tensor(m, "detection_scores", 0, oc, 2, 0, NULL, NULL, 0, 0,
                           false);
  outs[3] =
      tfb_add_tensor(m, "num_detections", 0, on, 1, 0, NULL, NULL, 0, 0, false);
  op = tfb_add_opcode(m, 32, "TFLite_Detection_PostProcess", 1);
  tfb_add_op(m, op, ins, 3, outs, 4, 0, NULL, c.custom_options, c.ncustom);
  tfb_set_io(m, ins, 2, outs, 4);
  return mote_test_tfb_finish(m, len);
}

/* The slots TFLM writes in the fast path with several classes per
 * detection: pair k at max_cpd * k + class. Cases are chosen so that no
 * pair falls past the outputs (where TFLM would write out of bounds). */
static int fits(const dcase_t *d, float count) {
  const int ncat = d->max_cpd < d->classes ? d->max_cpd : d->classes;
  const int pairs = (int)count;
  return d->regular == 1 || pairs == 0 ||
         d->max_cpd * (pairs - 1) + ncat - 1 < d->max_det * d->max_cpd;
}

static void run_case(const dcase_t *d) {
  static data_t x;
  static custom_run_t r;
  size_t len = 0;
  uint8_t *bytes;
  const void *in[2];
  size_t in_bytes[2];
  uint8_t *want[4];
  size_t want_bytes[4];
  char why[400];
  int k, code;
  float count = 0.0f;
  make_data(d, &x);
  bytes = build(d, &x, &len);
  in[0] = x.boxes;
  in_bytes[0] = sizeof(float) * (size_t)(d->boxes * d->box_values);
  in[1] = x.scores;
  in_bytes[1] =
      sizeof(float) * (size_t)(d->boxes * (d->classes + d->background));
  if (bytes == NULL || custom_start(&r, bytes, len) != MOTE_OK) {
    fprintf(stderr, "%s: %s\n", d->name, r.err.message);
    CHECK(0);
    free(bytes);
    return;
  }
  for (k = 0; k < 2; ++k) {
    mote_tensor_t t;
    CHECK_EQ_INT(mote_interp_input(&r.in, (uint32_t)k, &t), MOTE_OK);
    CHECK_EQ_INT(t.bytes, in_bytes[k]);
    memcpy(t.data, in[k], in_bytes[k]);
  }
  CHECK_EQ_INT(mote_interp_invoke(&r.in, &r.err), MOTE_OK);
  if (mote_test_find_oracle() == NULL) {
    fprintf(stderr, "note: no TFLM oracle, %s not compared\n", d->name);
    free(bytes);
    return;
  }
  code = mote_test_oracle_run(bytes, len, in, in_bytes, 2, want, want_bytes, 4,
                              why, sizeof why);
  if (code != 0) {
    fprintf(stderr, "%s: oracle: %s\n", d->name, why);
  }
  CHECK_EQ_INT(code, 0);
  for (k = 0; k < 4 && code == 0; ++k) {
    mote_tensor_t t;
    CHECK_EQ_INT(mote_interp_output(&r.in, (uint32_t)k, &t), MOTE_OK);
    CHECK_EQ_INT(t.bytes, want_bytes[k]);
    if (t.bytes == want_bytes[k] && memcmp(t.data, want[k], t.bytes) != 0) {
      size_t i;
      fprintf(stderr, "%s: output %d differs (mote / TFLM):\n", d->name, k);
      for (i = 0; i < t.bytes / 4; ++i) {
        float a, b;
        memcpy(&a, (const uint8_t *)t.data + 4 * i, 4);
        memcpy(&b, want[k] + 4 * i, 4);
        fprintf(stderr, " %g/%g", (double)a, (double)b);
      }
      fprintf(stderr, "\n");
      CHECK(0);
    }
    if (k == 3) {
      memcpy(&count, want[3], 4);
    }
  }
  /* Every case must select something and stay inside TFLM's outputs. */
  CHECK(count > 0.0f);
  CHECK(fits(d, count));
  for (k = 0; k < 4; ++k) {
    free(want[k]);
  }
  free(bytes);
}

static void test_against_tflm(void) {
  size_t i;
  for (i = 0; i < sizeof kCases / sizeof kCases[0]; ++i) {
    run_case(&kCases[i]);
  }
}

/* Case 0 broken as `how`: prepare (or open) fails with `status` and a
 * message containing `what`. */
static void expect_refused(int how, int score_type, float iou,
                           mote_status_t status, const char *what) {
  static data_t x;
  static custom_run_t r;
  dcase_t d = kCases[0];
  size_t len = 0;
  uint8_t *bytes;
  d.score_type = score_type;
  d.iou_threshold = iou;
  g_break = how;
  make_data(&d, &x);
  bytes = build(&d, &x, &len);
  g_break = OK;
  CHECK(bytes != NULL);
  if (bytes == NULL) {
    return;
  }
  CHECK_EQ_INT(custom_start(&r, bytes, len), status);
  if (strstr(r.err.message, what) == NULL) {
    fprintf(stderr, "want \"%s\" in \"%s\"\n", what, r.err.message);
    CHECK(0);
  }
  free(bytes);
}

static void test_refusals(void) {
  static const struct {
    int how, score_type;
    float iou;
    mote_status_t status;
    const char *what;
  } kRefused[] = {
      /* TFLM fails the invoke on quantized predictions; mote at prepare. */
      {OK, 9, 0.5f, MOTE_ERR_UNSUPPORTED_TYPE,
       "input 1 (class predictions) has type int8"},
      {OK, 3, 0.5f, MOTE_ERR_UNSUPPORTED_TYPE, "input 1 (class predictions)"},
      {NO_NUM_CLASSES, 0, 0.5f, MOTE_ERR_CORRUPT_MODEL, "'num_classes'"},
      {OK, 0, 0.0f, MOTE_ERR_UNSUPPORTED, "'nms_iou_threshold'"},
      {OK, 0, 1.5f, MOTE_ERR_UNSUPPORTED, "'nms_iou_threshold'"},
      {TOO_MANY_CLASSES, 0, 0.5f, MOTE_ERR_BAD_SHAPE,
       "fewer than num_classes 5"},
      {BIG_OUTPUT, 0, 0.5f, MOTE_ERR_BAD_SHAPE,
       "output 0 (detection boxes) (tensor 3) holds 24 values"},
      {FEW_ANCHORS, 0, 0.5f, MOTE_ERR_BAD_SHAPE,
       "20 box encodings, 20 class predictions, 19 anchors"},
  };
  size_t i;
  for (i = 0; i < sizeof kRefused / sizeof kRefused[0]; ++i) {
    expect_refused(kRefused[i].how, kRefused[i].score_type, kRefused[i].iou,
                   kRefused[i].status, kRefused[i].what);
  }
}

int main(void) {
  MOTE_RUN(test_against_tflm);
  MOTE_RUN(test_refusals);
  return MOTE_TEST_END();
}
