/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Flattened devicetree reader; see fdt.h. Pure C with no kernel calls, so the
 * host test (tests/test_fdt.c) builds this very file with the sanitizers.
 */
#include "fdt.h"

#define FDT_BEGIN_NODE 0x1
#define FDT_END_NODE   0x2
#define FDT_PROP       0x3
#define FDT_NOP        0x4
#define FDT_END        0x9

#define FDT_MAX_CELLS  4

/* Version 16 lacks size_dt_struct, which is then derived from totalsize. */
#define FDT_MIN_COMPAT_VERSION 16

struct fdt_cursor {
	const u8 *blob;
	u32 struct_off, struct_size;
	u32 strings_off, strings_size;
};

struct fdt_node_state {
	u32 addr_cells, size_cells;   /* for this node's children */
	bool identity;                /* children's reg is a CPU address */
	bool is_memory;
	bool is_test_dev;
	bool is_plic, is_uart, is_cpu_intc;
	u32 phandle;
	const u8 *interrupts;         /* this node's interrupts, if any */
	u32 interrupts_len;
	u32 ndev;
	const u8 *irqs_ext;
	u32 irqs_ext_len;
	const u8 *reg;                /* this node's reg, if any */
	u32 reg_len;
	const char *name;
};

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static u64 be64(const u8 *p)
{
	return (u64)be32(p) << 32 | be32(p + 4);
}

static bool fdt_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static bool fdt_starts_with(const char *s, const char *prefix)
{
	while (*prefix) {
		if (*s++ != *prefix++)
			return false;
	}
	return true;
}

/* Does a NUL end the string at @s within its @limit bytes? */
static bool fdt_strvalid(const u8 *s, u64 limit)
{
	for (u64 i = 0; i < limit; i++)
		if (s[i] == '\0')
			return true;
	return false;
}

/* A node name: "name" or "name@unit-address"; compare the "name" part. */
static bool fdt_node_is(const char *name, const char *base)
{
	while (*base && *name == *base) {
		name++;
		base++;
	}
	return *base == '\0' && (*name == '\0' || *name == '@');
}

/* Is any string in the stringlist @val of @len bytes starting with @prefix? */
static bool fdt_compatible_prefix(const u8 *val, u32 len, const char *prefix)
{
	u32 i = 0;

	while (i < len) {
		const char *s = (const char *)val + i;
		u32 n = 0;

		while (i + n < len && val[i + n])
			n++;
		if (i + n == len)
			return false;       /* unterminated: ignore the rest */
		if (fdt_starts_with(s, prefix))
			return true;
		i += n + 1;
	}
	return false;
}

static u64 fdt_read_cells(const u8 *p, u32 cells)
{
	return cells == 2 ? be64(p) : be32(p);
}

static int fdt_add_range(struct fdt_range *arr, unsigned int *nr,
			 unsigned int max, u64 base, u64 size, bool *truncated)
{
	if (size == 0)
		return 0;
	if (*nr >= max) {
		if (truncated) {
			*truncated = true;
			return 0;
		}
		return -1;
	}
	if (base + size < base)         /* wraps: clamp to the top */
		size = ~base;
	arr[*nr].base = base;
	arr[*nr].size = size;
	(*nr)++;
	return 0;
}

static bool fdt_cells_ok(const struct fdt_node_state *parent)
{
	return parent->addr_cells >= 1 && parent->addr_cells <= 2 &&
	       parent->size_cells >= 1 && parent->size_cells <= 2;
}

/* Add every (address, size) pair of a reg property. */
static int fdt_add_reg(const struct fdt_node_state *parent, const u8 *reg,
		       u32 len, struct fdt_range *arr, unsigned int *nr,
		       unsigned int max, bool *truncated, const char **err)
{
	u32 entry = (parent->addr_cells + parent->size_cells) * 4;

	if (!fdt_cells_ok(parent)) {
		*err = "reg with #address-cells/#size-cells other than 1 or 2";
		return -1;
	}
	if (len % entry != 0) {
		*err = "reg length is not a multiple of the parent's cells";
		return -1;
	}
	for (u32 off = 0; off < len; off += entry) {
		u64 base = fdt_read_cells(reg + off, parent->addr_cells);
		u64 size = fdt_read_cells(reg + off + parent->addr_cells * 4,
					  parent->size_cells);

		if (fdt_add_range(arr, nr, max, base, size, truncated) < 0) {
			*err = "too many reserved memory ranges";
			return -1;
		}
	}
	return 0;
}

