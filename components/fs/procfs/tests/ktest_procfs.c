/* SPDX-License-Identifier: Apache-2.0 */
/*
 * procfs in the running kernel: mounted on a directory of the rootfs,
 * meminfo agrees with the page allocator, uptime moves, the root lists
 * its entries and the thread groups, a pid directory holds stat/status
 * for a live task, and a name that is no process is ENOENT.
 */
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/page_alloc.h>
#include <interfaces/process.h>
#include <interfaces/vfs.h>

#define KTEST_PROC_DIR "/ktest-proc"

static bool proc_mounted;

static bool mount_proc(struct ktest *t)
{
	int err;

	if (proc_mounted)
		return true;
	err = init_mkdir(KTEST_PROC_DIR, 0555);
	KTEST_EXPECT(t, err == 0 || err == -EEXIST);
	err = init_mount("proc", KTEST_PROC_DIR, "proc", 0, NULL);
	KTEST_EXPECT_EQ(t, err, 0);
	proc_mounted = err == 0;
	return proc_mounted;
}

/* Reads a whole proc file into @buf (NUL-terminated); its length or -errno. */
static long read_proc_file(const char *path, char *buf, size_t size)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	size_t total = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	for (;;) {
		/* Small reads on purpose: the snapshot must be served across calls. */
		ssize_t n = kernel_read(f, buf + total, size - 1 - total < 37 ? size - 1 - total : 37,
					&pos);

		if (n < 0) {
			filp_close(f, NULL);
			return n;
		}
		if (n == 0)
			break;
		total += (size_t)n;
		if (total == size - 1)
			break;
	}
	buf[total] = '\0';
	filp_close(f, NULL);
	return (long)total;
}

/* The number after "<key>" in @text, or -1. */
static long field_value(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p = text;
	long v = 0;

	while (p && *p) {
		if (!strncmp(p, key, klen)) {
			p += klen;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p < '0' || *p > '9')
				return -1;
			while (*p >= '0' && *p <= '9')
				v = v * 10 + (*p++ - '0');
			return v;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

static char proc_buf[4096];

static void meminfo_matches_allocator(struct ktest *t)
{
	long total_kb, free_kb;

	if (!mount_proc(t))
		return;
	KTEST_ASSERT(t, read_proc_file(KTEST_PROC_DIR "/meminfo", proc_buf, sizeof(proc_buf)) > 0);
	total_kb = field_value(proc_buf, "MemTotal:");
	free_kb = field_value(proc_buf, "MemFree:");
	KTEST_EXPECT_EQ(t, total_kb, (long)(totalram_pages() * (PAGE_SIZE / 1024)));
	KTEST_EXPECT(t, free_kb > 0 && free_kb <= total_kb);
	KTEST_EXPECT(t, field_value(proc_buf, "SwapTotal:") == 0);
	KTEST_EXPECT(t, field_value(proc_buf, "AnonPages:") >= 0);
}

static void uptime_is_seconds(struct ktest *t)
{
	if (!mount_proc(t))
		return;
	KTEST_ASSERT(t, read_proc_file(KTEST_PROC_DIR "/uptime", proc_buf, sizeof(proc_buf)) > 0);
	KTEST_EXPECT(t, proc_buf[0] >= '0' && proc_buf[0] <= '9');
	KTEST_EXPECT(t, strchr(proc_buf, '.') != NULL);
}

struct listing {
	struct dir_context ctx;
	bool saw_meminfo, saw_self, saw_dots;
	int pids;
};

static bool collect(struct dir_context *ctx, const char *name, int len, loff_t pos, u64 ino,
		    unsigned int type)
{
	struct listing *l = container_of(ctx, struct listing, ctx);

	(void)pos;
	(void)ino;
	if (len == 7 && !memcmp(name, "meminfo", 7))
		l->saw_meminfo = type == DT_REG;
	if (len == 4 && !memcmp(name, "self", 4))
		l->saw_self = type == DT_LNK;
	if (len == 2 && !memcmp(name, "..", 2))
		l->saw_dots = true;
	if (name[0] >= '1' && name[0] <= '9')
		l->pids += type == DT_DIR;
	return true;
}

static void root_lists_entries(struct ktest *t)
{
	struct listing l = { .ctx = { .actor = collect } };
	struct file *dir;

	if (!mount_proc(t))
		return;
	dir = filp_open(KTEST_PROC_DIR, O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT(t, !IS_ERR(dir));
	KTEST_ASSERT(t, dir->f_op && dir->f_op->iterate_shared);
	dir->f_op->iterate_shared(dir, &l.ctx);
	filp_close(dir, NULL);
	KTEST_EXPECT(t, l.saw_meminfo);
	KTEST_EXPECT(t, l.saw_self);
	KTEST_EXPECT(t, l.saw_dots);
	/* As many directories as thread groups. */
	{
		int n = 0, tgid;

		for (tgid = next_tgid(0); tgid > 0; tgid = next_tgid(tgid))
			n++;
		/* Kernel threads have no /proc entry yet: before init, none at all. */
		KTEST_EXPECT_EQ(t, l.pids, n);
	}
}

static void pid_directory(struct ktest *t)
{
	char path[64];
	int tgid;

	if (!mount_proc(t))
		return;
	tgid = next_tgid(0);
	if (!tgid) {
		/* No process yet (ktests run before init): nothing to describe. */
		KTEST_EXPECT_EQ(t, read_proc_file(KTEST_PROC_DIR "/1/status", proc_buf,
						  sizeof(proc_buf)), (long)-ENOENT);
		return;
	}
	snprintf(path, sizeof(path), KTEST_PROC_DIR "/%d/status", tgid);
	KTEST_ASSERT(t, read_proc_file(path, proc_buf, sizeof(proc_buf)) > 0);
	KTEST_EXPECT_EQ(t, field_value(proc_buf, "Tgid:"), (long)tgid);
	snprintf(path, sizeof(path), KTEST_PROC_DIR "/%d/stat", tgid);
	KTEST_ASSERT(t, read_proc_file(path, proc_buf, sizeof(proc_buf)) > 0);
	/* "pid (comm) state ...": the pid first, the comm in parentheses. */
	KTEST_EXPECT_EQ(t, field_value(proc_buf, ""), (long)tgid);
	KTEST_EXPECT(t, strchr(proc_buf, '(') && strchr(proc_buf, ')'));
	/* A name that is no live process. */
	KTEST_EXPECT_EQ(t, read_proc_file(KTEST_PROC_DIR "/999999/stat", proc_buf,
					  sizeof(proc_buf)), (long)-ENOENT);
	KTEST_EXPECT_EQ(t, read_proc_file(KTEST_PROC_DIR "/01/stat", proc_buf,
					  sizeof(proc_buf)), (long)-ENOENT);
}

KTEST_SUITE(procfs,
	    KTEST_CASE(meminfo_matches_allocator),
	    KTEST_CASE(uptime_is_seconds),
	    KTEST_CASE(root_lists_entries),
	    KTEST_CASE(pid_directory));
