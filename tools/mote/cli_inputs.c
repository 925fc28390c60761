/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Model inputs for `mote run` and `mote profile`: --input FILE (one per
 * input tensor, in order), --inputs DIR (DIR/input_<i>.bin) and
 * --random SEED, each turned into exactly the tensor's bytes before
 * anything runs, so a wrong file is reported before any work is done.
 *
 * The format comes from the file name (.npy .wav .pgm .ppm .pnm .bmp .png
 * .bin), else from the first bytes. Every decoder gives values, which
 * cli_store_values (cli_convert.c) stores into the tensor by one set of
 * rules:
 *   - integers (npy integer dtypes, wav samples into int16 / int32
 *     tensors, image pixels into integer tensors) are stored as they are,
 *     and one that does not fit the tensor's type is an error, never
 *     wrapped or clamped;
 *   - real numbers (npy float dtypes, wav samples as s / 32768 in [-1, 1),
 *     pixels as p / 255 in [0, 1]) are stored as float into float tensors
 *     and quantized with the tensor's own scale and zero point into
 *     quantized ones (mote_quantize_floats for int8 and int16, the same
 *     arithmetic in cli_convert.c for uint8 and int32); into an integer
 *     tensor without quantization they have no meaning, which is an
 *     error.
 * Pixels into int8 tensors are p - 128, as TFLM's camera examples feed
 * their int8 models, rather than p / 255 quantized with the tensor's
 * parameters: that is what runs on the device, and for the usual input
 * scales of 1/255 or 2/255 the two agree within a step or two.
 * --raw-pixels stores the pixel byte unchanged instead (read as int8),
 * as TFLM's person_detection test feeds its test pictures: the golden
 * person_detect cases are those bytes.
 *
 * --random SEED reproduces the golden data's random cases: for input i a
 * Marsaglia xorshift32 starts from SEED + 17 i and steps once before each
 * element; int8 / uint8 take x & 0xFF, int16 x & 0xFFFF, int32 x, float32
 * (x >> 8) / 2^24 x 2 - 1 (uniform in [-1, 1)). SEED 1 gives the
 * golden cases random_0, 1001 random_1. A start of 0, which xorshift
 * never leaves, is replaced by 0x9E3779B9.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define WHY_CAP 256

int cli_input_option(int argc, char **argv, int *i, cli_input_spec_t *spec) {
  const char *v = NULL;
  int r;
  if ((r = cli_take_option(argc, argv, i, "--inputs", &v)) != 0) {
    spec->dir = v;
  } else if ((r = cli_take_option(argc, argv, i, "--input", &v)) != 0) {
    if (r > 0) {
      if (spec->file_count >= CLI_MAX_INPUT_FILES) {
        cli_usage_error("%s: more than %d --input files", argv[1],
                        CLI_MAX_INPUT_FILES);
        return -1;
      }
      spec->files[spec->file_count++] = v;
    }
  } else if (strcmp(argv[*i], "--raw-pixels") == 0) {
    spec->raw_pixels = 1;
    r = 1;
  } else if ((r = cli_take_option(argc, argv, i, "--random", &v)) != 0) {
    unsigned long long n;
    if (r > 0) {
      if (cli_parse_count(v, 0, &n) != 0 || n > 0xFFFFFFFFull) {
        cli_usage_error("%s: --random: '%s' is not a seed from 0 to "
                        "4294967295",
                        argv[1], v);
        return -1;
      }
      spec->random = 1;
      spec->seed = (uint32_t)n;
    }
  }
  if (r > 0 && spec->dir != NULL && (spec->file_count > 0 || spec->random)) {
    cli_usage_error("%s: --inputs DIR gives every input; it does not mix "
                    "with --input or --random",
                    argv[1]);
    return -1;
  }
  return r;
}

/* "input 0 (tensor 3, int8 [1, 96, 96, 1])" */
static void describe(uint32_t index, const mote_tensor_t *t, char *buf,
                     size_t cap) {
  char shape[96];
  cli_format_shape(t, shape, sizeof shape);
  snprintf(buf, cap, "input %lu (tensor %lu, %s %s)", (unsigned long)index,
           (unsigned long)t->index, mote_type_name((mote_type_t)t->type),
           shape);
}

