/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the devicetree reader and the memory-map builder: builds
 * blobs in memory, checks what is read from good ones and that every kind of
 * broken one is refused (and, under ASan, that none is read out of bounds).
 *
 *   cc -I include -I arch/riscv64 -fsanitize=address,undefined \
 *      arch/riscv64/tests/test_fdt.c && ./a.out
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/testing/check.h>

#include "../fdt.c"
#include "../memmap.c"

/* ---- a minimal FDT writer ---- */

struct fdt_builder {
	u8 structs[4096];
	size_t ssize;
	char strings[1024];
	size_t strsize;
	u64 rsv[8][2];
	int nr_rsv;
};

static void put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void emit32(struct fdt_builder *b, u32 v)
{
	put32(b->structs + b->ssize, v);
	b->ssize += 4;
}

static void emit_bytes(struct fdt_builder *b, const void *p, size_t n)
{
	if (n)
		memcpy(b->structs + b->ssize, p, n);
	b->ssize += n;
	while (b->ssize % 4)
		b->structs[b->ssize++] = 0;
}

static void begin_node(struct fdt_builder *b, const char *name)
{
	emit32(b, FDT_BEGIN_NODE);
	emit_bytes(b, name, strlen(name) + 1);
}

static void end_node(struct fdt_builder *b)
{
	emit32(b, FDT_END_NODE);
}

static u32 string_off(struct fdt_builder *b, const char *name)
{
	for (size_t off = 0; off < b->strsize; off += strlen(b->strings + off) + 1)
		if (!strcmp(b->strings + off, name))
			return off;
	strcpy(b->strings + b->strsize, name);
	b->strsize += strlen(name) + 1;
	return b->strsize - strlen(name) - 1;
}

static void prop(struct fdt_builder *b, const char *name, const void *val,
		 size_t len)
{
	emit32(b, FDT_PROP);
	emit32(b, len);
	emit32(b, string_off(b, name));
	emit_bytes(b, val, len);
}

static void prop_str(struct fdt_builder *b, const char *name, const char *s)
{
	prop(b, name, s, strlen(s) + 1);
}

/* A property of big-endian cells, terminated by ~0U. */
static void prop_cells(struct fdt_builder *b, const char *name, ...)
{
	u8 buf[64];
	size_t n = 0;
	va_list ap;

	va_start(ap, name);
	for (u32 v = va_arg(ap, u32); v != ~0U; v = va_arg(ap, u32)) {
		put32(buf + n, v);
		n += 4;
	}
	va_end(ap);
	prop(b, name, buf, n);
}

#define END ~0U

/* Lay the blob out as dtc does: header, rsvmap, structs, strings. */
static u8 *finish(struct fdt_builder *b, size_t *size)
{
	size_t rsv_off = FDT_HEADER_SIZE;
	size_t struct_off = rsv_off + (b->nr_rsv + 1) * 16;
	size_t strings_off = struct_off + b->ssize;
	size_t total = strings_off + b->strsize;
	u8 *blob = calloc(1, total);

	emit32(b, FDT_END);
	strings_off += 4;
	total += 4;
	blob = realloc(blob, total);
	memset(blob, 0, total);
	put32(blob, FDT_MAGIC);
	put32(blob + 4, total);
	put32(blob + 8, struct_off);
	put32(blob + 12, strings_off);
	put32(blob + 16, rsv_off);
	put32(blob + 20, 17);
	put32(blob + 24, 16);
	put32(blob + 32, b->strsize);
	put32(blob + 36, b->ssize);
	for (int i = 0; i < b->nr_rsv; i++) {
		put32(blob + rsv_off + i * 16, b->rsv[i][0] >> 32);
		put32(blob + rsv_off + i * 16 + 4, b->rsv[i][0]);
		put32(blob + rsv_off + i * 16 + 8, b->rsv[i][1] >> 32);
		put32(blob + rsv_off + i * 16 + 12, b->rsv[i][1]);
	}
	memcpy(blob + struct_off, b->structs, b->ssize);
	memcpy(blob + strings_off, b->strings, b->strsize);
	*size = total;
	return blob;
}