static int fdt_check_header(const u8 *b, size_t avail, struct fdt_cursor *c,
			    u32 *rsv_off, const char **err)
{
	u32 totalsize, version, last_comp;

	if (!b || avail < FDT_HEADER_SIZE) {
		*err = "blob smaller than the FDT header";
		return -1;
	}
	if ((uintptr_t)b % 8 != 0) {
		*err = "blob not 8-byte aligned";
		return -1;
	}
	if (be32(b) != FDT_MAGIC) {
		*err = "bad magic (not a flattened devicetree)";
		return -1;
	}
	totalsize = be32(b + 4);
	c->struct_off = be32(b + 8);
	c->strings_off = be32(b + 12);
	*rsv_off = be32(b + 16);
	version = be32(b + 20);
	last_comp = be32(b + 24);
	c->strings_size = be32(b + 32);
	c->struct_size = be32(b + 36);

	if (totalsize < FDT_HEADER_SIZE || totalsize > avail) {
		*err = "totalsize out of bounds";
		return -1;
	}
	if (version < FDT_MIN_COMPAT_VERSION || last_comp > 17) {
		*err = "unsupported FDT version";
		return -1;
	}
	if (version < 17) {
		if (c->struct_off > totalsize) {
			*err = "structure block out of bounds";
			return -1;
		}
		c->struct_size = totalsize - c->struct_off;
	}
	if (c->struct_off < FDT_HEADER_SIZE || c->struct_off % 4 ||
	    (u64)c->struct_off + c->struct_size > totalsize) {
		*err = "structure block out of bounds";
		return -1;
	}
	if (c->strings_off < FDT_HEADER_SIZE ||
	    (u64)c->strings_off + c->strings_size > totalsize) {
		*err = "strings block out of bounds";
		return -1;
	}
	if (*rsv_off < FDT_HEADER_SIZE || *rsv_off % 8 || *rsv_off >= totalsize) {
		*err = "memory reservation block out of bounds";
		return -1;
	}
	c->blob = b;
	return 0;
}

static int fdt_parse_rsvmap(const u8 *b, u32 rsv_off, u32 totalsize,
			    struct fdt_boot_data *out, const char **err)
{
	for (u64 off = rsv_off;; off += 16) {
		u64 base, size;

		if (off + 16 > totalsize) {
			*err = "memory reservation block not terminated";
			return -1;
		}
		base = be64(b + off);
		size = be64(b + off + 8);
		if (base == 0 && size == 0)
			return 0;
		if (fdt_add_range(out->rsv, &out->nr_rsv, FDT_MAX_RSV, base,
				  size, NULL) < 0) {
			*err = "too many reserved memory ranges";
			return -1;
		}
	}
}

/*
 * st[d] describes the open node at depth d (the root is depth 1); st[0] is
 * the root's notional parent, carrying the spec's defaults.
 */
static bool fdt_in_reserved_memory(const struct fdt_node_state *st, int depth)
{
	return depth == 3 && fdt_node_is(st[2].name, "reserved-memory");
}

/* The node at @depth closes: its properties are all known now. */
static int fdt_end_node(const struct fdt_node_state *st, int depth,
			struct fdt_boot_data *out, const char **err)
{
	const struct fdt_node_state *node = &st[depth], *parent = &st[depth - 1];

	/* /cpus/cpu@N/interrupt-controller: hart N's local interrupt phandle. */
	if (node->is_cpu_intc && depth == 4 && fdt_node_is(st[2].name, "cpus") &&
	    st[3].reg && st[2].addr_cells >= 1 && st[2].addr_cells <= 2 &&
	    st[3].reg_len >= st[2].addr_cells * 4 && node->phandle &&
	    out->nr_cpus < FDT_MAX_CPUS) {
		out->cpus[out->nr_cpus].hartid =
			(u32)fdt_read_cells(st[3].reg, st[2].addr_cells);
		out->cpus[out->nr_cpus].intc_phandle = node->phandle;
		out->nr_cpus++;
	}
	if (!node->reg || !parent->identity)
		return 0;
	if (node->is_plic && !out->has_plic && fdt_cells_ok(parent) &&
	    node->reg_len >= (parent->addr_cells + parent->size_cells) * 4) {
		out->has_plic = true;
		out->plic_base = fdt_read_cells(node->reg, parent->addr_cells);
		out->plic_size = fdt_read_cells(node->reg + parent->addr_cells * 4,
						parent->size_cells);
		out->plic_ndev = node->ndev;
		out->plic_irqs_ext = node->irqs_ext;
		out->plic_irqs_ext_len = node->irqs_ext_len;
	}
	if (node->is_uart && !out->has_uart && fdt_cells_ok(parent) &&
	    node->reg_len >= parent->addr_cells * 4) {
		out->has_uart = true;
		out->uart_base = fdt_read_cells(node->reg, parent->addr_cells);
		out->uart_irq = node->interrupts_len >= 4 ? be32(node->interrupts) : 0;
	}
	if (depth == 2 && node->is_memory)
		return fdt_add_reg(parent, node->reg, node->reg_len, out->mem,
				   &out->nr_mem, FDT_MAX_MEM,
				   &out->mem_truncated, err);
	if (fdt_in_reserved_memory(st, depth))
		return fdt_add_reg(parent, node->reg, node->reg_len, out->rsv,
				   &out->nr_rsv, FDT_MAX_RSV, NULL, err);
	if (node->is_test_dev && !out->has_test_dev && fdt_cells_ok(parent) &&
	    node->reg_len >= parent->addr_cells * 4) {
		out->has_test_dev = true;
		out->test_dev_base = fdt_read_cells(node->reg, parent->addr_cells);
	}
	return 0;
}

