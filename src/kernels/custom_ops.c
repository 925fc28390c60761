/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_resolver_add_custom_ops(): TFLM's custom ops under their names.
 * Its own file so that firmware registering kernels one by one links
 * none of the others.
 */
#include "mote/custom_ops.h"

mote_status_t mote_resolver_add_custom_ops(mote_resolver_t *r) {
  mote_status_t st = mote_resolver_add_custom(
      r, "TFLite_Detection_PostProcess", &mote_kernel_detection_postprocess);
  if (st == MOTE_OK) {
    st = mote_resolver_add_custom(r, "CIRCULAR_BUFFER",
                                  &mote_kernel_circular_buffer);
  }
  return st != MOTE_OK
             ? st
             : mote_resolver_add_custom(r, "TFLM_DECODE", &mote_kernel_decode);
}