/* The shape of QEMU virt's tree, cut down to what matters here. */
static u8 *virt_like_blob(size_t *size)
{
	static struct fdt_builder b;
	static const char compat[] = "sifive,test1\0sifive,test0\0syscon";

	memset(&b, 0, sizeof(b));
	b.rsv[0][0] = 0x87000000;
	b.rsv[0][1] = 0x1000;
	b.nr_rsv = 1;
	begin_node(&b, "");
	prop_cells(&b, "#address-cells", 2, END);
	prop_cells(&b, "#size-cells", 2, END);
	prop_str(&b, "compatible", "riscv-virtio");
	  begin_node(&b, "chosen");
	  prop_str(&b, "bootargs", "console=ttyS0 quiet");
	  end_node(&b);
	  begin_node(&b, "cpus");
	  prop_cells(&b, "#address-cells", 1, END);
	  prop_cells(&b, "#size-cells", 0, END);
	    begin_node(&b, "cpu@0");
	    prop_cells(&b, "reg", 0, END);
	      begin_node(&b, "interrupt-controller");
	      prop_cells(&b, "#address-cells", 0, END);
	      end_node(&b);
	    end_node(&b);
	  end_node(&b);
	  begin_node(&b, "memory@80000000");
	  prop_str(&b, "device_type", "memory");
	  prop_cells(&b, "reg", 0, 0x80000000, 0, 0x8000000, END);
	  end_node(&b);
	  emit32(&b, FDT_NOP);
	  begin_node(&b, "reserved-memory");
	  prop_cells(&b, "#address-cells", 2, END);
	  prop_cells(&b, "#size-cells", 2, END);
	  prop(&b, "ranges", NULL, 0);
	    begin_node(&b, "mmode_resv0@80000000");
	    prop_cells(&b, "reg", 0, 0x80000000, 0, 0x40000, END);
	    prop(&b, "no-map", NULL, 0);
	    end_node(&b);
	  end_node(&b);
	  begin_node(&b, "soc");
	  prop_cells(&b, "#address-cells", 2, END);
	  prop_cells(&b, "#size-cells", 2, END);
	  prop(&b, "ranges", NULL, 0);
	    begin_node(&b, "test@100000");
	    prop(&b, "compatible", compat, sizeof(compat));
	    prop_cells(&b, "reg", 0, 0x100000, 0, 0x1000, END);
	    end_node(&b);
	    begin_node(&b, "pci@30000000");
	    prop_cells(&b, "#address-cells", 3, END);
	    prop_cells(&b, "#size-cells", 2, END);
	    prop_cells(&b, "reg", 0, 0x30000000, 0, 0x10000000, END);
	    end_node(&b);
	  end_node(&b);
	end_node(&b);
	return finish(&b, size);
}

static int parse(const u8 *blob, size_t avail, struct fdt_boot_data *out,
		 const char **err)
{
	/* An exact-size copy, so ASan sees any read past @avail. */
	u8 *copy = malloc(avail ? avail : 1);
	int ret;

	memcpy(copy, blob, avail);
	ret = fdt_parse(copy, avail, out, err);
	if (ret == 0 && out->bootargs)
		out->bootargs = "(checked)";   /* do not keep a freed pointer */
	free(copy);
	return ret;
}

static void test_good_blob(void)
{
	size_t size;
	u8 *blob = virt_like_blob(&size);
	struct fdt_boot_data d;
	const char *err = NULL;

	CHECK(fdt_parse(blob, size, &d, &err) == 0);
	if (err)
		fprintf(stderr, "unexpected error: %s\n", err);
	CHECK(d.totalsize == size);
	CHECK(d.nr_mem == 1);
	CHECK(d.mem[0].base == 0x80000000 && d.mem[0].size == 0x8000000);
	CHECK(d.nr_rsv == 2);
	CHECK(d.rsv[0].base == 0x87000000 && d.rsv[0].size == 0x1000);
	CHECK(d.rsv[1].base == 0x80000000 && d.rsv[1].size == 0x40000);
	CHECK(d.bootargs && !strcmp(d.bootargs, "console=ttyS0 quiet"));
	CHECK(d.has_test_dev && d.test_dev_base == 0x100000);
	CHECK(!d.mem_truncated);

	/* Any avail short of totalsize is refused. */
	CHECK(parse(blob, size - 1, &d, &err) < 0);
	CHECK(parse(blob, 39, &d, &err) < 0);
	CHECK(parse(blob, size, &d, &err) == 0);
	free(blob);
}