static int fdt_begin_node(struct fdt_node_state *st, int *depth,
			  const char *name, const char **err)
{
	if (*depth >= FDT_MAX_DEPTH) {
		*err = "nodes nested too deeply";
		return -1;
	}
	(*depth)++;
	st[*depth] = (struct fdt_node_state){
		.addr_cells = 2,
		.size_cells = 1,
		/* Only the root, and nodes whose "ranges" is empty, hand
		 * CPU addresses down to their children. */
		.identity = *depth == 1,
		/* Without a device_type property, the name decides. */
		.is_memory = *depth == 2 && fdt_node_is(name, "memory"),
		.name = name,
	};
	return 0;
}

static int fdt_prop(struct fdt_node_state *st, int depth, const char *pname,
		    const u8 *val, u32 len, struct fdt_boot_data *out,
		    const char **err)
{
	struct fdt_node_state *node = &st[depth];

	if (fdt_streq(pname, "#address-cells") ||
	    fdt_streq(pname, "#size-cells")) {
		bool addr = pname[1] == 'a';
		u32 v;

		if (len != 4) {
			*err = "#address-cells/#size-cells is not one cell";
			return -1;
		}
		v = be32(val);
		/* PCI uses 3 and interrupt controllers 0; only the nodes
		 * whose reg we read need 1 or 2 (fdt_cells_ok). */
		if (v > FDT_MAX_CELLS) {
			*err = "#address-cells/#size-cells too large";
			return -1;
		}
		if (addr)
			node->addr_cells = v;
		else
			node->size_cells = v;
	} else if (fdt_streq(pname, "ranges")) {
		node->identity = len == 0 && st[depth - 1].identity;
	} else if (fdt_streq(pname, "reg")) {
		node->reg = val;
		node->reg_len = len;
	} else if (fdt_streq(pname, "device_type")) {
		node->is_memory = len == 7 && val[6] == '\0' &&
				  fdt_streq((const char *)val, "memory");
	} else if (fdt_streq(pname, "compatible")) {
		if (fdt_compatible_prefix(val, len, "sifive,test"))
			node->is_test_dev = true;
		if (fdt_compatible_prefix(val, len, "riscv,plic0") ||
		    fdt_compatible_prefix(val, len, "sifive,plic-1.0.0"))
			node->is_plic = true;
		if (fdt_compatible_prefix(val, len, "ns16550"))
			node->is_uart = true;
		if (fdt_compatible_prefix(val, len, "riscv,cpu-intc"))
			node->is_cpu_intc = true;
	} else if (fdt_streq(pname, "phandle") && len == 4) {
		node->phandle = be32(val);
	} else if (fdt_streq(pname, "interrupts")) {
		node->interrupts = val;
		node->interrupts_len = len;
	} else if (fdt_streq(pname, "riscv,ndev") && len == 4) {
		node->ndev = be32(val);
	} else if (fdt_streq(pname, "interrupts-extended")) {
		node->irqs_ext = val;
		node->irqs_ext_len = len;
	} else if (fdt_streq(pname, "timebase-frequency") &&
		   (depth == 2 || depth == 3) && !out->timebase_frequency) {
		if (len == 4)
			out->timebase_frequency = be32(val);
		else if (len == 8)
			out->timebase_frequency = be64(val);
	} else if (fdt_streq(pname, "bootargs") && depth == 2 &&
		   fdt_node_is(node->name, "chosen")) {
		if (len == 0 || val[len - 1] != '\0') {
			*err = "/chosen/bootargs is not a string";
			return -1;
		}
		out->bootargs = (const char *)val;
	} else if ((fdt_streq(pname, "linux,initrd-start") || fdt_streq(pname, "linux,initrd-end")) &&
		   depth == 2 && fdt_node_is(node->name, "chosen")) {
		u64 v;

		if (len == 4) {
			v = be32(val);
		} else if (len == 8) {
			v = be64(val);
		} else {
			*err = "/chosen/linux,initrd-start or -end is not one or two cells";
			return -1;
		}
		if (pname[13] == 's')
			out->initrd_start = v, out->initrd_seen |= 1;
		else
			out->initrd_end = v, out->initrd_seen |= 2;
	}
	return 0;
}

