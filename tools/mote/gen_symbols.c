/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C name of each kernel, for the resolver `mote gen` writes. Builtins
 * follow a rule (include/mote/ops.h); the signal kernels are listed, as
 * their names do not follow from the custom op names mechanically
 * (SignalPCAN). tests/tools/gen_symbols_list.c holds every kernel of the
 * all-kernels resolver to a name that links to that very kernel.
 */
#include <ctype.h>
#include <string.h>

#include "gen.h"

/* The custom kernels (signal_ops.h, custom_ops.h) by pointer: their C
 * names do not follow from the custom op name mechanically (SignalPCAN,
 * TFLite_Detection_PostProcess). */
static const struct {
  const mote_kernel_t *kernel;
  const char *symbol;
} custom_symbols[MOTE_RESOLVER_SIGNAL_OPS + MOTE_RESOLVER_CUSTOM_OPS] = {
    {&mote_kernel_signal_window, "mote_kernel_signal_window"},
    {&mote_kernel_signal_fft_auto_scale, "mote_kernel_signal_fft_auto_scale"},
    {&mote_kernel_signal_rfft, "mote_kernel_signal_rfft"},
    {&mote_kernel_signal_irfft, "mote_kernel_signal_irfft"},
    {&mote_kernel_signal_energy, "mote_kernel_signal_energy"},
    {&mote_kernel_signal_filter_bank, "mote_kernel_signal_filter_bank"},
    {&mote_kernel_signal_filter_bank_square_root,
     "mote_kernel_signal_filter_bank_square_root"},
    {&mote_kernel_signal_filter_bank_spectral_subtraction,
     "mote_kernel_signal_filter_bank_spectral_subtraction"},
    {&mote_kernel_signal_pcan, "mote_kernel_signal_pcan"},
    {&mote_kernel_signal_filter_bank_log, "mote_kernel_signal_filter_bank_log"},
    {&mote_kernel_detection_postprocess, "mote_kernel_detection_postprocess"},
    {&mote_kernel_circular_buffer, "mote_kernel_circular_buffer"},
};

/* Builtin kernels are named after their op: CONV_2D -> mote_kernel_conv_2d
 * (include/mote/ops.h). Static storage, one per code. */
static const char *builtin_symbol(int32_t code) {
  static char names[256][48];
  const char *op = mote_op_name(code);
  char *out;
  size_t i;
  if (code < 0 || code > 255 || strlen(op) + 13 > sizeof names[0]) {
    return NULL;
  }
  out = names[code];
  strcpy(out, "mote_kernel_");
  for (i = 0; op[i] != '\0'; i++) {
    out[12 + i] = (char)tolower((unsigned char)op[i]);
  }
  out[12 + i] = '\0';
  return out;
}

const char *gen_kernel_symbol(const mote_resolver_entry_t *e) {
  uint32_t i;
  if (e->op != MOTE_OP_CUSTOM) {
    return builtin_symbol(e->op);
  }
  for (i = 0; i < MOTE_RESOLVER_SIGNAL_OPS + MOTE_RESOLVER_CUSTOM_OPS; i++) {
    if (custom_symbols[i].kernel == e->kernel) {
      return custom_symbols[i].symbol;
    }
  }
  return NULL;
}
