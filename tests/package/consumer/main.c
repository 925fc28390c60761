/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The package tests' consumer: what a first program on mote looks like,
 * built outside mote's tree against an installed or added mote
 * (tests/package/run.sh). Runs the sine model (linked in as an array by
 * embed.cmake) at 13 points of [0, 6] and exits 0 when every output is
 * within 0.05 of sin(x), the int8 model's error.
 *
 * The same source is a host program and a Cortex-M firmware (CONSUMER_CM:
 * output through the QEMU harness' semihosting). Besides FULLY_CONNECTED,
 * which the model needs, it registers LOGISTIC and SOFTMAX so that the
 * link pulls in the kernels' expf and roundf: libm must come with mote.
 */
#include <string.h>

#include "mote/mote.h"

#ifdef CONSUMER_CM
#include "cm_harness.h"
static void say(const char *s) { cm_puts(s); }
#else
#include <stdio.h>
static void say(const char *s) { fputs(s, stdout); }
#endif

extern const unsigned char consumer_model[];
extern const unsigned long consumer_model_len;

static uint8_t arena_mem[4096];

/* sin(x) for |x| <= 7 without libm of our own: the test is that mote
 * brings libm, so the consumer must not need it for itself. Taylor series
 * after reducing to [-pi, pi]; error below 1e-6 there. */
static float sine(float x) {
  const float pi = 3.14159265f;
  float term, sum;
  int k;
  if (x > pi) {
    x -= 2.0f * pi;
  }
  term = x;
  sum = x;
  for (k = 1; k < 12; k++) {
    term *= -x * x / (float)((2 * k) * (2 * k + 1));
    sum += term;
  }
  return sum;
}

static int fail(const char *what, const mote_error_t *err) {
  say("consumer: ");
  say(what);
  say(" failed: ");
  say(err->message);
  say("\n");
  return 1;
}

int main(void) {
  mote_model_t model;
  mote_resolver_entry_t entries[3];
  mote_resolver_t resolver;
  mote_arena_t arena;
  mote_interp_t interp;
  mote_error_t err;
  mote_tensor_t in, out;
  int i, bad = 0;
  if (mote_model_open(&model, consumer_model, consumer_model_len, &err) !=
      MOTE_OK) {
    return fail("open", &err);
  }
  mote_resolver_init(&resolver, entries, 3);
  mote_resolver_add(&resolver, MOTE_OP_FULLY_CONNECTED,
                    &mote_kernel_fully_connected);
  mote_resolver_add(&resolver, MOTE_OP_LOGISTIC, &mote_kernel_logistic);
  mote_resolver_add(&resolver, MOTE_OP_SOFTMAX, &mote_kernel_softmax);
  mote_arena_init(&arena, arena_mem, sizeof arena_mem);
  if (mote_interp_init(&interp, &model, &resolver, &arena, &err) != MOTE_OK ||
      mote_interp_prepare(&interp, &err) != MOTE_OK) {
    return fail("init/prepare", &err);
  }
  mote_interp_input(&interp, 0, &in);
  mote_interp_output(&interp, 0, &out);
  for (i = 0; i <= 12; i++) {
    const float x = 0.5f * (float)i;
    float y;
    if (mote_quantize_floats(&in, &x, 1, &err) != MOTE_OK ||
        mote_interp_invoke(&interp, &err) != MOTE_OK ||
        mote_dequantize_to_floats(&out, &y, 1, &err) != MOTE_OK) {
      return fail("run", &err);
    }
    y -= sine(x);
    bad += !(y < 0.05f && y > -0.05f);
  }
  say("consumer: mote ");
  say(mote_version());
  say(bad == 0 ? ": 13 points within 0.05 of sin(x)\n"
               : ": outputs far from sin(x)\n");
  /* The header and the library must be the same version. */
  if (strcmp(mote_version(), MOTE_VERSION_STRING) != 0) {
    say("consumer: header and library versions differ\n");
    return 1;
  }
  return bad == 0 ? 0 : 1;
}
