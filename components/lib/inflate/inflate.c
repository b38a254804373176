/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEFLATE decompression (RFC 1951), written from the RFC: a whole input
 * buffer into an output buffer of at most out_max bytes. Pure C on the two
 * buffers and the caller's workspace, so tests/test_inflate.c runs this very
 * file on the host under ASan and UBSan.
 *
 * Nothing from the input is trusted: every read is checked against the end
 * of the input, every write against out_max, every match distance against
 * what has been written; each way of being malformed has its own error.
 */
#include <tessera/inflate.h>

/* The input, read least significant bit first (RFC 1951 §3.1.1). */
struct bitstream {
	const u8 *next;         /* next byte not yet in @bits */
	const u8 *end;
	u64 bits;               /* bits read ahead, the next one at bit 0 */
	unsigned int count;     /* how many of @bits are valid */
};

/* Top the bit buffer up to at least 57 bits, or to the end of the input. */
static inline void bs_refill(struct bitstream *bs)
{
	while (bs->count <= 56 && bs->next < bs->end) {
		bs->bits |= (u64)*bs->next++ << bs->count;
		bs->count += 8;
	}
}

/* Take @n (0..32) bits; false when the input ends first. */
static inline bool bs_take(struct bitstream *bs, unsigned int n, u32 *val)
{
	if (bs->count < n) {
		bs_refill(bs);
		if (bs->count < n)
			return false;
	}
	*val = (u32)(bs->bits & (((u64)1 << n) - 1));
	bs->bits >>= n;
	bs->count -= n;
	return true;
}

/* Drop the bits up to the next byte boundary (stored blocks, the end). */
static inline void bs_align(struct bitstream *bs)
{
	unsigned int drop = bs->count & 7;

	bs->bits >>= drop;
	bs->count -= drop;
}

/* Bytes of the input consumed so far: read ahead whole bytes are not. */
static inline const u8 *bs_position(const struct bitstream *bs)
{
	return bs->next - bs->count / 8;
}

/*
 * Build a canonical Huffman code from the code length of each symbol
 * (RFC 1951 §3.2.2). Over-subscribed lengths are refused; an incomplete
 * code only in the one case the format needs: a single code of one bit
 * (a distance code for a block with one distance) and, when @allow_empty,
 * no code at all (a block of literals only).
 */
static int huffman_build(struct inflate_huffman *h, const u8 *lengths,
			 unsigned int n, bool allow_empty)
{
	u16 offset[INFLATE_MAX_BITS + 2];
	u16 next_code[INFLATE_MAX_BITS + 1];
	unsigned int len, sym, code;
	int left;

	for (len = 0; len <= INFLATE_MAX_BITS; len++)
		h->count[len] = 0;
	for (sym = 0; sym < n; sym++)
		h->count[lengths[sym]]++;
	h->count[0] = 0;

	/* Each length doubles the patterns available; codes use them up. */
	left = 1;
	for (len = 1; len <= INFLATE_MAX_BITS; len++) {
		left <<= 1;
		left -= h->count[len];
		if (left < 0)
			return INFLATE_E_OVERSUBSCRIBED;
	}

	offset[1] = 0;
	for (len = 1; len <= INFLATE_MAX_BITS; len++)
		offset[len + 1] = offset[len] + h->count[len];
	h->nr_symbols = offset[INFLATE_MAX_BITS + 1];
	if (left > 0) {
		bool single = h->nr_symbols == 1 && h->count[1] == 1;

		if (!single && !(allow_empty && h->nr_symbols == 0))
			return INFLATE_E_INCOMPLETE;
	}

	/* Symbols sorted by (length, value): the canonical order. */
	for (sym = 0; sym < n; sym++)
		if (lengths[sym])
			h->symbol[offset[lengths[sym]]++] = (u16)sym;

	/*
	 * The fast table: a code of length L <= FAST_BITS, read LSB first,
	 * occupies every index whose low L bits are its bit-reversed code.
	 */
	for (code = 0; code < (1u << INFLATE_FAST_BITS); code++)
		h->fast[code] = 0;
	code = 0;
	for (len = 1; len <= INFLATE_MAX_BITS; len++) {
		code = (code + h->count[len - 1]) << 1;
		next_code[len] = (u16)code;
	}
	for (sym = 0; sym < n; sym++) {
		unsigned int l = lengths[sym], rev = 0, c, i;

		if (!l || l > INFLATE_FAST_BITS)
			continue;
		c = next_code[l]++;
		for (i = 0; i < l; i++)
			rev |= ((c >> i) & 1) << (l - 1 - i);
		for (i = rev; i < (1u << INFLATE_FAST_BITS); i += 1u << l)
			h->fast[i] = (u16)(sym | l << 9);
	}
	return INFLATE_OK;
}