/* How values went in, for the note: "quantized with scale S, zero point
 * Z", "as float32", "as int16". */
static void value_note(const mote_tensor_t *t, int real, char *buf,
                       size_t cap) {
  if (real && t->type != MOTE_TYPE_FLOAT32) {
    snprintf(buf, cap, "quantized with scale %.9g, zero point %ld",
             (double)t->scale, (long)t->zero_point);
  } else {
    snprintf(buf, cap, "as %s", mote_type_name((mote_type_t)t->type));
  }
}

/* Shapes equal once every dimension of size 1 is dropped. */
static int same_shape(const int32_t *a, int ra, const int32_t *b, int rb) {
  int i = 0;
  int j = 0;
  for (;;) {
    while (i < ra && a[i] == 1) {
      i++;
    }
    while (j < rb && b[j] == 1) {
      j++;
    }
    if (i == ra || j == rb) {
      return i == ra && j == rb;
    }
    if (a[i++] != b[j++]) {
      return 0;
    }
  }
}

static int from_npy(const cli_buffer_t *file, mote_tensor_t *t, size_t n,
                    char *why, size_t cap) {
  cli_npy_t a;
  mote_tensor_t view;
  char shape[96];
  char how[96];
  double *v;
  size_t k;
  int real;
  int rc;
  if (cli_npy_parse(file->data, file->size, &a, why, cap) != 0) {
    return -1;
  }
  if (a.count != n || !same_shape(a.shape, a.rank, t->dims, t->rank)) {
    char want[96];
    cli_format_dims(a.shape, a.rank, shape, sizeof shape);
    cli_format_shape(t, want, sizeof want);
    snprintf(why, cap, "has shape %s (%lu elements), but the tensor is %s "
                       "(%lu elements)",
             shape, (unsigned long)a.count, want, (unsigned long)n);
    return -2;
  }
  cli_format_dims(a.shape, a.rank, shape, sizeof shape);
  if (a.type == t->type) {
    memcpy(t->data, a.data, t->bytes); /* the exact bytes */
    snprintf(why, cap, ".npy %s %s, the bytes as they are",
             mote_type_name(a.type), shape);
    return 0;
  }
  if (a.bytes > 0xFFFFFFFFu) {
    snprintf(why, cap, "array too large");
    return -1;
  }
  memset(&view, 0, sizeof view);
  view.data = (void *)(uintptr_t)a.data;
  view.type = (uint8_t)a.type;
  view.bytes = (uint32_t)a.bytes;
  v = (double *)malloc((n ? n : 1u) * sizeof *v);
  if (v == NULL) {
    snprintf(why, cap, "out of memory");
    return -1;
  }
  for (k = 0; k < n; k++) {
    if (!cli_tensor_value(&view, (uint32_t)k, &v[k])) {
      v[k] = 0.0;
    }
  }
  real = a.type == MOTE_TYPE_FLOAT32 || a.type == MOTE_TYPE_FLOAT64 ||
         a.type == MOTE_TYPE_FLOAT16;
  rc = cli_store_values(t, v, n, real, why, cap);
  free(v);
  if (rc == 0) {
    value_note(t, real, how, sizeof how);
    snprintf(why, cap, ".npy %s %s, %s", mote_type_name(a.type), shape, how);
  }
  return rc;
}

static int from_wav(const cli_buffer_t *file, mote_tensor_t *t, size_t n,
                    char *why, size_t cap) {
  cli_wav_t w;
  double *v;
  size_t k;
  int raw = t->type == MOTE_TYPE_INT16 || t->type == MOTE_TYPE_INT32;
  int rc;
  if (cli_wav_parse(file->data, file->size, &w, why, cap) != 0) {
    return -1;
  }
  if (w.count != n) {
    snprintf(why, cap, "has %lu samples (%.3f s at %lu Hz), but the tensor "
                       "takes %lu; cut or pad the audio to %lu samples",
             (unsigned long)w.count,
             w.rate ? (double)w.count / (double)w.rate : 0.0,
             (unsigned long)w.rate, (unsigned long)n, (unsigned long)n);
    return -2;
  }
  v = (double *)malloc((n ? n : 1u) * sizeof *v);
  if (v == NULL) {
    snprintf(why, cap, "out of memory");
    return -1;
  }
  for (k = 0; k < n; k++) {
    double s = cli_wav_sample(&w, k);
    v[k] = raw ? s : s / 32768.0;
  }
  rc = cli_store_values(t, v, n, !raw, why, cap);
  free(v);
  if (rc == 0) {
    char how[96];
    value_note(t, !raw, how, sizeof how);
    snprintf(why, cap, ".wav, %lu samples at %lu Hz, %s%s",
             (unsigned long)w.count, (unsigned long)w.rate,
             raw ? "" : "s / 32768 ", how);
  }
  return rc;
}

