/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Case generator: TFLite_Detection_PostProcess (TFLM's SSD custom op),
 * float32 as TFLM runs it, with its flexbuffer options.
 *
 * Even cases take the fast NMS path (use_regular_nms false or left out),
 * odd ones the regular path (detections_per_class drawn or left to its
 * default of 100). Anchors, classes, background column, keypoint values
 * after the box and the thresholds are drawn per case. Several classes
 * per detection appear only with a high score threshold: TFLM's fast path
 * places detection k's classes from slot max_classes_per_detection * k *
 * classes on and writes past its outputs when many are selected, which
 * no case here may provoke (tests/kernels/test_detection_postprocess.c
 * checks that condition on its own cases).
 */
#include "cases_gen.h"

void kt_gen_detection_postprocess(int index, kt_case_t *c, uint32_t *rng) {
  const int regular = index % 2;
  const int several = !regular && index % 8 == 4;
  const int32_t boxes =
      several ? kt_rand_int(rng, 6, 12) : kt_rand_int(rng, 4, 40);
  const int32_t classes = kt_rand_int(rng, 1, 6);
  const int32_t background = index % 3 != 0;
  const int32_t values = index % 4 == 3 ? 6 : 4;
  const int32_t max_det = kt_rand_int(rng, 1, 10) + (several ? 10 : 0);
  const int32_t per_det = several ? 2 : 1;
  const int32_t slots = max_det * per_det;
  const float scales[3] = {10.0f, 5.0f, 1.0f};
  int32_t shape[3];
  kt_flex_t f;
  int a;
  shape[0] = 1, shape[1] = boxes, shape[2] = values;
  kt_range(c, kt_add(c, KT_INPUT, KT_F32, 3, shape), -3.0, 3.0);
  shape[2] = classes + background;
  kt_range(c, kt_add(c, KT_INPUT, KT_F32, 3, shape), 0.0, 1.0);
  shape[0] = boxes, shape[1] = 4;
  a = kt_add(c, KT_CONST, KT_F32, 2, shape);
  kt_range(c, a, 0.1, 0.6);
  shape[0] = 1, shape[1] = slots, shape[2] = 4;
  kt_add(c, KT_OUTPUT, KT_F32, 3, shape);
  kt_add(c, KT_OUTPUT, KT_F32, 2, shape);
  kt_add(c, KT_OUTPUT, KT_F32, 2, shape);
  kt_add1(c, KT_OUTPUT, KT_F32, 1);
  f.n = 0;
  kt_flex_int(&f, "max_detections", max_det);
  kt_flex_int(&f, "max_classes_per_detection", per_det);
  if (regular && index % 4 != 1) {
    kt_flex_int(&f, "detections_per_class", kt_rand_int(rng, 1, 5));
  }
  if (regular || index % 4 == 2) {
    kt_flex_bool(&f, "use_regular_nms", regular);
  }
  kt_flex_float(&f, "nms_score_threshold",
                several ? 0.9f : (float)kt_rand_int(rng, 0, 80) / 100.0f);
  kt_flex_float(&f, "nms_iou_threshold",
                (float)kt_rand_int(rng, 30, 100) / 100.0f);
  kt_flex_int(&f, "num_classes", classes);
  kt_flex_float(&f, "y_scale", scales[kt_rand_int(rng, 0, 2)]);
  kt_flex_float(&f, "x_scale", scales[kt_rand_int(rng, 0, 2)]);
  kt_flex_float(&f, "h_scale", scales[kt_rand_int(rng, 0, 1)]);
  kt_flex_float(&f, "w_scale", scales[kt_rand_int(rng, 0, 1)]);
  kt_flex_end(c, &f);
  kt_name(c, regular ? "regular " : "fast ");
  kt_name_n(c, "anchors ", boxes);
  kt_name_n(c, " classes ", classes);
  kt_name(c, background ? "+bg" : "");
  kt_name_n(c, " max_det ", max_det);
  kt_name_n(c, "x", per_det);
  kt_name(c, values > 4 ? " keypoints" : "");
}
