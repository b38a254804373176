/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A proc file's contents are rendered whole when it is opened (Linux's
 * single_open): a show function prints into a seq_file that grows as it
 * needs, and read(2) serves bytes of that snapshot. One snapshot per open
 * keeps a reader from seeing half of one state and half of the next.
 */
#ifndef PROCFS_SEQ_FILE_H
#define PROCFS_SEQ_FILE_H

#include <tessera/compiler.h>
#include <tessera/types.h>

struct seq_file {
	char *buf;
	size_t size;            /* bytes allocated */
	size_t count;           /* bytes written */
	bool overflow;          /* an allocation failed: the snapshot is incomplete */
};

/* Allocation hooks: kmalloc/kfree in the kernel, malloc/free in the host test. */
void *seq_alloc(size_t size);
void seq_free(void *ptr);

void seq_init(struct seq_file *m);
void seq_release_buf(struct seq_file *m);
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* Pads with spaces up to column @col of the current line (maps' pathname column). */
void seq_pad_to(struct seq_file *m, size_t col);

#endif
