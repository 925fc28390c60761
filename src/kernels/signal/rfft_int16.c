/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote_kernel_signal_rfft_int16 and mote_kernel_signal_irfft_int16: rfft.c's
 * glue compiled a second time for int16 only, so that a firmware whose
 * FFTs are all int16 links no transform of another type (rfft.c says how).
 */
#define MOTE_RFFT_ONLY MOTE_TYPE_INT16
#define MOTE_RFFT_ONLY_NAME "int16"
#define MOTE_RFFT_KERNEL mote_kernel_signal_rfft_int16
#define MOTE_IRFFT_KERNEL mote_kernel_signal_irfft_int16
#include "kernels/signal/rfft.c" /* NOLINT(bugprone-suspicious-include): on purpose */
