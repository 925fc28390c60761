/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Training the sine MLP.
 *
 * Mini-batch Adam on mean squared error, in double precision, everything
 * seeded from one splitmix64 stream so a seed reproduces the model bit for
 * bit (no libm call on the training path besides sqrt, which IEEE rounds
 * exactly, and sin for the targets).
 *
 * Initialization matters more than the optimizer here: the input x is
 * never negative, so a first-layer unit with zero bias and negative weight
 * would be dead on the whole range. Instead each unit starts as
 * ReLU(w * (x - c)) with its kink c spread uniformly over [0, 2*pi] and a
 * random sign, which gives a piecewise-linear basis over the interval from
 * the first step. Deeper layers use He-uniform weights and a small positive
 * bias. Rejected: plain SGD (needs far more epochs for the same error) and
 * normalizing x inside the model (the model must take raw x, like TFLM's
 * hello_world).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sine_model.h"

void sine_rng_seed(sine_rng_t *r, uint64_t seed) { r->state = seed; }

uint64_t sine_rng_next(sine_rng_t *r) {
  uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double sine_rng_uniform(sine_rng_t *r) {
  return (double)(sine_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double sine_rng_normal(sine_rng_t *r) {
  double u1 = sine_rng_uniform(r), u2 = sine_rng_uniform(r);
  if (u1 < 1e-300) {
    u1 = 1e-300;
  }
  return sqrt(-2.0 * log(u1)) * cos(SINE_TWO_PI * u2);
}

void sine_train_defaults(sine_train_config_t *c) {
  c->seed = 1;
  c->samples = 1000;
  c->noise = 0.0;
  c->epochs = 600;
  c->batch = 16;
  c->lr = 0.01;
}

static double relu(double v) { return v > 0.0 ? v : 0.0; }

double sine_forward(const sine_mlp_t *mlp, double x) {
  const double *p = mlp->p;
  double h1[SINE_HIDDEN], y = p[SINE_B3];
  int i, j;
  for (i = 0; i < SINE_HIDDEN; i++) {
    h1[i] = relu(p[SINE_W1 + i] * x + p[SINE_B1 + i]);
  }
  for (i = 0; i < SINE_HIDDEN; i++) {
    double a = p[SINE_B2 + i];
    for (j = 0; j < SINE_HIDDEN; j++) {
      a += p[SINE_W2 + i * SINE_HIDDEN + j] * h1[j];
    }
    y += p[SINE_W3 + i] * relu(a);
  }
  return y;
}

float sine_forward_f32(const sine_mlp_t *mlp, float x) {
  const double *p = mlp->p;
  float h1[SINE_HIDDEN], y = 0.0f;
  int i, j;
  for (i = 0; i < SINE_HIDDEN; i++) {
    float a = (float)p[SINE_W1 + i] * x + (float)p[SINE_B1 + i];
    h1[i] = a > 0.0f ? a : 0.0f;
  }
  for (i = 0; i < SINE_HIDDEN; i++) {
    float a = 0.0f;
    for (j = 0; j < SINE_HIDDEN; j++) {
      a += (float)p[SINE_W2 + i * SINE_HIDDEN + j] * h1[j];
    }
    a += (float)p[SINE_B2 + i];
    y += (float)p[SINE_W3 + i] * (a > 0.0f ? a : 0.0f);
  }
  return y + (float)p[SINE_B3];
}

static void init_params(sine_mlp_t *mlp, sine_rng_t *r) {
  double *p = mlp->p;
  double lim2 = sqrt(6.0 / SINE_HIDDEN); /* He-uniform, fan_in 16 */
  int i;
  for (i = 0; i < SINE_HIDDEN; i++) {
    double mag = 0.5 + sine_rng_uniform(r);
    double sign = sine_rng_uniform(r) < 0.5 ? -1.0 : 1.0;
    double kink = SINE_TWO_PI * (i + sine_rng_uniform(r)) / SINE_HIDDEN;
    p[SINE_W1 + i] = sign * mag;
    p[SINE_B1 + i] = -sign * mag * kink;
  }
  for (i = 0; i < SINE_HIDDEN * SINE_HIDDEN; i++) {
    p[SINE_W2 + i] = lim2 * (2.0 * sine_rng_uniform(r) - 1.0);
  }
  for (i = 0; i < SINE_HIDDEN; i++) {
    p[SINE_B2 + i] = 0.1;
    p[SINE_W3 + i] = lim2 * (2.0 * sine_rng_uniform(r) - 1.0);
  }
  p[SINE_B3] = 0.0;
}

/* Adds `scale` times d(squared error)/d(params) of one sample to g. */
static void backprop(const sine_mlp_t *mlp, double x, double target,
                     double scale, double *g) {
  const double *p = mlp->p;
  double h1[SINE_HIDDEN], a2[SINE_HIDDEN], d2[SINE_HIDDEN];
  double y = p[SINE_B3], dy;
  int i, j;
  for (i = 0; i < SINE_HIDDEN; i++) {
    h1[i] = relu(p[SINE_W1 + i] * x + p[SINE_B1 + i]);
  }
  for (i = 0; i < SINE_HIDDEN; i++) {
    double a = p[SINE_B2 + i];
    for (j = 0; j < SINE_HIDDEN; j++) {
      a += p[SINE_W2 + i * SINE_HIDDEN + j] * h1[j];
    }
    a2[i] = a;
    y += p[SINE_W3 + i] * relu(a);
  }
  dy = 2.0 * (y - target) * scale;
  g[SINE_B3] += dy;
  for (i = 0; i < SINE_HIDDEN; i++) {
    g[SINE_W3 + i] += dy * relu(a2[i]);
    d2[i] = a2[i] > 0.0 ? dy * p[SINE_W3 + i] : 0.0;
    g[SINE_B2 + i] += d2[i];
    for (j = 0; j < SINE_HIDDEN; j++) {
      g[SINE_W2 + i * SINE_HIDDEN + j] += d2[i] * h1[j];
    }
  }
  for (j = 0; j < SINE_HIDDEN; j++) {
    double d1 = 0.0;
    if (h1[j] <= 0.0) {
      continue;
    }
    for (i = 0; i < SINE_HIDDEN; i++) {
      d1 += p[SINE_W2 + i * SINE_HIDDEN + j] * d2[i];
    }
    g[SINE_W1 + j] += d1 * x;
    g[SINE_B1 + j] += d1;
  }
}

double sine_train(sine_mlp_t *mlp, const sine_train_config_t *c) {
  const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  sine_rng_t rng;
  double *xs, *ys, g[SINE_NPARAMS], m1[SINE_NPARAMS], m2[SINE_NPARAMS];
  double b1t = 1.0, b2t = 1.0, loss = 0.0;
  int *order, n = c->samples, e, i, k, start;

  xs = (double *)malloc((size_t)n * sizeof *xs);
  ys = (double *)malloc((size_t)n * sizeof *ys);
  order = (int *)malloc((size_t)n * sizeof *order);
  if (xs == NULL || ys == NULL || order == NULL) {
    free(xs);
    free(ys);
    free(order);
    return -1.0;
  }
  sine_rng_seed(&rng, c->seed);
  for (i = 0; i < n; i++) {
    xs[i] = SINE_TWO_PI * sine_rng_uniform(&rng);
    ys[i] = sin(xs[i]);
    if (c->noise > 0.0) {
      ys[i] += c->noise * sine_rng_normal(&rng);
    }
    order[i] = i;
  }
  init_params(mlp, &rng);
  memset(m1, 0, sizeof m1);
  memset(m2, 0, sizeof m2);

  for (e = 0; e < c->epochs; e++) {
    /* Step size decays linearly from lr to lr / 10 over the run. */
    double lr = c->lr * (1.0 - 0.9 * e / (double)c->epochs);
    for (i = n - 1; i > 0; i--) { /* Fisher-Yates shuffle */
      int j = (int)(sine_rng_next(&rng) % (uint64_t)(i + 1)), t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (start = 0; start < n; start += c->batch) {
      int end = start + c->batch < n ? start + c->batch : n;
      memset(g, 0, sizeof g);
      for (i = start; i < end; i++) {
        backprop(mlp, xs[order[i]], ys[order[i]], 1.0 / (end - start), g);
      }
      b1t *= beta1;
      b2t *= beta2;
      for (k = 0; k < SINE_NPARAMS; k++) {
        double mh, vh;
        m1[k] = beta1 * m1[k] + (1.0 - beta1) * g[k];
        m2[k] = beta2 * m2[k] + (1.0 - beta2) * g[k] * g[k];
        mh = m1[k] / (1.0 - b1t);
        vh = m2[k] / (1.0 - b2t);
        mlp->p[k] -= lr * mh / (sqrt(vh) + eps);
      }
    }
  }

  for (i = 0; i < n; i++) {
    double d = sine_forward(mlp, xs[i]) - ys[i];
    loss += d * d;
  }
  free(xs);
  free(ys);
  free(order);
  return loss / n;
}
