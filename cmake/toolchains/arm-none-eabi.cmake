# SPDX-License-Identifier: Apache-2.0
# Cross toolchain: bare-metal Arm Cortex-M with arm-none-eabi-gcc (Debian:
# gcc-arm-none-eabi libnewlib-arm-none-eabi).
#
#   cmake -S . -B build-m4 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-none-eabi.cmake \
#         -DMOTE_CPU=cortex-m4f -DCMAKE_BUILD_TYPE=Release
#
# MOTE_CPU picks the core: cortex-m0plus | cortex-m3 | cortex-m4f | cortex-m7
# | cortex-m33 | cortex-m55 (default cortex-m4f). Cores without an FPU get
# -mfloat-abi=soft; the others the hard-float ABI with their FPU spelled out,
# so objects link with the QEMU harness in ../shared/tools/cortex-m, whose
# flags these are for M3, M4F, M7 and M55. M55 keeps -mfpu=auto: its -mcpu
# already implies FP and MVE. Cross builds produce only the library (see
# CMakeLists.txt): there is no host to run the tools or tests on.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(MOTE_CPU "cortex-m4f" CACHE STRING
    "Target core: cortex-m0plus, cortex-m3, cortex-m4f, cortex-m7, cortex-m33, cortex-m55")
set_property(CACHE MOTE_CPU PROPERTY STRINGS
             cortex-m0plus cortex-m3 cortex-m4f cortex-m7 cortex-m33 cortex-m55)

if(MOTE_CPU STREQUAL "cortex-m0plus")
  set(_mote_arch "-mcpu=cortex-m0plus -mthumb -mfloat-abi=soft")
elseif(MOTE_CPU STREQUAL "cortex-m3")
  set(_mote_arch "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
elseif(MOTE_CPU STREQUAL "cortex-m4f")
  set(_mote_arch "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
elseif(MOTE_CPU STREQUAL "cortex-m7")
  set(_mote_arch "-mcpu=cortex-m7 -mthumb -mfloat-abi=hard -mfpu=fpv5-d16")
elseif(MOTE_CPU STREQUAL "cortex-m33")
  set(_mote_arch "-mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16")
elseif(MOTE_CPU STREQUAL "cortex-m55")
  set(_mote_arch "-mcpu=cortex-m55 -mthumb -mfloat-abi=hard")
else()
  message(FATAL_ERROR "MOTE_CPU=${MOTE_CPU} is not one of: cortex-m0plus "
          "cortex-m3 cortex-m4f cortex-m7 cortex-m33 cortex-m55")
endif()

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)

# Checks compile, never link: there is no startup code or linker script here.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# try_compile projects re-read this file; hand them the core.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MOTE_CPU)

# Per-function sections so an application's --gc-sections drops every
# kernel it does not register.
set(_mote_C_flags "${_mote_arch} -ffunction-sections -fdata-sections")
set(_mote_CXX_flags "${_mote_C_flags}")
set(_mote_ASM_flags "${_mote_arch}")
set(CMAKE_C_FLAGS_INIT "${_mote_C_flags}")
set(CMAKE_CXX_FLAGS_INIT "${_mote_CXX_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_mote_ASM_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "--specs=nano.specs -Wl,--gc-sections")

# The _INIT values only seed an empty cache: a user's -DCMAKE_C_FLAGS=...
# would silently drop the core's flags and build for the wrong CPU. Put
# them in front of such flags; refuse a build tree made for another core.
foreach(_mote_lang C CXX ASM)
  if(DEFINED CACHE{CMAKE_${_mote_lang}_FLAGS})
    set(_mote_flags "$CACHE{CMAKE_${_mote_lang}_FLAGS}")
    if(NOT _mote_flags MATCHES "-mcpu=")
      set(CMAKE_${_mote_lang}_FLAGS "${_mote_${_mote_lang}_flags} ${_mote_flags}" CACHE STRING
          "Flags used by the compiler during all build types." FORCE)
    elseif(NOT _mote_flags MATCHES "${_mote_arch}")
      message(FATAL_ERROR "CMAKE_${_mote_lang}_FLAGS (${_mote_flags}) is for "
              "another core than MOTE_CPU=${MOTE_CPU}: use a fresh build directory")
    endif()
  endif()
endforeach()

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
