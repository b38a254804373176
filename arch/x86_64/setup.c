/* SPDX-License-Identifier: Apache-2.0 */
/*
 * From boot.S to start_kernel(): record what the PVH loader said in the
 * boot_info, then (from start_kernel, through arch_setup()) install the
 * final GDT with a TSS, the IDT for all 256 vectors, and put the legacy
 * 8259 PICs out of the way (i8259.c).
 */
#include <autoconf.h>
#include <asm/irqflags.h>
#include <asm/memory.h>
#include <asm/sections.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <interfaces/arch.h>
#include <interfaces/kernel.h>
#include <interfaces/lib.h>
#include <interfaces/memblock.h>
#include <interfaces/printk.h>
#include <tessera/compiler.h>
#include <tessera/page.h>
#include <tessera/printk.h>
#include <tessera/percpu.h>

#include "mmu.h"
#include "pvh.h"
#include "x86_64.h"

/* IST slot for #DF, so a kernel stack overflow still gets a trap report. */
#define IST_DOUBLE_FAULT 1
#define X86_TRAP_DF      8

static struct boot_info boot_info;

struct tss_struct {
	u32 reserved0;
	u64 sp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __packed;

struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 ist;
	u8 type_attr;
	u16 offset_middle;
	u32 offset_high;
	u32 reserved;
} __packed;

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

_Static_assert(sizeof(struct tss_struct) == 104, "TSS layout");
_Static_assert(sizeof(struct gate_desc) == 16, "IDT gate layout");

#define GATE_INTERRUPT_DPL0 0x8e   /* present, DPL 0, 64-bit interrupt gate */

extern const char x86_64_trap_stubs[], x86_64_irq_stubs[];

/* Where entry.S put @vector's stub (see the layout there). */
static unsigned long x86_64_trap_stub(unsigned int vector)
{
	if (vector < NR_EXCEPTION_VECTORS)
		return (unsigned long)x86_64_trap_stubs + vector * X86_TRAP_STUB_SIZE;
#ifdef HAVE_IRQCHIP
	unsigned int n = vector - NR_EXCEPTION_VECTORS;

	return (unsigned long)x86_64_irq_stubs +
	       n / X86_IRQ_STUBS_PER_GROUP * X86_IRQ_STUB_GROUP_SIZE +
	       n % X86_IRQ_STUBS_PER_GROUP * X86_IRQ_STUB_SIZE;
#else
	/* No interrupt controller: vectors 32-255 share one stub (entry.S). */
	return (unsigned long)x86_64_irq_stubs;
#endif
}

static u64 gdt[GDT_ENTRIES] __aligned(16);
/* Global: the syscall entry and the context switch read and write sp0. */
struct tss_struct x86_64_tss __aligned(16);
#define tss x86_64_tss
_Static_assert(__builtin_offsetof(struct tss_struct, sp) == X86_TSS_SP0_OFFSET, "TSS sp0");
static struct gate_desc idt[NR_VECTORS] __aligned(16);

