/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `mote gen MODEL -o DIR [--name NAME] [--target T] [--section S]
 *  [--arena-bytes N]`: the C sources that put one model in a firmware.
 *
 * The model is verified and every operator looked up in the resolver of
 * all kernels, so that a model mote cannot run fails here, naming every
 * missing op at once, rather than on the device. The generated resolver
 * registers exactly the kernels found, so the firmware links no other.
 *
 * The arena figure is the library's own: the model is prepared on the
 * host with exactly the generated resolver, and NAME_ARENA_BYTES is
 * mote_interp_arena_used_bytes(). That is exact for the host, whose
 * pointer width and kernels the tool shares. A 32-bit target differs in
 * both: pointers and kernel op data are smaller, and the optimized kernel
 * families (arm_dsp on M4, arm_mve on M55) request scratch and persistent
 * memory of their own, so the host cannot compute its figure (there is no
 * planning mode parameterised by target yet). For those targets the figure
 * must come from the target's own prepare: --arena-bytes takes it, and
 * without it gen measures m4 and m55 under QEMU with the source tree's
 * tools/gen/target_arena.sh, as `inspect --target` does (cli_target.c;
 * it needs the cross tools and the source tree, so it is what gen does
 * when they are there, not the only way). For rv32
 * (mote_interp_arena_used_bytes() on the device), or when the measurement
 * cannot run, gen refuses rather than write a number that is wrong.
 * Rejected: correcting the host figure by formula (it would have to
 * mirror every kernel family's scratch and every op data struct's 32-bit
 * layout, and go wrong silently when one changes).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static const char *const gen_usage =
    "usage: mote gen MODEL -o DIR [--name NAME] [--target host|m4|m55|rv32]\n"
    "                [--section NAME] [--arena-bytes N]";

static int is_identifier(const char *s) {
  size_t i;
  if (s[0] == '\0' || isdigit((unsigned char)s[0])) {
    return 0;
  }
  for (i = 0; s[i] != '\0'; i++) {
    if (!isalnum((unsigned char)s[i]) && s[i] != '_') {
      return 0;
    }
  }
  return 1;
}

/* Names the generated identifiers would share with mote's own
 * (mote_resolver_init, MOTE_RESOLVER_H) or that C reserves (_X, __x). */
static int is_reserved(const char *s) {
  size_t i;
  char low[5];
  for (i = 0; i < 4 && s[i] != '\0'; i++) {
    low[i] = (char)tolower((unsigned char)s[i]);
  }
  low[i] = '\0';
  return s[0] == '_' ||
         (strcmp(low, "mote") == 0 && (s[4] == '\0' || s[4] == '_'));
}

/* A section name goes into a string literal and a linker script: keep it
 * to what every toolchain takes. */
static int is_section_name(const char *s) {
  size_t i;
  if (s[0] == '\0') {
    return 0;
  }
  for (i = 0; s[i] != '\0'; i++) {
    if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '.' &&
        s[i] != '$') {
      return 0;
    }
  }
  return 1;
}

/* NAME from the model's file name: "models/kws-v2.tflite" -> "kws_v2". */
static char *default_name(const char *path) {
  const char *base = strrchr(path, '/');
  size_t n, i, o = 0;
  char *name;
  base = base != NULL ? base + 1 : path;
  n = strlen(base);
  if (n > 7 && strcmp(base + n - 7, ".tflite") == 0) {
    n -= 7;
  }
  name = (char *)malloc(n + 8);
  if (name == NULL) {
    return NULL;
  }
  if (n == 0 || isdigit((unsigned char)base[0]) || is_reserved(base) ||
      !isalnum((unsigned char)base[0])) {
    strcpy(name, "model_");
    o = 6;
  }
  for (i = 0; i < n && o < GEN_NAME_MAX; i++) {
    name[o++] = isalnum((unsigned char)base[i]) ? base[i] : '_';
  }
  name[o] = '\0';
  return name;
}

static const char *op_label(const mote_op_info_t *info) {
  return info->builtin == MOTE_OP_CUSTOM && info->custom_name != NULL
             ? info->custom_name
             : mote_op_name(info->builtin);
}

/* Whether kernel list `plan` already has the op of `info`. */
static int have_kernel(const gen_plan_t *plan, const mote_op_info_t *info) {
  uint32_t k;
  for (k = 0; k < plan->kernel_count; k++) {
    const gen_kernel_t *g = &plan->kernels[k];
    if (g->op == info->builtin &&
        (g->op != MOTE_OP_CUSTOM || info->custom_name == NULL ||
         strcmp(g->custom, info->custom_name) == 0)) {
      return 1;
    }
  }
  return 0;
}

