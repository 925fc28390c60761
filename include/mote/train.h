/* SPDX-License-Identifier: Apache-2.0 */
/*
 * On-device continual learning: a small float classifier head trained on
 * the device on the features of a frozen int8 (or float) base model.
 *
 * The base model runs in a mote interpreter as usual. A "cut" tensor of it
 * (by default the input of its last FULLY_CONNECTED operator: the
 * embedding the original classifier reads) gives the features; the
 * learner owns a head over them:
 *
 *   features[F] -> standardise (running mean/var) -> [Dense(H) + ReLU] ->
 *   Dense(max_classes) -> softmax over the classes seen so far
 *
 * trained by SGD with momentum and weight decay on softmax cross-entropy.
 * Labels are the caller's uint32 ids; the first time a label arrives it is
 * given the next free output row (a "slot"), so new classes can arrive at
 * any time, up to max_classes. Rows not yet given a class are masked out of
 * the softmax. Every learning step mixes the new example(s) with examples
 * replayed from a fixed-capacity buffer of past features (latent replay),
 * stored as the base produced them (int8 in the base's quantisation, or
 * float32), which keeps the head from forgetting earlier classes.
 *
 * Memory: all state lives in one caller buffer of mote_learner_bytes()
 * bytes; the learner allocates nothing and keeps no global state. Results
 * are deterministic for a given config (its seed) and example sequence.
 *
 * Call order:
 *   mote_learner_config_default(&cfg)
 *   mote_interp_init(&interp, ...)
 *   mote_learner_find_cut(&interp, NULL, &cut, &err)
 *   mote_interp_keep_tensor(&interp, cut, &err)      keep the features
 *   mote_interp_prepare(&interp, &err)
 *   mote_learner_config_for_cut(&cfg, &interp, cut, &err)   F and type
 *   mote_learner_init(&learner, &cfg, &interp, cut, mem, mote_learner_bytes(&cfg), &err)
 *   then, per example: write the input, mote_learner_learn_input() or
 *   mote_learner_predict_input().
 */
#ifndef MOTE_TRAIN_H
#define MOTE_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "mote/interp.h"
#include "mote/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A label the learner reserves to mark an empty slot; never a valid label. */
#define MOTE_LEARNER_NO_LABEL 0xFFFFFFFFu

/* Alignment the learner's memory must have (it holds floats). */
#define MOTE_LEARNER_ALIGN 8u

typedef enum mote_replay_policy {
  /* Every example ever offered has the same chance to be in the buffer
   * (reservoir sampling). */
  MOTE_REPLAY_RESERVOIR = 0,
  /* When full, a new example replaces one of the class with the most
   * entries (a random one of them); when its own class is the largest,
   * it replaces one of its own with reservoir probability. Classes end up
   * within one entry of each other. */
  MOTE_REPLAY_CLASS_BALANCED = 1
} mote_replay_policy_t;

/** A learner's shape, optimiser and replay (mote_learner_config_default,
 * then mote_learner_config_for_cut fills the feature fields). */
typedef struct mote_learner_config {
  /* Shape of the head. */
  uint32_t feature_count; /**< F: elements of the cut tensor */
  int32_t feature_type;   /**< MOTE_TYPE_INT8 or MOTE_TYPE_FLOAT32 */
  float feature_scale;    /**< int8 only: real = scale * (q - zero_point) */
  int32_t feature_zero_point; /**< int8 only */
  uint32_t hidden_units;  /**< H: 0 for no hidden layer (a linear head) */
  uint32_t max_classes;   /**< output rows reserved, >= 1 */
  /* Optimiser. */
  float learning_rate;    /**< > 0 */
  float momentum;         /**< in [0, 1) */
  float weight_decay;     /**< L2 on the weights (not the biases), >= 0 */
  uint32_t standardize; /**< feature standardisation by running mean and
                           variance: 1 on, 0 off */
  /* Replay. */
  uint32_t replay_capacity;  /**< examples kept; 0 for no replay */
  uint32_t replay_per_step;  /**< replayed examples added to each step */
  int32_t replay_policy;     /**< mote_replay_policy_t */
  uint32_t seed;             /**< initial weights and replay sampling */
} mote_learner_config_t;

/** What the learner's memory holds, in bytes (mote_learner_memory_usage). */
typedef struct mote_learner_memory {
  size_t total_bytes;     /**< = mote_learner_bytes(config) */
  size_t param_bytes;     /**< weights and biases */
  size_t grad_bytes;      /**< their gradients: 0, they accumulate in the
                             momentum (kept for callers that add it up) */
  size_t optimizer_bytes; /**< momentum (which also takes a step's
                             gradients) */
  size_t stats_bytes;     /**< running mean and variance */
  size_t replay_bytes;    /**< stored features and their classes */
  size_t class_bytes;     /**< label table and per-class counts */
  size_t scratch_bytes;   /**< activations of one example */
} mote_learner_memory_t;

