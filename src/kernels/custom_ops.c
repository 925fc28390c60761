/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_resolver_add_custom_ops(): TFLM's custom ops under their names.
 * Its own file so that firmware registering kernels one by one links
 * none of the others.
 */
#include "mote/custom_ops.h"

mote_status_t mote_resolver_add_custom_ops(mote_resolver_t *r) {
  return mote_resolver_add_custom(r, "TFLite_Detection_PostProcess",
                                  &mote_kernel_detection_postprocess);
}
