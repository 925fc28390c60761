/* SPDX-License-Identifier: Apache-2.0 */
/*
 * person_detection: is there a person in a 96x96 grayscale picture?
 *
 *   example_person_detection [--models DIR] [--dump-input FILE] BMP
 *
 * Runs person_detect.tflite (MobileNet v1 0.25, int8) from TFLM's
 * person_detection example on an 8-bit grayscale BMP and prints the two
 * int8 scores, person and no person, and the verdict.
 *
 * The pixel bytes go into the int8 input tensor unchanged, bit for bit,
 * as TFLM's person_detection_test.cc feeds its test images; with the same
 * input the scores are TFLM's exactly. The image is decoded to top-down
 * rows first (BMPs are usually stored bottom-up).
 *
 * Models come from --models DIR, else $MOTE_MODELS_DIR, else
 * ../shared/models (relative to the repository root). --dump-input writes
 * the 9216 input bytes, for comparison with TFLM's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmp.h"
#include "mote/mote.h"

#define MODEL_FILE "person_detect.tflite"
#define NO_PERSON 0 /* output index of each score */
#define PERSON 1

/* TFLM needs about 83 KiB for this model. */
#define ARENA_BYTES (128 * 1024)
static uint8_t arena_buffer[ARENA_BYTES];

static void usage(void) {
  fprintf(stderr,
          "usage: example_person_detection [--models DIR] [--dump-input FILE] "
          "BMP\n"
          "  BMP   96x96 8-bit grayscale Windows bitmap\n"
          "  --models DIR       model directory (default $MOTE_MODELS_DIR or "
          "../shared/models)\n"
          "  --dump-input FILE  write the 96x96 input tensor bytes to FILE\n");
}

/* Reads a whole file into malloc'ed memory (4-byte aligned, as mote wants
 * model bytes); NULL if it cannot. */
static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  uint8_t *data = NULL;
  long size;
  if (f == NULL) {
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
      fseek(f, 0, SEEK_SET) == 0) {
    data = (uint8_t *)malloc(size > 0 ? (size_t)size : 1);
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
  fprintf(stderr, "person_detection: %s: %s (%s)\n", what, err->message,
          mote_status_str(err->status));
  return 1;
}

int main(int argc, char **argv) {
  const char *models = getenv("MOTE_MODELS_DIR");
  const char *bmp_path = NULL, *dump_path = NULL;
  char path[1024], msg[200];
  mote_model_t model;
  mote_resolver_entry_t entries[5];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_tensor_t in, out;
  mote_error_t err;
  uint8_t *model_bytes = NULL, *bmp_bytes = NULL;
  const int8_t *scores;
  size_t model_len = 0, bmp_len = 0;
  int32_t width, height;
  int i, rc = 1;

  if (models == NULL || models[0] == '\0') {
    models = "../shared/models";
  }
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--models") == 0 && i + 1 < argc) {
      models = argv[++i];
    } else if (strcmp(argv[i], "--dump-input") == 0 && i + 1 < argc) {
      dump_path = argv[++i];
    } else if (argv[i][0] != '-' && bmp_path == NULL) {
      bmp_path = argv[i];
    } else {
      usage();
      return 2;
    }
  }
  if (bmp_path == NULL) {
    usage();
    return 2;
  }
  bmp_bytes = read_file(bmp_path, &bmp_len);
  if (bmp_bytes == NULL) {
    fprintf(stderr, "person_detection: cannot read %s\n", bmp_path);
    return 1;
  }

  /* 1. The model, and only the five kernels it uses. */
  snprintf(path, sizeof path, "%s/%s", models, MODEL_FILE);
  model_bytes = read_file(path, &model_len);
  if (model_bytes == NULL) {
    fprintf(stderr,
            "person_detection: cannot read model %s (use --models DIR)\n",
            path);
    goto done;
  }
  if (mote_model_open(&model, model_bytes, model_len, &err) != MOTE_OK) {
    rc = fail(MODEL_FILE, &err);
    goto done;
  }
  if (mote_resolver_init(&resolver, entries, 5) != MOTE_OK ||
      mote_resolver_add(&resolver, MOTE_OP_AVERAGE_POOL_2D,
                        &mote_kernel_average_pool_2d) != MOTE_OK ||
      mote_resolver_add(&resolver, MOTE_OP_CONV_2D, &mote_kernel_conv_2d) !=
          MOTE_OK ||
      mote_resolver_add(&resolver, MOTE_OP_DEPTHWISE_CONV_2D,
                        &mote_kernel_depthwise_conv_2d) != MOTE_OK ||
      mote_resolver_add(&resolver, MOTE_OP_RESHAPE, &mote_kernel_reshape) !=
          MOTE_OK ||
      mote_resolver_add(&resolver, MOTE_OP_SOFTMAX, &mote_kernel_softmax) !=
          MOTE_OK) {
    fprintf(stderr, "person_detection: resolver setup failed\n");
    goto done;
  }

  /* 2. Interpreter over a static arena. */
  if (mote_arena_init(&arena, arena_buffer, sizeof arena_buffer) != MOTE_OK) {
    fprintf(stderr, "person_detection: mote_arena_init failed\n");
    goto done;
  }
  if (mote_interp_init(&interp, &model, &resolver, &arena, &err) != MOTE_OK ||
      mote_interp_prepare(&interp, &err) != MOTE_OK) {
    rc = fail(MODEL_FILE, &err);
    goto done;
  }
  if (mote_interp_input(&interp, 0, &in) != MOTE_OK ||
      mote_interp_output(&interp, 0, &out) != MOTE_OK ||
      in.type != MOTE_TYPE_INT8 || in.rank != 4 || in.dims[3] != 1 ||
      out.type != MOTE_TYPE_INT8 || mote_tensor_elements(&out) != 2) {
    fprintf(stderr,
            "person_detection: %s: expected an int8 [1, H, W, 1] input and "
            "two int8 scores\n",
            MODEL_FILE);
    goto done;
  }
  height = in.dims[1];
  width = in.dims[2];

  /* 3. The picture, decoded straight into the input tensor
   *    (int8 [1, 96, 96, 1], top row first). */
  if (bmp_read_gray8(bmp_bytes, bmp_len, width, height, (uint8_t *)in.data,
                     msg, sizeof msg) != 0) {
    fprintf(stderr, "person_detection: %s: %s\n", bmp_path, msg);
    goto done;
  }
  if (dump_path != NULL) {
    FILE *f = fopen(dump_path, "wb");
    if (f == NULL || fwrite(in.data, 1, in.bytes, f) != in.bytes) {
      fprintf(stderr, "person_detection: cannot write %s\n", dump_path);
      if (f != NULL) {
        fclose(f);
      }
      goto done;
    }
    fclose(f);
  }

  /* 4. Run it. */
  if (mote_interp_invoke(&interp, &err) != MOTE_OK) {
    rc = fail(MODEL_FILE, &err);
    goto done;
  }
  scores = (const int8_t *)out.data; /* [2]: no person, person */
  printf("%s: %ldx%ld grayscale, arena %lu of %d bytes used\n", bmp_path,
         (long)width, (long)height,
         (unsigned long)mote_interp_arena_used_bytes(&interp), ARENA_BYTES);
  printf("person score %d, no person score %d\n", scores[PERSON],
         scores[NO_PERSON]);
  printf("%s\n", scores[PERSON] > scores[NO_PERSON] ? "person" : "no person");
  rc = 0;

done:
  free(model_bytes);
  free(bmp_bytes);
  return rc;
}
