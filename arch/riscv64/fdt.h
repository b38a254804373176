/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A reader for the flattened devicetree (Devicetree Specification v0.4,
 * chapter 5) that extracts only what boot needs. It depends on nothing but
 * <tessera/types.h> so the host test compiles it as it is, and it trusts
 * nothing in the blob: every offset and length is checked against the
 * header's sizes and the caller's bound before it is read.
 */
#ifndef RISCV64_FDT_H
#define RISCV64_FDT_H

#include <tessera/types.h>

#define FDT_MAGIC          0xd00dfeedU
#define FDT_HEADER_SIZE    40
#define FDT_MAX_DEPTH      16
#define FDT_MAX_MEM        16
#define FDT_MAX_RSV        16
#define FDT_MAX_CPUS       8

struct fdt_range {
	u64 base;
	u64 size;
};

struct fdt_boot_data {
	u32 totalsize;
	struct fdt_range mem[FDT_MAX_MEM];      /* device_type = "memory" reg */
	unsigned int nr_mem;
	bool mem_truncated;                     /* more banks than mem[] holds */
	/* /memreserve/ entries and /reserved-memory children */
	struct fdt_range rsv[FDT_MAX_RSV];
	unsigned int nr_rsv;
	const char *bootargs;                   /* in the blob, NUL-terminated */
	/* /chosen linux,initrd-start and linux,initrd-end (32- or 64-bit
	 * cells): where the loader put the initrd. has_initrd when both are
	 * there and end > start. */
	bool has_initrd;
	u8 initrd_seen;                         /* bit 0: start, bit 1: end */
	u64 initrd_start, initrd_end;
	bool has_test_dev;                      /* a "sifive,test*" node */
	u64 test_dev_base;
	/* Interrupts and time (0 / false when the blob has none). */
	u64 timebase_frequency;                 /* /cpus or a cpu node */
	bool has_plic;                          /* "riscv,plic0" / "sifive,plic-1.0.0" */
	u64 plic_base, plic_size;
	u32 plic_ndev;                          /* riscv,ndev: highest source id */
	const u8 *plic_irqs_ext;                /* interrupts-extended, raw cells */
	u32 plic_irqs_ext_len;
	struct fdt_cpu {
		u32 hartid;                     /* the cpu node's reg */
		u32 intc_phandle;               /* its "riscv,cpu-intc" child */
	} cpus[FDT_MAX_CPUS];
	unsigned int nr_cpus;
	bool has_uart;                          /* the first "ns16550a" node */
	u64 uart_base;
	u32 uart_irq;                           /* its first interrupts cell */
};

/*
 * The PLIC context (index into its interrupts-extended) that delivers
 * supervisor external interrupts (cause 9) to hart @hartid, or -1.
 */
int fdt_plic_context(const struct fdt_boot_data *fdt, unsigned long hartid);

/*
 * Parse the blob at @blob, of which at most @avail bytes may be read.
 * Returns 0 and fills @out, or -1 with *@err naming what is wrong.
 */
int fdt_parse(const void *blob, size_t avail, struct fdt_boot_data *out,
	      const char **err);

#endif