static void set_tss_desc(u64 *desc, const struct tss_struct *t)
{
	u64 base = (u64)(uintptr_t)t;
	u64 limit = sizeof(*t) - 1;

	/* Type 9: available 64-bit TSS, present, DPL 0; 16 bytes long. */
	desc[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		  (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	desc[1] = base >> 32;
}

static void load_gdt(void)
{
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (u64)(uintptr_t)gdt };

	gdt[0] = 0;
	gdt[GDT_ENTRY_KERNEL_CS] = 0x00af9a000000ffffULL;
	gdt[GDT_ENTRY_KERNEL_DS] = 0x00cf92000000ffffULL;
	/* DPL 3: 32-bit code (only for sysret's layout), data, 64-bit code. */
	gdt[GDT_ENTRY_USER32_CS] = 0x00cffa000000ffffULL;
	gdt[GDT_ENTRY_USER_DS] = 0x00cff2000000ffffULL;
	gdt[GDT_ENTRY_USER_CS] = 0x00affa000000ffffULL;
	/* stacks.c: with a guard page below, which mmu.c leaves unmapped. */
	tss.ist[IST_DOUBLE_FAULT - 1] = x86_64_stacks[X86_64_STACK_DF].top;
	/* No I/O bitmap: a base beyond the limit means none. */
	tss.io_bitmap_base = sizeof(tss);
	set_tss_desc(&gdt[GDT_ENTRY_TSS], &tss);

	__asm__ __volatile__("lgdt %0" : : "m"(gdtr) : "memory");
	/* A far return is the only way to reload %cs in 64-bit mode. */
	__asm__ __volatile__(
		"pushq %[cs]\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %[ds], %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		: : [cs] "i"(__KERNEL_CS), [ds] "i"(__KERNEL_DS) : "rax", "memory");
	__asm__ __volatile__("ltr %w0" : : "r"(__TSS_SEL) : "memory");
}

static void set_intr_gate(unsigned int vector, unsigned long handler, u8 ist)
{
	struct gate_desc *gate = &idt[vector];

	gate->offset_low = handler & 0xffff;
	gate->segment = __KERNEL_CS;
	gate->ist = ist;
	gate->type_attr = GATE_INTERRUPT_DPL0;
	gate->offset_middle = (handler >> 16) & 0xffff;
	gate->offset_high = handler >> 32;
	gate->reserved = 0;
}

static void load_idt(void)
{
	struct desc_ptr idtr = { sizeof(idt) - 1, (u64)(uintptr_t)idt };
	unsigned int vector;

	/*
	 * Every vector has a gate: an interrupt on a vector without one
	 * would be a #GP, and one on a vector below 32 (the unremapped 8259
	 * used 8-15) would be taken for an exception.
	 */
	for (vector = 0; vector < NR_VECTORS; vector++)
		set_intr_gate(vector, x86_64_trap_stub(vector),
			      vector == X86_TRAP_DF ? IST_DOUBLE_FAULT : 0);
	__asm__ __volatile__("lidt %0" : : "m"(idtr) : "memory");
}

void x86_64_arch_setup(void)
{
	unsigned long flags = x86_64_arch_irq_save();

	load_gdt();
	load_idt();
	x86_64_user_setup();
	x86_64_i8259_init();
	x86_64_arch_irq_restore(flags);
}

const struct boot_info *x86_64_arch_boot_info(void)
{
	return &boot_info;
}

const char *x86_64_arch_name(void)
{
	return "x86_64";
}

unsigned long x86_64_arch_irq_save(void)
{
	unsigned long flags = native_save_fl();

	native_irq_disable();
	return flags;
}

void x86_64_arch_irq_restore(unsigned long flags)
{
	native_restore_fl(flags);
}

void x86_64_arch_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

void x86_64_arch_irq_disable(void)
{
	native_irq_disable();
}

/*
 * sti takes effect after the next instruction, so no interrupt can slip in
 * between the two and leave hlt waiting for the one after it.
 */
void x86_64_arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

u64 x86_64_arch_read_cycles(void)
{
	u32 low, high;

	__asm__ __volatile__("rdtsc" : "=a"(low), "=d"(high));
	return ((u64)high << 32) | low;
}

static void copy_cmdline(struct boot_info *bi, const struct hvm_start_info *si)
{
	const char *src;
	size_t i;

	bi->cmdline[0] = '\0';
	if (!si->cmdline_paddr || si->cmdline_paddr >= EARLY_MAP_SIZE)
		return;
	src = early_phys_to_virt(si->cmdline_paddr);
	/* Bounded by the buffer and by the end of the early map. */
	for (i = 0; i + 1 < sizeof(bi->cmdline) &&
		    si->cmdline_paddr + i < EARLY_MAP_SIZE && src[i]; i++)
		bi->cmdline[i] = src[i];
	bi->cmdline[i] = '\0';
}

static void add_memmap(struct boot_info *bi, const struct hvm_start_info *si)
{
	const struct hvm_memmap_table_entry *map = NULL;
	unsigned int nr_entries = 0;

	if (si && si->version >= 1 && si->memmap_paddr &&
	    si->memmap_paddr < EARLY_MAP_SIZE &&
	    (u64)si->memmap_entries * sizeof(*map) <= EARLY_MAP_SIZE - si->memmap_paddr) {
		map = early_phys_to_virt(si->memmap_paddr);
		nr_entries = si->memmap_entries;
	}
	x86_64_memmap_build(bi, map, nr_entries, virt_to_phys(_kernel_start),
			    virt_to_phys(_kernel_end), DIRECT_MAP_SIZE);
}

/*
 * The initrd: the first PVH module (QEMU -initrd), recorded when it lies
 * wholly in RAM the memory map calls usable, then reserved in memblock so
 * that nothing allocates over it before the initramfs code has unpacked
 * it (through the direct map, which covers all RAM). Anything else the
 * loader said about it is ignored, loudly.
 */
static bool initrd_in_usable_ram(const struct boot_info *bi, phys_addr_t start, u64 size)
{
	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		if (r->type == MEM_USABLE && start >= r->base &&
		    start - r->base <= r->size && size <= r->size - (start - r->base))
			return true;
	}
	return false;
}

static void find_initrd(struct boot_info *bi, const struct hvm_start_info *si)
{
	const struct hvm_modlist_entry *mod;

	bi->initrd_start = 0;
	bi->initrd_size = 0;
	if (!si || !si->nr_modules || !si->modlist_paddr ||
	    si->modlist_paddr >= EARLY_MAP_SIZE ||
	    sizeof(*mod) > EARLY_MAP_SIZE - si->modlist_paddr)
		return;
	mod = early_phys_to_virt(si->modlist_paddr);
	if (!mod->size)
		return;
	if (mod->paddr + mod->size < mod->paddr ||
	    !initrd_in_usable_ram(bi, mod->paddr, mod->size)) {
		printk(KERN_ERR "x86_64: initrd at 0x%llx (%llu bytes) is not in usable RAM: ignored\n",
		       (unsigned long long)mod->paddr, (unsigned long long)mod->size);
		return;
	}
	bi->initrd_start = mod->paddr;
	bi->initrd_size = mod->size;
}

/*
 * memblock becomes the owner of RAM: what the memory map calls usable, and
 * the image, which stays reserved (the memory map already leaves out the
 * low 1 MiB). Until paging_init() has built the direct map, early
 * allocations (its page tables) must stay inside boot.S's early map.
 */
static void report_boot_memory(const struct boot_info *bi)
{
	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		if (r->type == MEM_USABLE || r->type == MEM_KERNEL)
			memblock_add(r->base, r->size);
		if (r->type == MEM_KERNEL)
			memblock_reserve(r->base, r->size);
	}
	if (bi->initrd_size) {
		phys_addr_t start = ALIGN_DOWN(bi->initrd_start, (phys_addr_t)PAGE_SIZE);

		memblock_reserve(start, ALIGN_UP(bi->initrd_start + bi->initrd_size, PAGE_SIZE) -
			  start);
		printk(KERN_INFO "x86_64: initrd at 0x%llx, %llu bytes\n",
		       (unsigned long long)bi->initrd_start, (unsigned long long)bi->initrd_size);
	}
	memblock_set_current_limit(EARLY_MAP_SIZE);
}