/* Caller-allocated handle; the fields are private. */
typedef struct mote_learner {
  mote_learner_config_t cfg_;
  mote_interp_t *interp_;
  int32_t cut_;
  uint8_t *mem_;
  float *params_;   /* [P]: W1[H][F] b1[H] W2[C][K] b2[C], K = H or F */
  float *moment_;   /* [P] */
  float *mean_;     /* [F] */
  float *m2_;       /* [F]: Welford's sum of squared deviations */
  float *x_;        /* [F] scratch: standardised features */
  float *h_;        /* [H] scratch: hidden activations (after ReLU) */
  float *logits_;   /* [C] scratch, then probabilities */
  float *dlogits_;  /* [C] scratch */
  float *dh_;       /* [H] scratch */
  uint32_t *labels_;      /* [C]: caller label of each slot */
  uint32_t *class_seen_;  /* [C]: examples of each class offered to replay */
  uint32_t *class_held_;  /* [C]: entries of each class in the buffer */
  uint8_t *replay_x_;     /* [cap][F] int8 or float32 */
  uint16_t *replay_y_;    /* [cap]: slot of each entry (max_classes <= 65535) */
  uint32_t param_count_;
  uint32_t class_count_;
  uint32_t replay_count_;
  uint32_t replay_seen_;
  uint32_t stat_count_;
  uint32_t rng_;
  uint32_t steps_;
  float last_loss_;
} mote_learner_t;

/* Fills `cfg` with defaults: no shape (feature_count 0, int8), hidden_units
 * 0, max_classes 8, learning_rate 0.05, momentum 0.9, weight_decay 1e-4,
 * standardize 1, replay_capacity 64, replay_per_step 4, CLASS_BALANCED,
 * seed 1. */
void mote_learner_config_default(mote_learner_config_t *cfg);

/*
 * Finds the cut tensor of `interp`'s model: the tensor named `name`, or
 * with `name` NULL the input (0) of the last FULLY_CONNECTED operator.
 * Works from mote_interp_init on, so the tensor can be kept
 * (mote_interp_keep_tensor) before prepare. Errors: MOTE_ERR_BAD_ARG for
 * NULL pointers or no tensor of that name; MOTE_ERR_UNSUPPORTED when
 * `name` is NULL and the model has no FULLY_CONNECTED operator.
 */
mote_status_t mote_learner_find_cut(const mote_interp_t *interp,
                                    const char *name, uint32_t *tensor_index,
                                    mote_error_t *err);

/*
 * Sets cfg's feature_count, feature_type and (int8) quantisation from the
 * cut tensor of a prepared `interp`, leaving the rest. Errors:
 * MOTE_ERR_BAD_ARG for NULL pointers or an index out of range;
 * MOTE_ERR_BAD_STATE before prepare; MOTE_ERR_UNSUPPORTED_TYPE for a cut
 * neither int8 nor float32.
 */
mote_status_t mote_learner_config_for_cut(mote_learner_config_t *cfg,
                                          const mote_interp_t *interp,
                                          uint32_t tensor_index,
                                          mote_error_t *err);

/* Bytes of memory mote_learner_init needs for `cfg` (at an address aligned
 * to MOTE_LEARNER_ALIGN); 0 when the config is invalid (init says why). */
size_t mote_learner_bytes(const mote_learner_config_t *cfg);

/*
 * Sets up `learner` over `mem[mem_bytes]` (the caller's, aligned to
 * MOTE_LEARNER_ALIGN, to outlive the learner) with a copy of `cfg`, and
 * initialises the head from cfg->seed. `interp` (prepared, may be NULL for
 * a learner fed features directly) and `cut` give the features for the
 * *_input calls; the cut must be kept (mote_interp_keep_tensor) or be a
 * model output. Errors: MOTE_ERR_BAD_ARG for NULL pointers, an invalid
 * config (naming the field) or misaligned memory; MOTE_ERR_BAD_STATE for
 * an interpreter not prepared; MOTE_ERR_BAD_SHAPE when the cut's element
 * count is not cfg->feature_count; MOTE_ERR_UNSUPPORTED_TYPE when its type
 * is not cfg->feature_type or neither int8 nor float32;
 * MOTE_ERR_ARENA_TOO_SMALL when mem_bytes is below what is needed (the
 * message says how much).
 */
mote_status_t mote_learner_init(mote_learner_t *learner,
                                const mote_learner_config_t *cfg,
                                mote_interp_t *interp, uint32_t cut,
                                void *mem, size_t mem_bytes, mote_error_t *err);

/* Forgets everything learnt: weights back to their seeded start, no
 * classes, empty replay, fresh statistics and optimiser. */
