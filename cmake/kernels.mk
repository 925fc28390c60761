# SPDX-License-Identifier: Apache-2.0
# The kernel implementations of a make-driven build (bench/Makefile,
# tests/target/Makefile), as cmake/kernels.cmake selects them for CMake.
#
# In:  ROOT (the repository), MOTE_CPU (cortex-m4f, cortex-m7, cortex-m55,
#      ..., or host), KERNELS (ref | portable | arm_dsp | arm_mve | auto;
#      default auto), KERNELS_STAMP (a file to hold the selection)
# Out: KERNEL_DEFS (-DMOTE_IMPL_...), CORE_SRCS (src/ without the family
#      directories: the reference build), LIB_SRCS (CORE_SRCS plus the
#      selected family sources), KERNEL_IMPLS
#      (FN:family of every implementation in the chain), and the rule for
#      $(KERNELS_STAMP): a prerequisite of every library object, rewritten
#      only when the selection changes, so that objects built for another
#      selection are rebuilt.
KERNELS ?= auto
_mote_kq = $(shell cmake -DMOTE_CPU=$(MOTE_CPU) -DMOTE_KERNELS=$(KERNELS) \
             -DMOTE_QUERY=$(1) -P $(ROOT)/cmake/kernels.cmake)
ifneq ($(call _mote_kq,check),ok)
$(error cmake/kernels.cmake refused KERNELS=$(KERNELS) for MOTE_CPU=$(MOTE_CPU))
endif
KERNEL_DEFS := $(call _mote_kq,cflags)
KERNEL_SRCS := $(call _mote_kq,sources)
KERNEL_IMPLS := $(call _mote_kq,impls)
CORE_SRCS := $(shell find $(ROOT)/src -name '*.c' \
              -not -path '*/kernels/portable/*' -not -path '*/kernels/arm_dsp/*' \
              -not -path '*/kernels/arm_mve/*' | LC_ALL=C sort)
LIB_SRCS := $(CORE_SRCS) $(KERNEL_SRCS)

# Not the including makefile's default goal.
_mote_goal := $(.DEFAULT_GOAL)
$(KERNELS_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(KERNELS) $(KERNEL_DEFS)' | cmp -s - $@ || echo '$(KERNELS) $(KERNEL_DEFS)' >$@
.DEFAULT_GOAL := $(_mote_goal)
