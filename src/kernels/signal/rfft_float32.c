/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_kernel_signal_rfft_float32 and mote_kernel_signal_irfft_float32:
 * rfft.c's glue compiled a second time for float32 only, so that a firmware
 * whose FFTs are all float32 links no transform of another type (rfft.c says
 * how).
 */
#define MOTE_RFFT_ONLY MOTE_TYPE_FLOAT32
#define MOTE_RFFT_ONLY_NAME "float32"
#define MOTE_RFFT_KERNEL mote_kernel_signal_rfft_float32
#define MOTE_IRFFT_KERNEL mote_kernel_signal_irfft_float32
#include "kernels/signal/rfft.c" /* NOLINT(bugprone-suspicious-include): on purpose */