/* The entry of the all-kernels resolver for `info`, or NULL. */
static const mote_resolver_entry_t *find_entry(const mote_resolver_t *r,
                                               const mote_op_info_t *info) {
  uint32_t k;
  for (k = 0; k < r->count_; k++) {
    const mote_resolver_entry_t *e = &r->entries_[k];
    if (e->op == info->builtin &&
        (e->op != MOTE_OP_CUSTOM || info->custom_name == NULL ||
         strcmp(e->custom_name, info->custom_name) == 0)) {
      return e;
    }
  }
  return NULL;
}

/* Names on stderr every operator of the kind of `info`: by index in the
 * main subgraph, as "subgraph G op J" in the others (those a model's IF,
 * WHILE or CALL_ONCE call). */
static void list_uses(const cli_session_t *s, const mote_op_info_t *info) {
  const uint32_t in_main = cli_op_uses_main(&s->model, info);
  const uint32_t total = cli_op_uses(stderr, &s->model, info, CLI_USES_COUNT);
  fprintf(stderr, "  %s (%s %ld): %s", op_label(info),
          info->builtin == MOTE_OP_CUSTOM ? "custom, code" : "builtin",
          (long)info->builtin,
          in_main == 0 ? "" : total > 1 ? "operators " : "operator ");
  (void)cli_op_uses(stderr, &s->model, info, CLI_USES_TEXT);
  fputc('\n', stderr);
}

/* Whether operator `op` of subgraph `sg` has a packed int4 filter (its
 * input 1), which only the int4 variant of its kernel takes. */
static int int4_filter(const cli_session_t *s, uint32_t sg, uint32_t op) {
  const int32_t ti = mote_model_op_input(&s->model, sg, op, 1);
  mote_tensor_t t;
  return ti >= 0 &&
         mote_model_tensor(&s->model, sg, (uint32_t)ti, &t) == MOTE_OK &&
         t.type == MOTE_TYPE_INT4;
}

/* Registers builtin `code` through its int4 variant (gen_symbols.c). */
static void use_int4_variant(gen_plan_t *plan, int32_t code) {
  uint32_t k;
  for (k = 0; k < plan->kernel_count; k++) {
    if (plan->kernels[k].op == code) {
      plan->kernels[k].symbol = gen_builtin_symbol(code, 1);
    }
  }
}

/* Adds the type of input 0 of operator `op` of subgraph `sg` to the
 * kernel of its op, and picks that op's per-type kernel while all its
 * operators have one type (gen_symbols.c), the all-type one after. */
static void note_fft_type(const cli_session_t *s, gen_plan_t *plan,
                          const mote_resolver_entry_t *e, uint32_t sg,
                          uint32_t op) {
  const int32_t ti = mote_model_op_input(&s->model, sg, op, 0);
  mote_tensor_t t;
  uint32_t k;
  for (k = 0; k < plan->kernel_count; k++) {
    gen_kernel_t *g = &plan->kernels[k];
    if (g->op != MOTE_OP_CUSTOM || strcmp(g->custom, e->custom_name) != 0) {
      continue;
    }
    if (ti >= 0 &&
        mote_model_tensor(&s->model, sg, (uint32_t)ti, &t) == MOTE_OK &&
        (uint32_t)t.type < 32) {
      g->types |= (uint32_t)1 << t.type;
    } else {
      g->types = ~(uint32_t)0; /* unknown: every type */
    }
    g->kernel = gen_typed_kernel(g->custom, g->types, &g->symbol);
    if (g->kernel == NULL) {
      g->symbol = gen_kernel_symbol(e);
    }
  }
}

/* Fills plan->kernels with one entry per distinct op of the model, in
 * order of first use, over every subgraph: a control-flow model's IF,
 * WHILE and CALL_ONCE run ops of the other subgraphs, whose kernels the
 * resolver must hold too. Every op without a kernel is named on stderr,
 * with its operator indices; returns -1 then. */
