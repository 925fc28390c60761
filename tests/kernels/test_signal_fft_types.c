/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-type SignalRfft and SignalIrfft kernels (mote_kernel_signal_
 * rfft_int16 ...): every op-table case of the two ops runs through the
 * all-type kernel (kt_run_mote, the one kernels/test_op_table holds to
 * TFLM's bytes) and through each per-type kernel registered alone. The
 * kernel of the case's type must give the same bytes; the other two must
 * refuse at prepare with MOTE_ERR_UNSUPPORTED_TYPE and a message naming
 * the op, input 0, its type and the kernel to register instead. A type
 * no FFT kernel runs (int8) is refused by each per-type kernel too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "mote/signal_ops.h"
#include "support.h"
#include "table/cases_gen.h"
#include "table/run.h"
#include "test.h"
#include "tflite_build.h"

#define ARENA_BYTES (1u << 20)

static uint8_t *g_arena;

typedef struct fft_kernel {
  const char *op;
  int type;
  const char *type_name;
  const mote_kernel_t *kernel;
} fft_kernel_t;

static const fft_kernel_t kKernels[] = {
    {"SignalRfft", MOTE_TYPE_INT16, "int16", &mote_kernel_signal_rfft_int16},
    {"SignalRfft", MOTE_TYPE_INT32, "int32", &mote_kernel_signal_rfft_int32},
    {"SignalRfft", MOTE_TYPE_FLOAT32, "float32",
     &mote_kernel_signal_rfft_float32},
    {"SignalIrfft", MOTE_TYPE_INT16, "int16", &mote_kernel_signal_irfft_int16},
    {"SignalIrfft", MOTE_TYPE_INT32, "int32", &mote_kernel_signal_irfft_int32},
    {"SignalIrfft", MOTE_TYPE_FLOAT32, "float32",
     &mote_kernel_signal_irfft_float32},
};

/* Runs the case's model with `k` alone registered under the op's name:
 * MOTE_OK and output 0 in out (out_cap bytes, *out_bytes used), or the
 * failing status with its message in err. */
static mote_status_t run_alone(const fft_kernel_t *k, const kt_case_t *c,
                               const uint8_t *bytes, size_t len,
                               uint8_t *const *data, uint8_t *out,
                               size_t out_cap, size_t *out_bytes,
                               mote_error_t *err) {
  mote_resolver_entry_t entry[1];
  mote_resolver_t r;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_model_t model;
  mote_tensor_t t;
  mote_status_t st;
  int i;
  memset(err, 0, sizeof *err);
  mote_resolver_init(&r, entry, 1);
  mote_resolver_add_custom(&r, k->op, k->kernel);
  mote_arena_init(&arena, g_arena, ARENA_BYTES);
  st = mote_model_open(&model, bytes, len, err);
  if (st == MOTE_OK) {
    st = mote_interp_init(&interp, &model, &r, &arena, err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, err);
  }
  if (st != MOTE_OK) {
    return st;
  }
  CHECK_EQ_INT(mote_interp_input(&interp, 0, &t), MOTE_OK);
  memcpy(t.data, data[0], t.bytes);
  for (i = 0; i < c->invokes && st == MOTE_OK; ++i) {
    st = mote_interp_invoke(&interp, err);
  }
  CHECK_EQ_INT(st, MOTE_OK);
  CHECK_EQ_INT(mote_interp_output(&interp, 0, &t), MOTE_OK);
  CHECK(t.bytes <= out_cap);
  *out_bytes = t.bytes <= out_cap ? t.bytes : out_cap;
  memcpy(out, t.data, *out_bytes);
  return st;
}

/* The refusal of kernel `k` for a case of type `type`. */
static void check_refusal(const fft_kernel_t *k, int type, mote_status_t st,
                          const mote_error_t *err) {
  const char *other = mote_type_name((mote_type_t)type);
  const char *base = strcmp(k->op, "SignalRfft") == 0
                         ? "mote_kernel_signal_rfft"
                         : "mote_kernel_signal_irfft";
  char want[160];
  CHECK_EQ_INT(st, MOTE_ERR_UNSUPPORTED_TYPE);
  CHECK(strstr(err->message, k->op) != NULL);
  snprintf(want, sizeof want,
           "input 0 is %s but this kernel runs %s only: register %s_%s or %s",
           other, k->type_name, base, other, base);
  CHECK(strstr(err->message, want) != NULL);
  if (st != MOTE_ERR_UNSUPPORTED_TYPE || strstr(err->message, want) == NULL) {
    fprintf(stderr, "  message: %s\n", err->message);
  }
}

/* Every case of op slot `slot` through every kernel of `op`; counts the
 * cases each kernel ran into ran[]. */
static void run_slot(int slot, const char *op, int *ran) {
  static uint8_t out[1 << 16];
  const int cases = kt_case_count(slot);
  int index, k;
  for (index = 0; index < cases; ++index) {
    kt_case_t c;
    uint8_t *data[KT_MAX_TENSORS] = {0};
    uint8_t *bytes = NULL;
    size_t len = 0;
    kt_side_t all;
    int type, i;
    memset(&all, 0, sizeof all);
    if (kt_case_get(slot, index, &c) != 0 || kt_make_data(&c, data) != 0 ||
        kt_build_model(&c, data, &bytes, &len) != 0) {
      CHECK(0);
      continue;
    }
    type = c.t[0].type;
    kt_run_mote(&c, bytes, len, data, g_arena, ARENA_BYTES, &all);
    for (k = 0; k < (int)(sizeof kKernels / sizeof kKernels[0]); ++k) {
      const fft_kernel_t *kk = &kKernels[k];
      mote_error_t err;
      size_t got = 0;
      mote_status_t st;
      if (strcmp(kk->op, op) != 0) {
        continue;
      }
      st = run_alone(kk, &c, bytes, len, data, out, sizeof out, &got, &err);
      if (all.refused) {
        /* A case the all-type kernel refuses (a bad shape, say) is
         * refused by the per-type kernel too. */
        CHECK(st != MOTE_OK);
        continue;
      }
      if (kk->type != type) {
        check_refusal(kk, type, st, &err);
        continue;
      }
      if (st != MOTE_OK) {
        fprintf(stderr, "%s %s: %s\n", op, c.name, err.message);
        CHECK(0);
        continue;
      }
      CHECK_EQ_INT((int)got, (int)all.out_bytes[0]);
      if (got == all.out_bytes[0] && memcmp(out, all.out[0], got) != 0) {
        fprintf(stderr, "%s %s: %s differs from the all-type kernel\n", op,
                c.name, kk->type_name);
        CHECK(0);
      }
      ran[k]++;
    }
    kt_side_free(&all);
    free(bytes);
    for (i = 0; i < KT_MAX_TENSORS; ++i) {
      free(data[i]);
    }
  }
}

static void test_op_table_cases(void) {
  int ran[sizeof kKernels / sizeof kKernels[0]] = {0};
  int slot, k, slots = 0;
  for (slot = 0; slot < kt_op_count(); ++slot) {
    const char *name = kt_op_name(slot);
    if (strcmp(name, "SignalRfft") == 0 || strcmp(name, "SignalIrfft") == 0) {
      run_slot(slot, name, ran);
      slots++;
    }
  }
  CHECK_EQ_INT(slots, 2);
  for (k = 0; k < (int)(sizeof kKernels / sizeof kKernels[0]); ++k) {
    printf("%s_%s: %d op-table cases bit-exact\n", kKernels[k].op,
           kKernels[k].type_name, ran[k]);
    CHECK(ran[k] > 0);
  }
}

/* SignalRfft over int8 (T int8, fft_length 8): no FFT kernel runs it. */
static void test_int8_refused(void) {
  static const int32_t in_shape[2] = {1, 8}, out_shape[2] = {1, 10};
  static kt_case_t c;
  tfb_model_t *m = tfb_new();
  kt_flex_t f;
  int32_t x, y;
  uint8_t *bytes;
  size_t len = 0;
  int k;
  memset(&c, 0, sizeof c);
  memset(&f, 0, sizeof f);
  kt_flex_int(&f, "T", MOTE_TYPE_INT8);
  kt_flex_int(&f, "fft_length", 8);
  kt_flex_end(&c, &f);
  x = tfb_add_tensor(m, NULL, MOTE_TYPE_INT8, in_shape, 2, 0, NULL, NULL, 0, 0,
                     false);
  y = tfb_add_tensor(m, NULL, MOTE_TYPE_INT8, out_shape, 2, 0, NULL, NULL, 0, 0,
                     false);
  tfb_add_op(m, tfb_add_opcode(m, 32, "SignalRfft", 1), &x, 1, &y, 1, 0, NULL,
             c.custom_options, c.ncustom);
  tfb_set_io(m, &x, 1, &y, 1);
  bytes = mote_test_tfb_finish(m, &len);
  CHECK(bytes != NULL);
  for (k = 0; bytes != NULL && k < 3; ++k) {
    mote_error_t err;
    size_t got;
    uint8_t out[1];
    char want[120];
    c.invokes = 1;
    CHECK_EQ_INT(
        run_alone(&kKernels[k], &c, bytes, len, NULL, out, 0, &got, &err),
        MOTE_ERR_UNSUPPORTED_TYPE);
    snprintf(want, sizeof want,
             "SignalRfft): input 0 is int8 but this kernel runs %s only (the "
             "FFT runs int16, int32 and float32)",
             kKernels[k].type_name);
    CHECK(strstr(err.message, want) != NULL);
  }
  free(bytes);
}

int main(void) {
  g_arena = (uint8_t *)malloc(ARENA_BYTES);
  if (g_arena == NULL) {
    return 1;
  }
  MOTE_RUN(test_op_table_cases);
  MOTE_RUN(test_int8_refused);
  free(g_arena);
  return MOTE_TEST_END();
}
