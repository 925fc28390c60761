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
 *   cmd_diff.c     `mote diff`
 *   cmd_profile.c  `mote profile`
 *   cmd_learn.c    `mote learn`
 *   cli_dataset.c  labelled folders (one subdirectory per class) for learn
 *   cli_summary.c  reading tensor elements and summarising outputs
 *   cli_args.c     option parsing shared by the commands
 *   cli_inputs.c   --input / --inputs / --random into input tensor bytes
 *   cli_convert.c  decoded values into a tensor's type
 *   cli_npy.c      .npy reading and writing
 *   cli_wav.c      16-bit PCM .wav reading
 *   cli_image.c    PGM/PPM and BMP decoding
 *   cli_png.c      PNG decoding (libpng, when found at configure time)
 *   cli_outputs.c  labels, top-k and the JSON form of output tensors
 *   cli_target.c   the targets of gen and inspect, and their arena figure
 *   cli_svg.c      the memory plan as an SVG picture (inspect --svg)
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
#include "mote/custom_ops.h"
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

/* 1 when `path` names a directory. */
int cli_is_dir(const char *path);

/* Creates directory `path` and any missing parents (like mkdir -p).
 * Returns 0, or -1 after printing "mote: PATH: reason". */
int cli_make_dirs(const char *path);

/* Little-endian reads of 4 and 2 bytes (the caller checks the bounds). */
uint32_t cli_le32(const uint8_t *p);
uint16_t cli_le16(const uint8_t *p);

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
      entries[MOTE_RESOLVER_BUILTINS + MOTE_RESOLVER_SIGNAL_OPS +
              MOTE_RESOLVER_CUSTOM_OPS];
  mote_resolver_t resolver;
  cli_buffer_t arena_buf;
  mote_arena_t arena;
  mote_interp_t interp;
  size_t arena_bytes;
  int prepared;
  /* When plan_rec is set, cli_session_prepare records the plan into it
   * (mote_interp_record_plan): plan_cap entries, plan_count buffers. */
  mote_plan_entry_t *plan_rec;
  uint32_t plan_cap;
  uint32_t plan_count;
  /* When set, cli_session_prepare calls it between mote_interp_init and
   * mote_interp_prepare (to keep a tensor, say) with `hook_user`. */
  mote_status_t (*before_prepare)(mote_interp_t *interp, void *user,
                                  mote_error_t *err);
  void *hook_user;
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

/* cli_session_open, then cli_session_prepare in an arena of
 * `arena_bytes`. Returns 0, or -1 after printing (the session is closed). */
int cli_session_start(cli_session_t *s, const char *path, size_t arena_bytes);

/* Copies inputs[i] (exactly the tensor's bytes, from cli_inputs_load) into
 * each of the `count` inputs, resets the variable tensors when `reset`
 * (every run after the first: inputs may share memory with activations,
 * and state would drift), invokes, and sets *seconds to the time of
 * mote_interp_invoke alone (0 without a platform clock). Prints nothing;
 * returns the invoke's status with `err` filled. */
mote_status_t cli_session_invoke(cli_session_t *s, const cli_buffer_t *inputs,
                                 uint32_t count, int reset, double *seconds,
                                 mote_error_t *err);

void cli_session_close(cli_session_t *s);

/* Like cli_write_file, but through PATH.tmp and a rename, so that PATH
 * holds either its old contents or all of the new ones. */
int cli_write_file_atomic(const char *path, const void *data, size_t size);

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

/* --- cli_op_uses.c ----------------------------------------------------- */

/* Whether operator `op` of subgraph `sg` is the op `kind` names: the same
 * builtin code and, for a custom op, the same name. */
int cli_op_is(const mote_model_t *m, uint32_t sg, uint32_t op,
              const mote_op_info_t *kind);

/* Whether an operator before (sg, op), subgraphs then operators in order,
 * is the op `kind` names: so each op is reported once, at its first use. */
int cli_op_used_before(const mote_model_t *m, uint32_t sg, uint32_t op,
                       const mote_op_info_t *kind);

