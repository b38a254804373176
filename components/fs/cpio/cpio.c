/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The cpio newc reader: walks the headers of one or more archives in a
 * buffer and hands out entries. Pure C on the buffer, so
 * tests/test_cpio.c runs this very file on the host under ASan and UBSan.
 *
 * Every length comes from the archive, so every one is checked against
 * what is left of the buffer before it is used, by subtraction (no sum of
 * an untrusted size can wrap).
 */
#include <tessera/cpio.h>

#define CPIO_FIELDS 13          /* after the 6-byte magic, 8 hex digits each */

/* Field indices, in header order. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
};

static const char trailer_name[] = "TRAILER!!!";

void cpio_reader_init(struct cpio_reader *r, const void *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->pos = 0;
	r->in_archive = false;
	r->error = CPIO_OK;
	r->error_offset = 0;
}

static int cpio_fail(struct cpio_reader *r, int err, size_t offset)
{
	r->error = err;
	r->error_offset = offset;
	return err;
}

/* 8 ASCII hex digits, either case; false on anything else. */
static bool parse_hex8(const u8 *p, u32 *val)
{
	u32 v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		u8 c = p[i];

		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return false;
		v = v << 4 | c;
	}
	*val = v;
	return true;
}

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

/* Skip the zeros after a trailer; true when the buffer ends there. */
static int skip_padding(struct cpio_reader *r, bool *at_end)
{
	size_t start = r->pos;

	while (r->pos < r->len && r->buf[r->pos] == 0)
		r->pos++;
	*at_end = r->pos == r->len;
	/* Linux's initramfs: a header after padding starts 4-aligned. */
	if (!*at_end && (r->pos & 3))
		return cpio_fail(r, CPIO_E_PADDING, start);
	return CPIO_OK;
}

static bool valid_type(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: case S_IFDIR: case S_IFLNK: case S_IFCHR:
	case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		return true;
	}
	return false;
}

