/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * The kernel interface: what an operator implementation sees.
 *
 * A kernel is a pair of functions over a context. prepare() runs once, from
 * mote_interp_prepare(): it reads options and tensor shapes, rejects what it
 * cannot do with a named error, precomputes (multipliers, lookup tables)
 * into persistent arena memory and requests scratch. invoke() runs on every
 * inference and trusts what prepare checked: it keeps in its op data what
 * it needs of the shapes, options and any constant table it indexes with,
 * and fetches only data pointers (mote_kctx_input_data()), so that a small
 * model does not spend its invoke re-reading the flatbuffer, and so that
 * model bytes that change after prepare cannot lead it out of bounds
 * (mote/model.h). Views, options and the custom options bytes still work
 * in invoke(), but read the model as it is then; mote's own kernels never
 * ask for them there. Neither may keep pointers to the context itself.
 *
 * Built-in and custom operators use the same interface; an application adds
 * its own ops through mote_resolver_add_custom(). Optimized variants for a
 * CPU are other mote_kernel_t values with the same semantics; a backward
 * pass for on-device training will be a further optional member.
 */
#ifndef MOTE_KERNEL_H
#define MOTE_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mote/status.h"
#include "mote/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The context a kernel's prepare() and invoke() get: opaque, read and
 * used through the mote_kctx_* functions below. */
typedef struct mote_kctx mote_kctx_t;

/** An operator implementation: what mote_resolver_add() and
 * mote_resolver_add_custom() register. Static storage. */
typedef struct mote_kernel {
  const char *name;    /**< for messages, e.g. "CONV_2D" */
  int32_t max_version; /**< newest operator version the kernel implements */
  /** Once, from mote_interp_prepare(): check, precompute, request memory;
   * MOTE_OK or the status of mote_kctx_fail(). */
  mote_status_t (*prepare)(mote_kctx_t *ctx);
  /** Every inference: compute the outputs; MOTE_OK or a failure status
   * (mote_kctx_fail()), which mote_interp_invoke() returns. */
  mote_status_t (*invoke)(mote_kctx_t *ctx);
} mote_kernel_t;

/**
 * Options: a bounds-checked reader over one flatbuffer table (builtin
 * options). Fields are numbered in schema order from 0. A missing field
 * reads as its default. Readers never go outside the model buffer; a field
 * that does not fit reads as the default too, and the model verifier has
 * already rejected such models.
 */
typedef struct mote_options {
  const uint8_t *base_;
  uint32_t size_;
  uint32_t table_; /**< 0 when the operator has no options table */
} mote_options_t;

/** @{ */
/** Field `field` (schema order, from 0) of the options table as the
 * scalar type in the name; `def` when the field or the table is missing. */
int32_t mote_options_i32(const mote_options_t *o, unsigned field, int32_t def);
uint8_t mote_options_u8(const mote_options_t *o, unsigned field, uint8_t def);
bool mote_options_bool(const mote_options_t *o, unsigned field, bool def);
float mote_options_f32(const mote_options_t *o, unsigned field, float def);
/** @} */

/** Copies the [int] vector in `field` into out[0..cap). Sets *count to its
 * length (0 when absent). MOTE_ERR_CAPACITY when longer than cap,
 * MOTE_ERR_CORRUPT_MODEL when it does not fit in the buffer. */
mote_status_t mote_options_i32_vector(const mote_options_t *o, unsigned field,
                                      int32_t *out, uint32_t cap,
                                      uint32_t *count);

/* --- Context: valid only during the prepare()/invoke() call. --- */

/** Number of the operator's inputs, absent optional ones included. */
uint32_t mote_kctx_input_count(const mote_kctx_t *ctx);
/** Number of the operator's outputs. */
uint32_t mote_kctx_output_count(const mote_kctx_t *ctx);

/** @{ */
/** Fills `out` with operator input / output `i`. An optional input given as
 * -1 yields MOTE_OK with MOTE_TENSOR_ABSENT set. MOTE_ERR_BAD_SHAPE (with a
 * message) when `i` is beyond the operator's inputs / outputs. */
mote_status_t mote_kctx_input(mote_kctx_t *ctx, uint32_t i, mote_tensor_t *out);
mote_status_t mote_kctx_output(mote_kctx_t *ctx, uint32_t i,
                               mote_tensor_t *out);
/** @} */
/** @{ */
/**
 * The data pointer alone of operator input / output `i`: what .data of
 * mote_kctx_input() / mote_kctx_output() would be, without reading the
 * tensor's shape and quantization from the model. Meant for invoke(),
 * where prepare() has already checked (and kept in its op data) every
 * shape the kernel needs; at invoke the pointer is valid for the call.
 * During prepare() it is NULL for activations, as the view's. NULL when
 * `i` is beyond the operator's inputs / outputs or the input is absent
 * (-1); no message is recorded. Reads only the arena: the operand list
 * was copied there at init.
 */
void *mote_kctx_input_data(const mote_kctx_t *ctx, uint32_t i);
void *mote_kctx_output_data(const mote_kctx_t *ctx, uint32_t i);
/** @} */

/** Intermediate tensor `i` (quantization carriers of integer LSTM). */
mote_status_t mote_kctx_intermediate(mote_kctx_t *ctx, uint32_t i,
                                     mote_tensor_t *out);