static int collect_kernels(cli_session_t *s, gen_plan_t *plan) {
  const uint32_t subgraphs = mote_model_subgraph_count(&s->model);
  uint32_t sg, i, missing = 0;
  if (cli_session_resolver(s) != MOTE_OK) {
    cli_error("cannot build the resolver of every kernel");
    return -1;
  }
  for (sg = 0; sg < subgraphs; sg++) {
    const uint32_t n = mote_model_op_count(&s->model, sg);
    for (i = 0; i < n; i++) {
      mote_op_info_t info;
      const mote_resolver_entry_t *e;
      if (mote_model_op(&s->model, sg, i, &info) != MOTE_OK) {
        cli_error("%s: subgraph %lu operator %lu cannot be read", s->path,
                  (unsigned long)sg, (unsigned long)i);
        return -1;
      }
      e = find_entry(&s->resolver, &info);
      if (e != NULL) {
        if (!have_kernel(plan, &info)) {
          gen_kernel_t *g = &plan->kernels[plan->kernel_count++];
          g->op = e->op;
          g->custom = e->op == MOTE_OP_CUSTOM ? e->custom_name : NULL;
          g->kernel = NULL;
          g->types = 0;
          /* The plain kernel until an operator needs the int4 variant. */
          g->symbol = gen_has_int4_variant(e->op)
                          ? gen_builtin_symbol(e->op, 0)
                          : gen_kernel_symbol(e);
          if (g->symbol == NULL) {
            cli_error("internal: no C name known for the kernel of %s",
                      op_label(&info));
            return -1;
          }
        }
        if (gen_has_int4_variant(info.builtin) && int4_filter(s, sg, i)) {
          use_int4_variant(plan, info.builtin);
        }
        if (e->op == MOTE_OP_CUSTOM && gen_has_typed_kernels(e->custom_name)) {
          note_fft_type(s, plan, e, sg, i);
        }
        continue;
      }
      /* Missing: report each op once, at its first use, with all uses. */
      if (cli_op_used_before(&s->model, sg, i, &info)) {
        continue;
      }
      if (missing++ == 0) {
        cli_error("%s: unsupported ops (no kernel in mote):", s->path);
      }
      list_uses(s, &info);
    }
  }
  return missing > 0 ? -1 : 0;
}

/* Prepares the model with exactly the kernels of `plan` and returns the
 * arena it used in *bytes: the host figure. Returns 0, or -1 after
 * printing why prepare failed. */
static int host_arena(cli_session_t *s, gen_plan_t *plan, size_t *bytes) {
  mote_resolver_entry_t
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS +
              MOTE_RESOLVER_CUSTOM_OPS];
  mote_resolver_t r;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_error_t err;
  mote_status_t st;
  uint32_t k;
  cli_error_clear(&err);
  st = mote_resolver_init(&r, entries, plan->kernel_count);
  for (k = 0; k < plan->kernel_count && st == MOTE_OK; k++) {
    /* The kernel the generated resolver registers. */
    const mote_kernel_t *kernel =
        plan->kernels[k].kernel != NULL
            ? plan->kernels[k].kernel
            : mote_resolver_find(&s->resolver, plan->kernels[k].op,
                                 plan->kernels[k].custom);
    st = plan->kernels[k].op == MOTE_OP_CUSTOM
             ? mote_resolver_add_custom(&r, plan->kernels[k].custom, kernel)
             : mote_resolver_add(&r, plan->kernels[k].op, kernel);
  }
  if (st != MOTE_OK) {
    cli_report("cannot build the model's resolver", st, NULL);
    return -1;
  }
  if (cli_buffer_alloc(&s->arena_buf, CLI_DEFAULT_ARENA_BYTES) != 0) {
    return -1;
  }
  st = mote_arena_init(&arena, s->arena_buf.data, CLI_DEFAULT_ARENA_BYTES);
  if (st == MOTE_OK) {
    st = mote_interp_init(&interp, &s->model, &r, &arena, &err);
  }
  if (st == MOTE_OK) {
    st = mote_interp_prepare(&interp, &err);
  }
  if (st != MOTE_OK) {
    cli_report(s->path, st, &err);
    return -1;
  }
  *bytes = mote_interp_arena_used_bytes(&interp);
  return 0;
}

static int parse_bytes(const char *s, size_t *out) {
  char *end;
  unsigned long v;
  if (!isdigit((unsigned char)s[0])) {
    return -1;
  }
  v = strtoul(s, &end, 10);
  if (*end != '\0' || v == 0 || v % MOTE_ARENA_ALIGN != 0) {
    return -1;
  }
  *out = (size_t)v;
  return 0;
}

typedef struct gen_args {
  const char *model;
  const char *dir;
  const char *name;
  const char *target;
  const char *section;
  const char *arena;
} gen_args_t;