static int fdt_walk(const struct fdt_cursor *c, struct fdt_boot_data *out,
		    const char **err)
{
	struct fdt_node_state st[FDT_MAX_DEPTH + 1];
	const u8 *base = c->blob + c->struct_off;
	const u8 *strings = c->blob + c->strings_off;
	u32 off = 0, size = c->struct_size;
	int depth = 0;
	bool seen_root = false;

	st[0] = (struct fdt_node_state){
		.addr_cells = 2, .size_cells = 1, .identity = true, .name = "",
	};
	/* Every token moves @off forward by at least 4: the loop is bounded
	 * by the size of the structure block. */
	for (;;) {
		u32 token;

		if (size - off < 4) {
			*err = "structure block ends without FDT_END";
			return -1;
		}
		token = be32(base + off);
		off += 4;

		switch (token) {
		case FDT_BEGIN_NODE: {
			const char *name = (const char *)base + off;
			u32 len = 0;

			if (seen_root && depth == 0) {
				*err = "more than one root node";
				return -1;
			}
			if (!fdt_strvalid(base + off, size - off)) {
				*err = "node name runs past the structure block";
				return -1;
			}
			while (name[len])
				len++;
			if (((len + 4) & ~3U) > size - off) {
				*err = "node name runs past the structure block";
				return -1;
			}
			off += (len + 4) & ~3U;
			if (fdt_begin_node(st, &depth, name, err) < 0)
				return -1;
			seen_root = true;
			break;
		}
		case FDT_END_NODE:
			if (depth == 0) {
				*err = "unbalanced FDT_END_NODE";
				return -1;
			}
			if (depth >= 2 && fdt_end_node(st, depth, out, err) < 0)
				return -1;
			depth--;
			break;
		case FDT_PROP: {
			u32 len, nameoff;
			const u8 *val;

			if (depth == 0) {
				*err = "property outside any node";
				return -1;
			}
			if (size - off < 8) {
				*err = "property header runs past the structure block";
				return -1;
			}
			len = be32(base + off);
			nameoff = be32(base + off + 4);
			off += 8;
			if (len > size - off || ((len + 3) & ~3U) > size - off) {
				*err = "property value runs past the structure block";
				return -1;
			}
			val = base + off;
			off += (len + 3) & ~3U;
			if (nameoff >= c->strings_size ||
			    !fdt_strvalid(strings + nameoff,
					  c->strings_size - nameoff)) {
				*err = "property name outside the strings block";
				return -1;
			}
			if (fdt_prop(st, depth, (const char *)strings + nameoff,
				     val, len, out, err) < 0)
				return -1;
			break;
		}
		case FDT_NOP:
			break;
		case FDT_END:
			if (depth != 0 || !seen_root) {
				*err = "FDT_END inside a node or before the root";
				return -1;
			}
			return 0;
		default:
			*err = "unknown structure block token";
			return -1;
		}
	}
}

int fdt_plic_context(const struct fdt_boot_data *fdt, unsigned long hartid)
{
	u32 phandle = 0, i;

	for (i = 0; i < fdt->nr_cpus; i++)
		if (fdt->cpus[i].hartid == hartid)
			phandle = fdt->cpus[i].intc_phandle;
	if (!phandle || !fdt->plic_irqs_ext)
		return -1;
	/* Pairs of <intc-phandle cause>; #interrupt-cells of a cpu intc is 1. */
	for (i = 0; i + 8 <= fdt->plic_irqs_ext_len; i += 8)
		if (be32(fdt->plic_irqs_ext + i) == phandle &&
		    be32(fdt->plic_irqs_ext + i + 4) == 9)
			return (int)(i / 8);
	return -1;
}

int fdt_parse(const void *blob, size_t avail, struct fdt_boot_data *out,
	      const char **err)
{
	struct fdt_cursor c;
	u32 rsv_off;
	const char *dummy;

	if (!err)
		err = &dummy;
	*out = (struct fdt_boot_data){ 0 };
	if (fdt_check_header(blob, avail, &c, &rsv_off, err) < 0)
		return -1;
	out->totalsize = be32(c.blob + 4);
	if (fdt_parse_rsvmap(c.blob, rsv_off, out->totalsize, out, err) < 0)
		return -1;
	if (fdt_walk(&c, out, err) < 0)
		return -1;
	out->has_initrd = out->initrd_seen == 3 && out->initrd_end > out->initrd_start;
	return 0;
}