typedef enum {
  CLI_USES_COUNT,      /* print nothing */
  CLI_USES_TEXT,       /* "0, 2, subgraph 1 op 0" */
  CLI_USES_JSON_MAIN,  /* "0, 2": the main subgraph's operator indices */
  CLI_USES_JSON_PAIRS  /* "[0, 0], [0, 2], [1, 0]": [subgraph, operator] */
} cli_uses_format_t;

/* Every operator of every subgraph that is the op `kind` names, printed
 * to `f` in `format`; returns how many there are. */
uint32_t cli_op_uses(FILE *f, const mote_model_t *m,
                     const mote_op_info_t *kind, cli_uses_format_t format);

/* How many operators of the main subgraph are the op `kind` names. */
uint32_t cli_op_uses_main(const mote_model_t *m, const mote_op_info_t *kind);

/* --- cli_summary.c ----------------------------------------------------- */

/* Writes "[1, 28, 28, 3]" into buf[cap]. */
void cli_format_shape(const mote_tensor_t *t, char *buf, size_t cap);

/* Element `i` of `t` as a double; returns 0 (and leaves *out alone) for
 * types without a numeric reading (string, int4, complex...). */
int cli_tensor_value(const mote_tensor_t *t, uint32_t i, double *out);

/* Writes "[1, 28, 28, 3]" for `rank` dims into buf[cap]. */
void cli_format_dims(const int32_t *dims, int rank, char *buf, size_t cap);

/* 1 when `t` is an integer tensor with quantization parameters. */
int cli_is_quantized(const mote_tensor_t *t);

/* (v - zero_point) * scale for element `i` of `t` (per channel when the
 * tensor has per-channel parameters). */
double cli_dequantize(const mote_tensor_t *t, uint32_t i, double v);

/* Prints the summary of one output to `f`: name, type, shape,
 * quantization, then the values (<= 16 elements, also dequantized) or
 * min / max / argmax. */
void cli_print_tensor_summary(FILE *f, const char *label, const char *name,
                              const mote_tensor_t *t);

/* --- cli_args.c -------------------------------------------------------- */

/* Parses decimal digits, optionally followed by K (x1024) or M (x1024^2)
 * when `suffixes` is set. Returns 0, or -1 for anything else. */
int cli_parse_count(const char *s, int suffixes, unsigned long long *out);

/* Matches "--name VALUE" and "--name=VALUE" at argv[*i]; advances *i past
 * VALUE. Returns 1 on a match with *value set, 0 when argv[*i] is another
 * argument, and -1 (after a usage message naming argv[1], the command)
 * when the value is missing. */
int cli_take_option(int argc, char **argv, int *i, const char *name,
                    const char **value);

/* 1 for "--help" and "-h". */
int cli_is_help(const char *arg);

/* Takes "--arena-bytes N" (K and M suffixes) into *bytes, like
 * cli_take_option; -1 also for a value that is not a byte count. */
int cli_arena_option(int argc, char **argv, int *i, size_t *bytes);

/* Flushes stdout; turns `rc` 0 into 1 (after a message) when that fails,
 * so a full disk is not a silent success. Returns the exit status. */
int cli_finish(int rc);

/* --- cli_inputs.c ------------------------------------------------------ */

#define CLI_MAX_INPUT_FILES 64

/* Where the model inputs come from (see cli_inputs.c for the rules). */
typedef struct cli_input_spec {
  const char *files[CLI_MAX_INPUT_FILES]; /* --input, in input order */
  int file_count;
  const char *dir; /* --inputs DIR: DIR/input_<i>.bin */
  int random;      /* --random SEED: inputs no --input gives */
  uint32_t seed;
  int raw_pixels; /* --raw-pixels: pixel bytes into int8 unchanged */
} cli_input_spec_t;

/* Takes --input, --inputs or --random at argv[*i] into `spec`, like
 * cli_take_option. Returns 1 when taken, 0 when argv[*i] is something
 * else, -1 after a usage message. */
int cli_input_option(int argc, char **argv, int *i, cli_input_spec_t *spec);

/* Fills bufs[i] (one per model input, zeroed by the caller) with exactly
 * the bytes of input i of the prepared session, and, when `notes` is not
 * NULL, writes one line per input to it saying where its data came from
 * and how it was converted. Returns 0, or -1 after printing one
 * "mote: FILE: ..." line; the caller frees the buffers in both cases. */
