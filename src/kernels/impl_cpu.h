/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel binding of a build that does not make one: every compute
 * function impl.h binds, chosen by the CPU the compiler targets, as
 * MOTE_KERNELS=auto chooses it in cmake/kernels.cmake.
 *
 * CMake and the make builds bind through cmake/kernels.cmake, which
 * defines MOTE_KERNELS_BOUND beside its MOTE_IMPL_<FN> (none at all for
 * MOTE_KERNELS=ref). Build systems that compile a fixed file set with no
 * say in the flags (Arduino compiles the whole of src/; PlatformIO,
 * Zephyr and ESP-IDF take the manifests at the repository root) define
 * nothing, so the compiler's predefined macros decide: Helium
 * (__ARM_FEATURE_MVE, integer) the arm_mve chain, the DSP extension
 * (__ARM_FEATURE_DSP) the arm_dsp chain, anything else portable C. Every
 * family file compiles to nothing on a CPU without its feature (its body
 * is under the same macro), so compiling all of src/ is always right.
 * Define MOTE_KERNELS_BOUND alone to get the reference everywhere.
 *
 * This table must say what the registry in cmake/kernels.cmake says:
 * tests/package/ecosystems.py compares the two for every CPU.
 * Rejected: a generated header (one more build step for every ecosystem,
 * and none of them would run it).
 */
#ifndef MOTE_KERNELS_IMPL_CPU_H
#define MOTE_KERNELS_IMPL_CPU_H

#ifndef MOTE_KERNELS_BOUND
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#define MOTE_IMPL_ADD_S8 arm_mve
#define MOTE_IMPL_AVG_POOL_S8 arm_mve
#define MOTE_IMPL_CONV_2D_S8 arm_mve
#define MOTE_IMPL_DEPTHWISE_CONV_2D_S8 arm_mve
#define MOTE_IMPL_FC_S8 arm_mve
#define MOTE_IMPL_FC_S8_PRECOMPUTE arm_mve
#define MOTE_IMPL_MAX_POOL_S8 arm_mve
#elif defined(__ARM_FEATURE_DSP)
#define MOTE_IMPL_ADD_S8 arm_dsp
#define MOTE_IMPL_CONV_2D_S8 arm_dsp
#define MOTE_IMPL_DEPTHWISE_CONV_2D_S8 arm_dsp
#define MOTE_IMPL_FC_S8 arm_dsp
#else
#define MOTE_IMPL_ADD_S8 portable
#define MOTE_IMPL_CONV_2D_S8 portable
#define MOTE_IMPL_DEPTHWISE_CONV_2D_S8 portable
#define MOTE_IMPL_FC_S8 portable
#endif
#endif /* MOTE_KERNELS_BOUND */

#endif /* MOTE_KERNELS_IMPL_CPU_H */
