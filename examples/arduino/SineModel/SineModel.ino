// SPDX-License-Identifier: Apache-2.0
// SineModel: mote runs the sine model of models/ (y = sin(x), int8) on an
// Arduino board and prints x and y over Serial, 20 points over [0, 2*pi].
//
// The model is a C array in flash (sine_model_data.h); everything mote
// needs at run time lives in one 2 KiB arena, declared below. The kernels
// pick the fastest implementation for the board's CPU by themselves
// (Cortex-M DSP or Helium where the core has it).
#include <mote.h>

#include "sine_model_data.h"

// The sine model plans under 1 KiB; `mote inspect` says how much a model
// needs, and setup() prints what this one took.
alignas(16) static uint8_t arena_buffer[2048];

static mote_model_t model;
static mote_resolver_entry_t resolver_entries[1];
static mote_resolver_t resolver;
static mote_arena_t arena;
static mote_interp_t interp;
static bool ready = false;
static int step = 0;

static void report(const char *what, const mote_error_t &err) {
  Serial.print(what);
  Serial.print(" failed: ");
  Serial.println(err.message);
}

void setup() {
  mote_error_t err;
  Serial.begin(115200);
  // Verifies the whole flatbuffer; mote reads it in place from now on.
  if (mote_model_open(&model, g_sine_model, sizeof g_sine_model, &err) != MOTE_OK) {
    report("mote_model_open", err);
    return;
  }
  // Only the kernels the model uses: the linker drops the rest.
  mote_resolver_init(&resolver, resolver_entries, 1);
  mote_resolver_add(&resolver, MOTE_OP_FULLY_CONNECTED, &mote_kernel_fully_connected);
  mote_arena_init(&arena, arena_buffer, sizeof arena_buffer);
  if (mote_interp_init(&interp, &model, &resolver, &arena, &err) != MOTE_OK ||
      mote_interp_prepare(&interp, &err) != MOTE_OK) {
    report("mote_interp_init/prepare", err);
    return;
  }
  Serial.print("mote ");
  Serial.print(mote_version());
  Serial.print(": arena bytes used ");
  Serial.println((unsigned long)mote_interp_arena_used_bytes(&interp));
  ready = true;
}

void loop() {
  if (!ready) {
    return;
  }
  const float x = 6.2831853f * (float)step / 20.0f;
  float y;
  mote_tensor_t in, out;
  mote_error_t err;
  // The model's input and output are int8: mote_quantize_floats and
  // mote_dequantize_to_floats use their scale and zero point.
  if (mote_interp_input(&interp, 0, &in) != MOTE_OK ||
      mote_quantize_floats(&in, &x, 1, &err) != MOTE_OK ||
      mote_interp_invoke(&interp, &err) != MOTE_OK ||
      mote_interp_output(&interp, 0, &out) != MOTE_OK ||
      mote_dequantize_to_floats(&out, &y, 1, &err) != MOTE_OK) {
    report("invoke", err);
    ready = false;
    return;
  }
  Serial.print("x=");
  Serial.print(x, 3);
  Serial.print(" y=");
  Serial.println(y, 3);
  step = (step + 1) % 20;
  delay(100);
}
