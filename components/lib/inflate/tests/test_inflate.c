/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of inflate.c and gunzip.c (ASan + UBSan):
 *  - round trips through the host's gzip at every level (-1..-9) of text,
 *    random bytes, long runs, a mix and the empty file; the three block
 *    types seen in that output; several members back to back;
 *  - hand-made streams: stored and fixed blocks written here, every gzip
 *    header flag (FEXTRA, FNAME, FCOMMENT, FHCRC) with its CRC;
 *  - every malformed input refused with its own error: each one made on
 *    purpose, every truncation of a valid stream, every smaller output
 *    limit;
 *  - a fixed-seed mutation fuzz of valid streams: no crash, no access out
 *    of the exact-size buffers, and an accepted stream decodes to its data.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tessera/compiler.h>
#include <tessera/testing/blob.h>
#include <tessera/testing/check.h>

#include "../inflate.c"
#include "../gunzip.c"

static struct inflate_workspace ws;

/* --- Data and the host's gzip -------------------------------------------- */

static struct blob blob_new(size_t len)
{
	struct blob b = { malloc(len ? len : 1), len };

	if (!b.data)
		abort();
	return b;
}

static void make_text(struct blob *b)
{
	static const char *const words[] = {
		"the", "kernel", "maps", "a", "page", "of", "memory", "for", "each",
		"process", "and", "frees", "it", "when", "done", "initramfs", "\n",
	};
	size_t i = 0;

	while (i < b->len) {
		const char *w = words[rng_below(ARRAY_SIZE(words))];

		while (*w && i < b->len)
			b->data[i++] = (u8)*w++;
		if (i < b->len)
			b->data[i++] = ' ';
	}
}

static void make_random(struct blob *b)
{
	for (size_t i = 0; i < b->len; i++)
		b->data[i] = (u8)rng_u64();
}

static void make_runs(struct blob *b)
{
	size_t i = 0;

	while (i < b->len) {
		size_t run = 1 + rng_below(5000);
		u8 c = (u8)rng_below(3);

		while (run-- && i < b->len)
			b->data[i++] = c;
	}
}

static void make_mixed(struct blob *b)
{
	for (size_t i = 0; i < b->len; i += 4096) {
		struct blob part = { b->data + i, b->len - i < 4096 ? b->len - i : 4096 };

		switch (rng_below(3)) {
		case 0: make_text(&part); break;
		case 1: make_random(&part); break;
		default: make_runs(&part); break;
		}
	}
}

static char tmpdir[] = "/tmp/test_inflate.XXXXXX";

static void write_file(const char *path, const u8 *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
}

/* The host's `gzip -<level>` of @in; the name goes into the header (FNAME). */
static struct blob host_gzip(const struct blob *in, int level)
{
	char path[256], cmd[512];

	snprintf(path, sizeof(path), "%s/data", tmpdir);
	write_file(path, in->data, in->len);
	snprintf(cmd, sizeof(cmd), "gzip -f -%d %s", level, path);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot run: %s\n", cmd);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/data.gz", tmpdir);
	return read_file(path);
}

/* Decompress @gz into a buffer of exactly @max bytes (ASan sees overruns). */
static int do_gunzip(const u8 *gz, size_t gz_len, size_t max, struct blob *out,
		     size_t *in_used)
{
	u8 *in = malloc(gz_len ? gz_len : 1);
	int err;

	memcpy(in, gz, gz_len);
	*out = blob_new(max);
	err = gunzip(&ws, in, gz_len, in_used, out->data, max, &out->len);
	free(in);
	return err;
}

/* First block type of the deflate data of a gzip file without options. */
static unsigned int first_block_type(const struct blob *gz)
{
	size_t pos = 10;

	if (gz->data[3] & GZIP_FNAME)
		while (gz->data[pos++])
			;
	return (gz->data[pos] >> 1) & 3;
}

static unsigned int block_types_seen;

