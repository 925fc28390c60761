/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * Arena and interpreter.
 *
 * One arena, handed over by the application, holds everything a model needs
 * at run time. Persistent data (tensor table, kernel op data, variable
 * tensors) is taken from the tail; planned activations and kernel scratch
 * live at the head, overlapped by lifetime. Several interpreters may share
 * one arena: their persistent parts stack at the tail and their activation
 * plans overlap at the head, so they must not run at the same time, and an
 * input written for one may be overwritten by another's invoke.
 *
 * Call order: mote_arena_init, mote_interp_init, (mote_interp_keep_tensor
 * for tensors to read after invoke), mote_interp_prepare, then fill inputs
 * and mote_interp_invoke as often as needed.
 *
 * Inputs are consumed: as in TFLM, once the last operator that reads a
 * model input has run, its bytes belong to later tensors, and operators
 * may write their output over an input that dies with them (row by row
 * for convolutions: kernels/inplace.h). Write the inputs before every
 * invoke; keep a copy, or mark the tensor with mote_interp_keep_tensor,
 * to read them afterwards.
 */
#ifndef MOTE_INTERP_H
#define MOTE_INTERP_H

#include <stddef.h>
#include <stdint.h>

#include "mote/model.h"
#include "mote/resolver.h"
#include "mote/status.h"
#include "mote/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Alignment of every tensor and scratch buffer in the arena. */
#define MOTE_ARENA_ALIGN 16

typedef struct mote_arena {
  uint8_t *base_;     /**< first aligned byte */
  size_t size_;       /**< usable bytes from base_ */
  size_t tail_used_;  /**< persistent bytes taken from the end */
  size_t head_peak_;  /**< largest head (activation plan or temp) seen */
} mote_arena_t;

/** Takes `bytes` at `buffer` (owned by the caller; must outlive every
 * interpreter on it) as an arena. MOTE_ERR_BAD_ARG for NULL. */
mote_status_t mote_arena_init(mote_arena_t *arena, void *buffer, size_t bytes);

/** Bytes of arena needed so far by everything on it: the largest head plus
 * all persistent data, rounded up to MOTE_ARENA_ALIGN. An arena of this
 * size at a 16-byte aligned address is enough. */
size_t mote_arena_used_bytes(const mote_arena_t *arena);

/** Profiling hook, called before (`end` = 0) and after (`end` = 1) each
 * operator. */
typedef void (*mote_profile_fn)(void *user, uint32_t op_index, int32_t op_code,
                                int end);

/** Private: one operator's run-time record, in the arena tail. */
typedef struct mote_node mote_node_t;
/** Private: one scratch request of the plan, in the arena tail. */
typedef struct mote_scratch mote_scratch_t;
/** Private: a run of variable tensors to reset, in the arena tail. */
typedef struct mote_variable mote_variable_t;
/** Private: where a subgraph's tensors and operators are (several
 * subgraphs only). */
typedef struct mote_subgraph mote_subgraph_t;
/** Private: a model input's or output's tensor, type and size, kept at
 * prepare. */
typedef struct mote_io_tensor mote_io_tensor_t;

/** What one operator's kernel took while it prepared: filled by
 * mote_interp_prepare into an array given to
 * mote_interp_record_op_memory(). Bytes. */
typedef struct mote_op_memory {
  size_t persistent_bytes; /**< arena tail: op data and state, as aligned */
  size_t scratch_bytes;    /**< its scratch requests, added up */
  uint32_t scratch_count;  /**< how many it requested */
} mote_op_memory_t;

/**
 * One buffer of the activation plan at the arena head, as
 * mote_interp_prepare placed it: a planned tensor or a kernel's scratch
 * buffer, with the operators during which it holds its bytes. Filled into
 * an array given to mote_interp_record_plan(), for tools that show or
 * check the plan (`mote inspect --svg`).
 */