/* Height, width and channels of an image tensor: [1, H, W, C], [H, W, C]
 * with C 1 or 3, or [H, W]. */
static int image_layout(const mote_tensor_t *t, uint32_t *h, uint32_t *w,
                        uint32_t *c) {
  const int32_t *d = t->dims;
  if (t->rank == 4 && d[0] == 1) {
    d++;
  } else if (t->rank == 2) {
    *h = (uint32_t)d[0];
    *w = (uint32_t)d[1];
    *c = 1;
    return d[0] > 0 && d[1] > 0;
  } else if (t->rank != 3) {
    return 0;
  }
  *h = (uint32_t)d[0];
  *w = (uint32_t)d[1];
  *c = (uint32_t)d[2];
  return d[0] > 0 && d[1] > 0 && (d[2] == 1 || d[2] == 3);
}

static int from_image(const char *ext, const cli_buffer_t *file,
                      mote_tensor_t *t, size_t n, int raw_pixels, char *why,
                      size_t cap) {
  cli_image_t img;
  uint32_t h;
  uint32_t w;
  uint32_t c;
  double *v;
  size_t k;
  int real;
  int rc;
  if (!image_layout(t, &h, &w, &c)) {
    snprintf(why, cap, "is not an image tensor ([1, H, W, C] with C 1 or 3); "
                       "give .npy or .bin data");
    return -2;
  }
  rc = strcmp(ext, "bmp") == 0   ? cli_bmp_decode(file->data, file->size, &img, why, cap)
       : strcmp(ext, "png") == 0 ? cli_png_decode(file->data, file->size, &img, why, cap)
                                 : cli_pnm_decode(file->data, file->size, &img, why, cap);
  if (rc != 0) {
    return -1;
  }
  if (img.width != w || img.height != h) {
    snprintf(why, cap, "is %lux%lu (width x height), but the model takes "
                       "%lux%lu images; resize it first",
             (unsigned long)img.width, (unsigned long)img.height,
             (unsigned long)w, (unsigned long)h);
    cli_image_free(&img);
    return -2;
  }
  real = t->type == MOTE_TYPE_FLOAT32 ||
         ((t->type == MOTE_TYPE_INT16 || t->type == MOTE_TYPE_INT32) &&
          cli_is_quantized(t));
  v = (double *)malloc((n ? n : 1u) * sizeof *v);
  if (v == NULL) {
    snprintf(why, cap, "out of memory");
    cli_image_free(&img);
    return -1;
  }
  for (k = 0; k < n; k++) {
    size_t px = k / c;
    const uint8_t *p = img.pixels + px * img.channels;
    double x;
    if (c == img.channels) {
      x = p[k % c];
    } else if (c == 1) {
      /* RGB to gray with the Rec. 601 luma weights. */
      x = (double)((299u * p[0] + 587u * p[1] + 114u * p[2] + 500u) / 1000u);
    } else {
      x = p[0]; /* gray to RGB: the same value in every channel */
    }
    if (real) {
      v[k] = x / 255.0;
    } else if (t->type == MOTE_TYPE_INT8) {
      /* --raw-pixels: the byte as it is, read as int8 */
      v[k] = raw_pixels ? (x >= 128.0 ? x - 256.0 : x) : x - 128.0;
    } else {
      v[k] = x;
    }
  }
  cli_image_free(&img);
  rc = cli_store_values(t, v, n, real, why, cap);
  free(v);
  if (rc == 0) {
    char how[96];
    value_note(t, real, how, sizeof how);
    snprintf(why, cap, "%s %lux%lu %s%s, %s %s",
             strcmp(ext, "bmp") == 0 ? "BMP" : strcmp(ext, "png") == 0 ? "PNG"
                                                                       : "PNM",
             (unsigned long)w, (unsigned long)h,
             img.channels == 1 ? "gray" : "RGB",
             img.channels == c ? "" : c == 1 ? " to gray" : " to RGB",
             real ? "pixel / 255"
             : t->type == MOTE_TYPE_INT8 && raw_pixels ? "pixel bytes"
             : t->type == MOTE_TYPE_INT8 ? "pixel - 128"
                                         : "pixel",
             how);
  }
  return rc;
}

