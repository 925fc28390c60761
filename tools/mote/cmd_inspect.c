/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote inspect MODEL [--json] [--target T] [--svg FILE]`: describe a
 * model.
 *
 * Everything shown comes from the verified model through the public
 * accessors, except the arena figure, which needs a real interpreter: the
 * model is prepared in a 16 MiB arena with every built-in kernel. A model
 * mote cannot run (an unsupported op, several subgraphs) is still a valid
 * model, so it is described in full; then the reason is printed and the
 * exit status is 1, so that a script can tell. When ops have no kernel,
 * every one is named with the indices of the operators that use it: the
 * interpreter stops at the first, which would leave a user adding kernels
 * one failed run at a time. A file that cannot be read or fails
 * verification exits 1 too, with no report.
 *
 * Every subgraph is shown, the main one (0) first, each operator with
 * whether this build has its kernel; the unsupported ops are counted over
 * all subgraphs, as the interpreter prepares all of them.
 * Weight bytes sum the constant tensors (a buffer shared by two tensors is
 * counted twice); activation bytes sum every non-constant tensor, before
 * planning, so comparing it with the arena figure shows what the planner
 * saves.
 *
 * --target names the target the arena is for, with the policy `gen`
 * follows (cli_target.c): the host's figure is exact; a 32-bit target's
 * cannot be computed by the host, so for m4 and m55 it is measured under
 * QEMU by the source tree's tools/gen/target_arena.sh when that and the
 * cross tools are there. When they are not, or the measurement fails, the
 * report says how to measure it instead of printing a wrong number, the
 * reason goes to stderr, and the exit status stays 0: the model itself was
 * inspected, and the status already means "mote can run this model". --svg draws the plan prepare recorded
 * (mote_interp_record_plan; cli_svg.c), the same plan the arena figure
 * comes from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define SUBGRAPH 0u /* the main subgraph, whose plan --svg draws */

typedef struct inspect_totals {
  uint64_t weight_bytes;
  uint64_t activation_bytes;
  uint64_t macs;
  mote_status_t arena_status;
  mote_error_t arena_err;
  size_t arena_used;
  mote_memory_usage_t usage; /* valid when arena_status is MOTE_OK */
  const char *target;        /* --target, or NULL */
  int target_measured;       /* target_bytes holds the measured figure */
  size_t target_bytes;       /* m4/m55: measured under QEMU */
  char target_how[512];      /* how to get a non-host target's arena */
  char target_why[640];      /* why the measurement failed, or "" */
} inspect_totals_t;

/* mote_model_tensor() of subgraph `sg`, with the bytes of a packed
 * int4 tensor (two values a byte), which the library leaves 0: nothing
 * plans such tensors, only the int4 kernels read them. */
static mote_status_t inspect_tensor(const mote_model_t *m, uint32_t sg,
                                    uint32_t i, mote_tensor_t *t) {
  const mote_status_t st = mote_model_tensor(m, sg, i, t);
  if (st == MOTE_OK && t->type == MOTE_TYPE_INT4) {
    t->bytes = ((uint32_t)mote_tensor_elements(t) + 1u) / 2u;
  }
  return st;
}

/* Name of operator `op`: the builtin's, or the custom op's own. */
static const char *op_name(const mote_op_info_t *info) {
  if (info->builtin == MOTE_OP_CUSTOM && info->custom_name != NULL) {
    return info->custom_name;
  }
  return mote_op_name(info->builtin);
}

static const char *tensor_kind(const mote_tensor_t *t) {
  if ((t->flags & MOTE_TENSOR_CONST) != 0) {
    return "const";
  }
  if ((t->flags & MOTE_TENSOR_VARIABLE) != 0) {
    return "variable";
  }
  return "activation";
}

/* A model string for a terminal: control characters shown as '?'. */
static void print_text(FILE *f, const char *s) {
  for (; *s != '\0'; s++) {
    unsigned char c = (unsigned char)*s;
    fputc(c < 0x20u || c == 0x7Fu ? '?' : c, f);
  }
}

/* "[3, 7, -]": operator inputs or outputs as tensor indices, '-' absent. */
static void format_op_tensors(const mote_model_t *m, uint32_t sg, uint32_t op,
                              int output, uint32_t count, char *buf,
                              size_t cap) {
  size_t len = 0;
  uint32_t k;
  buf[0] = '\0';
  len += (size_t)snprintf(buf, cap, "[");
  for (k = 0; k < count && len < cap; k++) {
    int32_t ti = output ? mote_model_op_output(m, sg, op, k)
                        : mote_model_op_input(m, sg, op, k);
    if (ti < 0) {
      len += (size_t)snprintf(buf + len, cap - len, "%s-", k ? ", " : "");
    } else {
      len += (size_t)snprintf(buf + len, cap - len, "%s%ld", k ? ", " : "",
                              (long)ti);
    }
  }
  if (len < cap) {
    snprintf(buf + len, cap - len, "]");
  }
}

static void format_quant(const mote_tensor_t *t, char *buf, size_t cap) {
  if (t->scale == 0.0f || t->quant_count == 0) {
    snprintf(buf, cap, "-");
  } else if (t->quant_count > 1) {
    snprintf(buf, cap, "per-channel %lu along dim %ld",
             (unsigned long)t->quant_count, (long)t->quant_dim);
  } else {
    snprintf(buf, cap, "scale %.6g zp %ld", (double)t->scale,
             (long)t->zero_point);
  }
}

static void compute_totals(cli_session_t *s, inspect_totals_t *tot) {
  const mote_model_t *m = &s->model;
  const uint32_t subgraphs = mote_model_subgraph_count(m);
  uint32_t sg, i;
  memset(tot, 0, sizeof *tot);
  for (sg = 0; sg < subgraphs; sg++) {
    const uint32_t n = mote_model_tensor_count(m, sg);
    const uint32_t ops = mote_model_op_count(m, sg);
    for (i = 0; i < n; i++) {
      mote_tensor_t t;
      if (inspect_tensor(m, sg, i, &t) != MOTE_OK) {
        continue;
      }
      if ((t.flags & MOTE_TENSOR_CONST) != 0) {
        tot->weight_bytes += t.bytes;
      } else {
        tot->activation_bytes += t.bytes;
      }
    }
    for (i = 0; i < ops; i++) {
      tot->macs += cli_op_macs(m, sg, i);
    }
  }
  tot->arena_status =
      cli_session_prepare(s, CLI_DEFAULT_ARENA_BYTES, &tot->arena_err);
  if (tot->arena_status == MOTE_OK) {
    tot->arena_used = mote_interp_arena_used_bytes(&s->interp);
    (void)mote_interp_memory_usage(&s->interp, &tot->usage);
  }
}

/* --- unsupported ops -------------------------------------------------- */

/* Whether the session's resolver has a kernel for the op; the resolver is
 * set up by cli_session_prepare whether or not prepare succeeds. */
static int has_kernel(const cli_session_t *s, const mote_op_info_t *info) {
  return mote_resolver_find(&s->resolver, info->builtin, info->custom_name) !=
         NULL;
}

enum { UNSUP_COUNT, UNSUP_TEXT, UNSUP_JSON };

/*
 * Lists the ops of every subgraph that no registered kernel implements,
 * one entry per op with its code, count and operators: nothing
 * (UNSUP_COUNT), text lines (UNSUP_TEXT) or the elements of a JSON array
 * (UNSUP_JSON). Returns how many distinct ops are missing. Needs
 * s->resolver set up.
 */
static uint32_t print_unsupported(cli_session_t *s, int mode) {
  const mote_model_t *m = &s->model;
  const uint32_t subgraphs = mote_model_subgraph_count(m);
  uint32_t sg, i, kinds = 0;
  for (sg = 0; sg < subgraphs; sg++) {
    const uint32_t n = mote_model_op_count(m, sg);
    for (i = 0; i < n; i++) {
      mote_op_info_t info;
      uint32_t count;
      if (mote_model_op(m, sg, i, &info) != MOTE_OK || has_kernel(s, &info) ||
          cli_op_used_before(m, sg, i, &info)) {
        continue;
      }
      count = cli_op_uses(stdout, m, &info, CLI_USES_COUNT);
      if (mode == UNSUP_JSON) {
        printf("%s\n    {\"op\": ", kinds ? "," : "");
        cli_json_string(stdout, op_name(&info));
        printf(", \"code\": %ld, \"count\": %lu, \"operators\": [",
               (long)info.builtin, (unsigned long)count);
        (void)cli_op_uses(stdout, m, &info, CLI_USES_JSON_MAIN);
        printf("], \"locations\": [");
        (void)cli_op_uses(stdout, m, &info, CLI_USES_JSON_PAIRS);
        printf("]}");
      } else if (mode == UNSUP_TEXT) {
        const uint32_t in_main = cli_op_uses_main(m, &info);
        const uint32_t total = count;
        printf("  ");
        print_text(stdout, op_name(&info));
        printf(" (%s %ld): %lu, %s",
               info.builtin == MOTE_OP_CUSTOM ? "custom, code" : "builtin",
               (long)info.builtin, (unsigned long)count,
               in_main == 0 ? "" : total > 1 ? "operators " : "operator ");
        (void)cli_op_uses(stdout, m, &info, CLI_USES_TEXT);
        printf("\n");
      }
      kinds++;
    }
  }
  return kinds;
}

/* --- text ------------------------------------------------------------- */

static void print_io_text(const mote_model_t *m, uint32_t sg,
                          const char *title, int output) {
  uint32_t n = output ? mote_model_output_count(m, sg)
                      : mote_model_input_count(m, sg);
  uint32_t i;
  printf("%s (%lu):\n", title, (unsigned long)n);
  for (i = 0; i < n; i++) {
    int32_t ti = output ? mote_model_output_index(m, sg, i)
                        : mote_model_input_index(m, sg, i);
    mote_tensor_t t;
    char shape[96];
    if (ti < 0 || inspect_tensor(m, sg, (uint32_t)ti, &t) != MOTE_OK) {
      printf("  %lu: tensor %ld (invalid)\n", (unsigned long)i, (long)ti);
      continue;
    }
    cli_format_shape(&t, shape, sizeof shape);
    printf("  %lu: tensor %ld %s %s, %lu bytes \"", (unsigned long)i,
           (long)ti, mote_type_name((mote_type_t)t.type), shape,
           (unsigned long)t.bytes);
    print_text(stdout, mote_model_tensor_name(m, sg, (uint32_t)ti));
    printf("\"\n");
  }
}

/* The operator table of subgraph `sg`, with whether this build has a
 * kernel for each. */
static void print_ops_text(const cli_session_t *s, uint32_t sg) {
  const mote_model_t *m = &s->model;
  uint32_t n = mote_model_op_count(m, sg);
  int name_w = 2;
  int in_w = 6;
  int out_w = 7;
  uint32_t i;
  char ins[512];
  char outs[512];
  /* First pass: column widths. */
  for (i = 0; i < n; i++) {
    mote_op_info_t info;
    int len;
    if (mote_model_op(m, sg, i, &info) != MOTE_OK) {
      continue;
    }
    len = (int)strlen(op_name(&info));
    name_w = len > name_w ? (len < 40 ? len : 40) : name_w;
    format_op_tensors(m, sg, i, 0, info.input_count, ins, sizeof ins);
    len = (int)strlen(ins);
    in_w = len > in_w ? (len < 40 ? len : 40) : in_w;
    format_op_tensors(m, sg, i, 1, info.output_count, outs, sizeof outs);
    len = (int)strlen(outs);
    out_w = len > out_w ? (len < 40 ? len : 40) : out_w;
  }
  printf("operators (%lu, in execution order):\n", (unsigned long)n);
  printf("  %4s  %-*s  %3s  %-9s  %-*s  %-*s  %s\n", "#", name_w, "op",
         "ver", "supported", in_w, "inputs", out_w, "outputs", "MACs");
  for (i = 0; i < n; i++) {
    mote_op_info_t info;
    if (mote_model_op(m, sg, i, &info) != MOTE_OK) {
      continue;
    }
    format_op_tensors(m, sg, i, 0, info.input_count, ins, sizeof ins);
    format_op_tensors(m, sg, i, 1, info.output_count, outs, sizeof outs);
    printf("  %4lu  ", (unsigned long)i);
    if (info.builtin == MOTE_OP_CUSTOM && info.custom_name != NULL) {
      int pad = name_w - (int)strlen(info.custom_name);
      print_text(stdout, info.custom_name);
      printf("%*s", pad > 0 ? pad : 0, "");
    } else {
      printf("%-*s", name_w, op_name(&info));
    }
    printf("  %3ld  %-9s  %-*s  %-*s  %llu\n", (long)info.version,
           has_kernel(s, &info) ? "yes" : "NO", in_w, ins, out_w, outs,
           (unsigned long long)cli_op_macs(m, sg, i));
  }
}

static void print_tensors_text(const mote_model_t *m, uint32_t sg) {
  uint32_t n = mote_model_tensor_count(m, sg);
  int shape_w = 5;
  int quant_w = 12;
  uint32_t i;
  char shape[96];
  char quant[64];
  for (i = 0; i < n; i++) {
    mote_tensor_t t;
    int len;
    if (inspect_tensor(m, sg, i, &t) != MOTE_OK) {
      continue;
    }
    cli_format_shape(&t, shape, sizeof shape);
    format_quant(&t, quant, sizeof quant);
    len = (int)strlen(shape);
    shape_w = len > shape_w ? len : shape_w;
    len = (int)strlen(quant);
    quant_w = len > quant_w ? len : quant_w;
  }
  printf("tensors (%lu):\n", (unsigned long)n);
  printf("  %4s  %-8s  %-*s  %-*s  %-10s  %9s  %s\n", "#", "type", shape_w,
         "shape", quant_w, "quantization", "kind", "bytes", "name");
  for (i = 0; i < n; i++) {
    mote_tensor_t t;
    if (inspect_tensor(m, sg, i, &t) != MOTE_OK) {
      printf("  %4lu  (unreadable)\n", (unsigned long)i);
      continue;
    }
    cli_format_shape(&t, shape, sizeof shape);
    format_quant(&t, quant, sizeof quant);
    printf("  %4lu  %-8s  %-*s  %-*s  %-10s  %9lu  ", (unsigned long)i,
           mote_type_name((mote_type_t)t.type), shape_w, shape, quant_w, quant,
           tensor_kind(&t), (unsigned long)t.bytes);
    print_text(stdout, mote_model_tensor_name(m, sg, i));
    fputc('\n', stdout);
  }
}

static void print_text_report(cli_session_t *s, const inspect_totals_t *tot,
                              uint32_t missing) {
  const mote_model_t *m = &s->model;
  uint32_t subgraphs = mote_model_subgraph_count(m), sg;
  printf("model:       %s (%lu bytes)\n", s->path, (unsigned long)s->file.size);
  printf("description: ");
  print_text(stdout, mote_model_description(m)[0] != '\0'
                         ? mote_model_description(m)
                         : "(none)");
  printf("\nsubgraphs:   %lu", (unsigned long)subgraphs);
  if (subgraphs > 1) {
    printf(" (0 is the main one; the others run under IF, WHILE or "
           "CALL_ONCE)");
  }
  printf("\n\n");
  for (sg = 0; sg < subgraphs; sg++) {
    if (subgraphs > 1) {
      printf("== subgraph %lu ==\n", (unsigned long)sg);
    }
    print_ops_text(s, sg);
    printf("\n");
    print_tensors_text(m, sg);
    printf("\n");
    print_io_text(m, sg, "inputs", 0);
    print_io_text(m, sg, "outputs", 1);
    printf("\n");
  }
  printf("weight bytes:     %llu (constant tensors)\n",
         (unsigned long long)tot->weight_bytes);
  printf("activation bytes: %llu (all non-constant tensors, before planning)\n",
         (unsigned long long)tot->activation_bytes);
  printf("MACs:             %llu\n", (unsigned long long)tot->macs);
  if (tot->arena_status == MOTE_OK) {
    printf("arena used bytes: %lu (planned in a %lu MiB arena)\n",
           (unsigned long)tot->arena_used,
           (unsigned long)(CLI_DEFAULT_ARENA_BYTES >> 20));
    printf("  persistent %lu (runtime tables %lu, variables %lu, kernel "
           "data %lu), head %lu (plan peak %lu: %lu tensors, %lu scratch)\n",
           (unsigned long)tot->usage.persistent_bytes,
           (unsigned long)tot->usage.runtime_bytes,
           (unsigned long)tot->usage.variable_bytes,
           (unsigned long)tot->usage.kernel_bytes,
           (unsigned long)tot->usage.head_bytes,
           (unsigned long)tot->usage.planned_bytes,
           (unsigned long)tot->usage.tensor_count,
           (unsigned long)tot->usage.scratch_count);
    if (tot->target != NULL && cli_target_is_host(tot->target)) {
      printf("arena for host:   %lu (exact; what mote gen --target host "
             "writes)\n",
             (unsigned long)tot->arena_used);
    } else if (tot->target != NULL && tot->target_measured) {
      printf("arena for %s:%*s %lu bytes (measured under QEMU by "
             "tools/gen/target_arena.sh)\n",
             tot->target, (int)(5 - strlen(tot->target)), "",
             (unsigned long)tot->target_bytes);
    } else if (tot->target != NULL) {
      printf("arena for %s:%*s not computed here: %s\n", tot->target,
             (int)(5 - strlen(tot->target)), "", tot->target_how);
    }
  } else {
    printf("arena used bytes: unavailable: %s",
           mote_status_str(tot->arena_status));
    if (tot->arena_err.message[0] != '\0') {
      printf(": ");
      print_text(stdout, tot->arena_err.message);
    }
    printf("\n");
  }
  if (missing > 0) {
    printf("\nunsupported ops (%lu, no kernel in this build):\n",
           (unsigned long)missing);
    print_unsupported(s, UNSUP_TEXT);
  }
}

/* --- JSON ------------------------------------------------------------- */

static void json_op_tensors(const mote_model_t *m, uint32_t sg, uint32_t op,
                            int output, uint32_t count) {
  uint32_t k;
  fputc('[', stdout);
  for (k = 0; k < count; k++) {
    int32_t ti = output ? mote_model_op_output(m, sg, op, k)
                        : mote_model_op_input(m, sg, op, k);
    printf("%s%ld", k ? ", " : "", (long)ti);
  }
  fputc(']', stdout);
}

static void json_io(const mote_model_t *m, uint32_t sg, int output) {
  uint32_t n = output ? mote_model_output_count(m, sg)
                      : mote_model_input_count(m, sg);
  uint32_t i;
  fputc('[', stdout);
  for (i = 0; i < n; i++) {
    int32_t ti = output ? mote_model_output_index(m, sg, i)
                        : mote_model_input_index(m, sg, i);
    printf("%s%ld", i ? ", " : "", (long)ti);
  }
  fputc(']', stdout);
}

/* Subgraph `sg`'s "operators" member, `ind` its indentation. */
static void print_json_ops(const cli_session_t *s, uint32_t sg,
                           const char *ind) {
  const mote_model_t *m = &s->model;
  uint32_t n = mote_model_op_count(m, sg);
  uint32_t i;
  printf("%s\"operators\": [", ind);
  for (i = 0; i < n; i++) {
    mote_op_info_t info;
    if (mote_model_op(m, sg, i, &info) != MOTE_OK) {
      memset(&info, 0, sizeof info);
      info.builtin = -1;
    }
    printf("%s\n%s  {\"index\": %lu, \"name\": ", i ? "," : "", ind,
           (unsigned long)i);
    cli_json_string(stdout, op_name(&info));
    printf(", \"version\": %ld, \"supported\": %s, \"inputs\": ",
           (long)info.version, has_kernel(s, &info) ? "true" : "false");
    json_op_tensors(m, sg, i, 0, info.input_count);
    printf(", \"outputs\": ");
    json_op_tensors(m, sg, i, 1, info.output_count);
    printf(", \"macs\": %llu}",
           (unsigned long long)cli_op_macs(m, sg, i));
  }
  printf("%s%s],\n", n ? "\n" : "", n ? ind : "");
}

/* Subgraph `sg`'s "tensors" member, `ind` its indentation. */
static void print_json_tensors(const mote_model_t *m, uint32_t sg,
                               const char *ind) {
  uint32_t n = mote_model_tensor_count(m, sg);
  uint32_t i;
  printf("%s\"tensors\": [", ind);
  for (i = 0; i < n; i++) {
    mote_tensor_t t;
    uint8_t d;
    if (inspect_tensor(m, sg, i, &t) != MOTE_OK) {
      memset(&t, 0, sizeof t);
      t.type = MOTE_TYPE_COUNT_;
    }
    printf("%s\n%s  {\"index\": %lu, \"name\": ", i ? "," : "", ind,
           (unsigned long)i);
    cli_json_string(stdout, mote_model_tensor_name(m, sg, i));
    printf(", \"type\": ");
    cli_json_string(stdout, mote_type_name((mote_type_t)t.type));
    printf(", \"shape\": [");
    for (d = 0; d < t.rank; d++) {
      printf("%s%ld", d ? ", " : "", (long)t.dims[d]);
    }
    printf("], \"scale\": ");
    cli_json_float(stdout, (double)t.scale);
    printf(", \"zero_point\": %ld, \"quant_channels\": %lu, "
           "\"quant_dim\": %ld, \"constant\": %s, \"variable\": %s, "
           "\"bytes\": %lu}",
           (long)t.zero_point, (unsigned long)t.quant_count,
           (long)t.quant_dim,
           (t.flags & MOTE_TENSOR_CONST) != 0 ? "true" : "false",
           (t.flags & MOTE_TENSOR_VARIABLE) != 0 ? "true" : "false",
           (unsigned long)t.bytes);
  }
  printf("%s%s],\n", n ? "\n" : "", n ? ind : "");
}

/* Every subgraph after the main one, in full: "other_subgraphs". */
static void print_json_other_subgraphs(const cli_session_t *s) {
  const mote_model_t *m = &s->model;
  const uint32_t subgraphs = mote_model_subgraph_count(m);
  uint32_t sg;
  printf("  \"other_subgraphs\": [");
  for (sg = 1; sg < subgraphs; sg++) {
    printf("%s\n    {\n      \"index\": %lu,\n", sg > 1 ? "," : "",
           (unsigned long)sg);
    print_json_ops(s, sg, "      ");
    print_json_tensors(m, sg, "      ");
    printf("      \"inputs\": ");
    json_io(m, sg, 0);
    printf(",\n      \"outputs\": ");
    json_io(m, sg, 1);
    printf("\n    }");
  }
  printf("%s],\n", subgraphs > 1 ? "\n  " : "");
}

static void print_json_report(cli_session_t *s, const inspect_totals_t *tot,
                              uint32_t missing) {
  const mote_model_t *m = &s->model;
  uint32_t subgraphs = mote_model_subgraph_count(m);
  printf("{\n  \"file\": ");
  cli_json_string(stdout, s->path);
  printf(",\n  \"description\": ");
  cli_json_string(stdout, mote_model_description(m));
  printf(",\n  \"subgraphs\": %lu,\n", (unsigned long)subgraphs);
  if (subgraphs > 0) {
    print_json_ops(s, 0, "  ");
    print_json_tensors(m, 0, "  ");
    printf("  \"inputs\": ");
    json_io(m, 0, 0);
    printf(",\n  \"outputs\": ");
    json_io(m, 0, 1);
    printf(",\n");
  } else {
    printf("  \"operators\": [],\n  \"tensors\": [],\n"
           "  \"inputs\": [],\n  \"outputs\": [],\n");
  }
  print_json_other_subgraphs(s);
  printf("  \"unsupported_ops\": [");
  if (missing > 0) {
    print_unsupported(s, UNSUP_JSON);
  }
  printf("%s],\n", missing > 0 ? "\n  " : "");
  printf("  \"weight_bytes\": %llu,\n  \"activation_bytes\": %llu,\n"
         "  \"macs\": %llu,\n",
         (unsigned long long)tot->weight_bytes,
         (unsigned long long)tot->activation_bytes,
         (unsigned long long)tot->macs);
  if (tot->target != NULL) {
    printf("  \"target\": ");
    cli_json_string(stdout, tot->target);
    if (tot->arena_status == MOTE_OK && cli_target_is_host(tot->target)) {
      printf(",\n  \"target_arena_bytes\": %lu,\n"
             "  \"target_arena_how\": null,\n",
             (unsigned long)tot->arena_used);
    } else if (tot->target_measured) {
      printf(",\n  \"target_arena_bytes\": %lu,\n"
             "  \"target_arena_how\": \"measured under QEMU by "
             "tools/gen/target_arena.sh\",\n",
             (unsigned long)tot->target_bytes);
    } else {
      printf(",\n  \"target_arena_bytes\": null,\n"
             "  \"target_arena_how\": ");
      cli_json_string(stdout, tot->target_how);
      printf(",\n");
    }
    if (!cli_target_is_host(tot->target)) {
      printf("  \"target_arena_error\": ");
      if (tot->target_why[0] != '\0') {
        cli_json_string(stdout, tot->target_why);
      } else {
        printf("null");
      }
      printf(",\n");
    }
  }
  if (tot->arena_status == MOTE_OK) {
    const mote_memory_usage_t *u = &tot->usage;
    printf("  \"memory\": {\"persistent_bytes\": %lu, \"runtime_bytes\": %lu, "
           "\"variable_bytes\": %lu, \"kernel_bytes\": %lu, "
           "\"head_bytes\": %lu, \"planned_bytes\": %lu, "
           "\"tensor_bytes\": %lu, \"scratch_bytes\": %lu, "
           "\"tensor_count\": %lu, \"scratch_count\": %lu},\n",
           (unsigned long)u->persistent_bytes, (unsigned long)u->runtime_bytes,
           (unsigned long)u->variable_bytes, (unsigned long)u->kernel_bytes,
           (unsigned long)u->head_bytes, (unsigned long)u->planned_bytes,
           (unsigned long)u->tensor_bytes, (unsigned long)u->scratch_bytes,
           (unsigned long)u->tensor_count, (unsigned long)u->scratch_count);
    printf("  \"arena_used_bytes\": %lu,\n  \"arena_error\": null\n}\n",
           (unsigned long)tot->arena_used);
  } else {
    char msg[MOTE_ERROR_MESSAGE_BYTES + 64];
    if (tot->arena_err.message[0] != '\0') {
      snprintf(msg, sizeof msg, "%s: %s", mote_status_str(tot->arena_status),
               tot->arena_err.message);
    } else {
      snprintf(msg, sizeof msg, "%s", mote_status_str(tot->arena_status));
    }
    printf("  \"arena_used_bytes\": null,\n  \"arena_error\": ");
    cli_json_string(stdout, msg);
    printf("\n}\n");
  }
}

/* --- command ---------------------------------------------------------- */

/* The exit status, with a one-line reason on stderr when mote cannot run
 * the model (the report on stdout has the details). */
static int report_cannot_run(const char *path, const inspect_totals_t *tot,
                             uint32_t missing) {
  if (tot->arena_status == MOTE_OK) {
    return CLI_EXIT_OK;
  }
  if (missing > 0) {
    cli_error("%s: cannot run: %lu unsupported op%s (see the report)", path,
              (unsigned long)missing, missing > 1 ? "s" : "");
  } else {
    cli_error("%s: cannot run: %s: %s", path,
              mote_status_str(tot->arena_status), tot->arena_err.message);
  }
  return CLI_EXIT_FAIL;
}

/* Draws the recorded plan into `svg`. Returns 0, or -1 after printing. */
static int write_svg(cli_session_t *s, const inspect_totals_t *tot,
                     const char *svg) {
  cli_plan_view_t v;
  if (tot->arena_status != MOTE_OK) {
    cli_error("%s: no memory plan to draw: %s", svg,
              mote_status_str(tot->arena_status));
    return -1;
  }
  if (s->plan_count > s->plan_cap) {
    cli_error("%s: internal: the plan has %lu buffers, room for %lu", svg,
              (unsigned long)s->plan_count, (unsigned long)s->plan_cap);
    return -1;
  }
  v.title = s->path;
  v.model = &s->model;
  v.entries = s->plan_rec;
  v.count = s->plan_count;
  v.op_count = mote_model_op_count(&s->model, SUBGRAPH);
  v.usage = &tot->usage;
  return cli_svg_write_plan(svg, &v);
}

static const char *const inspect_usage =
    "usage: mote inspect MODEL [--json] [--target host|m4|m55|rv32] "
    "[--svg FILE]";

int cli_cmd_inspect(int argc, char **argv) {
  const char *path = NULL;
  const char *target = NULL;
  const char *svg = NULL;
  int json = 0;
  int options_done = 0;
  int i;
  int rc;
  cli_session_t session;
  inspect_totals_t totals;
  uint32_t missing = 0;
  for (i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!options_done && strcmp(a, "--json") == 0) {
      json = 1;
    } else if (!options_done &&
               (strcmp(a, "--target") == 0 || strcmp(a, "--svg") == 0)) {
      if (i + 1 >= argc) {
        return cli_usage_error("inspect: %s needs a value\n%s", a,
                               inspect_usage);
      }
      if (strcmp(a, "--target") == 0) {
        target = argv[++i];
      } else {
        svg = argv[++i];
      }
    } else if (!options_done && (strcmp(a, "--help") == 0 ||
                                 strcmp(a, "-h") == 0)) {
      cli_usage(stdout);
      return CLI_EXIT_OK;
    } else if (!options_done && strcmp(a, "--") == 0) {
      options_done = 1;
    } else if (!options_done && a[0] == '-' && a[1] != '\0') {
      return cli_usage_error("inspect: unknown option '%s'", a);
    } else if (path != NULL) {
      return cli_usage_error("inspect: one model at a time ('%s' and '%s')",
                             path, a);
    } else {
      path = a;
    }
  }
  if (path == NULL) {
    return cli_usage_error("inspect: missing MODEL\n%s", inspect_usage);
  }
  if (target != NULL && !cli_target_known(target)) {
    return cli_usage_error("inspect: unknown target '%s' (host, m4, m55, "
                           "rv32)",
                           target);
  }
  if (svg != NULL && svg[0] == '\0') {
    return cli_usage_error("inspect: --svg needs a file name");
  }
  if (cli_session_open(&session, path) != 0) {
    return CLI_EXIT_FAIL;
  }
  if (svg != NULL && mote_model_subgraph_count(&session.model) > 0) {
    /* Every tensor, and scratch buffers beyond any kernel's needs. */
    uint32_t sg;
    session.plan_cap = 64u;
    for (sg = 0; sg < mote_model_subgraph_count(&session.model); sg++) {
      session.plan_cap += mote_model_tensor_count(&session.model, sg) +
                          64u * mote_model_op_count(&session.model, sg);
    }
    session.plan_rec = (mote_plan_entry_t *)calloc(session.plan_cap,
                                                   sizeof *session.plan_rec);
    if (session.plan_rec == NULL) {
      cli_error("out of memory");
      cli_session_close(&session);
      return CLI_EXIT_FAIL;
    }
  }
  compute_totals(&session, &totals);
  totals.target = target;
  totals.target_measured = 0;
  totals.target_why[0] = '\0';
  if (target != NULL && !cli_target_is_host(target)) {
    cli_target_arena_how(target, path, totals.target_how,
                         sizeof totals.target_how);
  }
  /* Only a model that prepares here is worth a cross build. */
  if (target != NULL && cli_target_measurable(target) &&
      totals.arena_status == MOTE_OK) {
    if (cli_target_measure(target, path, argv[0], &totals.target_bytes,
                           totals.target_why, sizeof totals.target_why) == 0) {
      totals.target_measured = 1;
    } else {
      cli_error("inspect: cannot measure the arena for %s: %s", target,
                totals.target_why);
    }
  }
  /* A prepared model has a kernel for every op; otherwise the resolver is
   * rebuilt (nothing holds it once prepare failed) to find the missing. */
  if (totals.arena_status != MOTE_OK &&
      cli_session_resolver(&session) == MOTE_OK) {
    missing = print_unsupported(&session, UNSUP_COUNT);
  }
  if (json) {
    print_json_report(&session, &totals, missing);
  } else {
    print_text_report(&session, &totals, missing);
  }
  rc = svg != NULL && write_svg(&session, &totals, svg) != 0 ? CLI_EXIT_FAIL
                                                           : CLI_EXIT_OK;
  free(session.plan_rec);
  cli_session_close(&session);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    cli_error("cannot write to standard output");
    return CLI_EXIT_FAIL;
  }
  return rc != CLI_EXIT_OK ? rc : report_cannot_run(path, &totals, missing);
}
