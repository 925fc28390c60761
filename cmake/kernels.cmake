# SPDX-License-Identifier: Apache-2.0
# Kernel implementations: which compute functions have implementations
# other than the reference, and which of them a build uses (see
# src/kernels/impl.h for the mechanism).
#
# MOTE_KERNELS picks the implementation families, most preferred first;
# each function gets the first family in the chain that implements it,
# else the reference:
#   ref        the reference only
#   portable   portable C (hosts, RISC-V, Cortex-M0+/M3), then ref
#   arm_dsp    Cortex-M DSP extension (M4, M7, M33), then portable, then ref
#   arm_mve    Helium (M55, M85), then arm_dsp, then portable, then ref
#   auto       by MOTE_CPU: cortex-m55 -> arm_mve; cortex-m4f, cortex-m7,
#              cortex-m33 -> arm_dsp; anything else, the host included ->
#              portable
#
# Included by CMakeLists.txt, this sets
#   MOTE_KERNEL_SOURCES      family sources to compile into libmote
#   MOTE_KERNEL_DEFINITIONS  MOTE_KERNELS_BOUND (the binding is made here,
#                            not by src/kernels/impl_cpu.h), then
#                            MOTE_IMPL_<FN>=<family> for every bound function
#   MOTE_KERNEL_IMPLS        <FN>:<family> for every implementation in the
#                            chain (the table-driven test runs them all)
#   MOTE_KERNEL_CHAIN        the families, most preferred first
# Run as a script it prints one of them for builds that are not CMake's
# (bench/Makefile, tests/target/Makefile):
#   cmake -DMOTE_CPU=cortex-m4f -DMOTE_KERNELS=auto -DMOTE_QUERY=cflags \
#         -P cmake/kernels.cmake      # -DMOTE_KERNELS_BOUND -DMOTE_IMPL_FC_S8=arm_dsp ...
#   ... -DMOTE_QUERY=sources | impls | chain | check (prints "ok")
#
# ---- the registry: one line per implementation file -----------------------
#   mote_kernel_impl(<family> <source, from the repository root> <FN>...)
# where each FN is a function of impl.h's naming (FC_S8 binds mote_fc_s8 to
# mote_fc_s8_<family>). Adding an implementation is its file and one line
# here.
macro(mote_kernel_registry)
  mote_kernel_impl(portable src/kernels/portable/fully_connected_portable.c FC_S8)
  mote_kernel_impl(portable src/kernels/portable/conv_2d_portable.c CONV_2D_S8)
  mote_kernel_impl(portable src/kernels/portable/depthwise_conv_2d_portable.c
                   DEPTHWISE_CONV_2D_S8)
  mote_kernel_impl(portable src/kernels/portable/add_portable.c ADD_S8)
  mote_kernel_impl(arm_dsp src/kernels/arm_dsp/add_arm_dsp.c ADD_S8)
  mote_kernel_impl(arm_dsp src/kernels/arm_dsp/conv_2d_arm_dsp.c CONV_2D_S8)
  mote_kernel_impl(arm_dsp src/kernels/arm_dsp/depthwise_conv_2d_arm_dsp.c
                   DEPTHWISE_CONV_2D_S8)
  mote_kernel_impl(arm_dsp src/kernels/arm_dsp/fully_connected_arm_dsp.c FC_S8)
  mote_kernel_impl(arm_mve src/kernels/arm_mve/add_arm_mve.c ADD_S8)
  mote_kernel_impl(arm_mve src/kernels/arm_mve/average_pool_2d_arm_mve.c
                   AVG_POOL_S8)
  mote_kernel_impl(arm_mve src/kernels/arm_mve/conv_2d_arm_mve.c CONV_2D_S8)
  mote_kernel_impl(arm_mve src/kernels/arm_mve/depthwise_conv_2d_arm_mve.c
                   DEPTHWISE_CONV_2D_S8)
  mote_kernel_impl(arm_mve src/kernels/arm_mve/fully_connected_arm_mve.c FC_S8
                   FC_S8_PRECOMPUTE)
  mote_kernel_impl(arm_mve src/kernels/arm_mve/max_pool_2d_arm_mve.c
                   MAX_POOL_S8)
endmacro()
# ---------------------------------------------------------------------------

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_policy(VERSION 3.20) # the project's; a script starts with none
endif()

set(MOTE_KERNEL_FAMILIES ref portable arm_dsp arm_mve)