/* The next symbol of code @h, or a negative error. */
static inline int huffman_decode(struct bitstream *bs, const struct inflate_huffman *h)
{
	unsigned int entry, len, index, first, code;

	if (bs->count < INFLATE_MAX_BITS)
		bs_refill(bs);
	/* Past the end of the input the buffer reads as zeros: see below. */
	entry = h->fast[bs->bits & ((1u << INFLATE_FAST_BITS) - 1)];
	if (entry) {
		len = entry >> 9;
		if (len > bs->count)
			return INFLATE_E_TRUNCATED;
		bs->bits >>= len;
		bs->count -= len;
		return (int)(entry & 0x1ff);
	}

	/*
	 * Canonical decoding, one bit at a time: codes of each length are
	 * consecutive numbers starting at @first, their symbols at @index.
	 */
	code = first = index = 0;
	for (len = 1; len <= INFLATE_MAX_BITS; len++) {
		if (len > bs->count)
			return INFLATE_E_TRUNCATED;
		code |= (unsigned int)(bs->bits >> (len - 1)) & 1;
		if (code - first < h->count[len]) {
			bs->bits >>= len;
			bs->count -= len;
			return h->symbol[index + code - first];
		}
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return INFLATE_E_BAD_SYMBOL;    /* an incomplete code's unused pattern */
}

/* RFC 1951 §3.2.5: base and extra bits of length codes 257..285 ... */
static const u16 length_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const u8 length_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
};
/* ... and of distance codes 0..29. */
static const u16 dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
};
static const u8 dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
};

struct output {
	u8 *buf;
	size_t pos;
	size_t max;
};

/* Decode one compressed block's symbols with the codes in @ws. */
static int inflate_codes(struct bitstream *bs, struct inflate_workspace *ws,
			 struct output *out)
{
	for (;;) {
		int sym = huffman_decode(bs, &ws->lit);
		u32 extra, len, dist;
		u8 *dst;
		const u8 *src;

		if (sym < 0)
			return sym;
		if (sym < 256) {
			if (out->pos >= out->max)
				return INFLATE_E_OUTPUT_FULL;
			out->buf[out->pos++] = (u8)sym;
			continue;
		}
		if (sym == 256)
			return INFLATE_OK;
		sym -= 257;
		if (sym >= 29)
			return INFLATE_E_BAD_SYMBOL;
		if (!bs_take(bs, length_extra[sym], &extra))
			return INFLATE_E_TRUNCATED;
		len = length_base[sym] + extra;

		sym = huffman_decode(bs, &ws->dist);
		if (sym < 0)
			return sym;
		if (sym >= 30)
			return INFLATE_E_BAD_SYMBOL;
		if (!bs_take(bs, dist_extra[sym], &extra))
			return INFLATE_E_TRUNCATED;
		dist = dist_base[sym] + extra;

		if (dist > out->pos)
			return INFLATE_E_DISTANCE;
		if (len > out->max - out->pos)
			return INFLATE_E_OUTPUT_FULL;
		dst = out->buf + out->pos;
		src = dst - dist;
		out->pos += len;
		if (dist >= 8 && out->max - out->pos >= 8) {
			/*
			 * Eight bytes at a time: each chunk reads bytes written
			 * before it (dist >= 8); the last may write up to 7 bytes
			 * past the match, still inside the output, later
			 * overwritten or beyond *out_len.
			 */
			for (;;) {
				__builtin_memcpy(dst, src, 8);
				if (len <= 8)
					break;
				dst += 8;
				src += 8;
				len -= 8;
			}
		} else if (dist == 1) {
			__builtin_memset(dst, src[0], len);     /* a run */
		} else {
			/* Byte by byte: the match overlaps its own output. */
			while (len--)
				*dst++ = *src++;
		}
	}
}