int cli_inputs_load(cli_session_t *s, const cli_input_spec_t *spec,
                    cli_buffer_t *bufs, FILE *notes);

/* `count` zeroed buffers for cli_inputs_load (at least one, so never NULL
 * for a model without inputs); NULL after printing when out of memory. */
cli_buffer_t *cli_inputs_alloc(uint32_t count);
void cli_inputs_free(cli_buffer_t *bufs, uint32_t count);

/* --- cli_convert.c ----------------------------------------------------- */

/*
 * Stores `n` values (the tensor's element count) into t->data by t's type:
 *   - float32: each value rounded to float;
 *   - integer types, `real` 0: each value as it is; one outside the type's
 *     range is an error;
 *   - integer types, `real` 1 (values from float data): quantized with the
 *     tensor's per-tensor scale and zero point (round half away from
 *     zero, saturating; mote_quantize_floats for int8 and int16); an
 *     unquantized or per-channel tensor is an error.
 * Other types are errors. Returns 0, or -2 with why[cap] set to a phrase
 * that follows the input's description ("value 300 at index 0 does not
 * fit int8"), or -1 (out of memory).
 */
int cli_store_values(mote_tensor_t *t, const double *v, size_t n, int real,
                     char *why, size_t cap);

/* --- cli_npy.c, cli_wav.c, cli_image.c, cli_png.c ---------------------- */

#define CLI_NPY_MAX_RANK 8

/* A parsed .npy file; `data` points into the caller's bytes. */
typedef struct cli_npy {
  mote_type_t type;
  int32_t shape[CLI_NPY_MAX_RANK];
  int rank;
  size_t count; /* elements */
  const uint8_t *data;
  size_t bytes;
} cli_npy_t;

/* Each decoder returns 0, or -1 with a reason in why[cap]. */
int cli_npy_parse(const uint8_t *bytes, size_t size, cli_npy_t *out,
                  char *why, size_t cap);

/* The .npy type string without byte order ("i1", "f4"), or NULL. */
const char *cli_npy_descr(mote_type_t type);

/* Writes the tensor's bytes, type and shape as a version 1.0 .npy file.
 * Returns 0, or -1 after printing. */
int cli_npy_write(const char *path, const mote_tensor_t *t);

typedef struct cli_wav {
  const uint8_t *samples; /* little-endian int16, into the caller's bytes */
  size_t count;
  uint32_t rate;
  uint16_t channels;
  uint16_t bits;
} cli_wav_t;

int cli_wav_parse(const uint8_t *bytes, size_t size, cli_wav_t *out,
                  char *why, size_t cap);
int16_t cli_wav_sample(const cli_wav_t *w, size_t i);

/* 8-bit pixels, top row first, `channels` (1 gray or 3 RGB) per pixel. */
typedef struct cli_image {
  uint8_t *pixels; /* malloc'ed; cli_image_free */
  uint32_t width;
  uint32_t height;
  uint32_t channels;
} cli_image_t;

int cli_pnm_decode(const uint8_t *bytes, size_t size, cli_image_t *img,
                   char *why, size_t cap);
int cli_bmp_decode(const uint8_t *bytes, size_t size, cli_image_t *img,
                   char *why, size_t cap);
int cli_png_decode(const uint8_t *bytes, size_t size, cli_image_t *img,
                   char *why, size_t cap);
void cli_image_free(cli_image_t *img);

/* --- cli_outputs.c ----------------------------------------------------- */

/* Labels read from a file, one per line. */
typedef struct cli_labels {
  char *text;         /* the file, each line end replaced by a NUL */
  const char **names; /* [count], into text */
  uint32_t count;
} cli_labels_t;

/* Reads `path`. Returns 0, or -1 after printing what is wrong (missing,
 * empty, an empty line, not text). */
int cli_labels_load(const char *path, cli_labels_t *out);
void cli_labels_free(cli_labels_t *l);

/* Writes into order[] the indices of the min(k, elements) highest scores
 * of `t` (dequantized when quantized), best first, ties by lower index.
 * Returns how many were written. */
