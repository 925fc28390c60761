/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * mote: a TensorFlow Lite runtime for microcontrollers. One include for all.
 */
#ifndef MOTE_MOTE_H
#define MOTE_MOTE_H

#include "mote/ab_store.h"
#include "mote/interp.h"
#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/ops.h"
#include "mote/resolver.h"
#include "mote/status.h"
#include "mote/tensor.h"
#include "mote/train.h"
#include "mote/version.h"

#endif /* MOTE_MOTE_H */