/* BTYPE 00 (§3.2.4): LEN, NLEN, then LEN bytes as they are. */
static int inflate_stored(struct bitstream *bs, struct output *out)
{
	const u8 *p;
	u32 len, nlen;

	/* Back to whole bytes: the header starts at the next byte boundary. */
	bs_align(bs);
	p = bs_position(bs);
	bs->next = p;
	bs->bits = 0;
	bs->count = 0;
	if (bs->end - p < 4)
		return INFLATE_E_TRUNCATED;
	len = p[0] | (u32)p[1] << 8;
	nlen = p[2] | (u32)p[3] << 8;
	if (len != (~nlen & 0xffff))
		return INFLATE_E_STORED_LEN;
	p += 4;
	if ((size_t)(bs->end - p) < len)
		return INFLATE_E_TRUNCATED;
	if (len > out->max - out->pos)
		return INFLATE_E_OUTPUT_FULL;
	__builtin_memcpy(out->buf + out->pos, p, len);
	out->pos += len;
	bs->next = p + len;
	return INFLATE_OK;
}

/* BTYPE 01 (§3.2.6): the fixed codes. */
static int inflate_fixed_codes(struct inflate_workspace *ws)
{
	unsigned int i;
	int err;

	for (i = 0; i < 144; i++)
		ws->lengths[i] = 8;
	for (; i < 256; i++)
		ws->lengths[i] = 9;
	for (; i < 280; i++)
		ws->lengths[i] = 7;
	for (; i < 288; i++)
		ws->lengths[i] = 8;
	err = huffman_build(&ws->lit, ws->lengths, 288, false);
	if (err)
		return err;
	/* All 32 five-bit codes, so the code is complete; 30 and 31 are refused when decoded. */
	for (i = 0; i < 32; i++)
		ws->lengths[i] = 5;
	return huffman_build(&ws->dist, ws->lengths, 32, false);
}

/* The order code length code lengths are sent in (§3.2.7). */
static const u8 clen_order[19] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

/* BTYPE 10 (§3.2.7): the codes are sent, themselves Huffman coded. */
static int inflate_dynamic_codes(struct bitstream *bs, struct inflate_workspace *ws)
{
	u32 hlit, hdist, hclen, v;
	unsigned int i, n;
	int err;

	if (!bs_take(bs, 5, &hlit) || !bs_take(bs, 5, &hdist) || !bs_take(bs, 4, &hclen))
		return INFLATE_E_TRUNCATED;
	hlit += 257;
	hdist += 1;
	hclen += 4;
	if (hlit > 286 || hdist > 30)
		return INFLATE_E_CODE_LENGTHS;

	for (i = 0; i < 19; i++)
		ws->lengths[clen_order[i]] = 0;
	for (i = 0; i < hclen; i++) {
		if (!bs_take(bs, 3, &v))
			return INFLATE_E_TRUNCATED;
		ws->lengths[clen_order[i]] = (u8)v;
	}
	/* The code length code is decoded with the literal table's storage. */
	err = huffman_build(&ws->lit, ws->lengths, 19, false);
	if (err)
		return err;

	/* Literal/length and distance lengths form one sequence (§3.2.7). */
	n = hlit + hdist;
	for (i = 0; i < n;) {
		int sym = huffman_decode(bs, &ws->lit);
		u32 repeat;
		u8 value;

		if (sym < 0)
			return sym;
		if (sym < 16) {
			ws->lengths[i++] = (u8)sym;
			continue;
		}
		if (sym == 16) {
			if (i == 0)
				return INFLATE_E_CODE_LENGTHS;
			value = ws->lengths[i - 1];
			if (!bs_take(bs, 2, &repeat))
				return INFLATE_E_TRUNCATED;
			repeat += 3;
		} else if (sym == 17) {
			value = 0;
			if (!bs_take(bs, 3, &repeat))
				return INFLATE_E_TRUNCATED;
			repeat += 3;
		} else {
			value = 0;
			if (!bs_take(bs, 7, &repeat))
				return INFLATE_E_TRUNCATED;
			repeat += 11;
		}
		if (repeat > n - i)
			return INFLATE_E_CODE_LENGTHS;
		while (repeat--)
			ws->lengths[i++] = value;
	}
	if (ws->lengths[256] == 0)
		return INFLATE_E_NO_END_CODE;

	err = huffman_build(&ws->lit, ws->lengths, hlit, false);
	if (err)
		return err;
	return huffman_build(&ws->dist, ws->lengths + hlit, hdist, true);
}

