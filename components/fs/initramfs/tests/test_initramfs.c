/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the initramfs unpacker (unpack.c with the real cpio reader
 * and gunzip, ASan + UBSan) against a fake VFS that records what it is
 * asked to create:
 *  - archives made by the host's GNU cpio (newc) and gzip, raw and
 *    compressed, two gzip members with padding between: every directory,
 *    file (bytes), symlink and hard link arrives;
 *  - refusals with nothing created: a damaged gzip member, a damaged cpio
 *    header, bytes after the gzip data, a ".." name, neither cpio nor
 *    gzip, every truncation of a compressed archive;
 *  - a member whose ISIZE lies, a 4 MiB file that outgrows the first
 *    output buffer, allocation failures at every allocation (no leak), a
 *    VFS that refuses one entry.
 */
#define _GNU_SOURCE
#define INITRAMFS_HOST_TEST 1
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tessera/compiler.h>
#include <tessera/testing/blob.h>
#include <tessera/testing/check.h>

#include "../../cpio/cpio.c"
#include "../../../lib/inflate/inflate.c"
#include "../../../lib/inflate/gunzip.c"
#include "../unpack.c"

/* --- the fake VFS ---------------------------------------------------------------- */

struct node {
	char path[256];
	char kind;              /* d f l n h */
	u32 mode, major, minor;
	u8 *data;
	size_t len;
	char target[256];
};

static struct node nodes[64];
static int nr_nodes;
static const char *refuse_path;         /* this path gets -ENOSPC */
static int allocs_left = -1;            /* fail the allocation after this many */
static long live_allocs;

static struct node *add(const char *path, char kind)
{
	struct node *n;

	if (nr_nodes == 64)
		abort();
	n = &nodes[nr_nodes++];
	memset(n, 0, sizeof(*n));
	snprintf(n->path, sizeof(n->path), "%s", path);
	n->kind = kind;
	return n;
}

static struct node *find(const char *path)
{
	for (int i = 0; i < nr_nodes; i++)
		if (!strcmp(nodes[i].path, path))
			return &nodes[i];
	return NULL;
}

static void reset(void)
{
	for (int i = 0; i < nr_nodes; i++)
		free(nodes[i].data);
	nr_nodes = 0;
	refuse_path = NULL;
	allocs_left = -1;
}

static int f_mkdir(void *ctx, const char *path, u32 mode)
{
	(void)ctx;
	if (refuse_path && !strcmp(path, refuse_path))
		return -ENOSPC;
	if (find(path))
		return -EEXIST;
	add(path, 'd')->mode = mode;
	return 0;
}

static int f_mknod(void *ctx, const char *path, u32 mode, u32 major, u32 minor)
{
	struct node *n = add(path, 'n');

	(void)ctx;
	n->mode = mode;
	n->major = major;
	n->minor = minor;
	return 0;
}

static int f_symlink(void *ctx, const char *target, const char *path)
{
	(void)ctx;
	snprintf(add(path, 'l')->target, 256, "%s", target);
	return 0;
}

static int f_link(void *ctx, const char *old, const char *path)
{
	(void)ctx;
	if (!find(old))
		return -ENOENT;
	snprintf(add(path, 'h')->target, 256, "%s", old);
	return 0;
}

static int f_write_file(void *ctx, const char *path, u32 mode, const void *data, size_t len)
{
	struct node *n;

	(void)ctx;
	if (refuse_path && !strcmp(path, refuse_path))
		return -ENOSPC;
	n = find(path);
	if (n && n->kind == 'h')        /* through a hard link: the same file */
		n = find(n->target);
	if (n) {
		free(n->data);
	} else {
		n = add(path, 'f');
	}
	n->mode = mode;
	n->data = malloc(len ? len : 1);
	memcpy(n->data, data, len);
	n->len = len;
	return 0;
}

static void *f_alloc(void *ctx, size_t size)
{
	(void)ctx;
	if (allocs_left == 0)
		return NULL;
	if (allocs_left > 0)
		allocs_left--;
	live_allocs++;
	return malloc(size);
}

static void f_free(void *ctx, void *p)
{
	(void)ctx;
	live_allocs--;
	free(p);
}

static const struct initramfs_ops fake = {
	.mkdir = f_mkdir, .mknod = f_mknod, .symlink = f_symlink, .link = f_link,
	.write_file = f_write_file, .alloc = f_alloc, .free = f_free,
};

static char msg[256];
static struct initramfs_stats st;

static int unpack(const u8 *buf, size_t len)
{
	/* An exact-size copy: ASan sees any read past the end. */
	u8 *copy = malloc(len ? len : 1);
	int ret;

	memcpy(copy, buf, len);
	reset();
	ret = initramfs_unpack(copy, len, &fake, NULL, &st, msg, sizeof(msg));
	free(copy);
	CHECKF(live_allocs == 0, "%ld allocations not freed", live_allocs);
	return ret;
}

