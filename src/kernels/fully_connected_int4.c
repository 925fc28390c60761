/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_kernel_fully_connected_int4: fully_connected.c's glue compiled a
 * second time, with packed int4 weights accepted (kernels/int4.h says
 * why it is a second compilation rather than a branch in the plain
 * kernel: flash).
 */
#define MOTE_KERNEL_INT4 1
#include "kernels/fully_connected.c" /* NOLINT(bugprone-suspicious-include): on purpose */
