/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Where the APICs are and how the ISA IRQs reach the I/O APIC, from the
 * ACPI MADT (ACPI 6.5, 5.2.12): RSDP found by the BIOS-area scan (5.2.5.1),
 * then the XSDT (or RSDT), then the "APIC" table's I/O APIC and Interrupt
 * Source Override entries. Without ACPI the PC's fixed layout is used:
 * I/O APIC at 0xfec00000, ISA IRQ n on GSI n, edge, active high.
 * Tables may sit above the direct map, so they are read through ioremap().
 */
#include <interfaces/lib.h>
#include <interfaces/mmu.h>
#include "apic.h"

#define ACPI_SIG_RSDP   "RSD PTR "
#define ACPI_SIG_MADT   "APIC"
#define ACPI_HDR_SIZE   36
#define MADT_TYPE_IO_APIC        1
#define MADT_TYPE_INT_OVERRIDE   2
#define ACPI_MADT_POLARITY_MASK  0x3
#define ACPI_MADT_POLARITY_LOW   0x3
#define ACPI_MADT_TRIGGER_MASK   0xc
#define ACPI_MADT_TRIGGER_LEVEL  0xc

static u32 get32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 get64(const u8 *p)
{
	return get32(p) | (u64)get32(p + 4) << 32;
}

static bool checksum_ok(const u8 *p, u32 len)
{
	u8 sum = 0;

	while (len--)
		sum += *p++;
	return sum == 0;
}

/*
 * The BIOS areas are not RAM the kernel owns (the direct map leaves out the
 * low 1 MiB), so they are read through a mapping of their own.
 */
static phys_addr_t rsdp_scan(phys_addr_t start, phys_addr_t len)
{
	const u8 *area = ioremap(start, len);
	phys_addr_t off;

	if (!area)
		return 0;
	for (off = 0; off + 20 <= len; off += 16) {
		const u8 *p = area + off;

		if (!memcmp(p, ACPI_SIG_RSDP, 8) && checksum_ok(p, 20))
			return start + off;
	}
	return 0;
}

/* A whole table, mapped, if its header and checksum hold; else NULL. */
static const u8 *acpi_map_table(phys_addr_t pa, u32 *len_out)
{
	const u8 *hdr = ioremap(pa, ACPI_HDR_SIZE);
	u32 len;

	if (!hdr)
		return NULL;
	len = get32(hdr + 4);
	if (len < ACPI_HDR_SIZE || len > (1U << 20))
		return NULL;
	hdr = ioremap(pa, len);
	if (!hdr || !checksum_ok(hdr, len))
		return NULL;
	*len_out = len;
	return hdr;
}

static const u8 *find_madt(u32 *len)
{
	const u8 *bda = ioremap(0x400, 0x100);
	u16 ebda_seg = bda ? (u16)(bda[0x0e] | bda[0x0f] << 8) : 0;
	phys_addr_t rsdp = 0, sdt;
	const u8 *r, *root;
	u32 root_len, entry, i;

	if (ebda_seg)
		rsdp = rsdp_scan((phys_addr_t)ebda_seg << 4, 1024);
	if (!rsdp)
		rsdp = rsdp_scan(0xe0000, 0x20000);
	if (!rsdp)
		return NULL;
	r = ioremap(rsdp, 36);
	if (!r)
		return NULL;
	/* Revision 2+: the XSDT's 64-bit entries; before, the RSDT's 32-bit ones. */
	if (r[15] >= 2 && get64(r + 24)) {
		sdt = get64(r + 24);
		entry = 8;
	} else {
		sdt = get32(r + 16);
		entry = 4;
	}
	root = acpi_map_table(sdt, &root_len);
	if (!root)
		return NULL;
	for (i = ACPI_HDR_SIZE; i + entry <= root_len; i += entry) {
		phys_addr_t pa = entry == 8 ? get64(root + i) : get32(root + i);
		const u8 *t = ioremap(pa, ACPI_HDR_SIZE);

		if (t && !memcmp(t, ACPI_SIG_MADT, 4))
			return acpi_map_table(pa, len);
	}
	return NULL;
}

void apic_madt_parse(struct madt_info *info)
{
	const u8 *madt;
	u32 len = 0, off;
	unsigned int i;
	bool have_ioapic = false;

	for (i = 0; i < MAX_ISA_IRQS; i++) {
		info->isa_gsi[i] = i;
		info->isa_active_low[i] = false;
		info->isa_level[i] = false;
	}
	info->lapic_phys = 0;
	info->ioapic_phys = IO_APIC_DEFAULT_PHYS;
	info->ioapic_gsi_base = 0;
	info->found = false;

	madt = find_madt(&len);
	if (!madt)
		return;
	info->found = true;
	info->lapic_phys = get32(madt + ACPI_HDR_SIZE);
	for (off = ACPI_HDR_SIZE + 8; off + 2 <= len; off += madt[off + 1]) {
		const u8 *e = madt + off;

		if (e[1] < 2 || off + e[1] > len)
			break;
		if (e[0] == MADT_TYPE_IO_APIC && e[1] >= 12 && !have_ioapic) {
			/* The first I/O APIC only: QEMU's pc has one. */
			have_ioapic = true;
			info->ioapic_id = e[2];
			info->ioapic_phys = get32(e + 4);
			info->ioapic_gsi_base = get32(e + 8);
		} else if (e[0] == MADT_TYPE_INT_OVERRIDE && e[1] >= 10 && e[2] == 0 &&
			   e[3] < MAX_ISA_IRQS) {
			u16 flags = (u16)(e[8] | e[9] << 8);

			info->isa_gsi[e[3]] = get32(e + 4);
			info->isa_active_low[e[3]] =
				(flags & ACPI_MADT_POLARITY_MASK) == ACPI_MADT_POLARITY_LOW;
			info->isa_level[e[3]] =
				(flags & ACPI_MADT_TRIGGER_MASK) == ACPI_MADT_TRIGGER_LEVEL;
			info->nr_overrides++;
		}
	}
}
