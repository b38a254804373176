/* SPDX-License-Identifier: Apache-2.0 */
/*
 * From boot.S to start_kernel(): read the devicetree into boot_info while
 * nothing else runs, then hand over. No console exists until start_kernel()
 * runs the console initcalls, so anything that stops the boot here speaks
 * through the SBI firmware instead of printk.
 */
#define pr_fmt(fmt) "riscv64: " fmt

#include <tessera/boot.h>
#include <tessera/compiler.h>
#include <tessera/percpu.h>
#include <tessera/printk.h>
#include <asm/memory.h>
#include <asm/platform.h>
#include <interfaces/arch.h>
#include <interfaces/kernel.h>
#include <interfaces/memblock.h>
#include <interfaces/printk.h>
#include "csr.h"
#include "fdt.h"
#include "memmap.h"
#include "pgtable.h"
#include "riscv64.h"
#include "sbi.h"

/* More than any devicetree QEMU or a board's firmware passes. */
#define FDT_MAX_BLOB (16UL << 20)

unsigned long riscv64_boot_hartid;
struct riscv64_platform riscv64_platform;
phys_addr_t riscv64_boot_dtb;

static struct boot_info boot_info;
static bool fdt_mem_truncated;
static u64 fdt_initrd_start, fdt_initrd_end;        /* what /chosen said, to report */

static void sbi_put_hex(u64 v)
{
	char buf[19] = "0x";

	for (int i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	buf[18] = '\0';
	sbi_console_puts(buf);
}

_Noreturn void riscv64_early_fatal(const char *what, const char *why,
				   phys_addr_t addr)
{
	sbi_console_puts("tessera: riscv64: ");
	sbi_console_puts(what);
	sbi_console_puts(" at ");
	sbi_put_hex(addr);
	sbi_console_puts(": ");
	sbi_console_puts(why);
	sbi_console_puts("\r\ntessera: poweroff status=1\r\n");
	riscv64_arch_poweroff(1);
}

static void copy_cmdline(const char *src)
{
	size_t i = 0;

	if (src)
		for (; src[i] && i + 1 < sizeof(boot_info.cmdline); i++)
			boot_info.cmdline[i] = src[i];
	boot_info.cmdline[i] = '\0';
}

static void record_platform(const struct fdt_boot_data *fdt, unsigned long hartid)
{
	struct riscv64_platform *p = &riscv64_platform;

	p->boot_hartid = hartid;
	p->timebase_hz = fdt->timebase_frequency;
	if (fdt->has_plic) {
		p->plic_base = fdt->plic_base;
		p->plic_size = fdt->plic_size;
		p->plic_ndev = fdt->plic_ndev;
		p->plic_context = fdt_plic_context(fdt, hartid);
		p->plic_context_from_fdt = p->plic_context >= 0;
		if (p->plic_context < 0)
			p->plic_context = (int)(2 * hartid + 1);
	}
	if (fdt->has_uart) {
		p->uart_base = fdt->uart_base;
		p->uart_irq = fdt->uart_irq;
	}
}

/*
 * memblock becomes the owner of RAM. memmap_build() painted the reserved
 * ranges (the devicetree's reservations, the blob itself) and the image
 * inside the RAM banks, so every region of the map is RAM here, and all but
 * the usable ones stay reserved.
 */
static void report_boot_memory(const struct boot_info *bi)
{
	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		memblock_add(r->base, r->size);
		if (r->type != MEM_USABLE)
			memblock_reserve(r->base, r->size);
	}
	/* Page tables come from memblock before the direct map is built:
	 * only what boot.S mapped can be written (mmu.c raises the limit). */
	memblock_set_current_limit(riscv64_early_map_limit());
}

static struct percpu_data early_percpu = { .self = &early_percpu };