void mote_learner_reset(mote_learner_t *learner);

/*
 * One SGD step on one example: `features` holds feature_count elements of
 * feature_type (`bytes` must equal their size), `label` is the caller's
 * class id (a new one takes the next slot). The step's batch is this
 * example plus replay_per_step examples drawn from the replay buffer (as
 * many as it holds); the example then enters the buffer by the policy,
 * and (standardize) the running statistics. Errors: MOTE_ERR_BAD_ARG for
 * NULL pointers or label MOTE_LEARNER_NO_LABEL; MOTE_ERR_BAD_SHAPE for a
 * wrong `bytes`; MOTE_ERR_CAPACITY when the label is new and max_classes
 * are taken (nothing changes then).
 */
mote_status_t mote_learner_learn(mote_learner_t *learner, const void *features,
                                 size_t bytes, uint32_t label,
                                 mote_error_t *err);

/* As mote_learner_learn for `count` examples at once (one step on all of
 * them plus replay_per_step replayed): `features` holds count x
 * feature_count elements, example after example, `labels[count]`. Every
 * label is checked before anything changes. */
mote_status_t mote_learner_learn_batch(mote_learner_t *learner,
                                       const void *features, size_t bytes,
                                       const uint32_t *labels, uint32_t count,
                                       mote_error_t *err);

/*
 * Sets the learning rate of the steps that follow (a schedule is the
 * caller's: e.g. lower it after each epoch of offline training, so that the
 * last steps' noise stops moving the weights). Momentum, weights and replay
 * are kept; a reset does not restore the config's rate. Errors:
 * MOTE_ERR_BAD_ARG for a NULL or uninitialised learner or a rate that is not
 * above 0 (or not finite); nothing changes then.
 */
mote_status_t mote_learner_set_learning_rate(mote_learner_t *learner,
                                             float learning_rate,
                                             mote_error_t *err);

/* Runs the base model on the interpreter's current input up to the cut
 * (mote_interp_invoke_until) and learns its features with `label`. Errors
 * as mote_learner_learn and mote_interp_invoke_until; MOTE_ERR_BAD_STATE
 * for a learner without an interpreter. */
mote_status_t mote_learner_learn_input(mote_learner_t *learner, uint32_t label,
                                       mote_error_t *err);

/*
 * Class probabilities for `features` (as in mote_learner_learn): scores[i]
 * for slot i (mote_learner_class_label gives its label), i < class count;
 * `n` is the room in `scores`, at least the class count. Changes nothing.
 * Errors: MOTE_ERR_BAD_ARG for NULL pointers; MOTE_ERR_BAD_SHAPE for a
 * wrong `bytes`; MOTE_ERR_BAD_STATE before any class was learnt;
 * MOTE_ERR_CAPACITY when n is below the class count.
 */
mote_status_t mote_learner_scores(mote_learner_t *learner, const void *features,
                                  size_t bytes, float *scores, uint32_t n,
                                  mote_error_t *err);

/* The `k` most probable classes, best first: labels[k] and (if not NULL)
 * probs[k]; when k exceeds the class count the rest are
 * MOTE_LEARNER_NO_LABEL with probability 0. Errors as
 * mote_learner_scores (MOTE_ERR_BAD_ARG for k 0). */
mote_status_t mote_learner_predict(mote_learner_t *learner, const void *features,
                                   size_t bytes, uint32_t *labels, float *probs,
                                   uint32_t k, mote_error_t *err);

/* As mote_learner_predict on the features of the interpreter's current
 * input (runs the base up to the cut). */
mote_status_t mote_learner_predict_input(mote_learner_t *learner,
                                         uint32_t *labels, float *probs,
                                         uint32_t k, mote_error_t *err);

/* Mean cross-entropy over the batch of the last learning step (new and
 * replayed examples), before that step's update; 0 before any step. */
float mote_learner_last_loss(const mote_learner_t *learner);

/* Classes learnt so far, and the caller label of slot `slot`
 * (MOTE_LEARNER_NO_LABEL out of range). */
uint32_t mote_learner_class_count(const mote_learner_t *learner);
uint32_t mote_learner_class_label(const mote_learner_t *learner, uint32_t slot);

/* Examples of slot `slot` learnt so far, over the learner's whole life
 * (kept by save and load; 0 out of range). */
uint32_t mote_learner_class_examples(const mote_learner_t *learner,
                                     uint32_t slot);

/* Examples in the replay buffer, and how many of them are of slot `slot`. */
uint32_t mote_learner_replay_count(const mote_learner_t *learner);
uint32_t mote_learner_replay_class_count(const mote_learner_t *learner,
                                         uint32_t slot);

/* Where the learner's memory goes. MOTE_ERR_BAD_ARG for NULL pointers. */
mote_status_t mote_learner_memory_usage(const mote_learner_t *learner,
                                        mote_learner_memory_t *out);

