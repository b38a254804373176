/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The gzip wrapper (RFC 1952) around inflate_raw(): one member — header,
 * deflate data, CRC-32 and ISIZE trailer — from the start of the input.
 * *in_used says where the member ended, so a caller that accepts several
 * members (a gzip file may be a series of them; an initramfs may be several
 * archives back to back) calls gunzip() again on the rest.
 */
#include <tessera/inflate.h>

#define GZIP_ID1      0x1f
#define GZIP_ID2      0x8b
#define GZIP_CM_DEFLATE 8

/* FLG bits (RFC 1952 §2.3.1). */
#define GZIP_FTEXT    0x01      /* a hint only */
#define GZIP_FHCRC    0x02
#define GZIP_FEXTRA   0x04
#define GZIP_FNAME    0x08
#define GZIP_FCOMMENT 0x10
#define GZIP_FRESERVED 0xe0

#define GZIP_HEADER_SIZE  10
#define GZIP_TRAILER_SIZE 8

/* CRC-32 of ISO 3309 (reflected polynomial 0xedb88320), table driven. */
static void crc32_init_table(u32 *table)
{
	unsigned int n, k;

	for (n = 0; n < 256; n++) {
		u32 c = n;

		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[n] = c;
	}
}

static u32 crc32_update(const u32 *table, u32 crc, const u8 *p, size_t len)
{
	crc = ~crc;
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static u32 get_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/* Skip a zero-terminated field; false if the input ends first. */
static bool skip_string(const u8 *buf, size_t len, size_t *pos)
{
	while (*pos < len)
		if (buf[(*pos)++] == 0)
			return true;
	return false;
}

int gunzip(struct inflate_workspace *ws, const void *in, size_t in_len,
	   size_t *in_used, void *out, size_t out_max, size_t *out_len)
{
	const u8 *buf = in;
	size_t pos = GZIP_HEADER_SIZE, used;
	u8 flags;
	int err;

	*in_used = 0;
	*out_len = 0;
	if (in_len < 2)
		return INFLATE_E_TRUNCATED;
	if (buf[0] != GZIP_ID1 || buf[1] != GZIP_ID2)
		return INFLATE_E_GZIP_MAGIC;
	if (in_len < GZIP_HEADER_SIZE)
		return INFLATE_E_TRUNCATED;
	if (buf[2] != GZIP_CM_DEFLATE)
		return INFLATE_E_GZIP_METHOD;
	flags = buf[3];
	if (flags & GZIP_FRESERVED)
		return INFLATE_E_GZIP_FLAGS;
	/* MTIME, XFL and OS (bytes 4..9) say nothing the decoder needs. */

	if (flags & GZIP_FEXTRA) {
		size_t xlen;

		if (in_len - pos < 2)
			return INFLATE_E_TRUNCATED;
		xlen = buf[pos] | (size_t)buf[pos + 1] << 8;
		pos += 2;
		if (in_len - pos < xlen)
			return INFLATE_E_TRUNCATED;
		pos += xlen;
	}
	if ((flags & GZIP_FNAME) && !skip_string(buf, in_len, &pos))
		return INFLATE_E_TRUNCATED;
	if ((flags & GZIP_FCOMMENT) && !skip_string(buf, in_len, &pos))
		return INFLATE_E_TRUNCATED;

	crc32_init_table(ws->crc_table);
	if (flags & GZIP_FHCRC) {
		u32 hcrc;

		if (in_len - pos < 2)
			return INFLATE_E_TRUNCATED;
		/* The low 16 bits of the CRC-32 of the header before it. */
		hcrc = crc32_update(ws->crc_table, 0, buf, pos) & 0xffff;
		if (hcrc != (buf[pos] | (u32)buf[pos + 1] << 8))
			return INFLATE_E_GZIP_HCRC;
		pos += 2;
	}

	err = inflate_raw(ws, buf + pos, in_len - pos, &used, out, out_max, out_len);
	if (err)
		return err;
	pos += used;
	if (in_len - pos < GZIP_TRAILER_SIZE)
		return INFLATE_E_TRUNCATED;
	if (crc32_update(ws->crc_table, 0, out, *out_len) != get_le32(buf + pos))
		return INFLATE_E_CRC;
	if ((u32)*out_len != get_le32(buf + pos + 4))
		return INFLATE_E_ISIZE;
	*in_used = pos + GZIP_TRAILER_SIZE;
	return INFLATE_OK;
}