/* --- archives from the host's tools ----------------------------------------------- */

static char tmpdir[] = "/tmp/test_initramfs.XXXXXX";
static u8 big[4 << 20];

static void sh(const char *fmt, const char *arg)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, arg, arg, arg, arg);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot run: %s\n", cmd);
		exit(1);
	}
}

static struct blob file(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return read_file(path);
}

static void make_archives(void)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/root/sbin", tmpdir);
	sh("mkdir -p %s/root/sbin %s/root/etc/deep/er %s/root/bin", tmpdir);
	snprintf(path, sizeof(path), "%s/root/sbin/init", tmpdir);
	f = fopen(path, "w");
	fputs("#!/bin/sh\necho hello from the initramfs\n", f);
	fclose(f);
	chmod(path, 0755);
	snprintf(path, sizeof(path), "%s/root/etc/deep/er/empty", tmpdir);
	fclose(fopen(path, "w"));
	sh("ln -s ../sbin/init %s/root/bin/sh && ln %s/root/sbin/init %s/root/bin/init-hard", tmpdir);
	sh("cd %s/root && find . | LC_ALL=C sort | cpio -o -H newc --quiet > ../a.cpio", tmpdir);
	sh("cd %s && gzip -n -9 -c a.cpio > a.cpio.gz", tmpdir);
	/* Two members: the archive split in two (the reader joins archives too). */
	sh("cd %s && head -c 1000 a.cpio | gzip -n -c > two.gz && "
	   "printf '\\0\\0\\0\\0' >> two.gz && tail -c +1001 a.cpio | gzip -n -c >> two.gz", tmpdir);
	/* A big file: outgrows the first output buffer. */
	snprintf(path, sizeof(path), "%s/bigroot", tmpdir);
	mkdir(path, 0755);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (u8)(i % 251 == 0 ? i / 251 : 'z');
	snprintf(path, sizeof(path), "%s/bigroot/big", tmpdir);
	f = fopen(path, "wb");
	fwrite(big, 1, sizeof(big), f);
	fclose(f);
	sh("cd %s/bigroot && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -n -9 > ../big.gz",
	   tmpdir);
}

static void check_tree(void)
{
	struct node *n;

	CHECK((n = find("/sbin")) && n->kind == 'd' && n->mode == 0755);
	CHECK((n = find("/etc/deep/er")) && n->kind == 'd');
	/* newc hard links: the first name of the group (sorted: /bin/init-hard)
	 * is created, the last (/sbin/init) linked to it and brings the data. */
	CHECK((n = find("/sbin/init")) && n->kind == 'h' && !strcmp(n->target, "/bin/init-hard"));
	CHECK((n = find("/bin/init-hard")) && n->kind == 'f' && n->mode == 0755 &&
	      n->len == strlen("#!/bin/sh\necho hello from the initramfs\n") &&
	      !memcmp(n->data, "#!/bin/sh\n", 10));
	CHECK((n = find("/etc/deep/er/empty")) && n->kind == 'f' && n->len == 0);
	CHECK((n = find("/bin/sh")) && n->kind == 'l' && !strcmp(n->target, "../sbin/init"));
	CHECK(st.links == 1 && st.symlinks == 1 && st.files == 2);
	CHECK(!find("/") && !find(".") && !find(""));
	CHECK(st.failed == 0);
}

static void test_good_archives(void)
{
	struct blob raw = file("a.cpio"), gz = file("a.cpio.gz"), two = file("two.gz");
	struct blob bigz = file("big.gz");
	struct node *n;

	check_context("raw");
	CHECK(unpack(raw.data, raw.len) == 0 && !st.compressed && st.unpacked == raw.len);
	check_tree();
	check_context("gzip");
	CHECK(unpack(gz.data, gz.len) == 0 && st.compressed && st.unpacked == raw.len);
	check_tree();
	check_context("two members");
	CHECKF(unpack(two.data, two.len) == 0, "%s", msg);
	check_tree();
	check_context("big");
	CHECKF(unpack(bigz.data, bigz.len) == 0, "%s", msg);
	CHECK((n = find("/big")) && n->len == sizeof(big) && !memcmp(n->data, big, sizeof(big)));
	check_context("%s", "");
	/* Allocation failures at each allocation: refused cleanly, no leak. */
	for (int k = 0; k < 6; k++) {
		u8 *copy = malloc(bigz.len);
		int ret;

		memcpy(copy, bigz.data, bigz.len);
		reset();
		allocs_left = k;
		ret = initramfs_unpack(copy, bigz.len, &fake, NULL, &st, msg, sizeof(msg));
		free(copy);
		CHECKF(live_allocs == 0, "k=%d: %ld allocations not freed", k, live_allocs);
		if (ret == 0)
			break;
		CHECKF(ret == INITRAMFS_E_NOMEM && nr_nodes == 0, "k=%d ret=%d", k, ret);
	}
	/* The VFS refuses one entry: the others arrive, the first refusal is said. */
	reset();
	{
		u8 *copy = malloc(raw.len);

		memcpy(copy, raw.data, raw.len);
		refuse_path = "/etc/deep";
		CHECK(initramfs_unpack(copy, raw.len, &fake, NULL, &st, msg, sizeof(msg)) == 0);
		free(copy);
	}
	CHECK(st.failed == 1 && strstr(msg, "cannot create directory /etc/deep: error -28"));
	CHECK(find("/bin/init-hard") != NULL);
	free(raw.data);
	free(gz.data);
	free(two.data);
	free(bigz.data);
}