/* Returns -1 when the arguments parsed, else the exit status to return. */
static int parse_args(int argc, char **argv, gen_args_t *a) {
  int i;
  memset(a, 0, sizeof *a);
  a->target = "host";
  for (i = 2; i < argc; i++) {
    const char *arg = argv[i];
    const char **slot = NULL;
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      cli_usage(stdout);
      return CLI_EXIT_OK;
    }
    if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
      slot = &a->dir;
    } else if (strcmp(arg, "--name") == 0) {
      slot = &a->name;
    } else if (strcmp(arg, "--target") == 0) {
      slot = &a->target;
    } else if (strcmp(arg, "--section") == 0) {
      slot = &a->section;
    } else if (strcmp(arg, "--arena-bytes") == 0) {
      slot = &a->arena;
    } else if (arg[0] == '-' && arg[1] != '\0') {
      return cli_usage_error("gen: unknown option '%s'\n%s", arg, gen_usage);
    } else if (a->model != NULL) {
      return cli_usage_error("gen: one model at a time ('%s' and '%s')",
                             a->model, arg);
    } else {
      a->model = arg;
      continue;
    }
    if (i + 1 >= argc) {
      return cli_usage_error("gen: %s needs a value\n%s", arg, gen_usage);
    }
    *slot = argv[++i];
  }
  if (a->model == NULL || a->dir == NULL) {
    return cli_usage_error("gen: missing %s\n%s",
                           a->model == NULL ? "MODEL" : "-o DIR", gen_usage);
  }
  if (!cli_target_known(a->target)) {
    return cli_usage_error("gen: unknown target '%s' (host, m4, m55, rv32)",
                           a->target);
  }
  if (a->name != NULL &&
      (!is_identifier(a->name) || strlen(a->name) > GEN_NAME_MAX)) {
    return cli_usage_error("gen: --name '%s' is not a C identifier of at "
                           "most %d characters (letters, digits, '_'; not "
                           "starting with a digit)",
                           a->name, GEN_NAME_MAX);
  }
  if (a->name != NULL && is_reserved(a->name)) {
    return cli_usage_error("gen: --name '%s' is reserved: names starting "
                           "with '_', and 'mote' or 'mote_...', would clash "
                           "with mote's or C's own identifiers",
                           a->name);
  }
  if (a->section != NULL && !is_section_name(a->section)) {
    return cli_usage_error("gen: --section '%s': use letters, digits, '_', "
                           "'.' and '$' only",
                           a->section);
  }
  return -1;
}

int cli_cmd_gen(int argc, char **argv) {
  gen_args_t a;
  gen_plan_t *plan;
  cli_session_t *s;
  char *name = NULL;
  size_t given = 0;
  int rc = parse_args(argc, argv, &a);
  if (rc >= 0) {
    return rc;
  }
  if (a.arena != NULL && cli_target_is_host(a.target)) {
    return cli_usage_error("gen: --arena-bytes is for 32-bit targets; for "
                           "host, gen computes the exact figure itself");
  }
  if (a.arena != NULL && parse_bytes(a.arena, &given) != 0) {
    return cli_usage_error("gen: --arena-bytes '%s' is not a positive "
                           "multiple of %d",
                           a.arena, MOTE_ARENA_ALIGN);
  }
  plan = (gen_plan_t *)calloc(1, sizeof *plan);
  s = (cli_session_t *)calloc(1, sizeof *s);
  if (plan == NULL || s == NULL) {
    free(plan);
    free(s);
    cli_error("out of memory");
    return CLI_EXIT_FAIL;
  }
  rc = CLI_EXIT_FAIL;
  if (cli_session_open(s, a.model) != 0) {
    free(plan);
    free(s);
    return CLI_EXIT_FAIL;
  }
  if (a.name == NULL) {
    name = default_name(a.model);
  }
  plan->name = a.name != NULL ? a.name : name;
  plan->target = a.target;
  plan->section = a.section;
  plan->model_path = a.model;
  plan->model = s->file.data;
  plan->model_len = s->file.size;
  if (plan->name == NULL) {
    cli_error("out of memory");
  } else if (collect_kernels(s, plan) == 0 &&
             host_arena(s, plan, &plan->arena_bytes) == 0) {
    char why[640];
    int measured = 0;
    why[0] = '\0';
    if (!cli_target_is_host(a.target) && a.arena == NULL &&
        cli_target_measurable(a.target)) {
      measured = cli_target_measure(a.target, a.model, argv[0], &given, why,
                                    sizeof why) == 0;
    }
    if (!cli_target_is_host(a.target) && a.arena == NULL && !measured) {
      char how[512];
      cli_target_arena_how(a.target, a.model, how, sizeof how);
      cli_error("gen: %s%s%s, and pass --arena-bytes", why,
                why[0] != '\0' ? "; " : "", how);
    } else {
      if (a.arena != NULL || measured) {
        plan->arena_bytes = given;
      }
      if (cli_make_dirs(a.dir) == 0 && gen_write_all(plan, a.dir) == 0) {
        printf("mote gen: %s -> %s/%s_*: %lu kernel%s, arena %lu bytes (%s)\n",
               a.model, a.dir, plan->name, (unsigned long)plan->kernel_count,
               plan->kernel_count == 1 ? "" : "s",
               (unsigned long)plan->arena_bytes, a.target);
        rc = CLI_EXIT_OK;
      }
    }
  }
  free(name);
  cli_session_close(s);
  free(s);
  free(plan);
  return rc;
}
