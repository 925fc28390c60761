/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalPCAN compute function: the seam between the op's glue (pcan.c)
 * and its implementations (kernels/impl.h).
 *
 * Per-channel automatic gain control (PCAN): each filter-bank channel is
 * multiplied by a gain looked up from its noise estimate, shifted down by
 * snr_shift, then compressed with x^2 / 4 below 2 and x - 1 above (in the
 * SNR's Q12, output Q6). The gain table is a piecewise quadratic indexed
 * by the estimate's bit length: three direct entries for estimates 0..2,
 * then three int16 coefficients per octave, evaluated in int32 with a
 * round-half-up Q15 step, as TFLM's WideDynamicFunction. A uint32
 * estimate can reach octave 32, so the table needs
 * MOTE_SIGNAL_PCAN_LUT_SIZE entries; the glue rejects shorter ones (TFLM
 * does not check). No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_PCAN_H
#define MOTE_KERNELS_SIGNAL_PCAN_H

#include <stdint.h>

#include "kernels/impl.h"

/* Entries a PCAN gain table needs for every uint32 noise estimate. */
#define MOTE_SIGNAL_PCAN_LUT_SIZE 125

typedef struct mote_signal_pcan_params {
  int32_t channels;
  int32_t snr_shift; /* right shift of channel * gain, 0..63 */
} mote_signal_pcan_params_t;

/* io: [channels], the filter-bank channels on entry and the result on
 * exit (in place, as TFLM's ApplyPcanAutoGainControlFixed; the glue
 * copies its input there first); noise: [channels], their estimates,
 * element i read before io[i] is written; gain_lut:
 * [MOTE_SIGNAL_PCAN_LUT_SIZE]. */
typedef void mote_signal_pcan_fn(const mote_signal_pcan_params_t *p,
                                 const uint32_t *noise, const int16_t *gain_lut,
                                 uint32_t *io);

mote_signal_pcan_fn mote_signal_pcan_ref;

#ifdef MOTE_IMPL_SIGNAL_PCAN
#define mote_signal_pcan MOTE_IMPL_NAME(signal_pcan, MOTE_IMPL_SIGNAL_PCAN)
mote_signal_pcan_fn mote_signal_pcan;
#else
#define mote_signal_pcan mote_signal_pcan_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_PCAN_H */
