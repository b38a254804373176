/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of cpio.c (ASan + UBSan):
 *  - archives written by the host's `cpio -o -H newc` (and `-H crc`, magic
 *    070702) of a tree with regular files, directories, a symlink, a fifo,
 *    hard links and, when the test runs as root, character and block
 *    devices: every entry read back matches lstat() of its file and its
 *    bytes; two archives back to back are read as one stream;
 *  - hand-made archives that break one rule each, refused with their error
 *    and the offset of the wrong byte;
 *  - every truncation and a fixed-seed mutation fuzz of a real archive: no
 *    access outside the exact-size buffer, every entry inside it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#include <tessera/compiler.h>
#include <tessera/testing/blob.h>
#include <tessera/testing/check.h>

#include "../cpio.c"

static char tmpdir[] = "/tmp/test_cpio.XXXXXX";
static char root[256];
static bool have_devices;

static void write_at(const char *name, const void *data, size_t len, mode_t mode)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
	if (chmod(path, mode))
		abort();
}

static void make_tree(void)
{
	char path[512], big[5000];
	struct timeval times[2] = { { 1000000000, 0 }, { 1234567890, 0 } };

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	if (mkdir(root, 0755))
		abort();
	snprintf(path, sizeof(path), "%s/sub", root);
	if (mkdir(path, 0750))
		abort();
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)rng_u64();
	write_at("empty", "", 0, 0600);
	write_at("one", "x", 1, 0644);
	write_at("three", "abc", 3, 04755);
	write_at("big", big, sizeof(big), 0444);
	write_at("sub/deep", "deep file\n", 10, 0640);
	snprintf(path, sizeof(path), "%s/sub/deep", root);
	if (utimes(path, times))
		abort();
	snprintf(path, sizeof(path), "%s/link", root);
	if (symlink("sub/deep", path))
		abort();
	snprintf(path, sizeof(path), "%s/fifo", root);
	if (mkfifo(path, 0620))
		abort();
	write_at("hard1", "linked", 6, 0644);
	{
		char a[512], b[512];

		snprintf(a, sizeof(a), "%s/hard1", root);
		snprintf(b, sizeof(b), "%s/hard2", root);
		if (link(a, b))
			abort();
	}
	/* Device nodes need root; without it they are covered by hand-made archives. */
	snprintf(path, sizeof(path), "%s/null", root);
	have_devices = mknod(path, S_IFCHR | 0666, makedev(1, 3)) == 0;
	if (have_devices) {
		snprintf(path, sizeof(path), "%s/loop0", root);
		if (mknod(path, S_IFBLK | 0660, makedev(7, 0)))
			abort();
	}
}

static struct blob host_cpio(const char *format)
{
	char cmd[1024], out[512];

	snprintf(out, sizeof(out), "%s/archive-%s", tmpdir, format);
	snprintf(cmd, sizeof(cmd), "cd %s && find . | LC_ALL=C sort | cpio -o -H %s --quiet > %s",
		 root, format, out);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot run: %s\n", cmd);
		exit(1);
	}
	return read_file(out);
}

struct seen {
	unsigned int entries, regular, dirs, links, fifos, chr, blk, hard_with_data;
};