function(mote_kernel_chain kernels cpu out)
  if(kernels STREQUAL "auto")
    if(cpu STREQUAL "cortex-m55")
      set(kernels arm_mve)
    elseif(cpu MATCHES "^cortex-m(4f|7|33)$")
      set(kernels arm_dsp)
    else()
      set(kernels portable)
    endif()
  endif()
  if(kernels STREQUAL "ref")
    set(chain "")
  elseif(kernels STREQUAL "portable")
    set(chain portable)
  elseif(kernels STREQUAL "arm_dsp")
    set(chain arm_dsp portable)
  elseif(kernels STREQUAL "arm_mve")
    set(chain arm_mve arm_dsp portable)
  else()
    message(FATAL_ERROR "MOTE_KERNELS=${kernels}: expected ref, portable, "
            "arm_dsp, arm_mve or auto")
  endif()
  # A family the CPU cannot run would leave its functions undefined.
  if("arm_dsp" IN_LIST chain AND NOT cpu MATCHES "^cortex-m(4f|7|33|55)$")
    message(FATAL_ERROR "MOTE_KERNELS=${kernels} needs a Cortex-M with the "
            "DSP extension (cortex-m4f, -m7, -m33, -m55); MOTE_CPU is '${cpu}'")
  endif()
  if("arm_mve" IN_LIST chain AND NOT cpu STREQUAL "cortex-m55")
    message(FATAL_ERROR "MOTE_KERNELS=${kernels} needs Helium (cortex-m55); "
            "MOTE_CPU is '${cpu}'")
  endif()
  set(${out} "${chain}" PARENT_SCOPE)
endfunction()

# Collects the registry for `chain` into the four result variables.
function(mote_kernel_select kernels cpu root)
  mote_kernel_chain("${kernels}" "${cpu}" chain)
  set(sources "")
  set(impls "")
  set(bound_fns "")
  macro(mote_kernel_impl family source)
    list(FIND chain ${family} rank)
    if(rank GREATER -1)
      list(APPEND sources ${root}/${source})
      foreach(fn ${ARGN})
        list(APPEND impls "${fn}:${family}")
        # The better family wins: the lowest rank in the chain.
        if(NOT DEFINED _mote_rank_${fn} OR rank LESS _mote_rank_${fn})
          set(_mote_rank_${fn} ${rank})
          set(_mote_family_${fn} ${family})
          list(APPEND bound_fns ${fn})
        endif()
      endforeach()
    elseif(NOT "${family}" IN_LIST MOTE_KERNEL_FAMILIES)
      message(FATAL_ERROR "cmake/kernels.cmake: unknown family '${family}'")
    endif()
  endmacro()
  mote_kernel_registry()
  list(REMOVE_DUPLICATES sources)
  list(REMOVE_DUPLICATES bound_fns)
  set(defs MOTE_KERNELS_BOUND)
  foreach(fn ${bound_fns})
    list(APPEND defs "MOTE_IMPL_${fn}=${_mote_family_${fn}}")
  endforeach()
  set(MOTE_KERNEL_SOURCES "${sources}" PARENT_SCOPE)
  set(MOTE_KERNEL_DEFINITIONS "${defs}" PARENT_SCOPE)
  set(MOTE_KERNEL_IMPLS "${impls}" PARENT_SCOPE)
  set(MOTE_KERNEL_CHAIN "${chain}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  if(NOT DEFINED MOTE_KERNELS)
    set(MOTE_KERNELS auto)
  endif()
  if(NOT DEFINED MOTE_CPU)
    set(MOTE_CPU host)
  endif()
  get_filename_component(_root ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
  mote_kernel_select("${MOTE_KERNELS}" "${MOTE_CPU}" "${_root}")
  if(MOTE_QUERY STREQUAL "cflags")
    set(_out "")
    foreach(d ${MOTE_KERNEL_DEFINITIONS})
      string(APPEND _out " -D${d}")
    endforeach()
  elseif(MOTE_QUERY STREQUAL "sources")
    string(REPLACE ";" " " _out "${MOTE_KERNEL_SOURCES}")
  elseif(MOTE_QUERY STREQUAL "impls")
    string(REPLACE ";" " " _out "${MOTE_KERNEL_IMPLS}")
  elseif(MOTE_QUERY STREQUAL "chain")
    string(REPLACE ";" " " _out "${MOTE_KERNEL_CHAIN}")
  elseif(MOTE_QUERY STREQUAL "check")
    set(_out ok) # reached only when the selection is valid

  else()
    message(FATAL_ERROR "MOTE_QUERY=${MOTE_QUERY}: expected cflags, sources, "
            "impls or chain")
  endif()
  string(STRIP "${_out}" _out)
  # message() writes to stderr; the Makefiles read stdout.
  execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${_out}")
endif()
