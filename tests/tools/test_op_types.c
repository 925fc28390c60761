/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote ops` says which input types each kernel takes (tools/mote/
 * op_types.c). This test holds that list to the op case table, whose every
 * case runs against TFLM (kernels/test_op_table): for each operator the
 * types must be exactly those of its cases' data inputs (the first, or
 * input 1 for SPLIT and FILL, input 2 for TRANSPOSE_CONV, the
 * table for EMBEDDING_LOOKUP), but for the one case whose type mote
 * refuses as a known difference (GREATER int16), and the list and
 * the resolver of every kernel must name the same operators. Adding a type
 * or a kernel without its cases, or cases without the list, fails here.
 */
#include <stdio.h>
#include <string.h>

#include "mote/mote.h"
#include "mote/custom_ops.h"
#include "mote/signal_ops.h"
#include "op_types.h"
#include "table/cases.h"
#include "table/cases_gen.h"
#include "test.h"

static kt_case_t g_case;

/* The operator's data input: the first, but for the ops whose first is an
 * index operand (SPLIT's axis, FILL's dims) and TRANSPOSE_CONV (output
 * shape, filter, then the input). */
static int data_input(int32_t code) {
  if (code == MOTE_OP_TRANSPOSE_CONV) {
    return 2;
  }
  if (code == MOTE_OP_EMBEDDING_LOOKUP) {
    return 1; /* the table, after the ids */
  }
  return code == MOTE_OP_SPLIT || code == MOTE_OP_FILL ? 1 : 0;
}

/* The set of types the cases of `slot` give their data input. */
static uint32_t case_types(int slot, int32_t *code, const char **custom) {
  uint32_t mask = 0;
  int i, k;
  *code = -1;
  *custom = NULL;
  for (i = 0; i < kt_case_count(slot); i++) {
    if (kt_case_get(slot, i, &g_case) != 0) {
      fprintf(stderr, "%s case %d: cannot make it\n", kt_op_name(slot), i);
      mote_test_failed_checks_++;
      continue;
    }
    *code = g_case.op;
    *custom = g_case.custom;
    if (g_case.op == MOTE_OP_GREATER && i == KT_GREATER_INT16_CASE) {
      continue; /* a type mote refuses (TFLM's answers are all false) */
    }
    for (k = data_input(g_case.op);
         k < g_case.nin && g_case.t[k].role == KT_ABSENT; k++) {
    }
    if (k < g_case.nin) {
      mask |= 1u << g_case.t[k].type;
    }
  }
  return mask;
}

/* Operators tested as whole models, not cases of the table: control flow
 * and resource variables (tests/interp/test_control_flow.c). */
static const int32_t k_model_tested[] = {
    MOTE_OP_IF,        MOTE_OP_WHILE,         MOTE_OP_CALL_ONCE,
    MOTE_OP_VAR_HANDLE, MOTE_OP_READ_VARIABLE, MOTE_OP_ASSIGN_VARIABLE};
#define N_MODEL_TESTED (int)(sizeof k_model_tested / sizeof k_model_tested[0])

static void test_types_match_the_cases(void) {
  int slot;
  int k;
  CHECK_EQ_INT((int)cli_op_types_count, kt_op_count() + N_MODEL_TESTED);
  for (k = 0; k < N_MODEL_TESTED; k++) {
    CHECK(cli_op_types_find(k_model_tested[k], NULL) != NULL);
  }
  for (slot = 0; slot < kt_op_count(); slot++) {
    int32_t code;
    const char *custom;
    uint32_t mask = case_types(slot, &code, &custom);
    const cli_op_types_t *e = cli_op_types_find(code, custom);
    if (e == NULL) {
      fprintf(stderr, "%s (code %d) has cases but no op_types.c entry\n",
              kt_op_name(slot), (int)code);
      mote_test_failed_checks_++;
      continue;
    }
    if (e->input_types != mask) {
      fprintf(stderr,
              "%s: op_types.c says input types 0x%x, its cases have 0x%x\n",
              kt_op_name(slot), (unsigned)e->input_types, (unsigned)mask);
      mote_test_failed_checks_++;
    }
  }
}

static void test_every_kernel_is_listed(void) {
  mote_resolver_entry_t entries[MOTE_RESOLVER_BUILTINS +
                                MOTE_RESOLVER_SIGNAL_OPS +
                                MOTE_RESOLVER_CUSTOM_OPS];
  mote_resolver_t r;
  uint32_t i;
  CHECK_EQ_INT(mote_resolver_init(&r, entries,
                                  (uint32_t)(sizeof entries / sizeof entries[0])),
               MOTE_OK);
  CHECK_EQ_INT(mote_resolver_add_builtins(&r), MOTE_OK);
  CHECK_EQ_INT(mote_resolver_add_signal_ops(&r), MOTE_OK);
  CHECK_EQ_INT(mote_resolver_add_custom_ops(&r), MOTE_OK);
  for (i = 0; i < cli_op_types_count; i++) {
    const cli_op_types_t *e = &cli_op_types[i];
    if (mote_resolver_find(&r, e->code, e->custom) == NULL) {
      fprintf(stderr, "op_types.c lists %s (code %d), which has no kernel\n",
              e->custom != NULL ? e->custom : mote_op_name(e->code),
              (int)e->code);
      mote_test_failed_checks_++;
    }
  }
  /* The counts agree, and each listed op has a kernel: the resolver has
   * no kernel the list misses. */
  CHECK_EQ_INT((int)cli_op_types_count,
               MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS +
                   MOTE_RESOLVER_CUSTOM_OPS);
}

int main(void) {
  MOTE_RUN(test_types_match_the_cases);
  MOTE_RUN(test_every_kernel_is_listed);
  return MOTE_TEST_END();
}