/* Apply @mutate to a copy of the good blob; expect refusal naming @what. */
static void expect_refused(const char *what, void (*mutate)(u8 *, size_t *))
{
	size_t size;
	u8 *blob = virt_like_blob(&size);
	struct fdt_boot_data d;
	const char *err = NULL;
	bool refused;

	mutate(blob, &size);
	refused = parse(blob, size, &d, &err) != 0;
	CHECKF(refused && err && *err, "corrupt blob (%s) %s", what,
	       refused ? "refused without a reason" : "accepted");
	free(blob);
}

static u32 get32(const u8 *p)
{
	return be32(p);
}

static void m_magic(u8 *b, size_t *n) { (void)n; b[0] = 0xde; }
static void m_truncated(u8 *b, size_t *n) { (void)b; *n -= 8; }
static void m_totalsize_small(u8 *b, size_t *n) { (void)n; put32(b + 4, 16); }
static void m_struct_off(u8 *b, size_t *n) { put32(b + 8, *n + 4); }
static void m_struct_size(u8 *b, size_t *n) { put32(b + 36, *n); }
static void m_struct_wrap(u8 *b, size_t *n) { (void)n; put32(b + 36, 0xfffffff0); }
static void m_strings_off(u8 *b, size_t *n) { put32(b + 12, *n); put32(b + 32, 8); }
static void m_rsv_off(u8 *b, size_t *n) { put32(b + 16, *n + 8); }
static void m_version(u8 *b, size_t *n) { (void)n; put32(b + 24, 18); }
static void m_rsv_unterminated(u8 *b, size_t *n)
{
	/* Point the reservation map at the strings, which never hold 16
	 * zero bytes in a row, so it runs off the end. */
	put32(b + 16, (get32(b + 12) + 7) & ~7U);
	memset(b + get32(b + 12), 'x', *n - get32(b + 12));
}

static u8 *struct_block(u8 *b) { return b + get32(b + 8); }

static void m_no_end(u8 *b, size_t *n)
{
	(void)n;
	/* Replace FDT_END with FDT_NOP: the block ends without FDT_END. */
	put32(struct_block(b) + get32(b + 36) - 4, FDT_NOP);
}
static void m_bad_token(u8 *b, size_t *n) { (void)n; put32(struct_block(b), 0x77); }
static void m_prop_len(u8 *b, size_t *n)
{
	(void)n;
	/* The root's first property: BEGIN_NODE, "\0" padded, PROP, len. */
	put32(struct_block(b) + 12, 0x7fffffff);
}
static void m_prop_nameoff(u8 *b, size_t *n)
{
	(void)n;
	put32(struct_block(b) + 16, 0x100000);
}
static void m_name_unterminated(u8 *b, size_t *n)
{
	/* Everything after the first BEGIN_NODE becomes one long name. */
	u8 *s = struct_block(b);

	memset(s + 4, 'n', get32(b + 36) - 4);
	(void)n;
}
static void m_extra_end_node(u8 *b, size_t *n)
{
	(void)n;
	put32(struct_block(b) + get32(b + 36) - 4, FDT_END_NODE);
}
static void m_unaligned_struct(u8 *b, size_t *n) { (void)n; put32(b + 8, get32(b + 8) + 2); }
static void m_cells_huge(u8 *b, size_t *n)
{
	(void)n;
	/* Root's #address-cells value. */
	put32(struct_block(b) + 20, 0x40000000);
}

static void test_corrupt_blobs(void)
{
	expect_refused("bad magic", m_magic);
	expect_refused("truncated", m_truncated);
	expect_refused("totalsize below the header", m_totalsize_small);
	expect_refused("struct offset out of bounds", m_struct_off);
	expect_refused("struct size out of bounds", m_struct_size);
	expect_refused("struct size wrapping", m_struct_wrap);
	expect_refused("strings out of bounds", m_strings_off);
	expect_refused("rsvmap out of bounds", m_rsv_off);
	expect_refused("rsvmap unterminated", m_rsv_unterminated);
	expect_refused("incompatible version", m_version);
	expect_refused("no FDT_END", m_no_end);
	expect_refused("unknown token", m_bad_token);
	expect_refused("property length past the block", m_prop_len);
	expect_refused("property name offset past strings", m_prop_nameoff);
	expect_refused("unterminated node name", m_name_unterminated);
	expect_refused("unbalanced END_NODE", m_extra_end_node);
	expect_refused("misaligned struct block", m_unaligned_struct);
	expect_refused("absurd #address-cells", m_cells_huge);
}

