/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalEnergy compute function: the seam between the op's glue
 * (energy.c) and its implementations (kernels/impl.h).
 *
 * Power spectrum re^2 + im^2 of the complex bins [start, end) of an int16
 * spectrum, as uint32. TFLM sums the two int32 squares in int32, which
 * overflows only for (-32768, -32768); an unsigned sum gives the same
 * bits, 2^31. TFLM leaves the bins outside the range untouched (stale
 * arena bytes); mote zeroes them, so the output is a function of the
 * input alone. The glue guarantees 0 <= start <= end <= bins and that
 * the spectrum holds `end` bins. No failure, no scratch.
 */
#ifndef MOTE_KERNELS_SIGNAL_ENERGY_H
#define MOTE_KERNELS_SIGNAL_ENERGY_H

#include <stdint.h>

#include "kernels/impl.h"

typedef struct mote_signal_energy_params {
  int32_t start; /* first bin computed */
  int32_t end;   /* one past the last bin computed */
  int32_t bins;  /* output elements */
} mote_signal_energy_params_t;

/* spectrum: [end][2] (re, im pairs, at least); output: [bins]. */
typedef void mote_signal_energy_fn(const mote_signal_energy_params_t *p,
                                   const int16_t *spectrum, uint32_t *output);

mote_signal_energy_fn mote_signal_energy_ref;

#ifdef MOTE_IMPL_SIGNAL_ENERGY
#define mote_signal_energy                                                     \
  MOTE_IMPL_NAME(signal_energy, MOTE_IMPL_SIGNAL_ENERGY)
mote_signal_energy_fn mote_signal_energy;
#else
#define mote_signal_energy mote_signal_energy_ref
#endif

#endif /* MOTE_KERNELS_SIGNAL_ENERGY_H */