static int check_entry(const struct cpio_entry *e, void *arg)
{
	struct seen *seen = arg;
	char path[512];
	struct stat st;

	seen->entries++;
	snprintf(path, sizeof(path), "%s/%s", root, e->name);
	check_context("entry %s at %zu", e->name, e->offset);
	if (!CHECK(lstat(path, &st) == 0))
		return 0;
	CHECK(e->mode == st.st_mode);
	CHECK(e->uid == st.st_uid && e->gid == st.st_gid);
	CHECK(e->nlink == st.st_nlink);
	CHECK(e->mtime == (u32)st.st_mtime);
	CHECK(e->namesize == strlen(e->name) + 1);
	switch (st.st_mode & S_IFMT) {
	case S_IFREG: {
		struct blob b = read_file(path);

		seen->regular++;
		/* Hard links: GNU cpio writes the data with the last name only. */
		if (st.st_nlink > 1 && e->size == 0) {
			free(b.data);
			break;
		}
		if (st.st_nlink > 1)
			seen->hard_with_data++;
		CHECK(e->size == b.len && memcmp(e->data, b.data, b.len) == 0);
		free(b.data);
		break;
	}
	case S_IFDIR:
		seen->dirs++;
		CHECK(e->size == 0);
		break;
	case S_IFLNK: {
		char target[256];
		ssize_t n = readlink(path, target, sizeof(target));

		seen->links++;
		CHECK(n > 0 && e->size == (size_t)n && memcmp(e->data, target, (size_t)n) == 0);
		break;
	}
	case S_IFIFO:
		seen->fifos++;
		break;
	case S_IFCHR:
	case S_IFBLK:
		if (S_ISCHR(st.st_mode))
			seen->chr++;
		else
			seen->blk++;
		CHECK(e->rdev_major == major(st.st_rdev) && e->rdev_minor == minor(st.st_rdev));
		CHECK(e->size == 0);
		break;
	}
	check_context("%s", "");
	return 0;
}

static void test_host_archives(void)
{
	static const char *const formats[] = { "newc", "crc" };

	for (size_t f = 0; f < ARRAY_SIZE(formats); f++) {
		struct blob a = host_cpio(formats[f]), two;
		struct seen seen = { 0 };
		size_t off = 0;
		int err;

		err = cpio_for_each_entry(a.data, a.len, check_entry, &seen, &off);
		CHECKF(err == 0, "%s: %s at %zu", formats[f], cpio_strerror(err), off);
		/* ., sub, empty, one, three, big, sub/deep, link, fifo, hard1, hard2 (+2) */
		CHECK(seen.entries == 11u + (have_devices ? 2 : 0));
		CHECK(seen.regular == 7 && seen.dirs == 2 && seen.links == 1 && seen.fifos == 1);
		CHECK(seen.hard_with_data == 1);
		CHECK(seen.chr == (have_devices ? 1u : 0u) && seen.blk == seen.chr);

		/* Back to back (each padded to 512 bytes by cpio): one stream. */
		two.len = 2 * a.len;
		two.data = malloc(two.len);
		memcpy(two.data, a.data, a.len);
		memcpy(two.data + a.len, a.data, a.len);
		memset(&seen, 0, sizeof(seen));
		err = cpio_for_each_entry(two.data, two.len, check_entry, &seen, &off);
		CHECK(err == 0 && seen.entries == 2 * (11u + (have_devices ? 2 : 0)));
		free(two.data);
		free(a.data);
	}
}

/* --- Hand-made archives ------------------------------------------------------- */

struct writer {
	u8 buf[4096];
	size_t len;
};

/* One newc entry; the name is written with its NUL unless @namesize says otherwise. */
static size_t put_entry(struct writer *w, const char *magic, u32 mode, const char *name,
			u32 namesize, const void *data, u32 size, u32 check)
{
	size_t start = w->len;
	char hdr[CPIO_HEADER_SIZE + 1];

	snprintf(hdr, sizeof(hdr), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 magic, 1u, mode, 0u, 0u, 1u, 0u, size, 0u, 0u, 5u, 1u, namesize, check);
	memcpy(w->buf + w->len, hdr, CPIO_HEADER_SIZE);
	w->len += CPIO_HEADER_SIZE;
	memcpy(w->buf + w->len, name, strlen(name) + 1);
	w->len += namesize;
	w->len = align4(w->len);
	memcpy(w->buf + w->len, data, size);
	w->len = align4(w->len + size);
	return start;
}

static size_t put_file(struct writer *w, u32 mode, const char *name, const char *data)
{
	return put_entry(w, "070701", mode, name, (u32)strlen(name) + 1, data,
			 (u32)strlen(data), 0);
}

