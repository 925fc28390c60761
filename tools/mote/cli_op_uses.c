/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Where a model uses an op, over every subgraph: what `inspect` and `gen`
 * print when ops have no kernel. Both must name every use, in the main
 * subgraph and in those IF, WHILE and CALL_ONCE run, in the same words,
 * so a user reads one format whichever command refused the model.
 */
#include <string.h>

#include "cli.h"

int cli_op_is(const mote_model_t *m, uint32_t sg, uint32_t op,
              const mote_op_info_t *kind) {
  mote_op_info_t other;
  if (mote_model_op(m, sg, op, &other) != MOTE_OK ||
      other.builtin != kind->builtin) {
    return 0;
  }
  return kind->builtin != MOTE_OP_CUSTOM || kind->custom_name == NULL ||
         other.custom_name == NULL ||
         strcmp(other.custom_name, kind->custom_name) == 0;
}

int cli_op_used_before(const mote_model_t *m, uint32_t sg, uint32_t op,
                       const mote_op_info_t *kind) {
  uint32_t g, j;
  for (g = 0; g <= sg; g++) {
    const uint32_t n = g == sg ? op : mote_model_op_count(m, g);
    for (j = 0; j < n; j++) {
      if (cli_op_is(m, g, j, kind)) {
        return 1;
      }
    }
  }
  return 0;
}

uint32_t cli_op_uses(FILE *f, const mote_model_t *m,
                     const mote_op_info_t *kind, cli_uses_format_t format) {
  const uint32_t subgraphs = mote_model_subgraph_count(m);
  uint32_t g, j, count = 0, printed = 0;
  for (g = 0; g < subgraphs; g++) {
    const uint32_t n = mote_model_op_count(m, g);
    for (j = 0; j < n; j++) {
      if (!cli_op_is(m, g, j, kind)) {
        continue;
      }
      count++;
      if (format == CLI_USES_TEXT) {
        fprintf(f, "%s", printed++ == 0 ? "" : ", ");
        if (g == 0) {
          fprintf(f, "%lu", (unsigned long)j);
        } else {
          fprintf(f, "subgraph %lu op %lu", (unsigned long)g,
                  (unsigned long)j);
        }
      } else if (format == CLI_USES_JSON_PAIRS) {
        fprintf(f, "%s[%lu, %lu]", printed++ == 0 ? "" : ", ",
                (unsigned long)g, (unsigned long)j);
      } else if (format == CLI_USES_JSON_MAIN && g == 0) {
        fprintf(f, "%s%lu", printed++ == 0 ? "" : ", ", (unsigned long)j);
      }
    }
  }
  return count;
}

uint32_t cli_op_uses_main(const mote_model_t *m, const mote_op_info_t *kind) {
  uint32_t j, count = 0;
  if (mote_model_subgraph_count(m) == 0) {
    return 0;
  }
  for (j = 0; j < mote_model_op_count(m, 0); j++) {
    count += (uint32_t)cli_op_is(m, 0, j, kind);
  }
  return count;
}
