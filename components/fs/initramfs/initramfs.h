/* SPDX-License-Identifier: Apache-2.0 */
#ifndef INITRAMFS_H
#define INITRAMFS_H

#include "unpack.h"

/* Unpack @buf into the rootfs, printing the outcome (@what: "initrd");
 * 0 or the enum initramfs_error of a refused archive. */
int initramfs_unpack_buffer(const void *buf, size_t len, const char *what,
			    struct initramfs_stats *st);
int initramfs_init(void);

#endif