static void test_deep_nesting_and_bad_reg(void)
{
	static struct fdt_builder b;
	struct fdt_boot_data d;
	const char *err = NULL;
	size_t size;
	u8 *blob;

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	for (int i = 0; i < FDT_MAX_DEPTH + 2; i++)
		begin_node(&b, "n");
	for (int i = 0; i < FDT_MAX_DEPTH + 2; i++)
		end_node(&b);
	end_node(&b);
	blob = finish(&b, &size);
	CHECK(parse(blob, size, &d, &err) < 0);
	free(blob);

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	prop_cells(&b, "#address-cells", 2, END);
	prop_cells(&b, "#size-cells", 2, END);
	  begin_node(&b, "memory@0");
	  prop_str(&b, "device_type", "memory");
	  prop_cells(&b, "reg", 0, 0x80000000, 0, END);  /* 3 cells, not 4 */
	  end_node(&b);
	end_node(&b);
	blob = finish(&b, &size);
	CHECK(parse(blob, size, &d, &err) < 0);
	free(blob);

	/* Two roots. */
	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	end_node(&b);
	begin_node(&b, "");
	end_node(&b);
	blob = finish(&b, &size);
	CHECK(parse(blob, size, &d, &err) < 0);
	free(blob);
}

/* Every single-byte corruption of a good blob: refused or parsed, never a
 * crash or an out-of-bounds read (ASan/UBSan stop the test if so). */
static void test_byte_flips(void)
{
	size_t size;
	u8 *blob = virt_like_blob(&size);
	static const u8 values[] = { 0x00, 0xff, 0x01, 0x03, 0x80, 0x7f };
	struct fdt_boot_data d;
	const char *err;
	unsigned long parsed = 0, refused = 0;

	for (size_t i = 0; i < size; i++) {
		u8 orig = blob[i];

		for (size_t v = 0; v < sizeof(values); v++) {
			blob[i] = values[v];
			if (parse(blob, size, &d, &err) == 0)
				parsed++;
			else
				refused++;
		}
		blob[i] = orig;
	}
	for (size_t n = 0; n < size; n++)
		(void)parse(blob, n, &d, &err);
	CHECK(parsed > 0 && refused > 0);
	free(blob);
}

/* ---- memory map ---- */

static bool map_is_sane(const struct boot_info *bi)
{
	for (unsigned int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->regions[i];

		if (!r->size || r->base % PAGE_SIZE || r->size % PAGE_SIZE)
			return false;
		if (i && bi->regions[i - 1].base + bi->regions[i - 1].size > r->base)
			return false;
		if (i && bi->regions[i - 1].base + bi->regions[i - 1].size == r->base &&
		    bi->regions[i - 1].type == r->type)
			return false;       /* should have merged */
	}
	return true;
}

static void test_memmap_virt(void)
{
	size_t size;
	u8 *blob = virt_like_blob(&size);
	struct fdt_boot_data d;
	struct boot_info bi;
	const char *err = NULL;
	struct memmap_carveouts c = {
		.kernel_start = 0x80200000, .kernel_end = 0x8020c123,
		.dtb_start = 0x87e00000, .dtb_end = 0x87e01800,
		.limit = 1ULL << 36,
	};
	static const struct mem_region want[] = {
		{ 0x80000000, 0x40000, MEM_RESERVED },
		{ 0x80040000, 0x1c0000, MEM_USABLE },
		{ 0x80200000, 0xd000, MEM_KERNEL },
		{ 0x8020d000, 0x6df3000, MEM_USABLE },
		{ 0x87000000, 0x1000, MEM_RESERVED },
		{ 0x87001000, 0xdff000, MEM_USABLE },
		{ 0x87e00000, 0x2000, MEM_RESERVED },
		{ 0x87e02000, 0x1fe000, MEM_USABLE },
	};

	memset(&bi, 0, sizeof(bi));
	CHECK(fdt_parse(blob, size, &d, &err) == 0);
	CHECK(memmap_build(&bi, &d, &c, &err) == 0);
	CHECK(map_is_sane(&bi));
	CHECK(bi.nr_regions == ARRAY_SIZE(want));
	for (unsigned int i = 0; i < ARRAY_SIZE(want) && i < bi.nr_regions; i++)
		CHECK(bi.regions[i].base == want[i].base &&
		      bi.regions[i].size == want[i].size &&
		      bi.regions[i].type == want[i].type);

	/*
	 * The blob's size is bounded by the RAM bank holding it, not by the
	 * direct map: a totalsize running past the end of RAM (0x88000000),
	 * or a blob outside RAM, means the tree is wrong.
	 */
	c.dtb_start = 0x87fff000;
	c.dtb_end = 0x88001000;
	memset(&bi, 0, sizeof(bi));
	err = NULL;
	CHECK(memmap_build(&bi, &d, &c, &err) < 0);
	CHECK(err && strstr(err, "devicetree blob"));
	c.dtb_start = 0x90000000;
	c.dtb_end = 0x90001000;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) < 0);
	/* Up to the last byte of RAM is fine. */
	c.dtb_start = 0x87fff000;
	c.dtb_end = 0x88000000;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) == 0);

	/* The kernel outside RAM means the tree is wrong. */
	c.kernel_start = 0x90000000;
	c.kernel_end = 0x90001000;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) < 0);
	free(blob);
}

