/*
 * SignalEnergy: power spectrum re^2 + im^2 of bins [start_index,
 * end_index) of an int16 complex spectrum, as uint32.
 *
 * TFLM sums the two int32 squares in int32, which overflows only for
 * (-32768, -32768); the unsigned sum here gives the same bits, 2^31. TFLM
 * leaves the bins outside the range untouched (stale arena bytes); mote
 * zeroes them so the output is a function of the input alone. The
 * micro_speech model drops those bins anyway.
 */
#include "kernels/signal/signal.h"

#include "mote/signal_ops.h"

void mote_signal_energy(const int16_t *spectrum, int32_t start, int32_t end,
                        int32_t n, uint32_t *out) {
  int32_t i;
  for (i = 0; i < n; ++i) {
    if (i >= start && i < end) {
      const int32_t re = spectrum[2 * i];
      const int32_t im = spectrum[2 * i + 1];
      out[i] = (uint32_t)(re * re) + (uint32_t)(im * im);
    } else {
      out[i] = 0;
    }
  }
}

typedef struct energy_op {
  int32_t start;
  int32_t end;
  int32_t bins; /* output elements */
} energy_op_t;

static mote_status_t energy_prepare(mote_kctx_t *ctx) {
  mote_tensor_t in, out;
  mote_flex_map_t opts;
  energy_op_t *op;
  int64_t start, end;
  void *mem;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 1, &in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in, MOTE_TYPE_INT16, 1, "input 0")) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_UINT32, 1, "output 0")) !=
          MOTE_OK ||
      (st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "start_index", 0, INT32_MAX,
                                   &start)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "end_index", 0, INT32_MAX,
                                   &end)) != MOTE_OK) {
    return st;
  }
  if (start > end || end > out.dims[0] || 2 * end > in.dims[0]) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "bins [%ld, %ld) do not fit input 0 (%ld values) "
                          "and output 0 (%ld bins)",
                          (long)start, (long)end, (long)in.dims[0],
                          (long)out.dims[0]);
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (energy_op_t *)mem;
  op->start = (int32_t)start;
  op->end = (int32_t)end;
  op->bins = out.dims[0];
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t energy_invoke(mote_kctx_t *ctx) {
  const energy_op_t *op = (const energy_op_t *)mote_kctx_user_data(ctx);
  mote_signal_energy((const int16_t *)mote_kctx_input_data(ctx, 0), op->start,
                     op->end, op->bins,
                     (uint32_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_energy = {"SignalEnergy", 1,
                                                 energy_prepare, energy_invoke};
