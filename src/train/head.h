/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learner's layers: forward and backward passes as plain loops over
 * caller arrays, one function per layer and direction, and the optimiser
 * step. Single example (the learner accumulates a batch's gradients by
 * calling the backward passes once per example). Shapes are given in the
 * comments; weights are row-major [out][in].
 */
#ifndef MOTE_TRAIN_HEAD_H
#define MOTE_TRAIN_HEAD_H

#include <stdint.h>

/* y[out] = w[out][in] . x[in] + b[out] */
void mote_dense_forward(float *y, const float *x, const float *w,
                        const float *b, uint32_t in, uint32_t out);

/* Accumulates the gradients of a dense layer given dy[out]:
 * dw[out][in] += dy x^T, db[out] += dy, and, when dx is not NULL,
 * dx[in] = w^T dy (overwritten). */
void mote_dense_backward(float *dx, float *dw, float *db, const float *dy,
                         const float *x, const float *w, uint32_t in,
                         uint32_t out);

/* In place: y[n] = max(y, 0). */
void mote_relu_forward(float *y, uint32_t n);

/* In place: dy[n] = 0 where the ReLU output y[n] is 0. */
void mote_relu_backward(float *dy, const float *y, uint32_t n);

/* Softmax cross-entropy over the first `n` of `logits` (the classes seen;
 * rows past n are masked out): p[n] = softmax(logits), returns
 * -log p[target]; when dlogits is not NULL it gets (p - onehot) * scale.
 * `p` may be `logits`. */
float mote_softmax_xent(float *p, float *dlogits, const float *logits,
                        uint32_t n, uint32_t target, float scale);

/* SGD with momentum and L2 weight decay, over w[n] and v[n], in two
 * halves so that the batch's gradients g accumulate straight into the
 * momentum (no gradient array):
 *   mote_sgd_begin:  v = momentum * v   (before the backward passes add g)
 *   mote_sgd_step:   v += decay * w;  w -= lr * v   (decay 0 for biases)
 * together v = momentum * v + g + decay * w;  w -= lr * v. */
void mote_sgd_begin(float *v, uint32_t n, float momentum);
void mote_sgd_step(float *w, float *v, uint32_t n, float lr, float decay);

#endif /* MOTE_TRAIN_HEAD_H */
