/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target over the `mote run --input` decoders (tools/mote/
 * cli_npy.c, cli_wav.c, cli_image.c, cli_png.c) and the value rules
 * (cli_convert.c). Every input goes through every decoder: each rejects a
 * foreign file at its magic bytes, so this costs little and lets the seed
 * corpus be plain files (tests/tools/cli_fixtures.py writes one):
 *
 *   python3 tests/tools/cli_fixtures.py /tmp/seeds
 *   build-fuzz/tests/fuzz/fuzz_cli_inputs -max_total_time=60 /tmp/seeds
 *
 * A decoded .npy of up to 4096 elements is also stored into an int8
 * tensor, quantized and not, to run the conversions on what it holds.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void store_npy(const cli_npy_t *a) {
  static int8_t out[4096];
  static double values[4096];
  mote_tensor_t src;
  mote_tensor_t dst;
  char why[256];
  size_t i;
  if (a->count > 4096 || a->bytes > 0xFFFFFFFFu) {
    return;
  }
  memset(&src, 0, sizeof src);
  src.data = (void *)(uintptr_t)a->data;
  src.type = (uint8_t)a->type;
  src.bytes = (uint32_t)a->bytes;
  for (i = 0; i < a->count; i++) {
    if (!cli_tensor_value(&src, (uint32_t)i, &values[i])) {
      values[i] = 0.0;
    }
  }
  memset(&dst, 0, sizeof dst);
  dst.data = out;
  dst.type = MOTE_TYPE_INT8;
  dst.rank = 1;
  dst.dims[0] = (int32_t)a->count;
  dst.bytes = (uint32_t)a->count;
  (void)cli_store_values(&dst, values, a->count, 0, why, sizeof why);
  dst.scale = 0.125f;
  dst.zero_point = -3;
  dst.quant_count = 1;
  (void)cli_store_values(&dst, values, a->count, 1, why, sizeof why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char why[256];
  cli_npy_t npy;
  cli_wav_t wav;
  cli_image_t img;
  if (cli_npy_parse(data, size, &npy, why, sizeof why) == 0) {
    store_npy(&npy);
  }
  if (cli_wav_parse(data, size, &wav, why, sizeof why) == 0) {
    size_t i;
    int32_t sum = 0;
    for (i = 0; i < wav.count; i++) {
      sum += cli_wav_sample(&wav, i);
    }
    (void)sum;
  }
  if (cli_pnm_decode(data, size, &img, why, sizeof why) == 0) {
    cli_image_free(&img);
  }
  if (cli_bmp_decode(data, size, &img, why, sizeof why) == 0) {
    cli_image_free(&img);
  }
  if (cli_png_decode(data, size, &img, why, sizeof why) == 0) {
    cli_image_free(&img);
  }
  return 0;
}