int cpio_next(struct cpio_reader *r, struct cpio_entry *e)
{
	u32 field[CPIO_FIELDS];
	const u8 *h;
	size_t pos, name_end, data_start, i;
	bool crc;

	if (r->error)
		return r->error;
	for (;;) {
		if (!r->in_archive) {
			bool at_end;
			int err = skip_padding(r, &at_end);

			if (err)
				return err;
			if (at_end)
				return 0;
		}
		pos = r->pos;
		if (pos == r->len)
			return cpio_fail(r, CPIO_E_NO_TRAILER, pos);
		if (r->len - pos < CPIO_HEADER_SIZE)
			return cpio_fail(r, CPIO_E_HEADER_PAST_END, pos);
		h = r->buf + pos;
		if (h[0] != '0' || h[1] != '7' || h[2] != '0' || h[3] != '7' || h[4] != '0' ||
		    (h[5] != '1' && h[5] != '2'))
			return cpio_fail(r, CPIO_E_MAGIC, pos);
		crc = h[5] == '2';
		for (i = 0; i < CPIO_FIELDS; i++)
			if (!parse_hex8(h + 6 + 8 * i, &field[i]))
				return cpio_fail(r, CPIO_E_HEX, pos + 6 + 8 * i);

		/* The name: namesize bytes with the NUL, right after the header. */
		if (field[F_NAMESIZE] == 0 || field[F_NAMESIZE] > CPIO_PATH_MAX)
			return cpio_fail(r, CPIO_E_NAME_SIZE, pos + 6 + 8 * F_NAMESIZE);
		if (field[F_NAMESIZE] > r->len - pos - CPIO_HEADER_SIZE)
			return cpio_fail(r, CPIO_E_NAME_PAST_END, pos + CPIO_HEADER_SIZE);
		name_end = pos + CPIO_HEADER_SIZE + field[F_NAMESIZE];
		for (i = pos + CPIO_HEADER_SIZE; i < name_end - 1; i++)
			if (r->buf[i] == 0)
				return cpio_fail(r, CPIO_E_NAME_NUL, i);
		if (r->buf[name_end - 1] != 0)
			return cpio_fail(r, CPIO_E_NAME_NUL, name_end - 1);

		/* The data, from the next 4-byte boundary (of the archive). */
		data_start = align4(name_end);
		if (data_start > r->len) {
			/* Only an empty body may lose its padding to the end. */
			if (field[F_FILESIZE])
				return cpio_fail(r, CPIO_E_DATA_PAST_END, name_end);
			data_start = r->len;
		}
		if (field[F_FILESIZE] > r->len - data_start)
			return cpio_fail(r, CPIO_E_DATA_PAST_END, name_end);

		e->offset = pos;
		e->name = (const char *)r->buf + pos + CPIO_HEADER_SIZE;
		e->namesize = field[F_NAMESIZE];
		e->data = r->buf + data_start;
		e->size = field[F_FILESIZE];
		e->ino = field[F_INO];
		e->mode = field[F_MODE];
		e->uid = field[F_UID];
		e->gid = field[F_GID];
		e->nlink = field[F_NLINK];
		e->mtime = field[F_MTIME];
		e->dev_major = field[F_DEVMAJOR];
		e->dev_minor = field[F_DEVMINOR];
		e->rdev_major = field[F_RDEVMAJOR];
		e->rdev_minor = field[F_RDEVMINOR];
		e->check = field[F_CHECK];

		/* The next header; the last padding may be cut off by the end. */
		r->pos = align4(data_start + e->size);
		if (r->pos > r->len)
			r->pos = r->len;

		if (e->namesize == sizeof(trailer_name) &&
		    __builtin_memcmp(e->name, trailer_name, sizeof(trailer_name)) == 0) {
			r->in_archive = false;
			continue;
		}
		r->in_archive = true;
		if (!valid_type(e->mode))
			return cpio_fail(r, CPIO_E_TYPE, pos + 6 + 8 * F_MODE);
		switch (e->mode & S_IFMT) {
		case S_IFREG:
			break;
		case S_IFLNK:
			if (e->size == 0 || e->size >= CPIO_PATH_MAX)
				return cpio_fail(r, CPIO_E_SIZE, pos + 6 + 8 * F_FILESIZE);
			break;
		default:
			if (e->size)
				return cpio_fail(r, CPIO_E_SIZE, pos + 6 + 8 * F_FILESIZE);
			break;
		}
		/* Regular files only, as GNU cpio writes it and Linux checks it. */
		if (crc && (e->mode & S_IFMT) == S_IFREG) {
			u32 sum = 0;

			for (i = 0; i < e->size; i++)
				sum += e->data[i];
			if (sum != e->check)
				return cpio_fail(r, CPIO_E_CHECKSUM, pos + 6 + 8 * F_CHECK);
		}
		return 1;
	}
}

int cpio_for_each_entry(const void *buf, size_t len, cpio_actor_t fn, void *arg,
			size_t *error_offset)
{
	struct cpio_reader r;
	struct cpio_entry e;
	int ret;

	cpio_reader_init(&r, buf, len);
	while ((ret = cpio_next(&r, &e)) == 1) {
		ret = fn(&e, arg);
		if (ret)
			return ret;
	}
	if (ret && error_offset)
		*error_offset = r.error_offset;
	return ret;
}

static const char *const cpio_errors[CPIO_NR_ERRORS] = {
	[0]                       = "ok",
	[-CPIO_E_MAGIC]           = "bad magic",
	[-CPIO_E_HEX]             = "header field not hex",
	[-CPIO_E_HEADER_PAST_END] = "header past the end",
	[-CPIO_E_NAME_SIZE]       = "bad name size",
	[-CPIO_E_NAME_PAST_END]   = "name past the end",
	[-CPIO_E_NAME_NUL]        = "name not NUL-terminated",
	[-CPIO_E_DATA_PAST_END]   = "data past the end",
	[-CPIO_E_TYPE]            = "bad file type",
	[-CPIO_E_SIZE]            = "bad size for the file type",
	[-CPIO_E_CHECKSUM]        = "checksum mismatch",
	[-CPIO_E_PADDING]         = "broken padding",
	[-CPIO_E_NO_TRAILER]      = "no trailer",
};

const char *cpio_strerror(int err)
{
	if (err > 0 || err <= -CPIO_NR_ERRORS)
		return "unknown error";
	return cpio_errors[-err];
}
