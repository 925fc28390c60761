/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The tensor types each kernel of this build takes, for `mote ops`.
 *
 * A kernel does not describe its own types (that would cost every
 * firmware flash for a host tool's benefit), so the CLI keeps the list.
 * It cannot drift: tests/tools/test_op_types.c derives the same sets from
 * the op case table, whose every case is checked against TFLM, and fails
 * on any difference, and on a registered kernel missing from the list.
 */
#ifndef MOTE_CLI_OP_TYPES_H
#define MOTE_CLI_OP_TYPES_H

#include <stdint.h>

/* The types of an operator's data input (its first, but input 1 of SPLIT,
 * after the axis, and of FILL, after the dims: what a converter's choice
 * of int8, int16 or float32 decides), as a set of mote_type_t bits: bit t
 * set when type t is taken. */
typedef struct cli_op_types {
  int32_t code;        /* BuiltinOperator; 32 (CUSTOM) with `custom` */
  const char *custom;  /* custom op name, or NULL for builtins */
  uint32_t input_types;
} cli_op_types_t;

/* The list, and its length. */
extern const cli_op_types_t cli_op_types[];
extern const uint32_t cli_op_types_count;

/* The entry for a builtin code or custom name, or NULL. */
const cli_op_types_t *cli_op_types_find(int32_t code, const char *custom);

#endif /* MOTE_CLI_OP_TYPES_H */
