/* SPDX-License-Identifier: Apache-2.0 */
/*
 * An application made of what `mote gen --name gm` wrote and nothing else
 * of mote's but the library: the same source runs on the host
 * (tests/tools/test_gen_run.sh) and as Cortex-M firmware under QEMU
 * (tests/target/run_gen.sh, with GEN_APP_CM defined).
 *
 * It holds the generated figure to the library: an arena of
 * GM_ARENA_BYTES - MOTE_ARENA_ALIGN must fail in prepare with
 * MOTE_ERR_ARENA_TOO_SMALL, one of exactly GM_ARENA_BYTES must prepare,
 * and mote_interp_arena_used_bytes() must then say GM_ARENA_BYTES. Then
 * every golden case of the model (golden_data.h, from
 * tests/target/gen_golden.sh) runs through the generated resolver and
 * model bytes and is judged by the conformance rule (compare.h). Prints
 * one line per check; the exit status is the number of failures.
 */
#include <string.h>

#include "compare.h"
#include "gm_model.h"
#include "gm_resolver.h"
#include "golden_data.h"
#include "mote/mote.h"

#ifdef GEN_APP_CM
#include "cm_harness.h"
#define app_puts cm_puts
static void app_put_u32(uint32_t v) {
  cm_put_u64(v);
}
#else
#include <stdio.h>
static void app_puts(const char *s) {
  fputs(s, stdout);
}
static void app_put_u32(uint32_t v) {
  printf("%lu", (unsigned long)v);
}
#endif

#if defined(__GNUC__) || defined(__clang__)
#define APP_ALIGN __attribute__((aligned(MOTE_ARENA_ALIGN)))
#else
#define APP_ALIGN
#endif

static unsigned char g_arena[GM_ARENA_BYTES] APP_ALIGN;

typedef struct app {
  mote_model_t model;
  mote_resolver_entry_t entries[GM_RESOLVER_ENTRIES];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_error_t err;
} app_t;

static app_t g_app;

static void put_fail(const char *what, mote_status_t st) {
  app_puts("FAIL ");
  app_puts(what);
  app_puts(": ");
  app_puts(mote_status_str(st));
  if (g_app.err.message[0] != '\0') {
    app_puts(": ");
    app_puts(g_app.err.message);
  }
  app_puts("\n");
}

/* Opens the generated model and prepares it in the first `bytes` of the
 * arena. */
static mote_status_t prepare(size_t bytes) {
  mote_status_t st;
  memset(&g_app, 0, sizeof g_app);
  st = mote_model_open(&g_app.model, gm_model, gm_model_len, &g_app.err);
  if (st == MOTE_OK) {
    st = gm_resolver_init(&g_app.resolver, g_app.entries);
  }
  if (st == MOTE_OK) {
    st = mote_arena_init(&g_app.arena, g_arena, bytes);
  }
  if (st == MOTE_OK) {
    st = mote_interp_init(&g_app.interp, &g_app.model, &g_app.resolver,
                          &g_app.arena, &g_app.err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&g_app.interp, &g_app.err);
  }
  return st;
}

/* The arena checks; returns the failures. */
static int check_arena(void) {
  int failed = 0;
  mote_status_t st = prepare(GM_ARENA_BYTES - MOTE_ARENA_ALIGN);
  app_puts("arena GM_ARENA_BYTES - 16: ");
  if (st == MOTE_ERR_ARENA_TOO_SMALL) {
    app_puts("pass (too small)\n");
  } else {
    put_fail("expected arena too small, got", st);
    failed++;
  }
  st = prepare(GM_ARENA_BYTES);
  app_puts("arena GM_ARENA_BYTES = ");
  app_put_u32((uint32_t)GM_ARENA_BYTES);
  app_puts(": ");
  if (st != MOTE_OK) {
    put_fail("prepare", st);
    return failed + 1;
  }
  if (mote_interp_arena_used_bytes(&g_app.interp) != GM_ARENA_BYTES) {
    app_puts("FAIL used ");
    app_put_u32((uint32_t)mote_interp_arena_used_bytes(&g_app.interp));
    app_puts("\n");
    return failed + 1;
  }
  app_puts("pass (prepared, all used)\n");
  return failed;
}

/* Runs golden case `gc` in a fresh interpreter; returns 1 on failure. */
static int run_case(const golden_case_t *gc) {
  mote_status_t st = prepare(GM_ARENA_BYTES);
  uint32_t i, k;
  app_puts(golden_model_name);
  app_puts(" ");
  app_puts(gc->name);
  app_puts(": ");
  if (st != MOTE_OK) {
    put_fail("prepare", st);
    return 1;
  }
  if (mote_interp_input_count(&g_app.interp) != gc->input_count ||
      mote_interp_output_count(&g_app.interp) != gc->output_count) {
    app_puts("FAIL input or output count differs from the golden case\n");
    return 1;
  }
  for (i = 0; i < gc->input_count; i++) {
    mote_tensor_t t;
    mote_interp_input(&g_app.interp, i, &t);
    if (t.bytes != gc->inputs[i].bytes) {
      app_puts("FAIL input size differs from the golden case\n");
      return 1;
    }
  }
  /* A stateful model's case: the outputs after gc->invokes invokes, each
   * with the same inputs. */
  for (k = 0; k < gc->invokes; k++) {
    for (i = 0; i < gc->input_count; i++) {
      mote_tensor_t t;
      mote_interp_input(&g_app.interp, i, &t);
      memcpy(t.data, gc->inputs[i].data, t.bytes);
    }
    st = mote_interp_invoke(&g_app.interp, &g_app.err);
    if (st != MOTE_OK) {
      put_fail("invoke", st);
      return 1;
    }
  }
  for (i = 0; i < gc->output_count; i++) {
    mote_tensor_t t;
    mote_test_cmp_t cmp;
    mote_interp_output(&g_app.interp, i, &t);
    memset(&cmp, 0, sizeof cmp);
    if (t.bytes != gc->outputs[i].bytes) {
      app_puts("FAIL output size differs from the golden case\n");
      return 1;
    }
    mote_test_compare((mote_type_t)t.type, t.data, gc->outputs[i].data, t.bytes,
                      &cmp);
    if (cmp.mismatches != 0) {
      app_puts("FAIL output ");
      app_put_u32(i);
      app_puts(": ");
      app_put_u32(cmp.mismatches);
      app_puts(" elements differ\n");
      return 1;
    }
  }
  app_puts("pass\n");
  return 0;
}

int main(void) {
  int failed = check_arena();
  uint32_t c;
  for (c = 0; c < golden_case_count; c++) {
    failed += run_case(&golden_cases[c]);
  }
  app_puts(failed ? "gen app: FAILED\n" : "gen app: all passed\n");
  return failed;
}