static void round_trip(const char *what, const struct blob *data)
{
	for (int level = 1; level <= 9; level++) {
		struct blob gz = host_gzip(data, level), out;
		size_t used;
		int err;

		check_context("%s, %zu bytes, gzip -%d", what, data->len, level);
		block_types_seen |= 1u << first_block_type(&gz);
		err = do_gunzip(gz.data, gz.len, data->len, &out, &used);
		CHECKF(err == 0, "gunzip: %s", inflate_strerror(err));
		CHECK(used == gz.len);
		CHECK(out.len == data->len && memcmp(out.data, data->data, data->len) == 0);
		free(out.data);

		/* Every smaller output limit is refused as such. */
		if (data->len && level == 6) {
			size_t max = data->len - 1 - rng_below((unsigned int)data->len);

			err = do_gunzip(gz.data, gz.len, max, &out, &used);
			CHECK(err == INFLATE_E_OUTPUT_FULL);
			CHECK(out.len <= max);
			CHECK(memcmp(out.data, data->data, out.len) == 0);
			free(out.data);
		}
		free(gz.data);
	}
	check_context("%s", "");
}

static void test_round_trips(void)
{
	static const size_t sizes[] = { 1, 100, 4096, 65536, 300000 };
	struct blob empty = blob_new(0);
	void (*makers[])(struct blob *) = { make_text, make_random, make_runs, make_mixed };
	static const char *const names[] = { "text", "random", "runs", "mixed" };

	round_trip("empty", &empty);
	free(empty.data);
	for (size_t m = 0; m < ARRAY_SIZE(makers); m++)
		for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
			struct blob b = blob_new(sizes[s]);

			makers[m](&b);
			round_trip(names[m], &b);
			free(b.data);
		}
	/* Random data is stored, text gets dynamic codes, one byte fixed ones. */
	CHECKF(block_types_seen == 0x7, "block types seen %#x", block_types_seen);
}

/* Two members back to back, as `cat a.gz b.gz` (RFC 1952 §2.2). */
static void test_members(void)
{
	struct blob a = blob_new(5000), b = blob_new(7000), ga, gb, cat, out;
	size_t used, used2;
	int err;

	make_text(&a);
	make_runs(&b);
	ga = host_gzip(&a, 6);
	gb = host_gzip(&b, 9);
	cat = blob_new(ga.len + gb.len);
	memcpy(cat.data, ga.data, ga.len);
	memcpy(cat.data + ga.len, gb.data, gb.len);
	err = do_gunzip(cat.data, cat.len, 20000, &out, &used);
	CHECK(err == 0 && used == ga.len && out.len == a.len);
	CHECK(memcmp(out.data, a.data, a.len) == 0);
	free(out.data);
	err = do_gunzip(cat.data + used, cat.len - used, 20000, &out, &used2);
	CHECK(err == 0 && used2 == gb.len && out.len == b.len);
	CHECK(memcmp(out.data, b.data, b.len) == 0);
	free(out.data);
	free(a.data); free(b.data); free(ga.data); free(gb.data); free(cat.data);
}

/* --- Hand-made streams ------------------------------------------------------ */

/* Bits LSB first, as deflate packs them; Huffman codes MSB first (§3.1.1). */
struct bitwriter {
	u8 buf[1024];
	size_t bits;
};

static void put_bits(struct bitwriter *w, u32 val, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, w->bits++)
		if ((val >> i) & 1)
			w->buf[w->bits / 8] |= (u8)(1u << (w->bits % 8));
}

static void put_code(struct bitwriter *w, u32 code, unsigned int len)
{
	while (len--)
		put_bits(w, (code >> len) & 1, 1);
}

static size_t bw_bytes(const struct bitwriter *w)
{
	return (w->bits + 7) / 8;
}

/* The fixed literal/length code (§3.2.6). */
static void put_fixed_lit(struct bitwriter *w, unsigned int sym)
{
	if (sym < 144)
		put_code(w, 0x30 + sym, 8);
	else if (sym < 256)
		put_code(w, 0x190 + sym - 144, 9);
	else if (sym < 280)
		put_code(w, sym - 256, 7);
	else
		put_code(w, 0xc0 + sym - 280, 8);
}

static int raw(const u8 *in, size_t len, size_t max, u8 *out, size_t *out_len)
{
	u8 *copy = malloc(len ? len : 1), *o = malloc(max ? max : 1);
	size_t used;
	int err;

	memcpy(copy, in, len);
	err = inflate_raw(&ws, copy, len, &used, o, max, out_len);
	if (out)
		memcpy(out, o, *out_len);
	free(copy);
	free(o);
	return err;
}

