/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How a compute function is bound to one implementation at build time.
 *
 * Every op's glue (src/kernels/<op>.c: options, shape and type checks,
 * multipliers and scratch requests in prepare) calls compute functions
 * with a plain C signature: small parameter structs, data pointers and a
 * caller-provided scratch buffer. Each such function has a reference
 * implementation, mote_<fn>_ref in src/kernels/ref/, always built: it is
 * the specification and what tests compare against. Faster
 * implementations live beside it in one directory per family, each in
 * its own file, with the same signature and the family's name as suffix:
 *
 *   portable  src/kernels/portable/  plain C that compilers vectorise;
 *                                    hosts, RISC-V, Cortex-M0+/M3
 *   arm_dsp   src/kernels/arm_dsp/   Cortex-M DSP extension (ACLE)
 *   arm_mve   src/kernels/arm_mve/   Cortex-M Helium (MVE intrinsics)
 *
 * The op's header maps the name the glue calls onto one of them:
 *
 *   #ifdef MOTE_IMPL_FC_S8
 *   #define mote_fc_s8 MOTE_IMPL_NAME(fc_s8, MOTE_IMPL_FC_S8)
 *   mote_fc_s8_fn mote_fc_s8;
 *   #else
 *   #define mote_fc_s8 mote_fc_s8_ref
 *   #endif
 *
 * so the glue never names a family. The build defines MOTE_IMPL_<FN> for
 * every function a selected family implements: cmake/kernels.cmake holds
 * one line per implementation file and the CMake option MOTE_KERNELS
 * (ref | portable | arm_dsp | arm_mve | auto) picks the families; it also
 * defines MOTE_KERNELS_BOUND. Without it (the bare `cc src/...` build,
 * Arduino, the other ecosystems' manifests) impl_cpu.h binds by the
 * compiler's predefined macros, as `auto` would. Rejected: function
 * pointers chosen at run time (an indirect call per op and every
 * implementation linked into every firmware), and weak symbols (not C99, and a static library's weak definition stops
 * the linker from pulling in the strong one).
 *
 * A function whose implementations may need working memory has a
 * companion mote_<fn>_scratch_bytes, bound the same way: the glue asks it
 * in prepare, requests that much arena scratch and passes the buffer at
 * invoke (CMSIS-NN's *_get_buffer_size() pattern). The reference never
 * needs scratch: with it bound, the query is the constant 0 (a macro), so
 * a firmware of reference kernels links no scratch code at all.
 *
 * A function whose implementations may derive something from constant
 * operands once, in prepare (CMSIS-NN's kernel sums), has a companion
 * pair bound under its own name, <FN>_PRECOMPUTE in the registry, so that
 * only the families that want it implement it:
 * mote_<fn>_persistent_bytes(p), the persistent memory wanted (0: none),
 * and mote_<fn>_precompute(p, <constant operands>, mem), which fills it.
 * The glue calls both in prepare, when the operands are constant, and
 * hands the memory to the compute function through its parameters (NULL
 * otherwise: the implementation then derives what it needs per invoke).
 * Unbound, the query is the constant 0 and the precompute a no-op macro.
 * A family that implements <FN>_PRECOMPUTE implements <FN> too, so both
 * bind to it.
 */
#ifndef MOTE_KERNELS_IMPL_H
#define MOTE_KERNELS_IMPL_H

/* mote_<fn>_<family>: implementation `family` of compute function
 * mote_<fn>. `fn` is the bare name (fc_s8), so that it is never itself
 * the macro being defined. */
#define MOTE_IMPL_NAME_(fn, family) mote_##fn##_##family
#define MOTE_IMPL_NAME(fn, family) MOTE_IMPL_NAME_(fn, family)

/* mote_<fn>_<family>_scratch_bytes: its scratch query. */
#define MOTE_IMPL_SCRATCH_NAME_(fn, family) mote_##fn##_##family##_scratch_bytes
#define MOTE_IMPL_SCRATCH_NAME(fn, family) MOTE_IMPL_SCRATCH_NAME_(fn, family)

/* mote_<fn>_<family>_persistent_bytes and _precompute: the pair above. */
#define MOTE_IMPL_PERSISTENT_NAME_(fn, family)                                 \
  mote_##fn##_##family##_persistent_bytes
#define MOTE_IMPL_PERSISTENT_NAME(fn, family)                                  \
  MOTE_IMPL_PERSISTENT_NAME_(fn, family)
#define MOTE_IMPL_PRECOMPUTE_NAME_(fn, family) mote_##fn##_##family##_precompute
#define MOTE_IMPL_PRECOMPUTE_NAME(fn, family)                                  \
  MOTE_IMPL_PRECOMPUTE_NAME_(fn, family)

#include "kernels/impl_cpu.h"

#endif /* MOTE_KERNELS_IMPL_H */
