/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test for fdt_scan.c on blobs built here: which nodes are devices
 * (root children and simple-bus children with a compatible and status
 * okay; not the bus itself, not /cpus' children, not disabled ones), their
 * reg as CPU addresses only through identity "ranges", their interrupts,
 * the callback stopping the walk, and malformed blobs refused, never read
 * out of bounds (ASan watches every truncation).
 */
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>

#include "../fdt_scan.c"

/* --- a minimal blob writer ---------------------------------------------- */

static u8 structure[4096], strtab[1024];
static u32 slen, stlen;

static void put32(u32 v)
{
	structure[slen++] = (u8)(v >> 24);
	structure[slen++] = (u8)(v >> 16);
	structure[slen++] = (u8)(v >> 8);
	structure[slen++] = (u8)v;
}

static void put_bytes(const void *p, u32 n)
{
	memcpy(structure + slen, p, n);
	slen += n;
	while (slen % 4)
		structure[slen++] = 0;
}

static void begin(const char *name)
{
	put32(FDT_BEGIN_NODE);
	put_bytes(name, (u32)strlen(name) + 1);
}

static void end(void)
{
	put32(FDT_END_NODE);
}

static u32 str_off(const char *name)
{
	u32 off = 0;

	while (off < stlen) {
		if (strcmp((char *)strtab + off, name) == 0)
			return off;
		off += (u32)strlen((char *)strtab + off) + 1;
	}
	memcpy(strtab + stlen, name, strlen(name) + 1);
	stlen += (u32)strlen(name) + 1;
	return off;
}

static void prop(const char *name, const void *val, u32 len)
{
	put32(FDT_PROP);
	put32(len);
	put32(str_off(name));
	put_bytes(val, len);
}

#define PROP_STR(name, lit) prop(name, lit, sizeof(lit))

static void prop_cells(const char *name, const u32 *cells, unsigned int n)
{
	u8 buf[64];

	for (unsigned int i = 0; i < n; i++) {
		buf[4 * i] = (u8)(cells[i] >> 24);
		buf[4 * i + 1] = (u8)(cells[i] >> 16);
		buf[4 * i + 2] = (u8)(cells[i] >> 8);
		buf[4 * i + 3] = (u8)cells[i];
	}
	prop(name, buf, 4 * n);
}

#define CELLS(name, ...) do {                                           \
	static const u32 c_[] = { __VA_ARGS__ };                        \
	prop_cells(name, c_, sizeof(c_) / sizeof(c_[0]));              \
} while (0)

/* Header + structure + strings, 8-aligned in a malloc'd buffer. */
static u8 *finish(size_t *size)
{
	u32 struct_off = 48, strings_off = struct_off + slen, total = strings_off + stlen;
	u8 *b = calloc(1, total);
	u32 hdr[10] = { FDT_MAGIC, total, struct_off, strings_off, 40, 17, 16, 0,
			stlen, slen };

	for (int i = 0; i < 10; i++) {
		b[4 * i] = (u8)(hdr[i] >> 24);
		b[4 * i + 1] = (u8)(hdr[i] >> 16);
		b[4 * i + 2] = (u8)(hdr[i] >> 8);
		b[4 * i + 3] = (u8)hdr[i];
	}
	memcpy(b + struct_off, structure, slen);
	memcpy(b + strings_off, strtab, stlen);
	*size = total;
	return b;
}

/* A virt-like tree. */
static u8 *virt_like(size_t *size)
{
	slen = stlen = 0;
	begin("");
	CELLS("#address-cells", 2);
	CELLS("#size-cells", 2);
	PROP_STR("compatible", "riscv-virtio");
	begin("chosen");
	PROP_STR("bootargs", "x");
	end();
	begin("memory@80000000");
	PROP_STR("device_type", "memory");
	CELLS("reg", 0, 0x80000000, 0, 0x8000000);
	end();
	begin("cpus");
	CELLS("#address-cells", 1);
	CELLS("#size-cells", 0);
	begin("cpu@0");
	PROP_STR("compatible", "riscv");
	CELLS("reg", 0);
	end();
	end();
	begin("poweroff");
	PROP_STR("compatible", "syscon-poweroff");
	end();
	begin("soc");
	CELLS("#address-cells", 2);
	CELLS("#size-cells", 2);
	PROP_STR("compatible", "simple-bus");
	prop("ranges", "", 0);
	begin("serial@10000000");
	CELLS("interrupts", 10);
	CELLS("reg", 0, 0x10000000, 0, 0x100);
	prop("compatible", "snps,dw\0ns16550a", 17);
	end();
	begin("virtio_mmio@10001000");
	CELLS("interrupts", 1);
	CELLS("reg", 0, 0x10001000, 0, 0x1000);
	PROP_STR("compatible", "virtio,mmio");
	PROP_STR("status", "disabled");
	end();
	begin("virtio_mmio@10002000");
	CELLS("interrupts", 2, 3);
	CELLS("reg", 0, 0x10002000, 0, 0x1000, 1, 0, 0, 0x10);
	PROP_STR("compatible", "virtio,mmio");
	PROP_STR("status", "okay");
	end();
	begin("translated");
	CELLS("#address-cells", 1);
	CELLS("#size-cells", 1);
	PROP_STR("compatible", "simple-bus");
	CELLS("ranges", 0, 0, 0x40000000, 0x1000);   /* not 1:1 */
	begin("dev@0");
	PROP_STR("compatible", "acme,dev");
	CELLS("reg", 0, 0x100);
	end();
	end();
	end();
	end();
	put32(FDT_END);
	return finish(size);
}