typedef struct mote_plan_entry {
  int32_t tensor;    /**< tensor index of the subgraph, or -1 for scratch */
  uint32_t scratch;  /**< scratch buffers: their number, in the order the
                          kernels requested them over all operators (as
                          mote_kctx_request_scratch numbers them per
                          operator); 0 for tensors */
  uint32_t offset;   /**< bytes from the arena base, where the head starts */
  uint32_t bytes;    /**< size, rounded up to MOTE_ARENA_ALIGN */
  uint32_t first_op; /**< first operator during which it is alive: the one
                          that writes it, 0 for a model input or a tensor
                          read before any operator writes it */
  uint32_t last_op;  /**< last operator during which it is alive; the
                          operator count for a model output or a kept
                          tensor, which stay alive after the run */
} mote_plan_entry_t;

/**
 * Where an interpreter's arena bytes go, after prepare
 * (mote_interp_memory_usage). Bytes throughout. TFLM's
 * RecordingMicroAllocator gives the like.
 *
 *   arena_bytes = persistent_bytes + head_bytes, rounded up to
 *                 MOTE_ARENA_ALIGN: mote_interp_arena_used_bytes()
 *   persistent_bytes = runtime_bytes + variable_bytes + kernel_bytes
 *                      + constant_bytes
 *   head_bytes = the larger of planned_bytes and what planning itself
 *                needed for a while (scratch records, the plan's work
 *                space), which the activations overwrite afterwards
 *
 * planned_bytes is what the memory plan needs at the peak; tensor_bytes
 * and scratch_bytes are what it would need if nothing shared memory, so
 * their sum against planned_bytes is what the lifetime-based plan saves.
 */
typedef struct mote_memory_usage {
  size_t arena_bytes;      /**< this interpreter alone, as above */
  size_t persistent_bytes; /**< its part of the arena tail */
  size_t runtime_bytes;    /**< tensor data pointers, operator nodes, scratch
                              offsets, kept-tensor marks, with alignment */
  size_t variable_bytes;   /**< variable (state) tensors, with alignment */
  size_t kernel_bytes;     /**< op data and state the kernels took in prepare
                              (the mote_op_memory_t persistent_bytes sum) */
  size_t head_bytes;       /**< its part of the arena head, as above */
  size_t planned_bytes;    /**< activations and scratch, overlapped by
                              lifetime: the plan's peak */
  size_t tensor_bytes;     /**< planned tensors, each rounded up to
                              MOTE_ARENA_ALIGN, added up */
  size_t scratch_bytes;    /**< every scratch request, added up */
  uint32_t tensor_count;   /**< tensors in the plan */
  uint32_t scratch_count;  /**< scratch buffers in the plan */
  size_t constant_bytes;   /**< aligned copies of constants the model stores
                              less aligned than their elements (init makes
                              them), with alignment */
} mote_memory_usage_t;

