/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The cpio "newc" archive format (magic 070701, and 070702 with a checksum),
 * the format of Linux's initramfs (init/initramfs.c): a 110-byte header of
 * ASCII hex fields, the name padded to 4 bytes, the data padded to 4 bytes,
 * and an entry named TRAILER!!! at the end. Several archives may follow
 * each other, with zero bytes between them.
 *
 * The reader (interface `cpio`, components/fs/cpio) only iterates: it hands
 * each entry, pointing into the archive, to its caller; unpacking into a
 * file system is the caller's business. A malformed archive is refused
 * with an error code and the offset of the byte that is wrong.
 */
#ifndef TESSERA_CPIO_H
#define TESSERA_CPIO_H

#include <tessera/types.h>

/* File types in the mode, as Linux's stat.h (octal). */
#ifndef S_IFMT
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#endif

#define CPIO_HEADER_SIZE 110
#define CPIO_PATH_MAX    4096   /* Linux's PATH_MAX, the NUL included */

enum cpio_error {
	CPIO_OK               = 0,
	CPIO_E_MAGIC          = -1,  /* not 070701 / 070702 */
	CPIO_E_HEX            = -2,  /* a header field with a non-hex digit */
	CPIO_E_HEADER_PAST_END = -3, /* the archive ends inside a header */
	CPIO_E_NAME_SIZE      = -4,  /* namesize 0, or longer than PATH_MAX */
	CPIO_E_NAME_PAST_END  = -5,  /* the name runs past the end */
	CPIO_E_NAME_NUL       = -6,  /* the name is not one NUL-terminated string */
	CPIO_E_DATA_PAST_END  = -7,  /* the data runs past the end */
	CPIO_E_TYPE           = -8,  /* a file type that does not exist */
	CPIO_E_SIZE           = -9,  /* data on a directory/device/fifo/socket,
				      * or a symlink target empty or too long */
	CPIO_E_CHECKSUM       = -10, /* 070702: the sum of the data bytes differs */
	CPIO_E_PADDING        = -11, /* zeros between archives not a multiple of 4 */
	CPIO_E_NO_TRAILER     = -12, /* the archive ends without TRAILER!!! */
};
#define CPIO_NR_ERRORS 13

/* One entry; name and data point into the archive. */
struct cpio_entry {
	size_t offset;          /* of the header, in the whole buffer */
	const char *name;       /* NUL-terminated (checked) */
	size_t namesize;        /* with the NUL, as in the header */
	const u8 *data;         /* the file's bytes or the symlink's target */
	size_t size;            /* filesize */
	u32 ino, mode, uid, gid, nlink, mtime;
	u32 dev_major, dev_minor;   /* of the file system the file came from */
	u32 rdev_major, rdev_minor; /* of a device node */
	u32 check;              /* 070702: sum of the data bytes */
};

struct cpio_reader {
	const u8 *buf;
	size_t len;
	size_t pos;             /* the next header */
	bool in_archive;        /* entries read since the last trailer */
	int error;              /* the first error, kept */
	size_t error_offset;    /* where it is */
};

/*
 * cpio_next(): 1 and the next entry; 0 at the end of the buffer (after a
 * trailer and any zero padding); a cpio_error, also in r->error with
 * r->error_offset, once something is malformed (and from then on).
 * Trailers are not entries: they end one archive, the next may follow.
 */
void cpio_reader_init(struct cpio_reader *r, const void *buf, size_t len);
int cpio_next(struct cpio_reader *r, struct cpio_entry *entry);

/*
 * Call @fn for every entry of every archive in the buffer, in order; stop
 * at the first error (returned, offset in *error_offset when not NULL) or
 * at a non-zero return of @fn (returned as it is).
 */
typedef int (*cpio_actor_t)(const struct cpio_entry *entry, void *arg);
int cpio_for_each_entry(const void *buf, size_t len, cpio_actor_t fn, void *arg,
			size_t *error_offset);
const char *cpio_strerror(int err);

#endif
