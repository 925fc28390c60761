/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mote-sine-fit: trains the hello_world sine model on the host and writes
 * it as float32 and int8 .tflite files.
 *
 *   mote-sine-fit [--out-float PATH] [--out-int8 PATH] [--seed N]
 *                 [--noise SIGMA] [--epochs N]
 *
 * Everything is deterministic: the same options give the same bytes.
 * Without --out-* it only trains and reports.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sine_model.h"
#include "tflite_build.h"

/* Points of the evaluation grid over [0, 2*pi] (both ends included), and
 * of the calibration set used for int8 ranges. */
#define SINE_GRID 1000

static void usage(FILE *f) {
  fprintf(f,
          "usage: mote-sine-fit [--out-float PATH] [--out-int8 PATH] "
          "[--seed N]\n"
          "                     [--noise SIGMA] [--epochs N]\n"
          "Trains a 1-16-16-1 ReLU MLP on y = sin(x), x in [0, 2*pi], and "
          "writes\nit as a float32 and a full-integer int8 .tflite model.\n"
          "  --out-float PATH  write the float32 model\n"
          "  --out-int8 PATH   write the int8 model\n"
          "  --seed N          data / initialization seed (default 1)\n"
          "  --noise SIGMA     Gaussian noise on the targets (default 0)\n"
          "  --epochs N        training epochs (default 600)\n");
}

static int parse_u64(const char *s, uint64_t *out) {
  char *end;
  unsigned long long v;
  errno = 0;
  v = strtoull(s, &end, 0);
  if (errno != 0 || end == s || *end != '\0' || s[0] == '-') {
    return -1;
  }
  *out = (uint64_t)v;
  return 0;
}

static int write_model(const char *path, uint8_t *bytes, size_t len) {
  if (tfb_write_file(path, bytes, len) != 0) {
    fprintf(stderr, "mote-sine-fit: cannot write %s: %s\n", path,
            strerror(errno));
    return -1;
  }
  printf("wrote %s (%lu bytes)\n", path, (unsigned long)len);
  return 0;
}

int main(int argc, char **argv) {
  sine_train_config_t cfg;
  sine_mlp_t mlp;
  sine_qmodel_t q;
  const char *out_float = NULL, *out_int8 = NULL;
  static double grid[SINE_GRID];
  double loss, max_err_f = 0.0, max_err_q = 0.0, at_f = 0.0, at_q = 0.0;
  uint8_t *bytes = NULL;
  size_t len = 0;
  int i, rc = 0;

  sine_train_defaults(&cfg);
  /* Options come in pairs: name, value. */
  for (i = 1; i < argc; i += 2) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    uint64_t n;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      return 0;
    }
    if (v == NULL) {
      usage(stderr);
      return 2;
    }
    if (strcmp(a, "--out-float") == 0) {
      out_float = v;
    } else if (strcmp(a, "--out-int8") == 0) {
      out_int8 = v;
    } else if (strcmp(a, "--seed") == 0 && parse_u64(v, &n) == 0) {
      cfg.seed = n;
    } else if (strcmp(a, "--epochs") == 0 && parse_u64(v, &n) == 0 &&
               n > 0 && n < 1000000) {
      cfg.epochs = (int)n;
    } else if (strcmp(a, "--noise") == 0) {
      char *end;
      cfg.noise = strtod(v, &end);
      if (*end != '\0' || !(cfg.noise >= 0.0 && cfg.noise < 10.0)) {
        fprintf(stderr, "mote-sine-fit: bad --noise %s\n", v);
        return 2;
      }
    } else {
      fprintf(stderr, "mote-sine-fit: bad option %s %s\n", a, v);
      usage(stderr);
      return 2;
    }
  }

  loss = sine_train(&mlp, &cfg);
  if (loss < 0.0) {
    fprintf(stderr, "mote-sine-fit: out of memory\n");
    return 1;
  }
  printf("trained 1-16-16-1 MLP: seed %llu, %d samples, noise %g, "
         "%d epochs, batch %d\n",
         (unsigned long long)cfg.seed, cfg.samples, cfg.noise, cfg.epochs,
         cfg.batch);
  printf("training loss (MSE): %.6g\n", loss);

  for (i = 0; i < SINE_GRID; i++) {
    grid[i] = SINE_TWO_PI * i / (SINE_GRID - 1);
  }
  sine_quantize(&mlp, grid, SINE_GRID, &q);
  for (i = 0; i < SINE_GRID; i++) {
    float x = (float)grid[i];
    double ef = fabs((double)sine_forward_f32(&mlp, x) - sin((double)x));
    double eq = fabs((double)sine_forward_int8(&q, x) - sin((double)x));
    if (ef > max_err_f) {
      max_err_f = ef;
      at_f = x;
    }
    if (eq > max_err_q) {
      max_err_q = eq;
      at_q = x;
    }
  }
  printf("max |error| on %d points in [0, 2pi]: float32 %.4f (x=%.3f), "
         "int8 %.4f (x=%.3f)\n",
         SINE_GRID, max_err_f, at_f, max_err_q, at_q);
  printf("int8 quantization: input scale %.9g zp %d, output scale %.9g zp "
         "%d\n",
         (double)q.input.scale, (int)q.input.zero_point,
         (double)q.output.scale, (int)q.output.zero_point);

  if (out_float != NULL) {
    if (sine_export_float(&mlp, &bytes, &len) != 0 ||
        write_model(out_float, bytes, len) != 0) {
      rc = 1;
    }
    free(bytes);
    bytes = NULL;
  }
  if (out_int8 != NULL) {
    if (sine_export_int8(&q, &bytes, &len) != 0 ||
        write_model(out_int8, bytes, len) != 0) {
      rc = 1;
    }
    free(bytes);
  }
  return rc;
}
