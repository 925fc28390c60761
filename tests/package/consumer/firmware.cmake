# SPDX-License-Identifier: Apache-2.0
# Makes `target` a Cortex-M firmware when cross compiling: the bare-metal
# harness' start-up code, semihosting output and linker script for QEMU
# mps2-an386 (MOTE_CM_DIR, ../shared/tools/cortex-m), so that the test can
# run it. Without the harness it links with newlib's nosys stubs instead
# (the link is still checked, nothing runs). On the host it does nothing.
function(mote_consumer_firmware target)
  if(NOT CMAKE_CROSSCOMPILING)
    return()
  endif()
  if(MOTE_CM_DIR AND EXISTS "${MOTE_CM_DIR}/cm_harness.h")
    target_sources(${target} PRIVATE ${MOTE_CM_DIR}/cm_startup.c
                   ${MOTE_CM_DIR}/cm_semihost.c ${MOTE_CM_DIR}/cm_count.c)
    target_include_directories(${target} PRIVATE ${MOTE_CM_DIR})
    target_compile_definitions(${target} PRIVATE CONSUMER_CM)
    target_link_options(${target} PRIVATE -nostartfiles -L${MOTE_CM_DIR}/ld
                        -T mps2-an386.ld)
  else()
    target_link_options(${target} PRIVATE --specs=nosys.specs)
  endif()
endfunction()