/** Caller-allocated interpreter handle; fields are private. */
typedef struct mote_interp {
  const mote_model_t *model_;
  const mote_resolver_t *resolver_;
  mote_arena_t *arena_;
  uint32_t subgraph_;
  uint32_t tensor_count_;
  uint32_t op_count_;
  uint32_t *tensor_at_;     /**< arena tail: where each tensor's data is */
  mote_node_t *nodes_;      /**< arena tail: one per operator */
  mote_scratch_t *scratch_; /**< arena tail: scratch requests, a list */
  uint32_t scratch_count_;
  uint32_t state_;
  size_t head_bytes_;       /**< this interpreter's activation plan */
  size_t tail_start_;       /**< arena tail_used_ when init began */
  mote_profile_fn profile_;
  void *profile_user_;
  void *state_blocks_;      /**< arena tail: kernel state, a list */
  uint8_t *keep_;           /**< arena tail: a bit per kept tensor, or NULL */
  mote_op_memory_t *op_memory_; /**< caller's, filled by prepare, or NULL */
  size_t kernel_bytes_;     /**< tail taken by kernels' prepare */
  size_t variable_bytes_;   /**< tail taken by variable tensors */
  size_t scratch_bytes_;    /**< scratch requests added up */
  size_t plan_bytes_;       /**< the activation plan's peak */
  void *io_;                /**< arena tail: every operator's tensor
                                 indices, 8 or 16 bits each */
  mote_io_tensor_t *io_tensors_; /**< arena tail: model inputs, outputs */
  mote_variable_t *vars_;   /**< arena tail: variable tensors, in runs */
  uint32_t input_count_;    /**< model inputs */
  uint32_t output_count_;   /**< model outputs */
  uint32_t var_count_;      /**< runs in vars_ */
  uint32_t model_reads_;    /**< kernels' reads of the model during invoke */
  mote_plan_entry_t *plan_rec_; /**< caller's, filled by prepare, or NULL */
  uint32_t plan_cap_;       /**< entries at plan_rec_ */
  uint32_t *plan_count_;    /**< caller's: buffers in the plan */
  void (*plan_fill_)(const struct mote_interp *, const void *); /**< the
                              recorder, set with plan_rec_ (so that an
                              application that never asks links none of it) */
  uint8_t io_narrow_;       /**< io_ entries are 8 bits (under 255 tensors) */
  size_t constant_bytes_;   /**< tail taken by aligned constant copies */
  /* Models of several subgraphs (control flow): every subgraph's tensors
   * and operators follow subgraph 0's in tensor_at_, nodes_ and io_;
   * tensor_count_ and op_count_ stay subgraph 0's. */
  uint32_t subgraph_count_; /**< subgraphs in the model */
  uint32_t tensor_total_;   /**< tensors of all subgraphs */
  uint32_t op_total_;       /**< operators of all subgraphs */
  mote_subgraph_t *subgraphs_; /**< arena tail, NULL for one subgraph */
  const void *support_;     /**< the control-flow kernels' subgraph support
                                 (interp_internal.h), NULL for one subgraph */
  void *resources_;         /**< arena tail: resource variables, or NULL */
  uint32_t resource_count_; /**< resource variables so far */
  uint32_t loop_budget_;    /**< WHILE iterations left (control_flow.c) */
} mote_interp_t;

/**
 * Binds `model`, `resolver` and `arena` (all must outlive the interpreter;
 * the nodes refer to the resolver's entries by position, so a resolver may
 * gain entries but not change the ones an interpreter uses) and finds a
 * kernel for every operator of every subgraph. Takes the
 * tensor table and operator table from the arena tail. Subgraph 0 is the
 * model the application sees (inputs, outputs, tensor indices of this
 * API); the others are run by control flow (IF, WHILE, CALL_ONCE) and are
 * initialised, prepared and planned with it in the same arena; a model of
 * one subgraph pays nothing for them, and the code for several is linked
 * only with a control-flow kernel (mote_kernel_if, _while, _call_once).
 * Control flow is checked here: MOTE_ERR_CORRUPT_MODEL for a subgraph
 * index out of range, MOTE_ERR_UNSUPPORTED for a call of the main
 * subgraph or of the caller's own, for subgraphs that call each other and
 * for calls nested more than 8 deep (which bounds invoke's recursion);
 * MOTE_ERR_UNSUPPORTED_OP for several subgraphs and no control-flow
 * kernel in the resolver. Errors:
 * MOTE_ERR_UNSUPPORTED_OP when the resolver lacks kernels, naming every
 * missing op (builtin name and code, or custom name) with its first
 * operator index and how many more use it, those beyond the message
 * buffer counted ("...and N more"); or naming the operator when its
 * version is newer than the kernel's;
 * MOTE_ERR_UNSUPPORTED for models of 65535 tensors or more (all subgraphs
 * together), more than 65535 operator and subgraph operands in all or
 * 255 inputs or outputs to one operator, and for arenas of 2 GiB or more
 * (the tables that let invoke run without reading the model are that
 * compact); MOTE_ERR_ARENA_TOO_SMALL with the bytes needed;
 * MOTE_ERR_BAD_ARG.
 */
mote_status_t mote_interp_init(mote_interp_t *interp, const mote_model_t *model,
                               const mote_resolver_t *resolver,
                               mote_arena_t *arena, mote_error_t *err);

