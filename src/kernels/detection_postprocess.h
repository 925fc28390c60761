/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TFLite_Detection_PostProcess compute (detection_nms.c): decodes SSD box
 * encodings against their anchors and keeps the best boxes by
 * non-maximum suppression, TFLM's fast (one NMS over each anchor's best
 * class) or regular (one NMS per class, merged) way. Float32 throughout,
 * as TFLM runs it. No validation: the glue (detection_postprocess.c) has
 * checked every shape and option.
 */
#ifndef MOTE_KERNELS_DETECTION_POSTPROCESS_H
#define MOTE_KERNELS_DETECTION_POSTPROCESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct mote_detect_params {
  int32_t boxes;        /* anchors */
  int32_t box_stride;   /* values per box encoding, >= 4 (y, x, h, w) */
  int32_t classes;      /* num_classes */
  int32_t class_stride; /* class predictions per anchor, >= classes;
                           the first class_stride - classes are
                           background and skipped */
  int32_t max_detections;
  int32_t max_per_detection; /* max_classes_per_detection, >= 1 */
  int32_t per_class;         /* detections_per_class (regular NMS), >= 1 */
  int32_t slots;             /* output slots: max_detections * per detection */
  int32_t regular;           /* use_regular_nms */
  float score_threshold;     /* scores below it are never kept */
  float iou_threshold;       /* in (0, 1] */
  float y_scale, x_scale, h_scale, w_scale;
} mote_detect_params_t;

/* Bytes of scratch mote_detect_postprocess needs (4-byte aligned). */
size_t mote_detect_scratch_bytes(const mote_detect_params_t *p);

/*
 * box_enc [boxes, box_stride], scores [boxes, class_stride] and anchors
 * [boxes, 4] (y, x, h, w centres and sizes) in; out_boxes [slots, 4]
 * (ymin, xmin, ymax, xmax), out_classes [slots], out_scores [slots] and
 * out_count [1] out, slots not written zero. `scratch` holds
 * mote_detect_scratch_bytes(p) bytes.
 */
void mote_detect_postprocess(const mote_detect_params_t *p,
                             const float *box_enc, const float *scores,
                             const float *anchors, float *out_boxes,
                             float *out_classes, float *out_scores,
                             float *out_count, void *scratch);

#endif /* MOTE_KERNELS_DETECTION_POSTPROCESS_H */
