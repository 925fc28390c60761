/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * The TFLM signal-library operators: the audio front end of micro_speech
 * (audio_preprocessor_*.tflite), which TFLite stores as custom operators.
 *
 * Each kernel is registered by its TFLM custom name through
 * mote_resolver_add_custom(), the same way an application adds its own
 * operators; mote_resolver_add_signal_ops() registers all of them. Their
 * options are the operator's flexbuffer custom options, read by key.
 *
 * SignalFilterBankSpectralSubtraction keeps its noise estimate across
 * invokes in kernel state memory, as TFLM does; it starts from zero when
 * the interpreter is prepared, and mote_interp_reset_state() zeroes it
 * again to restart the front end on a new stream. The streaming ops keep
 * their sample histories the same way (SignalDelay: the last delay_length
 * samples of each row; SignalFramer: the samples not yet framed;
 * SignalStacker: the frames not yet stacked; SignalOverlapAdd: the
 * running sums), so they too start a new stream after a reset.
 */
#ifndef MOTE_SIGNAL_OPS_H
#define MOTE_SIGNAL_OPS_H

#include "mote/kernel.h"
#include "mote/resolver.h"
#include "mote/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Kernels; each registers under the custom name in its comment. */
/** Custom op "SignalWindow". */
extern const mote_kernel_t mote_kernel_signal_window;
/** Custom op "SignalFftAutoScale". */
extern const mote_kernel_t mote_kernel_signal_fft_auto_scale;
/** Custom op "SignalRfft" (int16, int32, float32). */
extern const mote_kernel_t mote_kernel_signal_rfft;
/** Custom op "SignalIrfft" (int16, int32, float32). */
extern const mote_kernel_t mote_kernel_signal_irfft;
/**
 * SignalRfft and SignalIrfft for one element type each, to register
 * under the same custom names instead of the kernels above when every
 * FFT of a model has that type (micro_speech's front end: int16). They
 * behave as the all-type kernels on their type and link only its
 * transforms: the int16 audio front end is about 4.7 KB smaller on
 * Cortex-M4F -Os than with the all-type kernel (TFLM's
 * Register_RFFT_INT16 and friends). On another type prepare fails with
 * MOTE_ERR_UNSUPPORTED_TYPE and a message naming input 0, its type and
 * the kernel that runs it. `mote gen` registers these when a model's
 * FFTs are all one type.
 */
extern const mote_kernel_t mote_kernel_signal_rfft_int16;
extern const mote_kernel_t mote_kernel_signal_rfft_int32;     /**< see above */
extern const mote_kernel_t mote_kernel_signal_rfft_float32;   /**< see above */
extern const mote_kernel_t mote_kernel_signal_irfft_int16;    /**< see above */
extern const mote_kernel_t mote_kernel_signal_irfft_int32;    /**< see above */
extern const mote_kernel_t mote_kernel_signal_irfft_float32;  /**< see above */
/** Custom op "SignalEnergy". */
extern const mote_kernel_t mote_kernel_signal_energy;
/** Custom op "SignalFilterBank". */
extern const mote_kernel_t mote_kernel_signal_filter_bank;
/** Custom op "SignalFilterBankSquareRoot". */
extern const mote_kernel_t mote_kernel_signal_filter_bank_square_root;
/** Custom op "SignalFilterBankSpectralSubtraction". */
extern const mote_kernel_t mote_kernel_signal_filter_bank_spectral_subtraction;
/** Custom op "SignalPCAN". */
extern const mote_kernel_t mote_kernel_signal_pcan;
/** Custom op "SignalFilterBankLog". */
extern const mote_kernel_t mote_kernel_signal_filter_bank_log;
/* Streaming ops, with state across invokes (see the top of this file). */
/** Custom op "SignalDelay" (int16). */
extern const mote_kernel_t mote_kernel_signal_delay;
/** Custom op "SignalFramer" (int16; output 1: bool, every frame ready). */
extern const mote_kernel_t mote_kernel_signal_framer;
/** Custom op "SignalStacker" (int16; output 1: bool, output ready). */
extern const mote_kernel_t mote_kernel_signal_stacker;
/** Custom op "SignalOverlapAdd" (int16, float32). */
extern const mote_kernel_t mote_kernel_signal_overlap_add;

/** Number of resolver entries mote_resolver_add_signal_ops() uses. */
#define MOTE_RESOLVER_SIGNAL_OPS 14

/** Registers all the signal kernels above under their custom names. Returns
 * MOTE_ERR_CAPACITY when the resolver is full, MOTE_ERR_BAD_ARG for a
 * NULL resolver. */
mote_status_t mote_resolver_add_signal_ops(mote_resolver_t *r);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_SIGNAL_OPS_H */