static void test_stored_and_fixed(void)
{
	static const u8 stored[] = { 0x00, 3, 0, 0xfc, 0xff, 'a', 'b', 'c',
				     0x01, 2, 0, 0xfd, 0xff, 'd', 'e' };
	struct bitwriter w = { 0 };
	u8 out[64];
	size_t n;
	int err;

	err = raw(stored, sizeof(stored), 64, out, &n);
	CHECK(err == 0 && n == 5 && memcmp(out, "abcde", 5) == 0);

	/* Fixed: "ab", then length 4 distance 2 -> "ababab", end of block. */
	put_bits(&w, 1, 1);
	put_bits(&w, 1, 2);
	put_fixed_lit(&w, 'a');
	put_fixed_lit(&w, 'b');
	put_fixed_lit(&w, 258);         /* length 4 */
	put_code(&w, 1, 5);             /* distance 2 */
	put_fixed_lit(&w, 0xff);        /* a 9-bit literal */
	put_fixed_lit(&w, 256);
	err = raw(w.buf, bw_bytes(&w), 64, out, &n);
	CHECKF(err == 0, "%s", inflate_strerror(err));
	CHECK(n == 7 && memcmp(out, "ababab\xff", 7) == 0);
}

/* A reference CRC-32, bit by bit, independent of the table in gunzip.c. */
static u32 ref_crc32(const u8 *p, size_t len)
{
	u32 c = 0xffffffff;

	while (len--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

/* A gzip member with every optional header field, around @raw_deflate. */
static struct blob gzip_all_flags(const u8 *deflate, size_t dlen, const u8 *data,
				  size_t len)
{
	struct blob b = blob_new(64 + dlen);
	size_t pos = 0;
	u32 crc;

	b.data[pos++] = 0x1f;
	b.data[pos++] = 0x8b;
	b.data[pos++] = 8;
	b.data[pos++] = GZIP_FTEXT | GZIP_FHCRC | GZIP_FEXTRA | GZIP_FNAME | GZIP_FCOMMENT;
	memset(b.data + pos, 0, 6);             /* MTIME, XFL, OS */
	pos += 6;
	b.data[pos++] = 4;                      /* XLEN */
	b.data[pos++] = 0;
	memcpy(b.data + pos, "AB\0\0", 4);      /* one empty subfield */
	pos += 4;
	memcpy(b.data + pos, "name\0", 5);
	pos += 5;
	memcpy(b.data + pos, "a comment\0", 10);
	pos += 10;
	crc = ref_crc32(b.data, pos);
	b.data[pos++] = (u8)crc;
	b.data[pos++] = (u8)(crc >> 8);
	memcpy(b.data + pos, deflate, dlen);
	pos += dlen;
	crc = ref_crc32(data, len);
	for (int i = 0; i < 4; i++)
		b.data[pos++] = (u8)(crc >> (8 * i));
	for (int i = 0; i < 4; i++)
		b.data[pos++] = (u8)(len >> (8 * i));
	b.len = pos;
	return b;
}

static const u8 stored_hello[] = { 0x01, 5, 0, 0xfa, 0xff, 'h', 'e', 'l', 'l', 'o' };

static void test_gzip_header(void)
{
	struct blob gz = gzip_all_flags(stored_hello, sizeof(stored_hello),
					(const u8 *)"hello", 5), out;
	size_t used, hcrc_at = 10 + 2 + 4 + 5 + 10;
	int err;

	err = do_gunzip(gz.data, gz.len, 5, &out, &used);
	CHECKF(err == 0, "%s", inflate_strerror(err));
	CHECK(used == gz.len && out.len == 5 && memcmp(out.data, "hello", 5) == 0);
	free(out.data);

#define EXPECT_GZ_ERR(expected, ...) do {                                       \
		struct blob bad_ = { malloc(gz.len), gz.len };                  \
		memcpy(bad_.data, gz.data, gz.len);                             \
		__VA_ARGS__;                                                    \
		err = do_gunzip(bad_.data, bad_.len, 64, &out, &used);          \
		CHECKF(err == (expected), "%s: got %s", #__VA_ARGS__, inflate_strerror(err)); \
		free(out.data);                                                 \
		free(bad_.data);                                                \
	} while (0)

	EXPECT_GZ_ERR(INFLATE_E_GZIP_MAGIC, bad_.data[1] = 0x8c);
	EXPECT_GZ_ERR(INFLATE_E_GZIP_METHOD, bad_.data[2] = 7);
	EXPECT_GZ_ERR(INFLATE_E_GZIP_FLAGS, bad_.data[3] |= 0x20);
	EXPECT_GZ_ERR(INFLATE_E_GZIP_HCRC, bad_.data[hcrc_at] ^= 1);
	EXPECT_GZ_ERR(INFLATE_E_GZIP_HCRC, bad_.data[14] ^= 1);   /* header changed */
	EXPECT_GZ_ERR(INFLATE_E_CRC, bad_.data[gz.len - 8] ^= 0x80);
	EXPECT_GZ_ERR(INFLATE_E_CRC, bad_.data[hcrc_at + 2 + 5] = 'H');   /* data */
	EXPECT_GZ_ERR(INFLATE_E_ISIZE, bad_.data[gz.len - 1] = 1);
	EXPECT_GZ_ERR(INFLATE_E_STORED_LEN, bad_.data[hcrc_at + 2 + 3] = 0);
	EXPECT_GZ_ERR(INFLATE_E_BLOCK_TYPE, bad_.data[hcrc_at + 2] = 0x07);
	EXPECT_GZ_ERR(INFLATE_E_TRUNCATED, bad_.data[hcrc_at + 2 + 1] = 6; bad_.data[hcrc_at + 2 + 3] = 0xf9);
	/* A FEXTRA longer than the input. */
	EXPECT_GZ_ERR(INFLATE_E_TRUNCATED, bad_.data[11] = 0xff; bad_.len = 20);
	/* Every prefix of the member is truncated, nothing else. */
	for (size_t len = 0; len < gz.len; len++) {
		err = do_gunzip(gz.data, len, 64, &out, &used);
		CHECKF(err == INFLATE_E_TRUNCATED, "prefix %zu: %s", len, inflate_strerror(err));
		free(out.data);
	}
	free(gz.data);
}

/* Dynamic block headers that break one rule each. */
static void put_dynamic_header(struct bitwriter *w, unsigned int hlit, unsigned int hdist,
			       const u8 *clen, unsigned int hclen)
{
	put_bits(w, 1, 1);
	put_bits(w, 2, 2);
	put_bits(w, hlit - 257, 5);
	put_bits(w, hdist - 1, 5);
	put_bits(w, hclen - 4, 4);
	for (unsigned int i = 0; i < hclen; i++)
		put_bits(w, clen[clen_order[i]], 3);
}

/*
 * Code length code: symbols 0..15 with 4-bit codes (code = symbol), and
 * 16/17/18 absent: complete, so each length is its 4-bit number.
 */
static const u8 clen_flat[19] = {
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0,
};

static int dynamic_error(const u8 *lit, unsigned int hlit, const u8 *dist, unsigned int hdist)
{
	struct bitwriter w = { 0 };
	size_t n;

	put_dynamic_header(&w, hlit, hdist, clen_flat, 19);
	for (unsigned int i = 0; i < hlit; i++)
		put_code(&w, lit[i], 4);
	for (unsigned int i = 0; i < hdist; i++)
		put_code(&w, dist[i], 4);
	put_bits(&w, 0, 32);    /* so that running out is not the error */
	return raw(w.buf, bw_bytes(&w), 64, NULL, &n);
}

static void test_malformed(void)
{
	u8 lit[288] = { 0 }, dist[32] = { 0 };
	struct bitwriter w;
	size_t n;
	int err;

	/* The fixed block header with a reserved block type. */
	err = raw((const u8 *)"\x07", 1, 64, NULL, &n);
	CHECK(err == INFLATE_E_BLOCK_TYPE);
	err = raw((const u8 *)"", 0, 64, NULL, &n);
	CHECK(err == INFLATE_E_TRUNCATED);

	/* Code length codes: three 1-bit codes; two 2-bit codes only. */
	{
		u8 over[19] = { [0] = 1, [8] = 1, [9] = 1 };
		u8 incomplete[19] = { [0] = 2, [8] = 2 };

		memset(&w, 0, sizeof(w));
		put_dynamic_header(&w, 257, 1, over, 19);
		err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
		CHECKF(err == INFLATE_E_OVERSUBSCRIBED, "%s", inflate_strerror(err));
		memset(&w, 0, sizeof(w));
		put_dynamic_header(&w, 257, 1, incomplete, 19);
		err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
		CHECKF(err == INFLATE_E_INCOMPLETE, "%s", inflate_strerror(err));
	}

	/* HLIT 287 and HDIST 31 are beyond the alphabets. */
	memset(&w, 0, sizeof(w));
	put_dynamic_header(&w, 287, 1, clen_flat, 19);
	err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
	CHECK(err == INFLATE_E_CODE_LENGTHS);
	memset(&w, 0, sizeof(w));
	put_dynamic_header(&w, 257, 31, clen_flat, 19);
	err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
	CHECK(err == INFLATE_E_CODE_LENGTHS);

	/* A repeat (16) of the previous length, first in the list. */
	{
		u8 rep[19] = { [16] = 1, [8] = 1 };

		memset(&w, 0, sizeof(w));
		put_dynamic_header(&w, 257, 1, rep, 19);
		put_code(&w, 1, 1);     /* symbol 16: codes are 8 -> 0, 16 -> 1 */
		put_bits(&w, 0, 2);
		put_bits(&w, 0, 32);
		err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
		CHECKF(err == INFLATE_E_CODE_LENGTHS, "%s", inflate_strerror(err));
	}
	/* A zero run (18) of 138 past the 258 lengths. */
	{
		u8 rep[19] = { [18] = 1, [8] = 1 };

		memset(&w, 0, sizeof(w));
		put_dynamic_header(&w, 257, 1, rep, 19);
		put_code(&w, 1, 1);
		put_bits(&w, 127, 7);
		put_code(&w, 1, 1);
		put_bits(&w, 127, 7);
		put_bits(&w, 0, 32);
		err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
		CHECKF(err == INFLATE_E_CODE_LENGTHS, "%s", inflate_strerror(err));
	}

	/* Literal/length code without end of block: 256 literals of 8 bits. */
	memset(lit, 8, 256);
	dist[0] = 1;
	err = dynamic_error(lit, 257, dist, 1);
	CHECKF(err == INFLATE_E_NO_END_CODE, "%s", inflate_strerror(err));
	/* Over-subscribed: 257 codes of 8 bits. */
	memset(lit, 8, 257);
	err = dynamic_error(lit, 257, dist, 1);
	CHECKF(err == INFLATE_E_OVERSUBSCRIBED, "%s", inflate_strerror(err));
	/* Incomplete: 254 codes of 8 bits and the end code. */
	memset(lit, 0, sizeof(lit));
	memset(lit, 8, 254);
	lit[256] = 8;
	err = dynamic_error(lit, 257, dist, 1);
	CHECKF(err == INFLATE_E_INCOMPLETE, "%s", inflate_strerror(err));
	/* Distance code incomplete (two 2-bit codes) is refused ... */
	memset(lit, 8, 256);
	lit[255] = 9;
	lit[256] = 9;
	dist[0] = 2;
	dist[1] = 2;
	err = dynamic_error(lit, 257, dist, 2);
	CHECKF(err == INFLATE_E_INCOMPLETE, "%s", inflate_strerror(err));
	/*
	 * ... one 1-bit distance code or none at all are allowed: the block
	 * is then read as literals (zero bits: literal 0) until the input ends.
	 */
	dist[0] = 1;
	dist[1] = 0;
	err = dynamic_error(lit, 257, dist, 2);
	CHECKF(err == INFLATE_E_TRUNCATED, "%s", inflate_strerror(err));
	dist[0] = 0;
	err = dynamic_error(lit, 257, dist, 1);
	CHECKF(err == INFLATE_E_TRUNCATED, "%s", inflate_strerror(err));

	/* Fixed block: literal/length 286 and distance 30 do not exist. */
	memset(&w, 0, sizeof(w));
	put_bits(&w, 3, 3);
	put_fixed_lit(&w, 286);
	err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
	CHECK(err == INFLATE_E_BAD_SYMBOL);
	memset(&w, 0, sizeof(w));
	put_bits(&w, 3, 3);
	put_fixed_lit(&w, 'x');
	put_fixed_lit(&w, 257);
	put_code(&w, 30, 5);
	err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
	CHECK(err == INFLATE_E_BAD_SYMBOL);
	/* Distance 2 with one byte written. */
	memset(&w, 0, sizeof(w));
	put_bits(&w, 3, 3);
	put_fixed_lit(&w, 'x');
	put_fixed_lit(&w, 257);
	put_code(&w, 1, 5);
	put_fixed_lit(&w, 256);
	err = raw(w.buf, bw_bytes(&w), 64, NULL, &n);
	CHECK(err == INFLATE_E_DISTANCE && n == 1);
	/* A match of 258 into a 100-byte limit; a literal into a full buffer. */
	memset(&w, 0, sizeof(w));
	put_bits(&w, 3, 3);
	put_fixed_lit(&w, 'x');
	put_fixed_lit(&w, 285);
	put_code(&w, 0, 5);
	put_fixed_lit(&w, 256);
	err = raw(w.buf, bw_bytes(&w), 300, NULL, &n);
	CHECK(err == 0 && n == 259);
	err = raw(w.buf, bw_bytes(&w), 100, NULL, &n);
	CHECK(err == INFLATE_E_OUTPUT_FULL);
	err = raw(w.buf, bw_bytes(&w), 0, NULL, &n);
	CHECK(err == INFLATE_E_OUTPUT_FULL && n == 0);

	/* Every error code has its own message. */
	for (int e = 0; e < INFLATE_NR_ERRORS; e++)
		for (int f = e + 1; f < INFLATE_NR_ERRORS; f++)
			CHECK(strcmp(inflate_strerror(-e), inflate_strerror(-f)) != 0);
	CHECK(strcmp(inflate_strerror(-INFLATE_NR_ERRORS), "unknown error") == 0);
	CHECK(strcmp(inflate_strerror(1), "unknown error") == 0);
}

/* --- Mutation fuzz ------------------------------------------------------------ */

static void fuzz_one(const struct blob *gz, const struct blob *orig)
{
	struct blob m = blob_new(gz->len + 16), out;
	size_t used;
	int err, nmut = 1 + rng_below(4);

	memcpy(m.data, gz->data, gz->len);
	m.len = gz->len;
	while (nmut--) {
		size_t at = rng_below((unsigned int)m.len);

		switch (rng_below(5)) {
		case 0: m.data[at] ^= (u8)(1u << rng_below(8)); break;
		case 1: m.data[at] = (u8)rng_u64(); break;
		case 2: m.len = at; break;                              /* truncate */
		case 3: if (m.len < gz->len + 16) m.data[m.len++] = (u8)rng_u64(); break;
		default:                                                /* skip the header bytes */
			m.data[10 + rng_below((unsigned int)(m.len > 10 ? m.len - 10 : 1)) % (m.len ? m.len : 1)] ^= 0xff;
			break;
		}
		if (!m.len)
			break;
	}
	err = do_gunzip(m.data, m.len, orig->len + rng_below(64), &out, &used);
	CHECKF(err <= 0 && err > -INFLATE_NR_ERRORS, "error %d", err);
	CHECK(used <= m.len);
	/* Accepted: the CRC held, so the data is the original. */
	if (err == 0)
		CHECK(out.len == orig->len && memcmp(out.data, orig->data, out.len) == 0);
	free(out.data);
	free(m.data);
}

static void test_fuzz(void)
{
	static const size_t sizes[] = { 0, 1, 200, 3000, 20000 };
	unsigned int cases = 0;

	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
		for (int kind = 0; kind < 4; kind++) {
			struct blob b = blob_new(sizes[s]), gz;

			if (kind == 0) make_text(&b);
			else if (kind == 1) make_random(&b);
			else if (kind == 2) make_runs(&b);
			else make_mixed(&b);
			gz = host_gzip(&b, 1 + rng_below(9));
			check_context("fuzz size %zu kind %d", sizes[s], kind);
			for (int i = 0; i < 400; i++, cases++)
				fuzz_one(&gz, &b);
			free(gz.data);
			free(b.data);
		}
	}
	/* Raw garbage as deflate data. */
	for (int i = 0; i < 4000; i++, cases++) {
		u8 buf[256];
		size_t len = rng_below(sizeof(buf)), n;
		int err;

		for (size_t j = 0; j < len; j++)
			buf[j] = (u8)rng_u64();
		err = raw(buf, len, rng_below(2048), NULL, &n);
		CHECK(err <= 0 && err > -INFLATE_NR_ERRORS);
	}
	check_context("%s", "");
	printf("test_inflate: %u fuzz cases\n", cases);
}

int main(void)
{
	char cmd[64];

	rng_seed(0x1f8b0800);
	if (!mkdtemp(tmpdir))
		abort();
	test_stored_and_fixed();
	test_gzip_header();
	test_malformed();
	test_round_trips();
	test_members();
	test_fuzz();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return check_summary("test_inflate");
}
