// SPDX-License-Identifier: Apache-2.0
/*
 * Memory: mmap/munmap/mprotect/brk/mremap/madvise edge cases, COW after
 * fork, shared anonymous memory, private file mappings, SIGBUS beyond the
 * end of a file, stack growth. Whether a page is readable or writable is
 * probed without faulting: write(pipe, p, 1) and read(/dev/zero, p, 1) give
 * EFAULT when it is not.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>

#include "ktap.h"
#include "util.h"

static long pg;
static int probe_pipe[2], zero_fd;
static char scratch[256];

static int readable(const void *p)
{
	char c;

	if (write(probe_pipe[1], p, 1) != 1)
		return 0;
	read(probe_pipe[0], &c, 1);
	return 1;
}

static int writable(void *p)
{
	char save;

	if (!readable(p))
		return read(zero_fd, p, 1) == 1;   /* write-only does not exist: fails */
	save = *(volatile char *)p;
	if (read(zero_fd, p, 1) != 1)
		return 0;
	*(volatile char *)p = save;
	return 1;
}

static char *map(size_t len, int prot)
{
	char *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int anon_zeroed_and_private(void)
{
	char *p = map(16 * pg, PROT_READ | PROT_WRITE);

	KT_ASSERT(p);
	KT_EXPECT_EQ((uintptr_t)p % pg, 0);
	for (long i = 0; i < 16 * pg; i++)
		if (p[i]) {
			kt_diag("byte %ld not zero", i);
			kt_case_failed = 1;
			break;
		}
	memset(p, 0xab, 16 * pg);
	KT_EXPECT_EQ((unsigned char)p[16 * pg - 1], 0xab);
	KT_EXPECT_EQ(munmap(p, 16 * pg), 0);
	KT_EXPECT(!readable(p));
	return KT_PASS;
}

static int mmap_bad_arguments(void)
{
	KT_EXPECT_ERRNO(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	KT_EXPECT_ERRNO(mmap(NULL, pg, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);   /* neither private nor shared */
	KT_EXPECT_ERRNO(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	KT_EXPECT_ERRNO(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 9999, 0), EBADF);
	KT_EXPECT_ERRNO(mmap((void *)(pg * 16 + 1), pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
	KT_EXPECT_ERRNO(mmap(NULL, (size_t)-1 & ~(pg - 1), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
	int fd = open("/dev/zero", O_RDONLY);
	KT_EXPECT_ERRNO(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 1), EINVAL);      /* offset not page-aligned */
	close(fd);
	return KT_PASS;
}

static int munmap_edges(void)
{
	char *p = map(3 * pg, PROT_READ | PROT_WRITE);

	KT_ASSERT(p);
	KT_EXPECT_ERRNO(munmap(p + 1, pg), EINVAL);
	KT_EXPECT_ERRNO(munmap(p, 0), EINVAL);
	KT_EXPECT_EQ(munmap(p + pg, pg), 0);             /* split into two */
	KT_EXPECT(writable(p));
	KT_EXPECT(!readable(p + pg));
	KT_EXPECT(writable(p + 2 * pg));
	KT_EXPECT_EQ(munmap(p + pg, pg), 0);             /* nothing there: fine */
	KT_EXPECT_EQ(munmap(p, 3 * pg), 0);              /* across the hole */
	KT_EXPECT(!readable(p));
	KT_EXPECT(!readable(p + 2 * pg));
	p = map(2 * pg, PROT_READ | PROT_WRITE);
	KT_ASSERT(p);
	KT_EXPECT_EQ(munmap(p, pg + 1), 0);              /* the length is rounded up */
	KT_EXPECT(!readable(p + pg));
	return KT_PASS;
}

static int mprotect_edges(void)
{
	char *p = map(4 * pg, PROT_READ | PROT_WRITE);

	KT_ASSERT(p);
	p[0] = 1;
	KT_EXPECT_EQ(mprotect(p, pg, PROT_READ), 0);
	KT_EXPECT(readable(p));
	KT_EXPECT(!writable(p));
	KT_EXPECT_EQ(p[0], 1);
	KT_EXPECT(writable(p + pg));
	KT_EXPECT_EQ(mprotect(p + pg, pg, PROT_NONE), 0);
	KT_EXPECT(!readable(p + pg));
	KT_EXPECT_EQ(mprotect(p, 4 * pg, PROT_READ | PROT_WRITE), 0);
	KT_EXPECT(writable(p));
	KT_EXPECT(writable(p + pg));
	KT_EXPECT_EQ(p[0], 1);
	KT_EXPECT_ERRNO(mprotect(p + 1, pg, PROT_READ), EINVAL);
	KT_EXPECT_ERRNO(mprotect(p, pg, 0x1000), EINVAL);
	munmap(p + 2 * pg, pg);
	KT_EXPECT_ERRNO(mprotect(p, 4 * pg, PROT_READ), ENOMEM);   /* a hole in the range */
	KT_EXPECT_EQ(mprotect(p, 0, PROT_READ), 0);
	munmap(p, 4 * pg);
	return KT_PASS;
}

static char *ro_page;
static int write_ro(void) { ro_page[0] = 1; return 0; }

static int mprotect_write_faults(void)
{
	ro_page = map(pg, PROT_READ);
	KT_ASSERT(ro_page);
	KT_EXPECT(killed_by(child_status(write_ro), SIGSEGV));
	KT_EXPECT_EQ(mprotect(ro_page, pg, PROT_READ | PROT_WRITE), 0);
	KT_EXPECT(exited_with(child_status(write_ro), 0));
	munmap(ro_page, pg);
	return KT_PASS;
}

static char *code_page;
static int call_code(void) { return ((int (*)(void))code_page)(); }

static int exec_permission(void)
{
	code_page = map(pg, PROT_READ | PROT_WRITE);
	KT_ASSERT(code_page);
#if defined(__x86_64__)
	static const unsigned char ret7[] = { 0xb8, 7, 0, 0, 0, 0xc3 };   /* mov $7,%eax; ret */
#else
	static const unsigned char ret7[] = { 0x1d, 0x45, 0x82, 0x80 };   /* li a0,7; ret */
#endif
	memcpy(code_page, ret7, sizeof(ret7));
	KT_EXPECT(killed_by(child_status(call_code), SIGSEGV));   /* not executable */
	KT_EXPECT_EQ(mprotect(code_page, pg, PROT_READ | PROT_EXEC), 0);
	__builtin___clear_cache(code_page, code_page + sizeof(ret7));
	KT_EXPECT(exited_with(child_status(call_code), 7));
	munmap(code_page, pg);
	return KT_PASS;
}

static char *brk_top;
static int touch_brk_top(void) { brk_top[0] = 1; return 0; }

static int brk_edges(void)
{
	char *cur = (char *)syscall(SYS_brk, 0);
	char *grown;

	KT_ASSERT(cur && cur != (char *)-1);
	grown = (char *)syscall(SYS_brk, cur + 64 * pg);
	KT_EXPECT(grown == cur + 64 * pg);
	for (long i = 0; i < 64 * pg; i += pg)
		KT_EXPECT_EQ(cur[i], 0);
	memset(cur, 0x5a, 64 * pg);
	brk_top = (char *)(((uintptr_t)cur + 32 * pg + pg - 1) & ~(uintptr_t)(pg - 1));
	KT_EXPECT_EQ((char *)syscall(SYS_brk, brk_top), brk_top);
	KT_EXPECT(killed_by(child_status(touch_brk_top), SIGSEGV));
	/* Growing again gives zeroes, not the old contents. */
	KT_EXPECT_EQ((char *)syscall(SYS_brk, brk_top + 4 * pg), brk_top + 4 * pg);
	KT_EXPECT_EQ(brk_top[0], 0);
	/* A request Linux refuses returns the current break, unchanged. */
	KT_EXPECT_EQ((char *)syscall(SYS_brk, (void *)pg), brk_top + 4 * pg);
	KT_EXPECT_EQ((char *)syscall(SYS_brk, (void *)-pg), brk_top + 4 * pg);
	KT_EXPECT_EQ((char *)syscall(SYS_brk, cur), cur);
	return KT_PASS;
}

static int fixed_and_noreplace(void)
{
	char *p = map(2 * pg, PROT_READ | PROT_WRITE), *q;

	KT_ASSERT(p);
	memset(p, 1, 2 * pg);
	q = mmap(p, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	KT_EXPECT(q == p);
	KT_EXPECT_EQ(p[0], 0);            /* replaced: fresh zero page */
	KT_EXPECT_EQ(p[pg], 1);
	KT_EXPECT_ERRNO(mmap(p, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	munmap(p, 2 * pg);
	return KT_PASS;
}

static int cow_after_fork(void)
{
	const long n = 256;
	char *priv = map(n * pg, PROT_READ | PROT_WRITE);
	char *shared = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int p[2], q[2], status;        /* p: child -> parent, q: parent -> child */
	pid_t pid;

	KT_ASSERT(priv && shared != MAP_FAILED && pipe(p) == 0 && pipe(q) == 0);
	for (long i = 0; i < n; i++)
		priv[i * pg] = (char)i;
	shared[0] = 0;
	pid = fork();
	KT_ASSERT(pid >= 0);
	if (pid == 0) {
		char c;
		int bad = 0;

		for (long i = 0; i < n; i += 2)
			priv[i * pg] = 'c';
		shared[0] = 'S';
		write(p[1], "x", 1);
		read(q[0], &c, 1);   /* parent has written its pages now */
		(void)c;
		for (long i = 0; i < n; i++)
			if (priv[i * pg] != (i % 2 ? (char)i : 'c'))
				bad = 1;
		_exit(bad);
	}
	char c;
	KT_EXPECT_EQ(read(p[0], &c, 1), 1);
	for (long i = 1; i < n; i += 2)
		priv[i * pg] = 'p';
	write(q[1], "y", 1);
	KT_EXPECT_EQ(waitpid(pid, &status, 0), pid);
	KT_EXPECT(exited_with(status, 0));
	for (long i = 0; i < n; i++)
		if (priv[i * pg] != (i % 2 ? 'p' : (char)i)) {
			kt_diag("page %ld: %d", i, priv[i * pg]);
			kt_case_failed = 1;
			break;
		}
	KT_EXPECT_EQ(shared[0], 'S');
	munmap(priv, n * pg);
	munmap(shared, pg);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
	return KT_PASS;
}

static char *file_map;
static int touch_beyond_eof(void) { return file_map[pg]; }

static int private_file_mapping(void)
{
	char path[300], buf[16];
	int fd;
	char *p;

	snprintf(path, sizeof(path), "%s/file", scratch);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	KT_ASSERT(fd >= 0);
	char *data = malloc(2 * pg);
	for (long i = 0; i < 2 * pg; i++)
		data[i] = (char)(i * 7);
	KT_ASSERT(write(fd, data, 2 * pg) == 2 * pg);
	KT_ASSERT(write(fd, "tail", 4) == 4);
	p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	KT_ASSERT(p != MAP_FAILED);
	KT_EXPECT(!memcmp(p, data, 2 * pg));
	p[0] = 'X';                                /* a private copy */
	KT_EXPECT_EQ(pread(fd, buf, 1, 0), 1);
	KT_EXPECT_EQ(buf[0], data[0]);
	munmap(p, 2 * pg);
	p = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, pg);   /* with an offset */
	KT_ASSERT(p != MAP_FAILED);
	KT_EXPECT(!memcmp(p, data + pg, pg));
	munmap(p, pg);
	/* The last partial page reads zeros after EOF; a page wholly beyond EOF is SIGBUS. */
	file_map = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE, fd, 2 * pg);
	KT_ASSERT(file_map != MAP_FAILED);
	KT_EXPECT(!memcmp(file_map, "tail", 4));
	KT_EXPECT_EQ(file_map[4], 0);
	KT_EXPECT_EQ(file_map[pg - 1], 0);
	KT_EXPECT(killed_by(child_status(touch_beyond_eof), SIGBUS));
	munmap(file_map, 2 * pg);
	/* Write-only descriptor: no mapping at all. */
	int wfd = open(path, O_WRONLY);
	KT_EXPECT_ERRNO(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, wfd, 0), EACCES);
	close(wfd);
	close(fd);
	unlink(path);
	free(data);
	return KT_PASS;
}

static int mremap_grow_shrink(void)
{
	char *p = map(4 * pg, PROT_READ | PROT_WRITE), *q;

	KT_ASSERT(p);
	for (long i = 0; i < 4; i++)
		p[i * pg] = (char)(i + 1);
	q = mremap(p, 4 * pg, 64 * pg, MREMAP_MAYMOVE);
	KT_ASSERT(q != MAP_FAILED);
	for (long i = 0; i < 4; i++)
		KT_EXPECT_EQ(q[i * pg], i + 1);
	KT_EXPECT_EQ(q[63 * pg], 0);
	p = mremap(q, 64 * pg, 2 * pg, 0);
	KT_EXPECT(p == q);
	KT_EXPECT(!readable(q + 2 * pg));
	KT_EXPECT_ERRNO(mremap(p + 1, pg, 2 * pg, MREMAP_MAYMOVE), EINVAL);
	KT_EXPECT_ERRNO(mremap(p, pg, 0, MREMAP_MAYMOVE), EINVAL);
	KT_EXPECT_ERRNO(mremap(p, pg, 2 * pg, 0x100), EINVAL);
	munmap(p, 2 * pg);
	return KT_PASS;
}

static int madvise_dontneed(void)
{
	char *p = map(4 * pg, PROT_READ | PROT_WRITE);

	KT_ASSERT(p);
	memset(p, 7, 4 * pg);
	KT_EXPECT_EQ(madvise(p, 4 * pg, MADV_DONTNEED), 0);
	KT_EXPECT_EQ(p[0], 0);
	KT_EXPECT_EQ(p[3 * pg], 0);
	KT_EXPECT_EQ(madvise(p, 4 * pg, MADV_NORMAL), 0);
	KT_EXPECT_EQ(madvise(p, 4 * pg, MADV_WILLNEED), 0);
	KT_EXPECT_ERRNO(madvise(p + 1, pg, MADV_NORMAL), EINVAL);
	KT_EXPECT_ERRNO(madvise(p, pg, 12345), EINVAL);
	munmap(p, 4 * pg);
	return KT_PASS;
}

static int deep(int n)
{
	volatile char buf[1024];

	buf[0] = (char)n;
	if (n == 0)
		return buf[0];
	return deep(n - 1) + buf[0];
}

static int grow_stack(void) { return deep(2048) & 0 ? 1 : 0; }   /* about 2 MiB of stack */

static int stack_growth(void)
{
	KT_EXPECT(exited_with(child_status(grow_stack), 0));
	return KT_PASS;
}

static int maps_lists_mapping(void)
{
	char *p = map(3 * pg, PROT_READ), line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0;

	KT_ASSERT(p);
	if (!f) {
		munmap(p, 3 * pg);
		return kt_skip("no /proc/self/maps");
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perms[8];

		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && lo == (uintptr_t)p &&
		    hi == (uintptr_t)p + 3 * pg && !strncmp(perms, "r--p", 4))
			found = 1;
	}
	fclose(f);
	KT_EXPECT(found);
	munmap(p, 3 * pg);
	return KT_PASS;
}

static const struct kt_case cases[] = {
	KT_CASE(anon_zeroed_and_private),
	KT_CASE(mmap_bad_arguments),
	KT_CASE(munmap_edges),
	KT_CASE(mprotect_edges),
	KT_CASE(mprotect_write_faults),
	KT_CASE(exec_permission),
	KT_CASE(brk_edges),
	KT_CASE(fixed_and_noreplace),
	KT_CASE(cow_after_fork),
	KT_CASE(private_file_mapping),
	KT_CASE(mremap_grow_shrink),
	KT_CASE(madvise_dontneed),
	KT_CASE(stack_growth),
	KT_CASE(maps_lists_mapping),
};

int main(void)
{
	int r;

	pg = sysconf(_SC_PAGESIZE);
	if (pipe(probe_pipe) < 0 || (zero_fd = open("/dev/zero", O_RDONLY)) < 0 ||
	    enter_scratch_dir(scratch, sizeof(scratch)) < 0) {
		printf("# set-up failed: %s\n", strerror(errno));
		return 1;
	}
	r = KT_RUN("mm", cases);
	rmdir(scratch);
	return r;
}
