# SPDX-License-Identifier: Apache-2.0
# Cross toolchain: bare-metal 32-bit RISC-V (RV32IMC, ilp32), freestanding,
# with Debian's riscv64-unknown-elf-gcc, which targets rv32 too.
#
#   cmake -S . -B build-rv32 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/riscv32.cmake \
#         -DCMAKE_BUILD_TYPE=Release
#
# Debian's gcc-riscv64-unknown-elf ships no C library, so not even string.h
# or math.h; the library needs both. picolibc-riscv64-unknown-elf provides
# them (and rv32imac/ilp32 libraries for linking), reached through its
# picolibc.specs. -ffreestanding keeps the compiler from assuming a hosted
# environment; the library needs none.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)

set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(_mote_arch "-march=rv32imc -mabi=ilp32 --specs=picolibc.specs -ffreestanding")
set(_mote_C_flags "${_mote_arch} -ffunction-sections -fdata-sections")
set(_mote_ASM_flags "${_mote_arch}")
set(CMAKE_C_FLAGS_INIT "${_mote_C_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_mote_ASM_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections")

# The _INIT values only seed an empty cache: keep the target flags in front
# of a user's -DCMAKE_C_FLAGS=... (see arm-none-eabi.cmake).
foreach(_mote_lang C ASM)
  if(DEFINED CACHE{CMAKE_${_mote_lang}_FLAGS})
    set(_mote_flags "$CACHE{CMAKE_${_mote_lang}_FLAGS}")
    if(NOT _mote_flags MATCHES "-march=")
      set(CMAKE_${_mote_lang}_FLAGS "${_mote_${_mote_lang}_flags} ${_mote_flags}" CACHE STRING
          "Flags used by the compiler during all build types." FORCE)
    endif()
  endif()
endforeach()

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
