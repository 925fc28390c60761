/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C name of each kernel, for the resolver `mote gen` writes. Builtins
 * follow a rule (include/mote/ops.h), "_int4" appended for the int4
 * variants; the signal kernels are listed, as
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
    {&mote_kernel_signal_delay, "mote_kernel_signal_delay"},
    {&mote_kernel_signal_framer, "mote_kernel_signal_framer"},
    {&mote_kernel_signal_stacker, "mote_kernel_signal_stacker"},
    {&mote_kernel_signal_overlap_add, "mote_kernel_signal_overlap_add"},
    {&mote_kernel_detection_postprocess, "mote_kernel_detection_postprocess"},
    {&mote_kernel_circular_buffer, "mote_kernel_circular_buffer"},
    {&mote_kernel_decode, "mote_kernel_decode"},
};

/* The int4 variants (mote/ops.h): what the all-kernels resolver
 * registers for their ops, and what `mote gen` writes only for a model
 * with an int4 filter for the op (the plain kernels are smaller). */
static const mote_kernel_t *const int4_kernels[] = {
    &mote_kernel_conv_2d_int4, &mote_kernel_depthwise_conv_2d_int4,
    &mote_kernel_fully_connected_int4};

/* The per-type kernels of the FFTs (mote/signal_ops.h): `mote gen`
 * writes one when every operator of the op has that type, as the
 * all-type kernel links the transforms of all three. */
static const struct {
  const char *custom;
  mote_type_t type;
  const mote_kernel_t *kernel;
  const char *symbol;
} typed_kernels[] = {
    {"SignalRfft", MOTE_TYPE_INT16, &mote_kernel_signal_rfft_int16,
     "mote_kernel_signal_rfft_int16"},
    {"SignalRfft", MOTE_TYPE_INT32, &mote_kernel_signal_rfft_int32,
     "mote_kernel_signal_rfft_int32"},
    {"SignalRfft", MOTE_TYPE_FLOAT32, &mote_kernel_signal_rfft_float32,
     "mote_kernel_signal_rfft_float32"},
    {"SignalIrfft", MOTE_TYPE_INT16, &mote_kernel_signal_irfft_int16,
     "mote_kernel_signal_irfft_int16"},
    {"SignalIrfft", MOTE_TYPE_INT32, &mote_kernel_signal_irfft_int32,
     "mote_kernel_signal_irfft_int32"},
    {"SignalIrfft", MOTE_TYPE_FLOAT32, &mote_kernel_signal_irfft_float32,
     "mote_kernel_signal_irfft_float32"},
};

int gen_has_typed_kernels(const char *custom) {
  return custom != NULL && (strcmp(custom, "SignalRfft") == 0 ||
                            strcmp(custom, "SignalIrfft") == 0);
}

const mote_kernel_t *gen_typed_kernel(const char *custom, uint32_t types,
                                      const char **symbol) {
  uint32_t i;
  for (i = 0; i < sizeof typed_kernels / sizeof typed_kernels[0]; i++) {
    if (strcmp(typed_kernels[i].custom, custom) == 0 &&
        types == (uint32_t)1 << typed_kernels[i].type) {
      *symbol = typed_kernels[i].symbol;
      return typed_kernels[i].kernel;
    }
  }
  return NULL;
}

int gen_has_int4_variant(int32_t code) {
  return code == MOTE_OP_CONV_2D || code == MOTE_OP_DEPTHWISE_CONV_2D ||
         code == MOTE_OP_FULLY_CONNECTED;
}

const char *gen_builtin_symbol(int32_t code, int int4) {
  static char names[256][2][48];
  const char *op = mote_op_name(code);
  char *out;
  size_t i;
  if (code < 0 || code > 255 || strlen(op) + 18 > sizeof names[0][0] ||
      (int4 && !gen_has_int4_variant(code))) {
    return NULL;
  }
  out = names[code][int4 != 0];
  strcpy(out, "mote_kernel_");
  for (i = 0; op[i] != '\0'; i++) {
    out[12 + i] = (char)tolower((unsigned char)op[i]);
  }
  strcpy(out + 12 + i, int4 ? "_int4" : "");
  return out;
}

const char *gen_kernel_symbol(const mote_resolver_entry_t *e) {
  uint32_t i;
  if (e->op != MOTE_OP_CUSTOM) {
    int int4 = 0;
    for (i = 0; i < sizeof int4_kernels / sizeof int4_kernels[0]; i++) {
      int4 |= int4_kernels[i] == e->kernel;
    }
    return gen_builtin_symbol(e->op, int4);
  }
  for (i = 0; i < MOTE_RESOLVER_SIGNAL_OPS + MOTE_RESOLVER_CUSTOM_OPS; i++) {
    if (custom_symbols[i].kernel == e->kernel) {
      return custom_symbols[i].symbol;
    }
  }
  return NULL;
}