/**
 * Keeps tensor `index` of the subgraph alive to the end of every invoke:
 * the plan gives no later tensor or scratch buffer its bytes, so after
 * mote_interp_invoke, mote_interp_tensor() shows the value the model last
 * wrote there (a base network's features, for on-device learning). Costs
 * the tensor's bytes for the rest of the run, which may raise the arena
 * the plan needs. As with outputs, another interpreter's invoke on the
 * same arena may overwrite it.
 *
 * Valid between mote_interp_init and mote_interp_prepare, as often as
 * needed; marks accumulate and last until the interpreter is initialised
 * again. The marks take ceil(tensors / 8) bytes of arena tail, on the
 * first call. Constant and variable tensors are never shared anyway: for
 * them this succeeds and does nothing. Errors: MOTE_ERR_BAD_ARG for a NULL
 * interpreter or an index beyond the subgraph's tensors;
 * MOTE_ERR_BAD_STATE outside init..prepare; MOTE_ERR_ARENA_TOO_SMALL when
 * the marks do not fit.
 */
mote_status_t mote_interp_keep_tensor(mote_interp_t *interp, uint32_t index,
                                      mote_error_t *err);

/**
 * Asks mote_interp_prepare to record what each operator's kernel takes
 * from the arena in ops[0..op count), indexed by operator (for tools and
 * for sizing an arena by hand; mote_interp_memory_usage gives the totals
 * without this). `ops` is the caller's, zeroed here, and must stay valid
 * until prepare returns; `count` is its length, at least the subgraph's
 * operator count (mote_model_op_count(model, 0)). Costs no arena. Valid
 * between mote_interp_init and mote_interp_prepare; the last call wins.
 * Errors: MOTE_ERR_BAD_ARG for a NULL interpreter or array;
 * MOTE_ERR_BAD_STATE outside init..prepare; MOTE_ERR_CAPACITY when
 * `count` is below the operator count.
 */
mote_status_t mote_interp_record_op_memory(mote_interp_t *interp,
                                           mote_op_memory_t *ops,
                                           uint32_t count, mote_error_t *err);

/**
 * Asks mote_interp_prepare to record its activation plan: every planned
 * tensor (in tensor order), then every scratch buffer (in request order),
 * each with its offset, size and lifetime in operators
 * (mote_plan_entry_t). Buffers of no bytes are left out; constants and
 * variable tensors are not in the plan (they are in the model and the
 * arena tail). prepare writes to *count how many buffers the plan has and
 * fills entries[0 .. min(*count, capacity)): when *count exceeds
 * `capacity`, the rest are left out, and a caller who wants them all
 * prepares again with a larger array (tensor count plus scratch buffers
 * suffices; mote_memory_usage_t's tensor_count + scratch_count after a
 * first prepare says exactly). *count is 0 until prepare succeeds.
 * `entries` and `count` are the caller's and must stay valid until
 * prepare returns. Costs no arena. Valid between mote_interp_init and
 * mote_interp_prepare; the last call wins. Errors: MOTE_ERR_BAD_ARG for a
 * NULL interpreter, array or count; MOTE_ERR_BAD_STATE outside
 * init..prepare.
 */
mote_status_t mote_interp_record_plan(mote_interp_t *interp,
                                      mote_plan_entry_t *entries,
                                      uint32_t capacity, uint32_t *count,
                                      mote_error_t *err);

/**
 * Runs every kernel's prepare in order (subgraph 0's operators first, then
 * each other subgraph's), then plans activations and scratch at the arena
 * head. Errors are the kernels' (naming the operator, and the subgraph
 * when it is not 0) and MOTE_ERR_ARENA_TOO_SMALL with the number of bytes
 * the arena would need.
 */
mote_status_t mote_interp_prepare(mote_interp_t *interp, mote_error_t *err);

/** Runs the model once, reading of the model only its weights (see
 * mote/model.h for bytes that change after open). MOTE_ERR_BAD_STATE
 * before a successful prepare; a kernel's failure (MOTE_ERR_KERNEL or
 * another code) naming the operator. */
mote_status_t mote_interp_invoke(mote_interp_t *interp, mote_error_t *err);