/** The operator's index in the subgraph (for messages). */
int32_t mote_kctx_op_index(const mote_kctx_t *ctx);
/** The operator's version as the model gives it (1 or more; 0 when the
 * model no longer has the operator). Reads the model: ask in prepare. */
int32_t mote_kctx_op_version(const mote_kctx_t *ctx);

/** The operator's builtin options. `union_type` is the BuiltinOptions union
 * index the kernel expects (e.g. 1 for Conv2DOptions). An operator without
 * options yields an empty reader (all defaults). MOTE_ERR_CORRUPT_MODEL
 * when the model stores another options type. */
mote_status_t mote_kctx_builtin_options(mote_kctx_t *ctx, uint8_t union_type,
                                        mote_options_t *out);

/** The operator's custom options bytes (in the model buffer); *len is 0 and
 * *data NULL when there are none. */
void mote_kctx_custom_options(const mote_kctx_t *ctx, const uint8_t **data,
                              uint32_t *len);

/** Persistent memory from the arena tail, 8-byte aligned, zeroed, alive as
 * long as the interpreter. prepare() only; MOTE_ERR_ARENA_TOO_SMALL when
 * the arena is full, MOTE_ERR_BAD_STATE outside prepare(). */
mote_status_t mote_kctx_alloc_persistent(mote_kctx_t *ctx, size_t bytes,
                                         void **out);

/** State memory: persistent like the above, but zeroed again by
 * mote_interp_reset_state(). For what a kernel carries from one invoke to
 * the next outside variable tensors (a noise estimate, a filter history),
 * so that an application can restart a stream. prepare() only; errors as
 * mote_kctx_alloc_persistent. */
mote_status_t mote_kctx_alloc_state(mote_kctx_t *ctx, size_t bytes,
                                    void **out);

/** @{ */
/** Per-operator pointer kept from prepare() to invoke() (usually the
 * kernel's persistent op data): set and get. */
void mote_kctx_set_user_data(mote_kctx_t *ctx, void *data);
void *mote_kctx_user_data(const mote_kctx_t *ctx);
/** @} */

/** Requests `bytes` of scratch that is valid only during this operator's
 * invoke(); the planner overlaps it with activations not live then.
 * prepare() only; writes the handle to *index. */
mote_status_t mote_kctx_request_scratch(mote_kctx_t *ctx, size_t bytes,
                                        int32_t *index);
/**
 * Tells the planner that this operator can write its output 0 over its
 * input `input` when that input is not used after this operator and
 * starts exactly `rel` bytes (a multiple of MOTE_ARENA_ALIGN) after the
 * output. The planner overlaps the two where that lowers the plan and
 * nothing else is in the way; invoke() finds out by comparing the data
 * pointers and must compute correctly either way (apart, or overlapped
 * exactly so). prepare() only (else MOTE_ERR_BAD_STATE). MOTE_ERR_BAD_ARG
 * for a `rel` that is not a multiple of MOTE_ARENA_ALIGN or an input the
 * operator does not have.
 */
mote_status_t mote_kctx_request_share(mote_kctx_t *ctx, uint32_t input,
                                      uint32_t rel);
/** The scratch buffer `index` (16-byte aligned), or NULL for a bad index. */
void *mote_kctx_scratch(const mote_kctx_t *ctx, int32_t index);

/**
 * Records a failure for this operator and returns `status`, so kernels can
 * write `return mote_kctx_fail(ctx, MOTE_ERR_BAD_SHAPE, "...", ...)`.
 * The message is prefixed with the operator index and name. `fmt` accepts
 * %d (int), %u (unsigned), %ld (long), %s and %%; nothing else. Never
 * returns MOTE_OK: a `status` of MOTE_OK is recorded and returned as
 * MOTE_ERR_KERNEL.
 */
mote_status_t mote_kctx_fail(mote_kctx_t *ctx, mote_status_t status,
                             const char *fmt, ...);

/* The macros below route every call through mote_kctx_failed_(), which
 * tells the compiler and the static analyzers (clang's, GCC's -fanalyzer),
 * who see only this header, that the result is never MOTE_OK: callers
 * that return it on a failure path then never look like a success with
 * their out pointers unset. It adds no code (libmote for Cortex-M4F got
 * some 600 bytes smaller: the compiler drops the tests it makes moot). */
static inline mote_status_t mote_kctx_failed_(mote_status_t status) {
#if defined(__GNUC__) || defined(__clang__)
  if (status == MOTE_OK) {
    __builtin_unreachable(); /* mote_kctx_fail() never returns MOTE_OK */
  }
#endif
  return status;
}

#if defined(mote_kctx_fail)
/* Renamed by a macro of its own (the reference twin of the kernel tests,
 * cmake/ref_twin.sh): plain calls. */
#elif defined(MOTE_NO_ERROR_STRINGS)
/** Drop the message text from flash, keep the status (see status.h). */
int mote_unused_format_(const char *fmt, ...);
#define mote_kctx_fail(ctx, status, ...)                                      \
  mote_kctx_failed_(((void)sizeof(mote_unused_format_(__VA_ARGS__)),          \
                     mote_kctx_fail((ctx), (status), "")))
#else
/** mote_kctx_fail(), its result known to the compiler to be an error. */
#define mote_kctx_fail(ctx, status, ...)                                      \
  mote_kctx_failed_(mote_kctx_fail((ctx), (status), __VA_ARGS__))
#endif

#ifdef __cplusplus
}
#endif

#endif /* MOTE_KERNEL_H */