uint32_t cli_top_k(const mote_tensor_t *t, uint32_t k, uint32_t *order);

/* "  1. label   score  (index i)" lines; `labels` may be NULL. */
void cli_print_top_k(FILE *f, const mote_tensor_t *t, const uint32_t *order,
                     uint32_t k, const cli_labels_t *labels);

/* The same as a JSON list of {"index", "label", "score"}. */
void cli_json_top_k(FILE *f, const mote_tensor_t *t, const uint32_t *order,
                    uint32_t k, const cli_labels_t *labels);

/* One output as a JSON object: index, tensor, name, type, shape, bytes,
 * quantization ({scale, zero_point} or null), values (every element;
 * null for non-numeric types) and, when quantized, dequantized. */
void cli_json_tensor(FILE *f, uint32_t index, const char *name,
                     const mote_tensor_t *t);

/* --- cli_target.c ------------------------------------------------------ */

/* Whether `target` is one of host, m4, m55, rv32. */
int cli_target_known(const char *target);

/* Whether the host computes `target`'s arena itself (host only). */
int cli_target_is_host(const char *target);

/* Into buf: why the host cannot give the arena of non-host `target` and
 * how to measure it for `model` (one sentence, no newline). */
void cli_target_arena_how(const char *target, const char *model, char *buf,
                          size_t cap);

/* Whether cli_target_measure can measure `target` (m4, m55). */
int cli_target_measurable(const char *target);

/* Measures the arena `model` needs on `target` (m4 or m55) by running
 * tools/gen/target_arena.sh of the source tree (or $MOTE_TARGET_ARENA_SCRIPT)
 * under QEMU, with MOTE set to this binary (found from /proc/self/exe, else
 * argv0). Takes as long as a cross build. Returns 0 with *bytes, or -1 with
 * the reason in why (the missing tool or script, or the script's exit
 * status and last message; the script's messages go to stderr). */
int cli_target_measure(const char *target, const char *model,
                       const char *argv0, size_t *bytes, char *why,
                       size_t cap);

/* --- cli_dataset.c ---------------------------------------------------- */

/* A labelled folder: DIR/<class>/<file>, classes and files sorted by
 * name (strcmp), hidden entries (leading '.') skipped. */
typedef struct cli_dataset {
  char **class_names;  /* [class_count], malloc'ed */
  uint32_t class_count;
  char **paths;        /* [count]: "DIR/<class>/<file>", malloc'ed */
  uint32_t *labels;    /* [count]: the class index of each file */
  uint32_t count;
} cli_dataset_t;

/* Scans `dir`. Returns 0, or -1 after printing "mote: DIR: reason" (not a
 * directory, no class subdirectories, an empty class). */
int cli_dataset_scan(const char *dir, cli_dataset_t *out);
void cli_dataset_free(cli_dataset_t *d);

/* --- cli_svg.c --------------------------------------------------------- */

/* What the memory plan picture shows: the plan mote_interp_prepare
 * recorded (mote_interp_record_plan), over the model's operators. */
typedef struct cli_plan_view {
  const char *title;                /* the model's path */
  const mote_model_t *model;        /* names, shapes, inputs and outputs */
  const mote_plan_entry_t *entries; /* every buffer of the plan */
  uint32_t count;
  uint32_t op_count;
  const mote_memory_usage_t *usage; /* peak and persistent totals */
} cli_plan_view_t;

/* Writes the plan as SVG to `path`. Returns 0, or -1 after printing
 * "mote: PATH: reason". */
int cli_svg_write_plan(const char *path, const cli_plan_view_t *v);

/* --- commands ---------------------------------------------------------- */

int cli_cmd_inspect(int argc, char **argv);
int cli_cmd_run(int argc, char **argv);
int cli_cmd_ops(int argc, char **argv);
int cli_cmd_gen(int argc, char **argv);
int cli_cmd_diff(int argc, char **argv);
int cli_cmd_profile(int argc, char **argv);
int cli_cmd_learn(int argc, char **argv);

/* Prints the full usage text. */
void cli_usage(FILE *f);

/* Prints "mote: <formatted>" and a hint to run `mote help` to stderr, and
 * returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...);

#endif /* MOTE_TOOLS_CLI_H */
