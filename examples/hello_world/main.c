/* SPDX-License-Identifier: Apache-2.0 */
/*
 * hello_world: run the sine model with mote.
 *
 *   example_hello_world [MODEL]    (default models/sine_int8.tflite)
 *
 * Loads a .tflite file, registers the one kernel it needs
 * (FULLY_CONNECTED), and evaluates y = sin(x) at 20 points of [0, 2*pi].
 * Works with both models from tools/sine_model: for the int8 one the input
 * is quantized and the output dequantized with the tensors' scale and zero
 * point; the float one is fed directly.
 *
 * On a microcontroller the model would be a const array in flash and the
 * file loading below would go away; everything else stays the same.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mote/mote.h"

/* Working memory for the interpreter: tensor table, op data and
 * activations. The sine model needs well under 1 KiB. */
#define ARENA_BYTES 4096
static uint8_t arena_buffer[ARENA_BYTES];

#define STEPS 20
#define TWO_PI 6.28318530717958647692

/* Reads a whole file into malloc'ed memory (malloc's alignment is enough:
 * mote wants model bytes 4-byte aligned). */
static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *data = NULL;
  long size;
  if (f == NULL) {
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 &&
      fseek(f, 0, SEEK_SET) == 0) {
    data = (uint8_t *)malloc((size_t)size);
    if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
      free(data);
      data = NULL;
    }
    *len = (size_t)size;
  }
  fclose(f);
  return data;
}

static int fail(const char *what, const mote_error_t *err) {
  fprintf(stderr, "hello_world: %s failed: %s (%s)\n", what, err->message,
          mote_status_str(err->status));
  return 1;
}

/* Writes x into the input tensor in its own type. */
static int set_input(const mote_tensor_t *in, float x) {
  if (in->type == MOTE_TYPE_FLOAT32) {
    ((float *)in->data)[0] = x;
  } else if (in->type == MOTE_TYPE_INT8) {
    long q = lroundf(x / in->scale) + in->zero_point;
    ((int8_t *)in->data)[0] = (int8_t)(q < -128 ? -128 : q > 127 ? 127 : q);
  } else {
    return -1;
  }
  return 0;
}

/* Reads the output tensor back as a real number. */
static float get_output(const mote_tensor_t *out) {
  if (out->type == MOTE_TYPE_INT8) {
    int8_t q = ((const int8_t *)out->data)[0];
    return out->scale * (float)(q - out->zero_point);
  }
  return ((const float *)out->data)[0];
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "models/sine_int8.tflite";
  mote_model_t model;
  mote_resolver_entry_t entries[1];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_tensor_t in, out;
  mote_error_t err;
  uint8_t *bytes;
  size_t len = 0;
  int i, rc = 0;

  bytes = read_file(path, &len);
  if (bytes == NULL) {
    fprintf(stderr, "hello_world: cannot read %s\n", path);
    return 1;
  }

  /* 1. Verify the model; mote reads it in place from now on. */
  if (mote_model_open(&model, bytes, len, &err) != MOTE_OK) {
    rc = fail("mote_model_open", &err);
    goto done;
  }

  /* 2. Register only the kernels this model uses. */
  if (mote_resolver_init(&resolver, entries, 1) != MOTE_OK ||
      mote_resolver_add(&resolver, MOTE_OP_FULLY_CONNECTED,
                        &mote_kernel_fully_connected) != MOTE_OK) {
    fprintf(stderr, "hello_world: resolver setup failed\n");
    rc = 1;
    goto done;
  }

  /* 3. Interpreter over a static arena: init, then prepare (plans memory
   *    and lets each kernel check its tensors). */
  if (mote_arena_init(&arena, arena_buffer, sizeof arena_buffer) != MOTE_OK) {
    fprintf(stderr, "hello_world: mote_arena_init failed\n");
    rc = 1;
    goto done;
  }
  if (mote_interp_init(&interp, &model, &resolver, &arena, &err) != MOTE_OK) {
    rc = fail("mote_interp_init", &err);
    goto done;
  }
  if (mote_interp_prepare(&interp, &err) != MOTE_OK) {
    rc = fail("mote_interp_prepare", &err);
    goto done;
  }
  if (mote_interp_input(&interp, 0, &in) != MOTE_OK ||
      mote_interp_output(&interp, 0, &out) != MOTE_OK) {
    fprintf(stderr, "hello_world: the model has no input or output\n");
    rc = 1;
    goto done;
  }
  printf("%s: %s input, arena %lu of %d bytes used\n", path,
         mote_type_name((mote_type_t)in.type),
         (unsigned long)mote_interp_arena_used_bytes(&interp), ARENA_BYTES);

  /* 4. Run it. */
  for (i = 0; i < STEPS; i++) {
    float x = (float)(TWO_PI * i / (STEPS - 1));
    if (set_input(&in, x) != 0) {
      fprintf(stderr, "hello_world: unsupported input type %s\n",
              mote_type_name((mote_type_t)in.type));
      rc = 1;
      goto done;
    }
    if (mote_interp_invoke(&interp, &err) != MOTE_OK) {
      rc = fail("mote_interp_invoke", &err);
      goto done;
    }
    printf("x=%.3f y=%.3f sin(x)=%.3f\n", x, get_output(&out), sin(x));
  }

done:
  free(bytes);
  return rc;
}