/*
 * Everything the loader left in low memory (the start info, its memory map,
 * the command line) is copied out here, before anything could reuse it and
 * while boot.S's early map still reaches it; then the real page tables.
 */
/*
 * The boot CPU's per-CPU register points here from the first line of C
 * (Linux's initial_gs): printk and the allocators take spinlocks, which
 * count preemption in the per-CPU data, long before the percpu initcall
 * moves the CPU to its own area (and takes over this one's state).
 */
static struct percpu_data early_percpu = { .self = &early_percpu };

_Noreturn void x86_64_start_kernel(u32 start_info_pa)
{
	const struct hvm_start_info *si = NULL;

	arch_set_percpu_base(&early_percpu);

	boot_info.loader = "PVH";
	/* A bad pointer would fault before the IDT exists: a silent reset. */
	if (start_info_pa && start_info_pa + sizeof(*si) <= EARLY_MAP_SIZE) {
		si = early_phys_to_virt(start_info_pa);
		if (si->magic != XEN_HVM_START_MAGIC_VALUE)
			si = NULL;
	}
	if (si)
		copy_cmdline(&boot_info, si);
	/* Without start info the map holds no usable RAM, which init reports. */
	add_memmap(&boot_info, si);
	find_initrd(&boot_info, si);
	report_boot_memory(&boot_info);
	x86_64_paging_init(&boot_info);
	start_kernel();
}
