/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The op table on an emulated Cortex-M: every case of tests/kernels/table
 * (the same cases the host checks against TFLM) runs through libmote as
 * built for the CPU, with the implementations MOTE_KERNELS binds there
 * (Cortex-M DSP on M4F, Helium on M55), and through the reference twin of
 * the library (every compute function the reference; cmake/ref_twin.sh),
 * and the outputs must be identical byte for byte, refusals included. This
 * is where the DSP and Helium implementations meet the reference on the
 * CPU they are written for, on shapes no shared model has.
 *
 * Each case is built into a .tflite on the target (tools/tflite_build,
 * with newlib's malloc over the harness' heap), so nothing but the code
 * is linked in. Output through semihosting: a line per op with its count
 * of cases, identical results and failures, a line per failure, and
 * "N passed, N failed"; the exit status is the number of failed cases.
 * KT_SMALL runs the first cases of each op (every variant axis), as the
 * host's MOTE_CONFORMANCE_SMALL does.
 */
#include <stdlib.h>
#include <string.h>

#include "cm_harness.h"
#include "table/cases.h"
#include "table/run.h"

#ifndef KT_ARENA_BYTES
#define KT_ARENA_BYTES (192u * 1024u)
#endif

static uint8_t g_arena[KT_ARENA_BYTES] __attribute__((aligned(16)));
static kt_case_t g_case;

/* newlib's fopen wants _open, which the harness does not have; the table
 * never writes files (tools/tflite_build's tfb_write_file is unused). */
int _open(const char *path, int flags, int mode);
int _open(const char *path, int flags, int mode) {
  (void)path;
  (void)flags;
  (void)mode;
  return -1;
}

typedef enum { SAME = 0, SAME_REFUSAL, NOT_BUILT, DIFFERENT } outcome_t;

/* Runs one case both ways; NOT_BUILT when the target cannot make it (no
 * memory for the model or its data). */
static outcome_t run_case(int op, int index) {
  uint8_t *data[KT_MAX_TENSORS];
  uint8_t *bytes = NULL;
  size_t len = 0;
  kt_side_t m, r;
  outcome_t out = NOT_BUILT;
  int i;
  memset(data, 0, sizeof data);
  memset(&m, 0, sizeof m);
  memset(&r, 0, sizeof r);
  if (kt_case_get(op, index, &g_case) == 0 &&
      kt_make_data(&g_case, data) == 0 &&
      kt_build_model(&g_case, data, &bytes, &len) == 0) {
    kt_run_mote(&g_case, bytes, len, data, g_arena, sizeof g_arena, &m);
    kt_run_mote_ref(&g_case, bytes, len, data, g_arena, sizeof g_arena, &r);
    if (m.refused || r.refused) {
      out = m.refused && r.refused ? SAME_REFUSAL : DIFFERENT;
    } else {
      out = SAME;
      for (i = 0; i < g_case.nout && out == SAME; ++i) {
        out = kt_output_differs(&g_case, i, &m, &r) ? DIFFERENT : SAME;
      }
    }
    if (out == DIFFERENT) {
      cm_puts("  FAIL ");
      cm_puts(kt_op_name(op));
      cm_puts(" #");
      cm_put_u64((uint64_t)index);
      cm_puts(" [");
      cm_puts(g_case.name);
      cm_puts("]: ");
      cm_puts(m.refused   ? m.why
              : r.refused ? r.why
                          : "outputs differ from the reference");
      cm_puts("\n");
    }
  }
  kt_side_free(&m);
  kt_side_free(&r);
  for (i = 0; i < KT_MAX_TENSORS; ++i) {
    free(data[i]);
  }
  free(bytes);
  return out;
}

static void put_count(const char *label, int n) {
  cm_puts(label);
  cm_put_u64((uint64_t)n);
}

int main(void) {
  int op, i, total[4] = {0, 0, 0, 0};
  cm_puts("op table vs the reference twin, kernels: " MOTE_TARGET_KERNELS
          "\n");
  for (op = 0; op < kt_op_count(); ++op) {
    int n = kt_case_count(op), count[4] = {0, 0, 0, 0};
#ifdef KT_SMALL
    n = n / 8 > 8 ? n / 8 : (n < 8 ? n : 8);
#endif
    for (i = 0; i < n; ++i) {
      count[run_case(op, i)]++;
    }
    cm_puts(kt_op_name(op));
    put_count(": ", n);
    put_count(" cases, identical ", count[SAME]);
    put_count(", refused by both ", count[SAME_REFUSAL]);
    put_count(", not built ", count[NOT_BUILT]);
    put_count(", different ", count[DIFFERENT]);
    cm_puts("\n");
    for (i = 0; i < 4; ++i) {
      total[i] += count[i];
    }
  }
  put_count("", total[SAME] + total[SAME_REFUSAL]);
  put_count(" passed, ", total[DIFFERENT] + total[NOT_BUILT]);
  cm_puts(" failed\n");
  return total[DIFFERENT] + total[NOT_BUILT];
}