static void test_memmap_banks(void)
{
	struct fdt_boot_data d = { 0 };
	struct boot_info bi;
	const char *err = NULL;
	struct memmap_carveouts c = {
		.kernel_start = 0x80200000, .kernel_end = 0x80300000,
		.dtb_start = 0x80300000, .dtb_end = 0x80300100,
		.limit = 0x100000000ULL,
	};

	/* Unsorted, overlapping, unaligned, partly above the limit, and a
	 * reservation straddling the kernel, which keeps its own pages. */
	d.mem[0] = (struct fdt_range){ 0xc0000000, 0x80000000 };
	d.mem[1] = (struct fdt_range){ 0x80000000, 0x10000000 };
	d.mem[2] = (struct fdt_range){ 0x88000000, 0x08000800 };
	d.mem[3] = (struct fdt_range){ 0xa0000100, 0x2000 };
	d.nr_mem = 4;
	d.rsv[0] = (struct fdt_range){ 0x801ff000, 0x2000 };
	d.rsv[1] = (struct fdt_range){ 0xffffffffffff0000ULL, 0x100000 };
	d.nr_rsv = 2;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) == 0);
	CHECK(map_is_sane(&bi));
	CHECK(bi.nr_regions == 7);
	CHECK(bi.regions[0].base == 0x80000000 && bi.regions[0].size == 0x1ff000 &&
	      bi.regions[0].type == MEM_USABLE);
	CHECK(bi.regions[1].base == 0x801ff000 && bi.regions[1].size == 0x1000 &&
	      bi.regions[1].type == MEM_RESERVED);
	CHECK(bi.regions[2].base == 0x80200000 && bi.regions[2].size == 0x100000 &&
	      bi.regions[2].type == MEM_KERNEL);
	CHECK(bi.regions[3].base == 0x80300000 && bi.regions[3].size == 0x1000 &&
	      bi.regions[3].type == MEM_RESERVED);
	CHECK(bi.regions[4].base == 0x80301000 &&
	      bi.regions[4].size == 0x90000000 - 0x80301000 &&
	      bi.regions[4].type == MEM_USABLE);
	/* The unaligned bank shrank to its one whole page... */
	CHECK(bi.regions[5].base == 0xa0001000 && bi.regions[5].size == 0x1000);
	/* ...and the bank reaching past 4 GiB stops at the limit, where the
	 * out-of-range reservation is dropped too. */
	CHECK(bi.regions[6].base == 0xc0000000 && bi.regions[6].size == 0x40000000 &&
	      bi.regions[6].type == MEM_USABLE);

	/* Everything reserved: refused. */
	d.nr_mem = 1;
	d.mem[0] = (struct fdt_range){ 0x80000000, 0x400000 };
	d.rsv[0] = (struct fdt_range){ 0x80000000, 0x400000 };
	d.nr_rsv = 1;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) < 0);

	/* No RAM at all: refused. */
	d.nr_mem = 0;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) < 0);

	/* More pieces than boot_info holds: refused, not overflowed. */
	d.nr_mem = 1;
	d.mem[0] = (struct fdt_range){ 0x80000000, 0x10000000 };
	d.nr_rsv = FDT_MAX_RSV;
	for (int i = 0; i < FDT_MAX_RSV; i++)
		d.rsv[i] = (struct fdt_range){ 0x84000000 + i * 0x10000, 0x1000 };
	c.dtb_start = 0x8f000000;
	c.dtb_end = 0x8f001000;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) < 0);
}