int inflate_raw(struct inflate_workspace *ws, const void *in, size_t in_len,
		size_t *in_used, void *out, size_t out_max, size_t *out_len)
{
	struct bitstream bs = { .next = in, .end = (const u8 *)in + in_len };
	struct output o = { .buf = out, .pos = 0, .max = out_max };
	u32 final, type;
	int err;

	do {
		if (!bs_take(&bs, 1, &final) || !bs_take(&bs, 2, &type)) {
			err = INFLATE_E_TRUNCATED;
			break;
		}
		switch (type) {
		case 0:
			err = inflate_stored(&bs, &o);
			break;
		case 1:
			err = inflate_fixed_codes(ws);
			if (!err)
				err = inflate_codes(&bs, ws, &o);
			break;
		case 2:
			err = inflate_dynamic_codes(&bs, ws);
			if (!err)
				err = inflate_codes(&bs, ws, &o);
			break;
		default:
			err = INFLATE_E_BLOCK_TYPE;
			break;
		}
	} while (!err && !final);

	/* What was produced before an error stays for the caller to look at. */
	*out_len = o.pos;
	bs_align(&bs);
	*in_used = (size_t)(bs_position(&bs) - (const u8 *)in);
	return err;
}

static const char *const inflate_errors[INFLATE_NR_ERRORS] = {
	[0]                          = "ok",
	[-INFLATE_E_TRUNCATED]       = "truncated input",
	[-INFLATE_E_BLOCK_TYPE]      = "invalid block type",
	[-INFLATE_E_STORED_LEN]      = "stored block length does not match its complement",
	[-INFLATE_E_OVERSUBSCRIBED]  = "over-subscribed Huffman code",
	[-INFLATE_E_INCOMPLETE]      = "incomplete Huffman code",
	[-INFLATE_E_CODE_LENGTHS]    = "invalid code lengths",
	[-INFLATE_E_NO_END_CODE]     = "no end-of-block code",
	[-INFLATE_E_BAD_SYMBOL]      = "invalid symbol",
	[-INFLATE_E_DISTANCE]        = "distance too far back",
	[-INFLATE_E_OUTPUT_FULL]     = "output limit reached",
	[-INFLATE_E_GZIP_MAGIC]      = "not gzip data",
	[-INFLATE_E_GZIP_METHOD]     = "unknown gzip compression method",
	[-INFLATE_E_GZIP_FLAGS]      = "reserved gzip flags set",
	[-INFLATE_E_GZIP_HCRC]       = "gzip header CRC mismatch",
	[-INFLATE_E_CRC]             = "CRC32 mismatch",
	[-INFLATE_E_ISIZE]           = "uncompressed size mismatch",
};

const char *inflate_strerror(int err)
{
	if (err > 0 || err <= -INFLATE_NR_ERRORS)
		return "unknown error";
	return inflate_errors[-err];
}
