/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared declarations of the `mote` command-line tool.
 *
 * The tool is host-only: it may use stdio, malloc and exit, which the
 * library may not. Each source file does one job:
 *   main.c         argument dispatch, usage and version
 *   cli_io.c       error printing, aligned buffers, reading and writing files
 *   cli_session.c  model + resolver + arena + interpreter set-up
 *   cli_json.c     JSON string and number output
 *   macs.c         multiply-accumulate counts per operator
 *   cmd_inspect.c  `mote inspect`
 *   cmd_run.c      `mote run`
 *   cmd_gen.c      `mote gen` (gen.h; files written by gen_write.c,
 *                  kernel names from gen_symbols.c)
 *   cli_summary.c  reading tensor elements and summarising outputs
 *
 * Exit status everywhere: 0 success, 1 failure (model, files, run), 2 bad
 * usage.
 */
#ifndef MOTE_TOOLS_CLI_H
#define MOTE_TOOLS_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mote/mote.h"
#include "mote/signal_ops.h"

#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2

/* The arena `inspect` plans in, and `run` uses without --arena-bytes. */
#define CLI_DEFAULT_ARENA_BYTES ((size_t)16 * 1024u * 1024u)

/* --- cli_io.c ---------------------------------------------------------- */

/* A heap buffer whose `data` is 16-byte aligned and holds `size` bytes. */
typedef struct cli_buffer {
  void *raw_;    /* what malloc returned; freed by cli_buffer_free */
  uint8_t *data; /* 16-byte aligned; NULL when empty */
  size_t size;
} cli_buffer_t;

/* Prints "mote: <formatted>\n" to stderr. */
void cli_error(const char *fmt, ...);

/* Prints "mote: WHAT: <status name>[: <message>]\n" to stderr for a failed
 * library call. `err` may be NULL or hold an empty message. */
void cli_report(const char *what, mote_status_t status,
                const mote_error_t *err);

/* Resets `err` so that a call that fails without writing it leaves an
 * empty message rather than a stale one. */
void cli_error_clear(mote_error_t *err);

/* Allocates `size` zeroed bytes, 16-byte aligned (a zero size gives a
 * valid, 16-aligned, empty buffer). Returns 0, or -1 after printing. */
int cli_buffer_alloc(cli_buffer_t *b, size_t size);
void cli_buffer_free(cli_buffer_t *b);

/* Reads the whole file at `path` into a fresh aligned buffer. Returns 0, or
 * -1 after printing "mote: PATH: reason". */
int cli_read_file(const char *path, cli_buffer_t *out);

/* Writes `size` bytes to `path` (created or truncated). Returns 0, or -1
 * after printing "mote: PATH: reason". */
int cli_write_file(const char *path, const void *data, size_t size);

/* Creates directory `path` and any missing parents (like mkdir -p).
 * Returns 0, or -1 after printing "mote: PATH: reason". */
int cli_make_dirs(const char *path);

/* "DIR/NAME" in a malloc'ed string (exits on allocation failure). */
char *cli_path_join(const char *dir, const char *name);

/* --- cli_session.c ----------------------------------------------------- */

/*
 * Everything one model needs at run time, owned by the tool. The struct
 * holds pointers into itself once prepared, so it must not be copied or
 * moved.
 */
typedef struct cli_session {
  const char *path;
  cli_buffer_t file;
  mote_model_t model;
  mote_resolver_entry_t
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS];
  mote_resolver_t resolver;
  cli_buffer_t arena_buf;
  mote_arena_t arena;
  mote_interp_t interp;
  size_t arena_bytes;
  int prepared;
} cli_session_t;

/* Reads and verifies the model at `path`. Returns 0, or -1 after printing
 * "mote: PATH: <status>: <message>". */
int cli_session_open(cli_session_t *s, const char *path);

/* Builds the resolver of every built-in kernel and signal op into
 * s->resolver (also done by cli_session_prepare). Returns its status. */
mote_status_t cli_session_resolver(cli_session_t *s);

/* Builds the all-builtins resolver, an arena of exactly `arena_bytes`
 * usable bytes, and runs mote_interp_init + mote_interp_prepare. Prints
 * nothing: on failure returns the status with `err` filled. */
mote_status_t cli_session_prepare(cli_session_t *s, size_t arena_bytes,
                                  mote_error_t *err);

void cli_session_close(cli_session_t *s);

/* --- cli_json.c -------------------------------------------------------- */

/* Writes `s` as a JSON string literal: quotes, backslashes and control
 * characters escaped, invalid UTF-8 replaced by U+FFFD. NULL writes null. */
void cli_json_string(FILE *f, const char *s);

/* Writes a float as a JSON number that reads back to the same float32
 * (null for NaN and infinities, which JSON cannot hold). */
void cli_json_float(FILE *f, double v);

/* --- macs.c ------------------------------------------------------------ */

/* Multiply-accumulates of operator `op` of `subgraph` for one invoke,
 * from the tensor shapes in the model. 0 for ops that are not
 * convolutions, depthwise convolutions, fully connected, LSTM or SVDF. */
uint64_t cli_op_macs(const mote_model_t *model, uint32_t subgraph,
                     uint32_t op);

/* --- cli_summary.c ----------------------------------------------------- */

/* Writes "[1, 28, 28, 3]" into buf[cap]. */
void cli_format_shape(const mote_tensor_t *t, char *buf, size_t cap);

/* Element `i` of `t` as a double; returns 0 (and leaves *out alone) for
 * types without a numeric reading (string, int4, complex...). */
int cli_tensor_value(const mote_tensor_t *t, uint32_t i, double *out);

/* Prints the summary of one output to `f`: name, type, shape,
 * quantization, then the values (<= 16 elements, also dequantized) or
 * min / max / argmax. */
void cli_print_tensor_summary(FILE *f, const char *label, const char *name,
                              const mote_tensor_t *t);

/* --- commands ---------------------------------------------------------- */

int cli_cmd_inspect(int argc, char **argv);
int cli_cmd_run(int argc, char **argv);
int cli_cmd_ops(int argc, char **argv);
int cli_cmd_gen(int argc, char **argv);

/* Prints the full usage text. */
void cli_usage(FILE *f);

/* Prints "mote: <formatted>" and a hint to run `mote help` to stderr, and
 * returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...);

#endif /* MOTE_TOOLS_CLI_H */
