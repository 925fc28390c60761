/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Registers the signal-library operators under TFLM's custom names. Kept
 * apart from the kernels so an application that registers only some of
 * them never links this table.
 */
#include "mote/signal_ops.h"

mote_status_t mote_resolver_add_signal_ops(mote_resolver_t *r) {
  static const struct {
    const char *name;
    const mote_kernel_t *kernel;
  } all[MOTE_RESOLVER_SIGNAL_OPS] = {
      {"SignalWindow", &mote_kernel_signal_window},
      {"SignalFftAutoScale", &mote_kernel_signal_fft_auto_scale},
      {"SignalRfft", &mote_kernel_signal_rfft},
      {"SignalIrfft", &mote_kernel_signal_irfft},
      {"SignalEnergy", &mote_kernel_signal_energy},
      {"SignalFilterBank", &mote_kernel_signal_filter_bank},
      {"SignalFilterBankSquareRoot",
       &mote_kernel_signal_filter_bank_square_root},
      {"SignalFilterBankSpectralSubtraction",
       &mote_kernel_signal_filter_bank_spectral_subtraction},
      {"SignalPCAN", &mote_kernel_signal_pcan},
      {"SignalFilterBankLog", &mote_kernel_signal_filter_bank_log},
      {"SignalDelay", &mote_kernel_signal_delay},
      {"SignalFramer", &mote_kernel_signal_framer},
      {"SignalStacker", &mote_kernel_signal_stacker},
      {"SignalOverlapAdd", &mote_kernel_signal_overlap_add},
  };
  uint32_t i;
  for (i = 0; i < MOTE_RESOLVER_SIGNAL_OPS; i++) {
    mote_status_t st = mote_resolver_add_custom(r, all[i].name, all[i].kernel);
    if (st != MOTE_OK) {
      return st;
    }
  }
  return MOTE_OK;
}
