/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Layers of the learner's head (head.h). Plain float loops: the head is
 * small (a few thousand weights) next to the int8 base, so clarity beats
 * speed here, and the backward passes stay easy to check against finite
 * differences (tests/train/test_head_grad.c). The softmax subtracts the
 * largest logit before expf so that no logit overflows it.
 */
#include <math.h>
#include <stddef.h>

#include "train/head.h"

void mote_dense_forward(float *y, const float *x, const float *w,
                        const float *b, uint32_t in, uint32_t out) {
  uint32_t o;
  uint32_t i;
  for (o = 0; o < out; o++) {
    const float *row = w + (size_t)o * in;
    float acc = b[o];
    for (i = 0; i < in; i++) {
      acc += row[i] * x[i];
    }
    y[o] = acc;
  }
}

void mote_dense_backward(float *dx, float *dw, float *db, const float *dy,
                         const float *x, const float *w, uint32_t in,
                         uint32_t out) {
  uint32_t o;
  uint32_t i;
  if (dx != NULL) {
    for (i = 0; i < in; i++) {
      dx[i] = 0.0f;
    }
  }
  for (o = 0; o < out; o++) {
    float *drow = dw + (size_t)o * in;
    const float *row = w + (size_t)o * in;
    const float g = dy[o];
    db[o] += g;
    if (g == 0.0f) {
      continue;
    }
    for (i = 0; i < in; i++) {
      drow[i] += g * x[i];
    }
    if (dx != NULL) {
      for (i = 0; i < in; i++) {
        dx[i] += row[i] * g;
      }
    }
  }
}

void mote_relu_forward(float *y, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; i++) {
    if (!(y[i] > 0.0f)) {
      y[i] = 0.0f;
    }
  }
}

void mote_relu_backward(float *dy, const float *y, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; i++) {
    if (!(y[i] > 0.0f)) {
      dy[i] = 0.0f;
    }
  }
}

float mote_softmax_xent(float *p, float *dlogits, const float *logits,
                        uint32_t n, uint32_t target, float scale) {
  float top = logits[0];
  float sum = 0.0f;
  float loss;
  uint32_t i;
  for (i = 1; i < n; i++) {
    if (logits[i] > top) {
      top = logits[i];
    }
  }
  for (i = 0; i < n; i++) {
    p[i] = expf(logits[i] - top);
    sum += p[i];
  }
  for (i = 0; i < n; i++) {
    p[i] /= sum;
  }
  loss = target < n ? -logf(p[target] > 1e-30f ? p[target] : 1e-30f) : 0.0f;
  if (dlogits != NULL) {
    for (i = 0; i < n; i++) {
      dlogits[i] = (p[i] - (i == target ? 1.0f : 0.0f)) * scale;
    }
  }
  return loss;
}

void mote_sgd_begin(float *v, uint32_t n, float momentum) {
  uint32_t i;
  for (i = 0; i < n; i++) {
    v[i] *= momentum;
  }
}

void mote_sgd_step(float *w, float *v, uint32_t n, float lr, float decay) {
  uint32_t i;
  for (i = 0; i < n; i++) {
    v[i] += decay * w[i];
    w[i] -= lr * v[i];
  }
}