struct seen {
	unsigned int n;
	struct fdt_dev_node nodes[16];
	int stop_after;
};

static int record(const struct fdt_dev_node *node, void *data)
{
	struct seen *s = data;

	if (s->n < 16)
		s->nodes[s->n] = *node;
	s->n++;
	return s->stop_after && (int)s->n == s->stop_after ? 7 : 0;
}

static const struct fdt_dev_node *by_name(struct seen *s, const char *name)
{
	for (unsigned int i = 0; i < s->n && i < 16; i++)
		if (strcmp(s->nodes[i].name, name) == 0)
			return &s->nodes[i];
	return NULL;
}

static void test_virt_like(void)
{
	size_t size;
	u8 *blob = virt_like(&size);
	struct seen s = { 0 };
	const struct fdt_dev_node *n;
	const char *err = NULL;

	CHECK(fdt_scan_devices(blob, size, record, &s, &err) == 0);
	/* poweroff, serial, the enabled virtio, dev@0. */
	CHECKF(s.n == 4, "%u devices", s.n);
	CHECK(!by_name(&s, "soc") && !by_name(&s, "cpu@0") && !by_name(&s, "cpus"));
	CHECK(!by_name(&s, "memory@80000000") && !by_name(&s, "virtio_mmio@10001000"));
	n = by_name(&s, "serial@10000000");
	if (CHECK(n)) {
		CHECK(n->compatible_len == 17 && strcmp(n->compatible, "snps,dw") == 0);
		CHECK(n->nr_reg == 1 && n->reg_base[0] == 0x10000000 && n->reg_size[0] == 0x100);
		CHECK(n->nr_irq == 1 && n->irq[0] == 10);
	}
	n = by_name(&s, "virtio_mmio@10002000");
	if (CHECK(n)) {
		CHECK(n->nr_reg == 2 && n->reg_base[1] == 0x100000000ULL && n->reg_size[1] == 0x10);
		CHECK(n->nr_irq == 2 && n->irq[1] == 3);
	}
	n = by_name(&s, "poweroff");
	CHECK(n && n->nr_reg == 0 && n->nr_irq == 0);
	/* Behind a translating bus: a device, but no CPU address for it. */
	n = by_name(&s, "dev@0");
	CHECK(n && n->nr_reg == 0);

	/* The callback's non-zero value stops the walk and is returned. */
	s = (struct seen){ .stop_after = 2 };
	CHECK(fdt_scan_devices(blob, size, record, &s, &err) == 7);
	CHECK(s.n == 2);
	free(blob);
}

static void test_malformed(void)
{
	size_t size, cut;
	u8 *blob = virt_like(&size);
	struct seen s;
	const char *err;

	/* Every truncation of the buffer is refused, never over-read. */
	for (cut = 0; cut < size; cut++) {
		u8 *part = malloc(cut ? cut : 1);

		memcpy(part, blob, cut);
		s = (struct seen){ 0 };
		err = NULL;
		CHECKF(fdt_scan_devices(part, cut, record, &s, &err) == -1 && err,
		       "truncated to %zu", cut);
		free(part);
	}
	/* Corrupt each structure word in turn: refused or walked, in bounds. */
	for (size_t off = 48; off < 48 + slen; off += 4) {
		u8 *bad = malloc(size);

		memcpy(bad, blob, size);
		bad[off] ^= 0x80;
		s = (struct seen){ 0 };
		(void)fdt_scan_devices(bad, size, record, &s, &err);
		free(bad);
	}
	CHECK(fdt_scan_devices(NULL, 0, record, &s, NULL) == -1);
	blob[0] = 0;
	CHECK(fdt_scan_devices(blob, size, record, &s, &err) == -1);
	free(blob);
}

int main(void)
{
	test_virt_like();
	test_malformed();
	return check_summary("platform-fdt scan");
}
