/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FULLY_CONNECTED int8, Helium (fully_connected.h): for Cortex-M55/M85
 * (MVE integer). No assumption on alignment or depths.
 *
 * A fully connected layer is a 1x1 convolution over a 1x1 image: input
 * [batches][accum_depth] is NHWC [batches][1][1][accum_depth], the filter
 * [out_depth][accum_depth] is [out_c][1][1][in_c], and the output is
 * [batches][1][1][out_depth]. So this builds the convolution's parameters
 * and calls the Helium 1x1 GEMM of conv_2d_arm_mve.c (mve_conv.h: four
 * rows per pass sharing each input load, 16 MACs per VMLADAVA, four
 * outputs requantized at once). The input offset there is folded as
 * bias + off * sum(w). Those sums are formed once, in prepare
 * (mote_fc_s8_arm_mve_precompute, impl.h's precompute pair), into
 * persistent memory, and handed to the convolution as the scratch of a
 * later band (reuse_scratch), which is exactly that array: formed per
 * invoke they cost one more pass over the weights, 2 instructions per 16
 * per row against 2.5 in the product (mlperf_ad_autoencoder_int8's ten
 * layers at -O2 on Cortex-M55: 175,024 instructions per invoke, 149,530
 * for TFLM+CMSIS-NN, which also sums in prepare). The price is 4 bytes
 * per output row per layer of arena, where the per-invoke sums were one
 * scratch buffer shared by every layer.
 *
 * Scratch: none with precomputed sums; else the convolution's (4 *
 * out_depth bytes, rounded up to 16).
 */
#include "kernels/fully_connected.h"

#if defined(__ARM_FEATURE_MVE)
#include "kernels/arm_mve/mve_requant.h"
#include "kernels/arm_mve/mve_conv.h"
#include "kernels/conv_2d.h"

/* Declared here too: the binding in fully_connected.h declares them only
 * when this family is the one bound. */
mote_fc_s8_fn mote_fc_s8_arm_mve;

/* The params carry the precomputed sums only in builds that bind this
 * file's precompute (cmake/kernels.cmake), as every Helium build does. */
#ifdef MOTE_IMPL_FC_S8_PRECOMPUTE
#define PRECOMPUTED(p) ((p)->precomputed)
#else
#define PRECOMPUTED(p) ((const void *)0)
#endif
mote_fc_scratch_fn mote_fc_s8_arm_mve_scratch_bytes;
mote_fc_persistent_fn mote_fc_s8_arm_mve_persistent_bytes;
mote_fc_s8_precompute_fn mote_fc_s8_arm_mve_precompute;

/* The convolution's sums: out_depth int32, rounded up to 4 as its scratch
 * layout has them. */
size_t mote_fc_s8_arm_mve_persistent_bytes(const mote_fc_params_t *p) {
  return (size_t)((p->out_depth + 3) & ~3) * sizeof(int32_t);
}

void mote_fc_s8_arm_mve_precompute(const mote_fc_params_t *p,
                                   const int8_t *filter, const int32_t *bias,
                                   void *mem) {
  mote_mve_offset_sums(filter, p->out_depth, p->accum_depth, p->input_offset,
                       bias, (int32_t *)mem);
}

static void conv_params(const mote_fc_params_t *p, mote_conv_params_t *c) {
  c->batches = p->batches;
  c->in_h = c->in_w = 1;
  c->in_c = c->filter_c = p->accum_depth;
  c->filter_h = c->filter_w = 1;
  c->out_h = c->out_w = 1;
  c->out_c = p->out_depth;
  c->stride_h = c->stride_w = 1;
  c->dilation_h = c->dilation_w = 1;
  c->pad_h = c->pad_w = 0;
  c->depth_multiplier = 1;
  c->reuse_scratch = 0;
  c->input_offset = p->input_offset;
  c->rq = p->out.rq; /* int8 only: the float clamp is not set */
  c->act_min_f = 0.0f;
  c->act_max_f = 0.0f;
}

size_t mote_fc_s8_arm_mve_scratch_bytes(const mote_fc_params_t *p) {
  mote_conv_params_t c;
  if (PRECOMPUTED(p) != NULL) {
    return 0;
  }
  conv_params(p, &c);
  return mote_conv_2d_s8_scratch_bytes(&c);
}

void mote_fc_s8_arm_mve(const mote_fc_params_t *p, const int8_t *input,
                        const int8_t *filter, const int32_t *bias,
                        int8_t *output, void *scratch) {
  mote_conv_params_t c;
  conv_params(p, &c);
  if (PRECOMPUTED(p) != NULL) {
    /* Read, never written, with reuse_scratch set. */
    c.reuse_scratch = 1;
    scratch = (void *)(uintptr_t)PRECOMPUTED(p);
  }
  mote_mve_conv_1x1_s8(&c, input, filter, bias, output, (int32_t *)scratch);
}

#else
/* Not a Helium target: nothing to compile (ISO C wants a declaration). */
typedef int mote_fully_connected_arm_mve_unused;
#endif