static size_t put_trailer(struct writer *w)
{
	return put_file(w, 0, "TRAILER!!!", "");
}

static int run(const struct writer *w, size_t *off, unsigned int *entries)
{
	u8 *copy = malloc(w->len ? w->len : 1);
	struct cpio_reader r;
	struct cpio_entry e;
	int ret;

	memcpy(copy, w->buf, w->len);
	cpio_reader_init(&r, copy, w->len);
	*entries = 0;
	while ((ret = cpio_next(&r, &e)) == 1)
		(*entries)++;
	*off = r.error_offset;
	/* An error stays. */
	if (ret < 0)
		CHECK(cpio_next(&r, &e) == ret);
	free(copy);
	return ret;
}

#define EXPECT_CPIO(expected, expected_off, setup) do {                           \
		struct writer w_ = { .len = 0 };                                  \
		size_t off_ = 0, at_;                                             \
		unsigned int n_;                                                  \
		int err_;                                                         \
		put_file(&w_, S_IFDIR | 0755, "dev", "");                         \
		at_ = w_.len;                                                     \
		setup;                                                            \
		err_ = run(&w_, &off_, &n_);                                      \
		CHECKF(err_ == (expected) && off_ == (size_t)(expected_off) && n_ == 1, \
		       "%s: %s at %zu after %u entries", #setup, cpio_strerror(err_), off_, n_); \
	} while (0)