/* Lower-case extension of `path` into ext[cap] ("" when none). */
static void extension(const char *path, char *ext, size_t cap) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  size_t i = 0;
  ext[0] = '\0';
  if (dot == NULL || (slash != NULL && dot < slash)) {
    return;
  }
  for (dot++; *dot != '\0' && i + 1 < cap; dot++) {
    ext[i++] = (char)(*dot >= 'A' && *dot <= 'Z' ? *dot - 'A' + 'a' : *dot);
  }
  ext[i] = '\0';
}

/* The format from the first bytes, for names without a known extension. */
static const char *sniff(const cli_buffer_t *f) {
  const uint8_t *b = f->data;
  if (f->size >= 6 && memcmp(b, "\x93NUMPY", 6) == 0) {
    return "npy";
  }
  if (f->size >= 12 && memcmp(b, "RIFF", 4) == 0) {
    return "wav";
  }
  if (f->size >= 8 && memcmp(b, "\x89PNG", 4) == 0) {
    return "png";
  }
  if (f->size >= 2 && b[0] == 'B' && b[1] == 'M') {
    return "bmp";
  }
  if (f->size >= 2 && b[0] == 'P' && (b[1] == '5' || b[1] == '6')) {
    return "pgm";
  }
  return NULL;
}

static int load_file(const char *path, mote_tensor_t *t, int raw_pixels,
                     char *why, size_t cap) {
  cli_buffer_t file;
  char ext[8];
  size_t n = (size_t)mote_tensor_elements(t);
  int rc;
  if (cli_read_file(path, &file) != 0) {
    return -3; /* printed */
  }
  extension(path, ext, sizeof ext);
  if (strcmp(ext, "bin") == 0 || strcmp(ext, "raw") == 0) {
    rc = 0;
    if (file.size != t->bytes) {
      snprintf(why, cap, "size is %lu bytes, but the tensor takes exactly "
                         "%lu bytes",
               (unsigned long)file.size, (unsigned long)t->bytes);
      rc = -2;
    } else {
      if (t->bytes > 0) {
        memcpy(t->data, file.data, t->bytes);
      }
      snprintf(why, cap, "raw bytes");
    }
  } else {
    const char *fmt = ext;
    if (strcmp(ext, "npy") != 0 && strcmp(ext, "wav") != 0 &&
        strcmp(ext, "bmp") != 0 && strcmp(ext, "png") != 0 &&
        strcmp(ext, "pgm") != 0 && strcmp(ext, "ppm") != 0 &&
        strcmp(ext, "pnm") != 0) {
      fmt = sniff(&file);
    }
    if (fmt == NULL) {
      snprintf(why, cap, "unknown format: mote reads .npy, .wav (16-bit "
                         "mono), .pgm/.ppm, .bmp, .png and .bin (raw tensor "
                         "bytes)");
      rc = -1;
    } else if (strcmp(fmt, "npy") == 0) {
      rc = from_npy(&file, t, n, why, cap);
    } else if (strcmp(fmt, "wav") == 0) {
      rc = from_wav(&file, t, n, why, cap);
    } else {
      rc = from_image(fmt, &file, t, n, raw_pixels, why, cap);
    }
  }
  cli_buffer_free(&file);
  return rc;
}

/* The xorshift32 start for input i. */
static uint32_t random_start(uint32_t seed, uint32_t i) {
  uint32_t x = seed + 17u * i;
  return x != 0 ? x : 0x9E3779B9u;
}