/**
 * Runs the model's operators in order up to and including the last one
 * that writes tensor `tensor_index`, and skips the rest: the features of
 * a base network without its classifier (mote/train.h). The tensor must
 * keep its value after the run: kept with mote_interp_keep_tensor before
 * prepare, or a model output. The skipped operators' tensors (outputs
 * among them) are not computed, and their bytes may hold whatever the
 * run put there (the plan lends them to earlier tensors): read only the
 * target and other kept tensors the run produced. Errors:
 * MOTE_ERR_BAD_STATE before a successful prepare; MOTE_ERR_BAD_ARG for an
 * index out of range, a tensor neither kept nor an output, or one no
 * operator writes (a model input or a constant); the kernels' errors as
 * mote_interp_invoke.
 */
mote_status_t mote_interp_invoke_until(mote_interp_t *interp,
                                       int32_t tensor_index, mote_error_t *err);

/** Number of model inputs (of subgraph 0), after mote_interp_init. */
uint32_t mote_interp_input_count(const mote_interp_t *interp);
/** Number of model outputs (of subgraph 0), after mote_interp_init. */
uint32_t mote_interp_output_count(const mote_interp_t *interp);

/** @{ */
/** View of model input / output `i`; its `data` is writable (inputs) or
 * readable (outputs) after prepare, `bytes` long. MOTE_ERR_BAD_ARG out of
 * range, MOTE_ERR_BAD_STATE before prepare. MOTE_ERR_MODEL_CHANGED when
 * the model's bytes changed since prepare so that its shape or type no
 * longer match (see mote/model.h): the view is then one-dimensional, of
 * the type and size prepare saw, without quantization, so that writing
 * `bytes` bytes at `data` stays safe. */
mote_status_t mote_interp_input(const mote_interp_t *interp, uint32_t i,
                                mote_tensor_t *out);
mote_status_t mote_interp_output(const mote_interp_t *interp, uint32_t i,
                                 mote_tensor_t *out);
/** @} */

/** View of any tensor of the subgraph (for tools and debugging). Activation
 * data is only meaningful while the op that produces it is the last run,
 * unless the tensor is a model output or was kept with
 * mote_interp_keep_tensor: those hold their final value after invoke.
 * Shapes are read from the model: MOTE_ERR_MODEL_CHANGED (with `bytes` 0,
 * or for a model input or output as mote_interp_input) when the model's
 * bytes changed so that the size no longer fits the tensor's memory. */
mote_status_t mote_interp_tensor(const mote_interp_t *interp, uint32_t index,
                                 mote_tensor_t *out);

/** View of the tensor named `name` in the subgraph, as mote_interp_tensor()
 * gives it (the lowest index when several share the name; out->index says
 * which). MOTE_ERR_BAD_ARG for NULL pointers, an empty name or no tensor of
 * that name; MOTE_ERR_BAD_STATE before prepare. To look a name up before
 * prepare, use mote_model_tensor_find(). */
mote_status_t mote_interp_tensor_by_name(const mote_interp_t *interp,
                                         const char *name, mote_tensor_t *out);

/** Bytes of arena this interpreter needs alone: its persistent data plus its
 * activation plan, rounded up to MOTE_ARENA_ALIGN. */
size_t mote_interp_arena_used_bytes(const mote_interp_t *interp);

/** Fills `out` with where this interpreter's arena bytes go (see
 * mote_memory_usage_t). As for mote_interp_arena_used_bytes, its
 * persistent part is the tail taken since its init: for figures of each
 * interpreter alone, initialise and prepare interpreters that share an
 * arena one after the other. MOTE_ERR_BAD_ARG for NULL pointers;
 * MOTE_ERR_BAD_STATE before a successful prepare. */
mote_status_t mote_interp_memory_usage(const mote_interp_t *interp,
                                       mote_memory_usage_t *out);

/** Restarts a stream: resets every variable (state) tensor to real 0, as at
 * the first invoke (int8 tensors to their zero point, all others to 0, as
 * TFLite Micro), and zeroes kernels' state memory (mote_kctx_alloc_state):
 * resource variables (VAR_HANDLE) become 0 and every CALL_ONCE runs its
 * init subgraph again on the next invoke.
 * MOTE_ERR_BAD_STATE before prepare. */
mote_status_t mote_interp_reset_state(mote_interp_t *interp);

/** Installs a profiling hook (NULL to remove). */
void mote_interp_set_profiler(mote_interp_t *interp, mote_profile_fn fn,
                              void *user);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_INTERP_H */