static void test_hand_made(void)
{
	struct writer w = { .len = 0 };
	struct cpio_reader r;
	struct cpio_entry e;
	size_t off;
	unsigned int n;
	u32 sum = 'a' + 'b' + 'c';

	/* Every type, each read back. */
	put_file(&w, S_IFDIR | 0755, "dev", "");
	put_entry(&w, "070701", S_IFCHR | 0600, "dev/console", 12, "", 0, 0);
	put_entry(&w, "070701", S_IFBLK | 0600, "dev/vda", 8, "", 0, 0);
	put_file(&w, S_IFLNK | 0777, "init", "/sbin/init");
	put_file(&w, S_IFSOCK | 0777, "sock", "");
	put_entry(&w, "070702", S_IFREG | 0644, "crc", 4, "abc", 3, sum);
	put_trailer(&w);
	cpio_reader_init(&r, w.buf, w.len);
	CHECK(cpio_next(&r, &e) == 1 && strcmp(e.name, "dev") == 0 && e.mode == (S_IFDIR | 0755));
	CHECK(cpio_next(&r, &e) == 1 && strcmp(e.name, "dev/console") == 0);
	CHECK(e.rdev_major == 5 && e.rdev_minor == 1 && e.nlink == 1 && e.ino == 1);
	CHECK(cpio_next(&r, &e) == 1 && (e.mode & S_IFMT) == S_IFBLK);
	CHECK(cpio_next(&r, &e) == 1 && e.size == 10 && memcmp(e.data, "/sbin/init", 10) == 0);
	CHECK(cpio_next(&r, &e) == 1 && (e.mode & S_IFMT) == S_IFSOCK);
	CHECK(cpio_next(&r, &e) == 1 && e.check == sum && memcmp(e.data, "abc", 3) == 0);
	CHECK(cpio_next(&r, &e) == 0);
	CHECK(cpio_next(&r, &e) == 0);
	/* Lowercase hex is hex too. */
	w.len = 0;
	put_file(&w, S_IFREG | 0644, "f", "data");
	w.buf[6 + 8 + 7] = 'a';                 /* mode ...1a4 */
	put_trailer(&w);
	CHECK(run(&w, &off, &n) == 0 && n == 1);

	EXPECT_CPIO(CPIO_E_MAGIC, at_, put_entry(&w_, "070707", S_IFREG, "f", 2, "", 0, 0));
	EXPECT_CPIO(CPIO_E_HEX, at_ + 6 + 8,
		    put_file(&w_, S_IFREG, "f", "x"); w_.buf[at_ + 6 + 8 + 3] = 'g');
	EXPECT_CPIO(CPIO_E_HEX, at_ + 6 + 8 * 6,
		    put_file(&w_, S_IFREG, "f", "x"); w_.buf[at_ + 6 + 8 * 6] = ' ');
	EXPECT_CPIO(CPIO_E_NAME_SIZE, at_ + 6 + 8 * 11,
		    put_entry(&w_, "070701", S_IFREG, "", 0, "", 0, 0));
	EXPECT_CPIO(CPIO_E_NAME_SIZE, at_ + 6 + 8 * 11,
		    put_entry(&w_, "070701", S_IFREG, "f", 2, "", 0, 0);
		    memcpy(w_.buf + at_ + 6 + 8 * 11, "00001001", 8));
	EXPECT_CPIO(CPIO_E_NAME_PAST_END, at_ + CPIO_HEADER_SIZE,
		    put_entry(&w_, "070701", S_IFREG, "f", 2, "", 0, 0);
		    memcpy(w_.buf + at_ + 6 + 8 * 11, "00000100", 8));
	/* namesize 1 over "ab": the byte at the end of the name is not NUL. */
	EXPECT_CPIO(CPIO_E_NAME_NUL, at_ + CPIO_HEADER_SIZE,
		    put_entry(&w_, "070701", S_IFREG, "ab", 1, "", 0, 0); put_trailer(&w_));
	EXPECT_CPIO(CPIO_E_NAME_NUL, at_ + CPIO_HEADER_SIZE + 1,
		    put_entry(&w_, "070701", S_IFREG, "a\0b", 4, "", 0, 0); put_trailer(&w_));
	EXPECT_CPIO(CPIO_E_DATA_PAST_END, at_ + CPIO_HEADER_SIZE + 2,
		    put_file(&w_, S_IFREG, "f", "abcd"); w_.len -= 1);
	EXPECT_CPIO(CPIO_E_DATA_PAST_END, at_ + CPIO_HEADER_SIZE + 2,
		    put_file(&w_, S_IFREG, "f", "abcd");
		    memcpy(w_.buf + at_ + 6 + 8 * 6, "FFFFFFFF", 8));
	EXPECT_CPIO(CPIO_E_TYPE, at_ + 6 + 8, put_file(&w_, 0644, "f", ""));
	EXPECT_CPIO(CPIO_E_TYPE, at_ + 6 + 8, put_file(&w_, 0170644, "f", ""));
	EXPECT_CPIO(CPIO_E_SIZE, at_ + 6 + 8 * 6, put_file(&w_, S_IFDIR | 0755, "d", "x"));
	EXPECT_CPIO(CPIO_E_SIZE, at_ + 6 + 8 * 6, put_file(&w_, S_IFCHR | 0600, "c", "x"));
	EXPECT_CPIO(CPIO_E_SIZE, at_ + 6 + 8 * 6, put_file(&w_, S_IFLNK | 0777, "l", ""));
	EXPECT_CPIO(CPIO_E_CHECKSUM, at_ + 6 + 8 * 12,
		    put_entry(&w_, "070702", S_IFREG, "f", 2, "abc", 3, sum + 1));
	/* A symlink's check field is not a sum (GNU cpio writes 0). */
	w.len = 0;
	put_entry(&w, "070702", S_IFLNK | 0777, "l", 2, "abc", 3, 0);
	put_trailer(&w);
	CHECK(run(&w, &off, &n) == 0 && n == 1);
	EXPECT_CPIO(CPIO_E_HEADER_PAST_END, at_, put_file(&w_, S_IFREG, "f", ""); w_.len = at_ + 109);
	EXPECT_CPIO(CPIO_E_NO_TRAILER, at_, (void)0);
	/* A second archive after 2 zero bytes (not 4-aligned). */
	EXPECT_CPIO(CPIO_E_PADDING, at_ + CPIO_HEADER_SIZE + 14,
		    put_trailer(&w_); w_.len += 2; put_file(&w_, S_IFREG, "g", ""));
	/* Zeros after a trailer are padding; zeros instead of a header are not. */
	w.len = 0;
	put_file(&w, S_IFREG, "f", "x");
	put_trailer(&w);
	memset(w.buf + w.len, 0, 1000);
	w.len += 1000;
	CHECK(run(&w, &off, &n) == 0 && n == 1);
	w.len = 4;
	memset(w.buf, 0, 4);
	CHECK(run(&w, &off, &n) == 0 && n == 0);           /* only padding: empty */
	w.len = 0;
	put_file(&w, S_IFREG, "f", "x");
	memset(w.buf + w.len, 0, 200);
	w.len += 200;
	CHECK(run(&w, &off, &n) == CPIO_E_MAGIC && n == 1);

	/* An actor's non-zero return stops the walk and is returned. */
	for (int e2 = 0; e2 < CPIO_NR_ERRORS; e2++)
		for (int f = e2 + 1; f < CPIO_NR_ERRORS; f++)
			CHECK(strcmp(cpio_strerror(-e2), cpio_strerror(-f)) != 0);
	CHECK(strcmp(cpio_strerror(1), "unknown error") == 0);
}

