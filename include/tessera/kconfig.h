/* SPDX-License-Identifier: Apache-2.0 */
/*
 * IS_ENABLED(CONFIG_X) / IS_ENABLED(HAVE_X): 1 when autoconf.h defines the
 * macro as 1, 0 when it does not define it at all -- usable in C
 * expressions, where `defined` is not, so that code generated from the
 * graph (TESSERA_TREE_INTERFACES) can ask about every interface without a
 * hand-written #ifndef per name.
 *
 * How: pasting the macro's value onto TESSERA_IS_ONE_PROBE_ gives the
 * probe macro only for the value 1; the probe expands to two arguments,
 * shifting a 1 into the position that is otherwise taken by the 0.
 */
#ifndef TESSERA_KCONFIG_H
#define TESSERA_KCONFIG_H

#define TESSERA_IS_ONE_PROBE_1 ~, 1
#define TESSERA_PICK_SECOND(first, second, ...) second
#define TESSERA_PICK_SECOND_EXPANDED(...) TESSERA_PICK_SECOND(__VA_ARGS__)
#define TESSERA_IS_ONE_PASTED(value) \
	TESSERA_PICK_SECOND_EXPANDED(TESSERA_IS_ONE_PROBE_##value, 0, ~)
#define TESSERA_IS_ONE(value) TESSERA_IS_ONE_PASTED(value)

#define IS_ENABLED(option) TESSERA_IS_ONE(option)

#endif
