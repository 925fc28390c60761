/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The benchmark application: one model, one input, one measured invoke.
 *
 * It is what an application that runs only this model would be: the
 * generated bench_ops_<model>.c registers exactly the model's operators
 * (bench_add_ops), so --gc-sections keeps only those kernels and the flash
 * figure is the one a user pays. The model and the input are linked in by
 * .incbin (bench_data.h); the arena is one static buffer whose size does
 * not matter to the figures (the run script subtracts it, and reports the
 * bytes the interpreter says it uses).
 *
 * The invoke, and nothing else, sits between cm_mark_begin() and
 * cm_mark_end(), the markers whose addresses the harness' instruction
 * counting plugin watches, so the count is comparable to TFLM's anchor
 * (MicroInterpreter::Invoke() between the same markers). The interpreter,
 * resolver and arena handles live on main's stack, as in TFLM's anchor app,
 * so they appear in the stack peak rather than in .bss.
 *
 * The same file builds for the host (host_shim.c stands in for the
 * harness), where callgrind counts mote_interp_invoke instead.
 *
 * Output, one line, then exit status 0:
 *   bench <model>: ok arena=<bytes> stack=<bytes> out0=<hex> out1=<hex>...
 * or "bench <model>: FAIL <what>: <status>" and exit status 1. The output
 * bytes let the run script check the measured invoke computed the right
 * thing (TFLM's output for the same input).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bench_data.h"
#include "cm_harness.h"
#include "mote/mote.h"

#ifndef BENCH_ARENA_BYTES
#define BENCH_ARENA_BYTES (256u * 1024u)
#endif

/* Output bytes printed per tensor: enough for every golden output here;
 * longer outputs are cut (the run script compares the prefix). */
#define BENCH_OUT_MAX 4096u

static uint8_t bench_arena[BENCH_ARENA_BYTES] __attribute__((aligned(16)));

#if defined(__arm__) && !defined(BENCH_PER_OP)
/* The stack one invoke uses, measured: everything below the caller's frame
 * is painted again just before the call (prepare's deeper use is wiped),
 * and the deepest word invoke changed is found after it. The static bound
 * of tools/stack/stack_depth.py must never be below this figure. */
#define BENCH_INVOKE_STACK 1
extern uint32_t __cm_stack_limit[], __cm_stack_top[];

static __attribute__((noinline)) void repaint_below_caller(void) {
  uint32_t *p = __cm_stack_limit;
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  while ((uintptr_t)p < sp - 16u) {
    *p++ = CM_STACK_PAINT;
  }
}

static uintptr_t current_sp(void) {
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  return sp;
}
#endif

static int fail(const char *what, mote_status_t st) {
  cm_puts("FAIL ");
  cm_puts(what);
  cm_puts(": ");
  cm_puts(mote_status_str(st));
  cm_puts("\n");
  return 1;
}

static int copy_inputs(const mote_interp_t *interp) {
  uint32_t i;
  if (mote_interp_input_count(interp) != bench_input_count) {
    return fail("input count differs from the data", MOTE_ERR_BAD_ARG);
  }
  for (i = 0; i < bench_input_count; i++) {
    mote_tensor_t t;
    mote_status_t st = mote_interp_input(interp, i, &t);
    if (st != MOTE_OK) {
      return fail("input", st);
    }
    if (t.bytes != bench_inputs[i].bytes) {
      return fail("input size differs from the data", MOTE_ERR_BAD_ARG);
    }
    memcpy(t.data, bench_inputs[i].data, t.bytes);
  }
  return 0;
}

static void print_outputs(const mote_interp_t *interp) {
  uint32_t i;
  for (i = 0; i < mote_interp_output_count(interp); i++) {
    mote_tensor_t t;
    const uint8_t *p;
    uint32_t n;
    uint32_t k;
    if (mote_interp_output(interp, i, &t) != MOTE_OK) {
      continue;
    }
    p = (const uint8_t *)t.data;
    n = (uint32_t)t.bytes < BENCH_OUT_MAX ? (uint32_t)t.bytes : BENCH_OUT_MAX;
    cm_puts(" out");
    cm_put_u64(i);
    cm_puts("=");
    for (k = 0; k < n; k++) {
      cm_put_hex8(p[k]);
    }
  }
}

#ifdef BENCH_PER_OP
/* Per-operator regions: the plugin counts each operator's instructions
 * (the hook's own few included) as one region, in operator order. */
static void mark_op(void *user, uint32_t op_index, int32_t op_code, int end) {
  (void)user;
  (void)op_index;
  (void)op_code;
  if (end) {
    cm_mark_end();
  } else {
    cm_mark_begin();
  }
}
#endif

int main(void) {
  mote_model_t model;
  mote_resolver_entry_t entries[BENCH_MAX_OPS];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_error_t err;
  mote_status_t st;
  mote_status_t run;
  uint32_t whole_stack;
#ifdef BENCH_INVOKE_STACK
  uint32_t invoke_stack;
#endif

  memset(&err, 0, sizeof err);
  cm_puts("bench ");
  cm_puts(bench_model_name);
  cm_puts(": ");
  st = mote_model_open(&model, bench_model.data, bench_model.bytes, &err);
  if (st != MOTE_OK) {
    return fail("model open", st);
  }
  st = mote_resolver_init(&resolver, entries, BENCH_MAX_OPS);
  if (st == MOTE_OK) {
    st = bench_add_ops(&resolver);
  }
  if (st != MOTE_OK) {
    return fail("resolver", st);
  }
  st = mote_arena_init(&arena, bench_arena, sizeof bench_arena);
  if (st == MOTE_OK) {
    st = mote_interp_init(&interp, &model, &resolver, &arena, &err);
  }
  if (st != MOTE_OK) {
    return fail("init", st);
  }
  st = mote_interp_prepare(&interp, &err);
  if (st != MOTE_OK) {
    return fail("prepare", st);
  }
  if (copy_inputs(&interp) != 0) {
    return 1;
  }

#ifdef BENCH_PER_OP
  mote_interp_set_profiler(&interp, mark_op, NULL);
  run = mote_interp_invoke(&interp, &err);
#else
#ifdef BENCH_INVOKE_STACK
  {
    uintptr_t sp = current_sp();
    uint32_t before = cm_stack_peak();
    repaint_below_caller();
    cm_mark_begin();
    run = mote_interp_invoke(&interp, &err);
    cm_mark_end();
    /* cm_stack_peak() counts from the top of the stack. */
    whole_stack = cm_stack_peak();
    invoke_stack = whole_stack - (uint32_t)((uintptr_t)__cm_stack_top - sp);
    whole_stack = whole_stack > before ? whole_stack : before;
  }
#else
  cm_mark_begin();
  run = mote_interp_invoke(&interp, &err);
  cm_mark_end();
#endif
#endif

  if (run != MOTE_OK) {
    return fail("invoke", run);
  }
  cm_puts("ok arena=");
  cm_put_u64(mote_interp_arena_used_bytes(&interp));
  cm_puts(" stack=");
#ifndef BENCH_INVOKE_STACK
  whole_stack = cm_stack_peak();
#endif
  cm_put_u64(whole_stack);
#ifdef BENCH_INVOKE_STACK
  cm_puts(" invoke_stack=");
  cm_put_u64(invoke_stack);
#endif
  print_outputs(&interp);
  cm_puts("\n");
  return 0;
}