static int stop_at_two(const struct cpio_entry *e, void *arg)
{
	(void)e;
	return ++*(int *)arg == 2 ? 42 : 0;
}

static void test_actor_stops(void)
{
	struct writer w = { .len = 0 };
	int count = 0;

	put_file(&w, S_IFREG, "a", "");
	put_file(&w, S_IFREG, "b", "");
	put_file(&w, S_IFREG, "c", "");
	put_trailer(&w);
	CHECK(cpio_for_each_entry(w.buf, w.len, stop_at_two, &count, NULL) == 42 && count == 2);
}

/* Entries point inside the buffer, whatever the bytes. */
static void walk_all(const u8 *buf, size_t len)
{
	struct cpio_reader r;
	struct cpio_entry e;
	int ret, guard = 0;

	cpio_reader_init(&r, buf, len);
	while ((ret = cpio_next(&r, &e)) == 1 && guard++ < 100000) {
		CHECK((const u8 *)e.name >= buf && (const u8 *)e.name + e.namesize <= buf + len);
		CHECK(e.data >= buf && e.data + e.size <= buf + len);
		CHECK(e.name[e.namesize - 1] == 0 && strlen(e.name) + 1 == e.namesize);
	}
	CHECK(ret <= 0 && ret > -CPIO_NR_ERRORS);
	if (ret < 0)
		CHECK(r.error_offset <= len);
}

static void test_truncation_and_fuzz(void)
{
	struct blob a = host_cpio("newc");
	unsigned int cases = 0;

	for (size_t len = 0; len <= a.len; len++, cases++) {
		u8 *copy = malloc(len ? len : 1);

		memcpy(copy, a.data, len);
		walk_all(copy, len);
		free(copy);
	}
	for (int i = 0; i < 20000; i++, cases++) {
		u8 *m = malloc(a.len);
		size_t len = a.len;
		int nmut = 1 + rng_below(4);

		memcpy(m, a.data, a.len);
		while (nmut--) {
			size_t at = rng_below((unsigned int)a.len);

			switch (rng_below(4)) {
			case 0: m[at] ^= (u8)(1u << rng_below(8)); break;
			case 1: m[at] = "0123456789abcdefF\0 7"[rng_below(20)]; break;
			case 2: m[at] = (u8)rng_u64(); break;
			default: len = at; break;
			}
		}
		walk_all(m, len);
		free(m);
	}
	printf("test_cpio: %u truncation and fuzz cases\n", cases);
	free(a.data);
}

int main(void)
{
	char cmd[300];

	rng_seed(0x070701);
	if (!mkdtemp(tmpdir))
		abort();
	umask(0);
	make_tree();
	test_host_archives();
	test_hand_made();
	test_actor_stops();
	test_truncation_and_fuzz();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return check_summary("test_cpio");
}