/* A tree whose /chosen names an initrd, with @cells32 one-cell values. */
static u8 *initrd_blob(size_t *size, u64 start, u64 end, bool cells32, bool bad_len)
{
	static struct fdt_builder b;

	memset(&b, 0, sizeof(b));
	begin_node(&b, "");
	prop_cells(&b, "#address-cells", 2, END);
	prop_cells(&b, "#size-cells", 2, END);
	  begin_node(&b, "chosen");
	  if (bad_len)
		  prop_cells(&b, "linux,initrd-start", 0, 0, (u32)start, END);
	  else if (cells32)
		  prop_cells(&b, "linux,initrd-start", (u32)start, END);
	  else
		  prop_cells(&b, "linux,initrd-start", (u32)(start >> 32), (u32)start, END);
	  if (cells32)
		  prop_cells(&b, "linux,initrd-end", (u32)end, END);
	  else
		  prop_cells(&b, "linux,initrd-end", (u32)(end >> 32), (u32)end, END);
	  end_node(&b);
	  begin_node(&b, "memory@80000000");
	  prop_str(&b, "device_type", "memory");
	  prop_cells(&b, "reg", 0, 0x80000000, 0, 0x8000000, END);
	  end_node(&b);
	end_node(&b);
	return finish(&b, size);
}

static void test_initrd(void)
{
	struct memmap_carveouts c = {
		.kernel_start = 0x80200000, .kernel_end = 0x80300000,
		.dtb_start = 0x87e00000, .dtb_end = 0x87e01000,
		.limit = 1ULL << 36,
	};
	struct fdt_boot_data d;
	struct boot_info bi;
	const char *err = NULL;
	size_t size;
	u8 *blob;
	bool reserved = false;

	/* QEMU's form: two cells each; the range is reserved, rounded out. */
	blob = initrd_blob(&size, 0x84200000, 0x84210123, false, false);
	CHECK(parse(blob, size, &d, &err) == 0);
	CHECK(d.has_initrd && d.initrd_start == 0x84200000 && d.initrd_end == 0x84210123);
	c.initrd_start = d.initrd_start;
	c.initrd_end = d.initrd_end;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) == 0);
	CHECK(bi.initrd_start == 0x84200000 && bi.initrd_size == 0x10123);
	for (unsigned int i = 0; i < bi.nr_regions; i++)
		if (bi.regions[i].base == 0x84200000 && bi.regions[i].size == 0x11000 &&
		    bi.regions[i].type == MEM_RESERVED)
			reserved = true;
	CHECK(reserved);
	CHECK(map_is_sane(&bi));
	free(blob);

	/* One cell each works too. */
	blob = initrd_blob(&size, 0x84000000, 0x84001000, true, false);
	CHECK(parse(blob, size, &d, &err) == 0);
	CHECK(d.has_initrd && d.initrd_start == 0x84000000 && d.initrd_end == 0x84001000);
	free(blob);

	/* Outside RAM, or running past its end: left out, boot goes on. */
	blob = initrd_blob(&size, 0x87ff0000, 0x88010000, false, false);
	CHECK(parse(blob, size, &d, &err) == 0 && d.has_initrd);
	c.initrd_start = d.initrd_start;
	c.initrd_end = d.initrd_end;
	memset(&bi, 0, sizeof(bi));
	CHECK(memmap_build(&bi, &d, &c, &err) == 0);
	CHECK(bi.initrd_start == 0 && bi.initrd_size == 0);
	free(blob);

	/* end <= start: no initrd. A three-cell value: refused. */
	blob = initrd_blob(&size, 0x84200000, 0x84200000, false, false);
	CHECK(parse(blob, size, &d, &err) == 0 && !d.has_initrd);
	free(blob);
	blob = initrd_blob(&size, 0x84200000, 0x84300000, false, true);
	CHECK(parse(blob, size, &d, &err) < 0);
	free(blob);
	/* No /chosen initrd at all. */
	blob = virt_like_blob(&size);
	CHECK(parse(blob, size, &d, &err) == 0 && !d.has_initrd);
	free(blob);
}

int main(void)
{
	test_initrd();
	test_good_blob();
	test_corrupt_blobs();
	test_deep_nesting_and_bad_reg();
	test_byte_flips();
	test_memmap_virt();
	test_memmap_banks();
	return check_summary("test_fdt");
}
