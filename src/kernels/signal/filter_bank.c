/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SignalFilterBank glue: the "num_channels" option and the shapes of the
 * energies, the five tables and the output, then the compute function of
 * filter_bank.h that the build binds.
 *
 * The tables are inputs. Constant tables (the normal case) are copied
 * into op data and checked once in prepare; tables computed at run time
 * are checked on every invoke, so a start or width can never index
 * outside the input or the weights (TFLM checks neither), even when the
 * model bytes change after prepare.
 */
#include "kernels/signal/filter_bank.h"

#include <string.h>

#include "kernels/signal/signal_util.h"
#include "mote/signal_ops.h"

bool mote_signal_filter_bank_check(const mote_signal_filter_bank_params_t *p,
                                   int32_t input_len, int32_t weights_len,
                                   int32_t *bad_channel) {
  int32_t i;
  for (i = 0; i <= p->num_channels; ++i) {
    const int32_t width = p->channel_widths[i];
    const int32_t freq = p->channel_frequency_starts[i];
    const int32_t wstart = p->channel_weight_starts[i];
    if (width > 0 && (freq < 0 || freq + width > input_len || wstart < 0 ||
                      wstart + width > weights_len)) {
      *bad_channel = i;
      return false;
    }
  }
  return true;
}

/* The channel tables index the energies and the weights, so invoke must
 * not read them from model bytes that may have changed since prepare
 * (include/mote/model.h): constant tables are copied here once checked,
 * 6 bytes a channel; the weights are only multiplied, and stay in the
 * model. The lengths the check needs are kept for computed tables. */
typedef struct filter_bank_op {
  int32_t num_channels;
  int32_t input_len;   /* elements of input 0 */
  int32_t weights_len; /* elements of the shorter weight table */
  int16_t *tables;     /* frequency starts, weight starts, widths, each
                          num_channels + 1; NULL for computed tables */
} filter_bank_op_t;

/* The weights are inputs 1-2, the tables inputs 3-5 (or their copies). */
static void bank_params(mote_signal_filter_bank_params_t *p,
                        const filter_bank_op_t *op, const mote_kctx_t *ctx) {
  const int32_t n = op->num_channels + 1;
  p->num_channels = op->num_channels;
  p->weights = (const int16_t *)mote_kctx_input_data(ctx, 1);
  p->unweights = (const int16_t *)mote_kctx_input_data(ctx, 2);
  if (op->tables != NULL) {
    p->channel_frequency_starts = op->tables;
    p->channel_weight_starts = op->tables + n;
    p->channel_widths = op->tables + 2 * n;
  } else {
    p->channel_frequency_starts = (const int16_t *)mote_kctx_input_data(ctx, 3);
    p->channel_weight_starts = (const int16_t *)mote_kctx_input_data(ctx, 4);
    p->channel_widths = (const int16_t *)mote_kctx_input_data(ctx, 5);
  }
}

static mote_status_t check_tables(mote_kctx_t *ctx,
                                  const filter_bank_op_t *op) {
  mote_signal_filter_bank_params_t p;
  int32_t bad = 0;
  bank_params(&p, op, ctx);
  if (!mote_signal_filter_bank_check(&p, op->input_len, op->weights_len,
                                     &bad)) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "channel %ld of inputs 3-5 reaches outside input 0 "
                          "or the weights (inputs 1, 2)",
                          (long)bad);
  }
  return MOTE_OK;
}

/* Copies constant tables 3-5 into op->tables. */
static mote_status_t copy_tables(mote_kctx_t *ctx, filter_bank_op_t *op) {
  const uint32_t n = (uint32_t)op->num_channels + 1u;
  uint32_t k;
  void *mem;
  mote_status_t st =
      mote_kctx_alloc_persistent(ctx, 3u * n * sizeof(int16_t), &mem);
  if (st != MOTE_OK) {
    return st;
  }
  op->tables = (int16_t *)mem;
  for (k = 0; k < 3; ++k) {
    memcpy(op->tables + k * n, mote_kctx_input_data(ctx, 3u + k),
           n * sizeof(int16_t));
  }
  return MOTE_OK;
}

static mote_status_t filter_bank_prepare(mote_kctx_t *ctx) {
  static const char *const roles[6] = {"input 0", "input 1", "input 2",
                                       "input 3", "input 4", "input 5"};
  mote_tensor_t in[6], out;
  mote_flex_map_t opts;
  filter_bank_op_t *op;
  int64_t channels;
  void *mem;
  int i, tables_const = 1;
  int32_t w1, w2;
  mote_status_t st;
  if ((st = mote_signal_io(ctx, 6, in, 1, &out)) != MOTE_OK ||
      (st = mote_signal_check(ctx, &in[0], MOTE_TYPE_UINT32, 1, roles[0])) !=
          MOTE_OK ||
      (st = mote_signal_check(ctx, &out, MOTE_TYPE_UINT64, 1, "output 0")) !=
          MOTE_OK) {
    return st;
  }
  for (i = 1; i < 6; ++i) {
    if ((st = mote_signal_check(ctx, &in[i], MOTE_TYPE_INT16, 1, roles[i])) !=
        MOTE_OK) {
      return st;
    }
    if (i >= 3) {
      tables_const &= (in[i].flags & MOTE_TENSOR_CONST) != 0;
    }
  }
  if ((st = mote_signal_options(ctx, &opts)) != MOTE_OK ||
      (st = mote_signal_option_int(ctx, &opts, "num_channels", 1, INT32_MAX - 1,
                                   &channels)) != MOTE_OK) {
    return st;
  }
  if (out.dims[0] != channels) {
    return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                          "output 0 has %ld elements, num_channels is %ld",
                          (long)out.dims[0], (long)channels);
  }
  for (i = 3; i < 6; ++i) {
    if (in[i].dims[0] <= channels) {
      return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE,
                            "%s has %ld entries, needs num_channels + 1 = %ld",
                            roles[i], (long)in[i].dims[0], (long)channels + 1);
    }
  }
  if ((st = mote_kctx_alloc_persistent(ctx, sizeof *op, &mem)) != MOTE_OK) {
    return st;
  }
  op = (filter_bank_op_t *)mem;
  op->num_channels = (int32_t)channels;
  op->input_len = mote_tensor_elements(&in[0]);
  w1 = mote_tensor_elements(&in[1]);
  w2 = mote_tensor_elements(&in[2]);
  op->weights_len = w1 < w2 ? w1 : w2;
  if (tables_const && ((st = copy_tables(ctx, op)) != MOTE_OK ||
                       (st = check_tables(ctx, op)) != MOTE_OK)) {
    return st;
  }
  mote_kctx_set_user_data(ctx, op);
  return MOTE_OK;
}

static mote_status_t filter_bank_invoke(mote_kctx_t *ctx) {
  const filter_bank_op_t *op =
      (const filter_bank_op_t *)mote_kctx_user_data(ctx);
  mote_signal_filter_bank_params_t p;
  mote_status_t st;
  /* Tables an earlier op computes: checked on every invoke, against the
   * lengths prepare kept. */
  if (op->tables == NULL && (st = check_tables(ctx, op)) != MOTE_OK) {
    return st;
  }
  bank_params(&p, op, ctx);
  mote_signal_filter_bank(&p, (const uint32_t *)mote_kctx_input_data(ctx, 0),
                          (uint64_t *)mote_kctx_output_data(ctx, 0));
  return MOTE_OK;
}

const mote_kernel_t mote_kernel_signal_filter_bank = {
    "SignalFilterBank", 1, filter_bank_prepare, filter_bank_invoke};