static void fill_random(mote_tensor_t *t, uint32_t seed) {
  uint32_t x = seed;
  size_t size = mote_type_size((mote_type_t)t->type);
  size_t n = (size_t)mote_tensor_elements(t);
  uint8_t *p = (uint8_t *)t->data;
  size_t k;
  size_t b;
  for (k = 0; k < n; k++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    if (t->type == MOTE_TYPE_FLOAT32) {
      float f = (float)((double)(x >> 8) / 16777216.0 * 2.0 - 1.0);
      memcpy(p + 4u * k, &f, sizeof f);
    } else if (t->type == MOTE_TYPE_BOOL) {
      p[k] = (uint8_t)(x & 1u);
    } else {
      /* Little-endian low bytes of x: x & 0xFF, x & 0xFFFF, x. */
      for (b = 0; b < size; b++) {
        p[k * size + b] = (uint8_t)(b < 4 ? x >> (8u * b) : 0u);
      }
    }
  }
}

int cli_inputs_load(cli_session_t *s, const cli_input_spec_t *spec,
                    cli_buffer_t *bufs, FILE *notes) {
  uint32_t count = mote_interp_input_count(&s->interp);
  uint32_t i;
  if ((uint32_t)spec->file_count > count) {
    cli_error("%d --input files, but %s has %lu input%s", spec->file_count,
              s->path, (unsigned long)count, count == 1 ? "" : "s");
    return -1;
  }
  for (i = 0; i < count; i++) {
    char what[160];
    char why[WHY_CAP];
    mote_tensor_t t;
    mote_status_t st = mote_interp_input(&s->interp, i, &t);
    int rc;
    if (st != MOTE_OK || t.data == NULL) {
      cli_report(s->path, st == MOTE_OK ? MOTE_ERR_BAD_ARG : st, NULL);
      return -1;
    }
    describe(i, &t, what, sizeof what);
    if (cli_buffer_alloc(&bufs[i], t.bytes) != 0) {
      return -1;
    }
    /* Decode into our own buffer through a copy of the view: the tensor's
     * memory is copied in again before every invoke. */
    t.data = bufs[i].data;
    if ((int)i < spec->file_count) {
      rc = load_file(spec->files[i], &t, spec->raw_pixels, why, sizeof why);
      if (rc == -2) {
        cli_error("%s: %s %s", spec->files[i], what, why);
      } else if (rc == -1) {
        cli_error("%s: %s", spec->files[i], why);
      }
    } else if (spec->dir != NULL) {
      char name[32];
      char *path;
      snprintf(name, sizeof name, "input_%lu.bin", (unsigned long)i);
      path = cli_path_join(spec->dir, name);
      rc = load_file(path, &t, 0, why, sizeof why);
      if (rc == -2 || rc == -1) {
        cli_error("%s: %s %s", path, what, why);
      }
      free(path);
    } else if (spec->random) {
      fill_random(&t, random_start(spec->seed, i));
      snprintf(why, sizeof why, "random, xorshift32 from %lu",
               (unsigned long)random_start(spec->seed, i));
      rc = 0;
    } else {
      cli_error("no data for %s: give --input FILE for each of the %lu "
                "input%s, --inputs DIR or --random SEED",
                what, (unsigned long)count, count == 1 ? "" : "s");
      rc = -1;
    }
    if (rc != 0) {
      return -1;
    }
    if (notes != NULL && (int)i >= spec->file_count && spec->dir != NULL) {
      fprintf(notes, "%s <- %s/input_%lu.bin: %s\n", what, spec->dir,
              (unsigned long)i, why);
    } else if (notes != NULL) {
      fprintf(notes, "%s <- %s: %s\n", what,
              (int)i < spec->file_count ? spec->files[i] : "--random", why);
    }
  }
  return 0;
}

cli_buffer_t *cli_inputs_alloc(uint32_t count) {
  cli_buffer_t *b = (cli_buffer_t *)calloc(count ? count : 1u, sizeof *b);
  if (b == NULL) {
    cli_error("out of memory");
  }
  return b;
}

void cli_inputs_free(cli_buffer_t *bufs, uint32_t count) {
  uint32_t i;
  for (i = 0; bufs != NULL && i < count; i++) {
    cli_buffer_free(&bufs[i]);
  }
  free(bufs);
}
