/*
 * Framework-free compute functions of the TFLM signal-library operators
 * (the micro_speech audio front end) not yet behind a per-op header; the
 * integer helpers are in signal_math.h, the glue helpers in signal_util.h.
 *
 * Each function is the arithmetic of TFLM's signal/src sources, written anew:
 * unsigned wraparound, truncating shifts and the rounding rules are the
 * same, because the front end's features must match TFLM byte for byte.
 * Kernel glue (src/kernels/signal/<op>.c) checks shapes and options so
 * these functions can trust their arguments; tests call them directly.
 */
#ifndef MOTE_KERNELS_SIGNAL_SIGNAL_H
#define MOTE_KERNELS_SIGNAL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernels/signal/signal_math.h"
#include "kernels/signal/signal_util.h"

/* --- per-operator compute ---------------------------------------------- */

/* SignalFilterBankLog: out[i] = min(log32(in[i] << correction_bits,
 * output_scale), INT16_MAX), 0 when the shifted value is 0 or 1;
 * 0 <= correction_bits <= 31. */
void mote_signal_filter_bank_log(const uint32_t *in, int32_t n,
                                 uint32_t output_scale, int correction_bits,
                                 int16_t *out);

#endif /* MOTE_KERNELS_SIGNAL_SIGNAL_H */
