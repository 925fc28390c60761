/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote-sine-fit internals: a 1 -> 16 -> 16 -> 1 ReLU MLP fitted to sin(x)
 * on [0, 2*pi], and its export as float32 and int8 .tflite models.
 *
 * Parameters live in one flat array (so the optimizer can walk them all);
 * the SINE_* offsets name the pieces. Weight matrices are [out, in]
 * row-major, the layout TFLite's FULLY_CONNECTED uses.
 */
#ifndef MOTE_SINE_MODEL_H
#define MOTE_SINE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define SINE_HIDDEN 16
#define SINE_W1 0                                /* [16, 1] */
#define SINE_B1 (SINE_W1 + SINE_HIDDEN)          /* [16] */
#define SINE_W2 (SINE_B1 + SINE_HIDDEN)          /* [16, 16] */
#define SINE_B2 (SINE_W2 + SINE_HIDDEN * SINE_HIDDEN) /* [16] */
#define SINE_W3 (SINE_B2 + SINE_HIDDEN)          /* [1, 16] */
#define SINE_B3 (SINE_W3 + SINE_HIDDEN)          /* [1] */
#define SINE_NPARAMS (SINE_B3 + 1)

#define SINE_TWO_PI 6.28318530717958647692

typedef struct sine_mlp {
  double p[SINE_NPARAMS];
} sine_mlp_t;

/* Deterministic generator (splitmix64), so a seed gives the same model on
 * every host. */
typedef struct sine_rng {
  uint64_t state;
} sine_rng_t;

void sine_rng_seed(sine_rng_t *r, uint64_t seed);
uint64_t sine_rng_next(sine_rng_t *r);
/* Uniform in [0, 1), 53 bits. */
double sine_rng_uniform(sine_rng_t *r);
/* Standard normal (Box-Muller). */
double sine_rng_normal(sine_rng_t *r);

typedef struct sine_train_config {
  uint64_t seed;
  int samples;    /* training points */
  double noise;   /* stddev of Gaussian noise added to sin(x) */
  int epochs;
  int batch;
  double lr;      /* Adam step size at the start; decays to lr / 10 */
} sine_train_config_t;

void sine_train_defaults(sine_train_config_t *c);

/* Trains `mlp` from a seeded initialization. Returns the final mean squared
 * error over the training set (against the noisy targets). Allocates and
 * frees its own data; returns a negative value when out of memory. */
double sine_train(sine_mlp_t *mlp, const sine_train_config_t *c);

/* Forward pass in double (training precision). */
double sine_forward(const sine_mlp_t *mlp, double x);

/* Forward pass in float32 with float32 parameters, as a float .tflite
 * would compute it. */
float sine_forward_f32(const sine_mlp_t *mlp, float x);

/* ---- export ----------------------------------------------------------- */

/* Affine int8 quantization of one tensor: real = scale * (q - zero_point). */
typedef struct sine_qparams {
  float scale;
  int32_t zero_point;
} sine_qparams_t;

/* The int8 model: what goes into the .tflite, plus the fixed-point
 * constants a reference kernel derives from it (for our own check). */
typedef struct sine_qmodel {
  sine_qparams_t input, act1, act2, output;
  float wscale[3];                       /* per-tensor weight scales */
  int8_t w1[SINE_HIDDEN];
  int8_t w2[SINE_HIDDEN * SINE_HIDDEN];
  int8_t w3[SINE_HIDDEN];
  int32_t b1[SINE_HIDDEN];
  int32_t b2[SINE_HIDDEN];
  int32_t b3[1];
} sine_qmodel_t;

/* Post-training quantization as the TFLite converter does it: activation
 * ranges calibrated by running the float model over `ncal` inputs `cal`,
 * weights symmetric per tensor, biases int32 at input_scale*weight_scale. */
void sine_quantize(const sine_mlp_t *mlp, const double *cal, int ncal,
                   sine_qmodel_t *q);

/* Runs the int8 model on a real input: quantize, three int8 FULLY_CONNECTED
 * ops with TFLite's reference fixed-point arithmetic, dequantize. */
float sine_forward_int8(const sine_qmodel_t *q, float x);

/* Serializes the models. Return 0, or -1 with a message on stderr. The
 * caller frees *out. */
int sine_export_float(const sine_mlp_t *mlp, uint8_t **out, size_t *len);
int sine_export_int8(const sine_qmodel_t *q, uint8_t **out, size_t *len);

#endif /* MOTE_SINE_MODEL_H */