/*
 * Persistence. The state image holds everything learnt (weights,
 * momentum, statistics, replay buffer, class table, PRNG) behind a header
 * (magic "MOTL", format version, the config's shape fields, the image
 * size) and ends with a CRC-32 of all before it. Little-endian, the same
 * on every target.
 *
 * mote_learner_state_bytes: the image size for this learner's config.
 * mote_learner_save writes it to buf[cap] and sets *written.
 * Errors: MOTE_ERR_BAD_ARG for NULL pointers; MOTE_ERR_CAPACITY when cap
 * is below the image size (the message says how much).
 *
 * mote_learner_load restores an image saved by a learner of the same shape
 * (feature count and type, hidden units, max classes, replay capacity and
 * policy; the optimiser's rates are the loading learner's own). It checks
 * everything before it changes anything: on any error the learner is as
 * it was. Errors: MOTE_ERR_BAD_ARG for NULL pointers; MOTE_ERR_CORRUPT_MODEL
 * for a truncated image, a bad magic, an unknown version, a CRC mismatch
 * or inconsistent contents (naming which); MOTE_ERR_BAD_SHAPE for an image
 * of another shape (naming the field).
 */
size_t mote_learner_state_bytes(const mote_learner_t *learner);
mote_status_t mote_learner_save(const mote_learner_t *learner, void *buf,
                                size_t cap, size_t *written, mote_error_t *err);
mote_status_t mote_learner_load(mote_learner_t *learner, const void *buf,
                                size_t len, mote_error_t *err);

/*
 * Export: the frozen base plus the learnt head as one standard .tflite
 * model that mote and TFLM run unchanged. The model holds the base's
 * operators up to and including the one that writes the cut (the later
 * ones, such as the original classifier, are left out of the operator
 * list; their tensors and buffers stay as unused entries), then the head:
 * the standardisation folded into the first layer (w' = w / sigma,
 * b' = b - sum w mu / sigma), FULLY_CONNECTED (+ fused RELU) when there
 * is a hidden layer, FULLY_CONNECTED to the classes learnt so far (only
 * the slots in use, in slot order) and SOFTMAX. The model's one output is
 * the softmax: element i is the probability of class slot i, whose label
 * mote_learner_class_label(learner, i) gives. Inputs are the base's.
 * Metadata and signatures of the base are not carried over.
 *
 * MOTE_EXPORT_FLOAT32: a float head (DEQUANTIZE of an int8 cut first);
 * it computes what mote_learner_scores does, up to float rounding.
 * MOTE_EXPORT_INT8: an int8 head (int8 cut only) in TFLite's quantization
 * spec: weights int8 symmetric per output channel, biases int32 at
 * input scale x weight scale, activations int8 with ranges calibrated by
 * running the float head over the replay buffer (which must hold at
 * least one example), softmax output scale 1/256 zero point -128.
 *
 * The writer needs no heap and no scratch beyond the learner's own (and
 * under 2 KB of stack on Cortex-M4F): new
 * tables come first, then a verbatim copy of the base model bytes at a
 * 16-byte aligned position, which the new tables reference (the base's
 * constant data keeps its alignment). Place the output at a 16-byte
 * aligned address to run it.
 */
#define MOTE_EXPORT_INT8 1u
#define MOTE_EXPORT_FLOAT32 2u

/*
 * The size in bytes of the model mote_learner_export_tflite would write
 * for `flags` (exactly one of MOTE_EXPORT_INT8, MOTE_EXPORT_FLOAT32).
 * Errors as mote_learner_export_tflite, without the capacity one.
 */
mote_status_t mote_learner_export_bytes(const mote_learner_t *learner,
                                        uint32_t flags, size_t *bytes,
                                        mote_error_t *err);

/*
 * Writes the exported model to out[cap] and sets *written to its size.
 * The learner is not changed (its scratch activations are used for the
 * calibration). Errors: MOTE_ERR_BAD_ARG for NULL pointers or flags that
 * are not exactly one of MOTE_EXPORT_INT8 and MOTE_EXPORT_FLOAT32;
 * MOTE_ERR_BAD_STATE for a learner without an interpreter, before any
 * class was learnt, or (int8) with an empty replay buffer;
 * MOTE_ERR_UNSUPPORTED_TYPE for an int8 head over float features;
 * MOTE_ERR_UNSUPPORTED for a base whose kept operators store custom
 * options outside the flatbuffer; MOTE_ERR_CAPACITY when cap is below the
 * model's size (the message says how much is needed; nothing useful is
 * in `out` then).
 */
mote_status_t mote_learner_export_tflite(const mote_learner_t *learner,
                                         uint32_t flags, void *out, size_t cap,
                                         size_t *written, mote_error_t *err);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_TRAIN_H */
