/* SPDX-License-Identifier: Apache-2.0 */
/* See fdt_scan.h. No kernel calls: the host test builds this file as it is. */
#include "fdt_scan.h"

#define FDT_MAGIC       0xd00dfeedU
#define FDT_HEADER_SIZE 40
#define FDT_BEGIN_NODE  0x1
#define FDT_END_NODE    0x2
#define FDT_PROP        0x3
#define FDT_NOP         0x4
#define FDT_END         0x9
#define FDT_SCAN_DEPTH  16

struct scan_node {
	u32 addr_cells, size_cells;     /* for this node's children */
	bool identity;                  /* children's reg is a CPU address */
	bool bus;                       /* children may be devices */
	bool candidate;                 /* this node may be a device */
	bool disabled;
	struct fdt_dev_node dev;
	const u8 *reg;
	u32 reg_len;
};

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Is @want one of the strings of the NUL-terminated list @val, @len bytes? */
static bool list_has(const u8 *val, u32 len, const char *want)
{
	u32 i = 0;

	while (i < len) {
		u32 n = 0;

		while (i + n < len && val[i + n])
			n++;
		if (i + n == len)
			return false;
		if (str_eq((const char *)val + i, want))
			return true;
		i += n + 1;
	}
	return false;
}

static bool nul_within(const u8 *s, u32 limit)
{
	for (u32 i = 0; i < limit; i++)
		if (!s[i])
			return true;
	return false;
}

static u64 read_cells(const u8 *p, u32 cells)
{
	return cells == 2 ? (u64)be32(p) << 32 | be32(p + 4) : be32(p);
}

static void node_prop(struct scan_node *node, const struct scan_node *parent,
		      const char *pname, const u8 *val, u32 len)
{
	if (str_eq(pname, "#address-cells") && len == 4)
		node->addr_cells = be32(val);
	else if (str_eq(pname, "#size-cells") && len == 4)
		node->size_cells = be32(val);
	else if (str_eq(pname, "ranges"))
		node->identity = len == 0 && parent->identity;
	else if (str_eq(pname, "reg")) {
		node->reg = val;
		node->reg_len = len;
	} else if (str_eq(pname, "status")) {
		node->disabled = !(list_has(val, len, "okay") || list_has(val, len, "ok"));
	} else if (str_eq(pname, "compatible") && len && !val[len - 1]) {
		node->dev.compatible = (const char *)val;
		node->dev.compatible_len = len;
		node->bus = list_has(val, len, "simple-bus");
	} else if (str_eq(pname, "interrupts")) {
		for (u32 off = 0; off + 4 <= len && node->dev.nr_irq < FDT_SCAN_MAX_IRQ; off += 4)
			node->dev.irq[node->dev.nr_irq++] = be32(val + off);
	}
}

/* The node closes: report it if it is a device. */
static int node_end(struct scan_node *node, const struct scan_node *parent,
		    fdt_dev_fn fn, void *data)
{
	u32 ac = parent->addr_cells, sc = parent->size_cells, entry;

	if (!node->candidate || node->disabled || !node->dev.compatible || node->bus)
		return 0;
	entry = (ac + sc) * 4;
	if (node->reg && parent->identity && ac >= 1 && ac <= 2 && sc <= 2 && entry) {
		for (u32 off = 0; off + entry <= node->reg_len &&
				  node->dev.nr_reg < FDT_SCAN_MAX_REG; off += entry) {
			node->dev.reg_base[node->dev.nr_reg] = read_cells(node->reg + off, ac);
			node->dev.reg_size[node->dev.nr_reg] =
				sc ? read_cells(node->reg + off + ac * 4, sc) : 0;
			node->dev.nr_reg++;
		}
	}
	return fn(&node->dev, data);
}

int fdt_scan_devices(const void *blob, size_t avail, fdt_dev_fn fn, void *data,
		     const char **err)
{
	struct scan_node st[FDT_SCAN_DEPTH + 1];
	const u8 *b = blob, *base, *strings;
	u32 total, struct_off, struct_size, strings_off, strings_size, off = 0;
	int depth = 0, ret;
	const char *dummy;

	if (!err)
		err = &dummy;
	if (!b || avail < FDT_HEADER_SIZE || be32(b) != FDT_MAGIC) {
		*err = "not a flattened devicetree";
		return -1;
	}
	total = be32(b + 4);
	struct_off = be32(b + 8);
	strings_off = be32(b + 12);
	strings_size = be32(b + 32);
	struct_size = be32(b + 36);
	if (total > avail || total < FDT_HEADER_SIZE || be32(b + 20) < 17 ||
	    struct_off % 4 || struct_off < FDT_HEADER_SIZE ||
	    (u64)struct_off + struct_size > total ||
	    strings_off < FDT_HEADER_SIZE || (u64)strings_off + strings_size > total) {
		*err = "devicetree header out of bounds";
		return -1;
	}
	base = b + struct_off;
	strings = b + strings_off;
	/* st[0]: the root's notional parent, with the spec's defaults. */
	st[0] = (struct scan_node){ .addr_cells = 2, .size_cells = 1,
				    .identity = true };

	for (;;) {
		u32 token;

		if (struct_size - off < 4) {
			*err = "structure block ends without FDT_END";
			return -1;
		}
		token = be32(base + off);
		off += 4;
		switch (token) {
		case FDT_BEGIN_NODE: {
			const char *name = (const char *)base + off;
			u32 len = 0;

			if (!nul_within(base + off, struct_size - off)) {
				*err = "node name runs past the structure block";
				return -1;
			}
			while (name[len])
				len++;
			if (((len + 4) & ~3U) > struct_size - off) {
				*err = "node name runs past the structure block";
				return -1;
			}
			off += (len + 4) & ~3U;
			if (depth >= FDT_SCAN_DEPTH) {
				*err = "nodes nested too deeply";
				return -1;
			}
			depth++;
			st[depth] = (struct scan_node){
				.addr_cells = 2, .size_cells = 1,
				.identity = depth == 1,
				/* The root itself is no device; its children may be. */
				.candidate = depth == 2 ||
					     (depth > 2 && st[depth - 1].bus &&
					      st[depth - 1].candidate),
				.bus = false,
				.dev.name = name,
			};
			break;
		}
		case FDT_END_NODE:
			if (depth == 0) {
				*err = "unbalanced FDT_END_NODE";
				return -1;
			}
			ret = node_end(&st[depth], &st[depth - 1], fn, data);
			if (ret)
				return ret;
			depth--;
			break;
		case FDT_PROP: {
			u32 len, nameoff;

			if (depth == 0 || struct_size - off < 8) {
				*err = "property outside a node or truncated";
				return -1;
			}
			len = be32(base + off);
			nameoff = be32(base + off + 4);
			off += 8;
			if (len > struct_size - off || ((len + 3) & ~3U) > struct_size - off) {
				*err = "property value runs past the structure block";
				return -1;
			}
			if (nameoff >= strings_size ||
			    !nul_within(strings + nameoff, strings_size - nameoff)) {
				*err = "property name outside the strings block";
				return -1;
			}
			node_prop(&st[depth], &st[depth - 1],
				  (const char *)strings + nameoff, base + off, len);
			off += (len + 3) & ~3U;
			break;
		}
		case FDT_NOP:
			break;
		case FDT_END:
			if (depth) {
				*err = "FDT_END inside a node";
				return -1;
			}
			return 0;
		default:
			*err = "unknown structure block token";
			return -1;
		}
	}
}
