/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The PVH boot protocol (Xen's x86/HVM direct boot ABI, which QEMU `-kernel`
 * implements): the loader enters the 32-bit entry named by the
 * XEN_ELFNOTE_PHYS32_ENTRY note with %ebx = physical address of this
 * structure. Layout from xen/include/public/arch-x86/hvm/start_info.h.
 */
#ifndef X86_64_PVH_H
#define X86_64_PVH_H

#include <tessera/boot.h>
#include <tessera/types.h>

#define XEN_HVM_START_MAGIC_VALUE 0x336ec578

struct hvm_start_info {
	u32 magic;
	u32 version;            /* memmap_* exist from version 1 on */
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;      /* NUL-terminated, 0 if none */
	u64 rsdp_paddr;
	u64 memmap_paddr;
	u32 memmap_entries;
	u32 reserved;
};

/* A module the loader passed (QEMU -initrd: module 0, the initrd). */
struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

/* E820 type numbers, which the memmap entries use. */
#define E820_TYPE_RAM 1

struct hvm_memmap_table_entry {
	u64 addr;
	u64 size;
	u32 type;
	u32 reserved;
};

_Static_assert(sizeof(struct hvm_start_info) == 56, "hvm_start_info layout");
_Static_assert(sizeof(struct hvm_memmap_table_entry) == 24, "memmap entry layout");
_Static_assert(sizeof(struct hvm_modlist_entry) == 32, "modlist entry layout");

/* Called by boot.S with the physical address the loader passed in %ebx. */
_Noreturn void x86_64_start_kernel(u32 start_info_pa);

/*
 * memmap.c: bi->regions from the loader's map (nr_entries may be 0), with
 * [kernel_start, kernel_end) as MEM_KERNEL, the low 1 MiB reserved and RAM
 * at or above direct_map_end reserved. Addresses are physical.
 */
void x86_64_memmap_build(struct boot_info *bi,
			 const struct hvm_memmap_table_entry *map, unsigned int nr_entries,
			 phys_addr_t kernel_start, phys_addr_t kernel_end,
			 phys_addr_t direct_map_end);

#endif
