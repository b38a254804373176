/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DEFLATE (RFC 1951) and its gzip wrapper (RFC 1952), decompressed from one
 * buffer into another with a hard output limit. The interface `inflate`
 * (components/lib/inflate) provides the operations; this header holds the
 * types, the error codes and the workspace the caller supplies, so nothing
 * is allocated and the code runs the same in the kernel and on the host.
 *
 * Every error is its own negative code, so a test (or a boot message) says
 * exactly why a stream was refused; inflate_strerror() names it.
 */
#ifndef TESSERA_INFLATE_H
#define TESSERA_INFLATE_H

#include <tessera/types.h>

enum inflate_error {
	INFLATE_OK               = 0,
	INFLATE_E_TRUNCATED      = -1,  /* the input ended inside the stream */
	INFLATE_E_BLOCK_TYPE     = -2,  /* BTYPE 11, reserved */
	INFLATE_E_STORED_LEN     = -3,  /* stored block: NLEN is not ~LEN */
	INFLATE_E_OVERSUBSCRIBED = -4,  /* more codes than the lengths allow */
	INFLATE_E_INCOMPLETE     = -5,  /* a Huffman code with unused bit patterns */
	INFLATE_E_CODE_LENGTHS   = -6,  /* HLIT/HDIST too large, a repeat with
					 * nothing to repeat or past the end */
	INFLATE_E_NO_END_CODE    = -7,  /* literal/length code without 256 */
	INFLATE_E_BAD_SYMBOL     = -8,  /* length 286/287, distance 30/31, or
					 * bits that match no code */
	INFLATE_E_DISTANCE       = -9,  /* a match reaching before the output */
	INFLATE_E_OUTPUT_FULL    = -10, /* the output would pass out_max */
	INFLATE_E_GZIP_MAGIC     = -11, /* not 1f 8b */
	INFLATE_E_GZIP_METHOD    = -12, /* CM is not 8 (deflate) */
	INFLATE_E_GZIP_FLAGS     = -13, /* reserved FLG bits set */
	INFLATE_E_GZIP_HCRC      = -14, /* FHCRC does not match the header */
	INFLATE_E_CRC            = -15, /* CRC32 of the data does not match */
	INFLATE_E_ISIZE          = -16, /* ISIZE is not the size mod 2^32 */
};
#define INFLATE_NR_ERRORS 17

/*
 * Huffman decoding: a table indexed by the next INFLATE_FAST_BITS input
 * bits resolves every code that short in one lookup; longer codes (up to
 * 15 bits) are decoded canonically from count[] and symbol[].
 */
#define INFLATE_FAST_BITS 10
#define INFLATE_MAX_BITS  15

struct inflate_huffman {
	u16 fast[1 << INFLATE_FAST_BITS];  /* symbol | length << 9; 0: long code */
	u16 count[INFLATE_MAX_BITS + 1];   /* number of codes of each length */
	u16 symbol[288];                   /* symbols in canonical code order */
	u16 nr_symbols;                    /* symbols with a code (count sum) */
};

/* The caller's scratch space: about 7 KiB, reusable, no state kept across calls. */
struct inflate_workspace {
	struct inflate_huffman lit;        /* literal/length code */
	struct inflate_huffman dist;       /* distance code */
	u8 lengths[288 + 32];              /* code lengths being read */
	u32 crc_table[256];                /* CRC-32 (gzip), filled by gunzip */
};

/*
 * The operations (also declared by interfaces/inflate.h): decompress from
 * @in into @out, never more than @out_max bytes. 0 or an inflate_error;
 * *out_len is what was written (also on error), *in_used how far the
 * stream reached (on success: the byte after the raw stream or the member).
 */
int inflate_raw(struct inflate_workspace *ws, const void *in, size_t in_len,
		size_t *in_used, void *out, size_t out_max, size_t *out_len);
int gunzip(struct inflate_workspace *ws, const void *in, size_t in_len,
	   size_t *in_used, void *out, size_t out_max, size_t *out_len);
const char *inflate_strerror(int err);

#endif
