# SPDX-License-Identifier: Apache-2.0
# The model as a C array, 16-byte aligned, as a firmware links it: no file
# system needed, on the host or on a Cortex-M.
#
#   include(embed.cmake)                       then
#   mote_consumer_embed(MODEL.tflite OUT.c)    at configure time, or
#   cmake -DMODEL=MODEL.tflite -DOUT=OUT.c -P embed.cmake
#
# OUT.c defines `const unsigned char consumer_model[]` and
# `const unsigned long consumer_model_len`.
function(mote_consumer_embed model out)
  file(READ "${model}" hex HEX)
  string(LENGTH "${hex}" digits)
  math(EXPR bytes "${digits} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)"
         "\\1\n  " hex "${hex}")
  file(WRITE "${out}.tmp"
"/* ${model}, made by tests/package/consumer/embed.cmake. */
#if defined(__GNUC__)
#define CONSUMER_ALIGNED __attribute__((aligned(16)))
#else
#define CONSUMER_ALIGNED
#endif
const unsigned char consumer_model[${bytes}] CONSUMER_ALIGNED = {
  ${hex}
};
const unsigned long consumer_model_len = ${bytes}u;
")
  configure_file("${out}.tmp" "${out}" COPYONLY) # rewritten only if changed
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  mote_consumer_embed("${MODEL}" "${OUT}")
endif()
