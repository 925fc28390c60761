/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_kernel_depthwise_conv_2d_int4: depthwise_conv_2d.c's glue compiled a
 * second time, with packed int4 filters accepted (kernels/int4.h says why it is
 * a second compilation rather than a branch in the plain kernel: flash).
 */
#define MOTE_KERNEL_INT4 1
#include "kernels/depthwise_conv_2d.c" /* NOLINT(bugprone-suspicious-include): on purpose */
