/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learner's side of the interpreter: finding the cut tensor, running
 * the base up to it (mote_interp_invoke_until: the operators after the
 * cut, the base's own classifier, are skipped), and the memory report.
 */
#include <string.h>

#include "common/error.h"
#include "mote/ops.h"
#include "train/learner_internal.h"

mote_status_t mote_learner_find_cut(const mote_interp_t *interp, const char *name,
                                    uint32_t *tensor_index, mote_error_t *err) {
  const mote_model_t *model;
  uint32_t op;
  if (interp == NULL || interp->model_ == NULL || tensor_index == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG,
                     "learner: NULL or uninitialised interpreter, or NULL index");
  }
  model = interp->model_;
  if (name != NULL) {
    if (mote_model_tensor_find(model, interp->subgraph_, name, tensor_index) != MOTE_OK) {
      return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: no tensor named '%s'", name);
    }
    return MOTE_OK;
  }
  for (op = mote_model_op_count(model, interp->subgraph_); op > 0; op--) {
    mote_op_info_t info;
    if (mote_model_op(model, interp->subgraph_, op - 1u, &info) == MOTE_OK &&
        info.builtin == MOTE_OP_FULLY_CONNECTED) {
      const int32_t t = mote_model_op_input(model, interp->subgraph_, op - 1u, 0);
      if (t < 0) {
        break;
      }
      *tensor_index = (uint32_t)t;
      return MOTE_OK;
    }
  }
  return MOTE_FAIL(err, MOTE_ERR_UNSUPPORTED,
                   "learner: the model has no FULLY_CONNECTED operator; name the cut "
                   "tensor");
}

/* Runs the base to the cut; *features and *bytes then show the cut. */
static mote_status_t run_to_cut(mote_learner_t *l, const void **features,
                                size_t *bytes, mote_error_t *err) {
  mote_tensor_t t;
  mote_status_t st;
  if (l == NULL || l->mem_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_ARG, "learner: NULL or uninitialised learner");
  }
  if (l->interp_ == NULL) {
    return MOTE_FAIL(err, MOTE_ERR_BAD_STATE,
                     "learner: initialised without an interpreter; pass features");
  }
  st = mote_interp_invoke_until(l->interp_, l->cut_, err);
  if (st != MOTE_OK) {
    return st;
  }
  st = mote_interp_tensor(l->interp_, (uint32_t)l->cut_, &t);
  if (st != MOTE_OK) {
    return MOTE_FAIL(err, st, "learner: cut tensor %ld unreadable", (long)l->cut_);
  }
  *features = t.data;
  *bytes = t.bytes;
  return MOTE_OK;
}

mote_status_t mote_learner_learn_input(mote_learner_t *l, uint32_t label,
                                       mote_error_t *err) {
  const void *features = NULL;
  size_t bytes = 0;
  const mote_status_t st = run_to_cut(l, &features, &bytes, err);
  return st != MOTE_OK ? st : mote_learner_learn(l, features, bytes, label, err);
}

mote_status_t mote_learner_predict_input(mote_learner_t *l, uint32_t *labels,
                                         float *probs, uint32_t k, mote_error_t *err) {
  const void *features = NULL;
  size_t bytes = 0;
  const mote_status_t st = run_to_cut(l, &features, &bytes, err);
  return st != MOTE_OK ? st
                       : mote_learner_predict(l, features, bytes, labels, probs, k, err);
}

mote_status_t mote_learner_memory_usage(const mote_learner_t *l,
                                        mote_learner_memory_t *out) {
  mote_learner_layout_t lay;
  if (l == NULL || l->mem_ == NULL || out == NULL ||
      mote_learner_layout(&l->cfg_, &lay, NULL) != MOTE_OK) {
    return MOTE_ERR_BAD_ARG;
  }
  memset(out, 0, sizeof *out);
  out->total_bytes = lay.total;
  out->param_bytes = lay.moment - lay.params;
  out->grad_bytes = 0;
  out->optimizer_bytes = lay.mean - lay.moment;
  out->stats_bytes = lay.x - lay.mean;
  out->scratch_bytes = lay.labels - lay.x;
  out->class_bytes = lay.replay_y - lay.labels;
  out->replay_bytes = lay.total - lay.replay_y;
  return MOTE_OK;
}