static void refused(const u8 *buf, size_t len, int want, const char *words)
{
	int ret = unpack(buf, len);

	CHECKF(ret == want, "ret %d, want %d (%s)", ret, want, msg);
	CHECKF(nr_nodes == 0, "%d entries created from a refused archive", nr_nodes);
	if (words)
		CHECKF(strstr(msg, words) != NULL, "'%s' not in '%s'", words, msg);
}

static void test_refusals(void)
{
	struct blob raw = file("a.cpio"), gz = file("a.cpio.gz");
	u8 *m = malloc(gz.len + 16);
	unsigned int cases = 0;

	memcpy(m, gz.data, gz.len);
	m[gz.len / 2] ^= 0x55;
	refused(m, gz.len, INITRAMFS_E_GZIP, "gzip member at offset 0: ");
	memcpy(m, gz.data, gz.len);
	memcpy(m + gz.len, "garbage!", 8);
	refused(m, gz.len + 8, INITRAMFS_E_TRAILING, "after the gzip data at offset");
	/* ISIZE says 1 byte: only a first guess, gunzip checks it. */
	memcpy(m, gz.data, gz.len);
	m[gz.len - 4] = 1; m[gz.len - 3] = 0; m[gz.len - 2] = 0; m[gz.len - 1] = 0;
	refused(m, gz.len, INITRAMFS_E_GZIP, "gzip member at offset 0");
	refused((const u8 *)"hello world, not an archive", 27, INITRAMFS_E_FORMAT,
		"neither a cpio newc archive nor gzip");
	refused((const u8 *)"", 0, INITRAMFS_E_FORMAT, NULL);
	free(m);

	/* A damaged second header: nothing created, not even the first entry. */
	m = malloc(raw.len);
	memcpy(m, raw.data, raw.len);
	{
		size_t second = 110 + 2;        /* header + "." + NUL, padded */

		second += -second % 4;
		m[second] = 'X';
		refused(m, raw.len, INITRAMFS_E_CPIO, "corrupt cpio archive at offset 112: bad magic");
	}
	/* ".." in a name. */
	memcpy(m, raw.data, raw.len);
	{
		u8 *name = memmem(m, raw.len, "sbin/init\0", 10);

		CHECK(name != NULL);
		if (name)
			memcpy(name, "sbin/../i", 9);
		refused(m, raw.len, INITRAMFS_E_NAME, "bad name");
	}
	free(m);

	/* Every truncation of the compressed archive: refused, nothing created. */
	for (size_t len = 0; len < gz.len; len++, cases++) {
		int ret = unpack(gz.data, len);

		CHECKF(ret != 0 && nr_nodes == 0, "truncated at %zu: ret %d, %d created", len, ret,
		       nr_nodes);
	}
	/* And of the raw one, up to its trailer: cpio wants it (what follows
	 * is GNU cpio's zero padding to 512 bytes, which may go). */
	u8 *trailer = memmem(raw.data, raw.len, "TRAILER!!!", 11);
	size_t end = trailer ? (size_t)(trailer - raw.data) + 11 : 0;

	CHECK(trailer != NULL);
	for (size_t len = 0; len < end; len += 3, cases++) {
		int ret = unpack(raw.data, len);

		CHECKF(ret != 0 && nr_nodes == 0, "raw truncated at %zu: ret %d", len, ret);
	}
	printf("test_initramfs: %u truncations refused\n", cases);
	free(raw.data);
	free(gz.data);
}

int main(void)
{
	char cmd[300];

	if (!mkdtemp(tmpdir))
		abort();
	umask(022);
	make_archives();
	test_good_archives();
	test_refusals();
	reset();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return check_summary("test_initramfs");
}
