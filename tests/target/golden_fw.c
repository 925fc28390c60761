/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Golden conformance on an emulated Cortex-M: the firmware for one model.
 *
 * gen_golden.sh links the model and its golden cases into flash
 * (golden_data.h); this runs every case the way the host conformance test
 * does (tests/conformance/test_golden.c: a fresh arena and interpreter per
 * case, every builtin and signal kernel registered) and judges the outputs
 * with the same rule (tests/support/compare.c: integers byte for byte, float32
 * within 1e-5 relative / 1e-6 absolute). There is no file system, stdio or
 * heap: output goes through semihosting, one line per case:
 *
 *   <model> <case>: pass (bit-exact) arena=<bytes> insns=<count>
 *   <model> <case>: FAIL <why>
 *
 * then a line with the peak stack, and the exit status is the number of
 * failed cases. `insns` is the harness' SysTick proxy for the invoke alone
 * (deterministic under run-cm's -icount, to ~40 instructions; see the
 * harness README).
 *
 * The arena is one static buffer, as big as the target's RAM allows
 * (GOLDEN_ARENA_BYTES, set per CPU by the Makefile) rather than sized per
 * model: the host test already holds every model to TFLM's 32-bit arena
 * figure, and here the figure printed is what a 32-bit build really needs.
 */
#include <string.h>

#include "cm_harness.h"
#include "compare.h"
#include "golden_data.h"
#include "mote/mote.h"
#include "mote/signal_ops.h"

#ifndef GOLDEN_ARENA_BYTES
#define GOLDEN_ARENA_BYTES (256u * 1024u)
#endif

static uint8_t g_arena[GOLDEN_ARENA_BYTES] __attribute__((aligned(16)));

static void put_u32(uint32_t v) {
  cm_put_u64(v);
}

static void put_hex(const uint8_t *p, size_t n) {
  cm_puts("0x");
  while (n-- > 0) { /* little-endian element: most significant byte first */
    cm_put_hex8(p[n]);
  }
}

/* Prints "FAIL <what>: <status> <message>" for a failed mote call. */
static void put_status_fail(const char *what, mote_status_t st,
                            const mote_error_t *err) {
  cm_puts("FAIL ");
  cm_puts(what);
  cm_puts(": ");
  cm_puts(mote_status_str(st));
  if (err->message[0] != '\0') {
    cm_puts(": ");
    cm_puts(err->message);
  }
}

/* Runs one case; prints the rest of its line. Returns 1 on pass. */
static int run_case(const mote_model_t *model, const golden_case_t *gc) {
  mote_resolver_entry_t
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_error_t err;
  mote_status_t st;
  cm_region_t region;
  uint32_t inexact = 0;
  uint32_t i;

  /* The insns figure is of one invoke: a stateful case (run_gen.sh's
   * gen_app.c runs those) would be misjudged here, so it is refused. */
  if (gc->invokes != 1u) {
    cm_puts("FAIL the case asks for several invokes; golden_fw runs one");
    return 0;
  }
  memset(&err, 0, sizeof err);
  mote_resolver_init(&resolver, entries,
                     MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS);
  st = mote_resolver_add_builtins(&resolver);
  if (st == MOTE_OK) {
    st = mote_resolver_add_signal_ops(&resolver);
  }
  if (st == MOTE_OK) {
    st = mote_arena_init(&arena, g_arena, sizeof g_arena);
  }
  if (st == MOTE_OK) {
    st = mote_interp_init(&interp, model, &resolver, &arena, &err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, &err);
  }
  if (st != MOTE_OK) {
    put_status_fail("init/prepare", st, &err);
    return 0;
  }
  if (mote_interp_input_count(&interp) != gc->input_count ||
      mote_interp_output_count(&interp) != gc->output_count) {
    cm_puts("FAIL golden case has ");
    put_u32(gc->input_count);
    cm_puts(" inputs and ");
    put_u32(gc->output_count);
    cm_puts(" outputs, the model ");
    put_u32(mote_interp_input_count(&interp));
    cm_puts(" and ");
    put_u32(mote_interp_output_count(&interp));
    return 0;
  }
  for (i = 0; i < gc->input_count; i++) {
    mote_tensor_t t;
    mote_interp_input(&interp, i, &t);
    if (t.bytes != gc->inputs[i].bytes) {
      cm_puts("FAIL input ");
      put_u32(i);
      cm_puts(" has ");
      put_u32(gc->inputs[i].bytes);
      cm_puts(" bytes, the tensor needs ");
      put_u32(t.bytes);
      return 0;
    }
    memcpy(t.data, gc->inputs[i].data, t.bytes);
  }
  cm_region_begin(&region);
  st = mote_interp_invoke(&interp, &err);
  cm_region_end(&region);
  if (st != MOTE_OK) {
    put_status_fail("invoke", st, &err);
    return 0;
  }
  for (i = 0; i < gc->output_count; i++) {
    mote_tensor_t t;
    mote_test_cmp_t cmp;
    mote_interp_output(&interp, i, &t);
    if (t.bytes != gc->outputs[i].bytes) {
      cm_puts("FAIL output ");
      put_u32(i);
      cm_puts(": golden has ");
      put_u32(gc->outputs[i].bytes);
      cm_puts(" bytes, the tensor ");
      put_u32(t.bytes);
      return 0;
    }
    memset(&cmp, 0, sizeof cmp);
    mote_test_compare((mote_type_t)t.type, t.data, gc->outputs[i].data, t.bytes,
                      &cmp);
    if (cmp.mismatches != 0) {
      size_t esize = mote_type_size((mote_type_t)t.type);
      size_t at = cmp.first_bad * (esize ? esize : 1u);
      cm_puts("FAIL output ");
      put_u32(i);
      cm_puts(": ");
      put_u32(cmp.mismatches);
      cm_puts(" elements differ, first ");
      put_u32((uint32_t)cmp.first_bad);
      cm_puts(" got ");
      put_hex((const uint8_t *)t.data + at, esize ? esize : 1u);
      cm_puts(" want ");
      put_hex(gc->outputs[i].data + at, esize ? esize : 1u);
      return 0;
    }
    inexact += cmp.inexact;
  }
  cm_puts(inexact ? "pass (float, within tolerance)" : "pass (bit-exact)");
  cm_puts(" arena=");
  put_u32((uint32_t)mote_interp_arena_used_bytes(&interp));
  cm_puts(" insns=");
  cm_put_u64(region.insns);
  return 1;
}

int main(void) {
  mote_model_t model;
  mote_error_t err;
  mote_status_t st;
  uint32_t failed = 0;
  uint32_t c;

  memset(&err, 0, sizeof err);
  st = mote_model_open(&model, golden_model.data, golden_model.bytes, &err);
  for (c = 0; c < golden_case_count; c++) {
    cm_puts(golden_model_name);
    cm_puts(" ");
    cm_puts(golden_cases[c].name);
    cm_puts(": ");
    if (st != MOTE_OK) {
      put_status_fail("model open", st, &err);
      failed++;
    } else if (!run_case(&model, &golden_cases[c])) {
      failed++;
    }
    cm_puts("\n");
  }
  cm_puts(golden_model_name);
  cm_puts(": stack peak ");
  put_u32(cm_stack_peak());
  cm_puts(" bytes\n");
  return (int)failed;
}