_Noreturn void riscv64_boot(unsigned long hartid, phys_addr_t dtb)
{
	struct fdt_boot_data fdt;
	struct memmap_carveouts c;
	const char *err = "unknown error";

	/*
	 * tp is whatever the firmware left: point it at an early per-CPU area
	 * first (Linux's head.S sets tp as early), since printk and the
	 * allocators take spinlocks, which count preemption there, before the
	 * percpu initcall moves the CPU to its own area.
	 */
	arch_set_percpu_base(&early_percpu);
	(void)hartid;
	if (dtb == 0 || dtb >= DIRECT_MAP_SIZE - FDT_HEADER_SIZE)
		riscv64_early_fatal("devicetree", "address outside the direct map",
				    dtb);
	/*
	 * Where RAM ends is only known once the blob is read, so the read is
	 * capped by FDT_MAX_BLOB; memmap_build() then refuses a blob whose
	 * totalsize does not fit in the RAM bank holding it.
	 */
	if (fdt_parse(phys_to_virt(dtb), MIN(FDT_MAX_BLOB, DIRECT_MAP_SIZE - dtb),
		      &fdt, &err) < 0)
		riscv64_early_fatal("refusing the devicetree", err, dtb);

	c = (struct memmap_carveouts){
		.kernel_start = virt_to_phys(_kernel_start),
		.kernel_end = virt_to_phys(_kernel_end),
		.dtb_start = dtb,
		.dtb_end = dtb + fdt.totalsize,
		.initrd_start = fdt.has_initrd ? fdt.initrd_start : 0,
		.initrd_end = fdt.has_initrd ? fdt.initrd_end : 0,
		.limit = DIRECT_MAP_SIZE,
	};
	if (memmap_build(&boot_info, &fdt, &c, &err) < 0)
		riscv64_early_fatal("devicetree memory map", err, dtb);

	report_boot_memory(&boot_info);
	boot_info.loader = "OpenSBI";
	copy_cmdline(fdt.bootargs);
	boot_info.fdt = dtb;
	boot_info.fdt_size = fdt.totalsize;
	fdt_mem_truncated = fdt.mem_truncated;
	if (fdt.has_initrd)
		fdt_initrd_start = fdt.initrd_start, fdt_initrd_end = fdt.initrd_end;
	riscv64_sifive_test_phys = fdt.has_test_dev ? fdt.test_dev_base : 0;
	record_platform(&fdt, hartid);
	if (riscv64_sifive_test_phys >= DIRECT_MAP_SIZE)
		riscv64_sifive_test_phys = 0;

	start_kernel();
}

void riscv64_arch_setup(void)
{
	/* boot.S installed it already; this keeps the contract explicit. */
	csr_write(stvec, (unsigned long)handle_exception);
	csr_write(sie, 0);
	riscv64_paging_init();
	pr_info("hart %lu, devicetree at 0x%lx, Sv39, direct map at 0x%lx (%lu MiB of RAM), ioremap at 0x%lx\n",
		riscv64_boot_hartid, (unsigned long)riscv64_boot_dtb,
		(unsigned long)PAGE_OFFSET,
		(unsigned long)(memblock_phys_mem_size() >> 20),
		(unsigned long)IOREMAP_START);
	if (boot_info.initrd_size)
		pr_info("initrd at 0x%lx-0x%lx (%lu KiB), from the devicetree\n",
			(unsigned long)boot_info.initrd_start,
			(unsigned long)(boot_info.initrd_start + boot_info.initrd_size - 1),
			(unsigned long)(boot_info.initrd_size >> 10));
	else if (fdt_initrd_end)
		pr_warn("initrd at 0x%lx-0x%lx is not inside RAM: disabled\n",
			(unsigned long)fdt_initrd_start, (unsigned long)fdt_initrd_end);
	if (fdt_mem_truncated)
		pr_warn("more RAM banks than %d; the rest is ignored\n", FDT_MAX_MEM);
	if (!riscv64_sifive_test_phys)
		pr_warn("no sifive,test device: power off through SBI, exit status lost\n");
}

const struct boot_info *riscv64_arch_boot_info(void)
{
	return &boot_info;
}
