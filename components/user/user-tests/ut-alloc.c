// SPDX-License-Identifier: Apache-2.0
/*
 * Allocate until refused. Each run is in a child with an address-space
 * limit (RLIMIT_AS/RLIMIT_DATA: 64 MiB over what it has), touching every
 * page it gets: mmap and brk and malloc must be refused with ENOMEM (NULL),
 * not kill the child, and the memory must come back for the next one.
 *
 * --unlimited adds a run with no limit at all: the kernel's own memory runs
 * out. Allowed outcomes, as on Linux: refused with ENOMEM, or the child is
 * killed (SIGKILL from an OOM killer, SIGBUS/SIGSEGV from a fault that
 * cannot be served); the parent must survive and allocate again. Never on a
 * shared host: it takes all the memory. Capped at 64 GiB.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/resource.h>

#include "ktap.h"
#include "util.h"

static int unlimited;
static long pg;

static void limit(int res, long extra)
{
	struct rlimit rl;

	getrlimit(res, &rl);
	rl.rlim_cur = extra;
	setrlimit(res, &rl);
}

static long vm_size(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;

	if (!f)
		return 32 << 20;                 /* a guess: static binaries are small */
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmSize: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

/* Exit codes: 0 refused with ENOMEM after > 1 MiB, 1 other errno, 2 never refused, 3 refused at once. */
static int mmap_until(long cap)
{
	long got = 0;

	for (;;) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return errno != ENOMEM ? 1 : got < (1 << 20) ? 3 : 0;
		for (long i = 0; i < 1 << 20; i += pg)
			p[i] = 1;
		got += 1 << 20;
		if (got > cap)
			return 2;
	}
}

static int mmap_limited(void)
{
	limit(RLIMIT_AS, vm_size() + (64l << 20));
	return mmap_until(1l << 30);
}

static int brk_limited(void)
{
	long got = 0;
	char *cur = (char *)syscall(SYS_brk, 0);

	limit(RLIMIT_DATA, 32l << 20);
	for (;;) {
		char *next = (char *)syscall(SYS_brk, cur + (1 << 20));

		if (next != cur + (1 << 20))                 /* refused: the old break */
			return next == cur ? (got ? 0 : 3) : 1;
		for (long i = 0; i < 1 << 20; i += pg)
			cur[i] = 1;
		cur = next;
		got += 1 << 20;
		if (got > (1l << 30))
			return 2;
	}
}

static int malloc_limited(void)
{
	long got = 0;

	limit(RLIMIT_AS, vm_size() + (64l << 20));
	for (;;) {
		char *p = malloc(256 << 10);

		if (!p)
			return errno == ENOMEM && got ? 0 : 1;
		memset(p, 1, 256 << 10);
		got += 256 << 10;
		if (got > (1l << 30))
			return 2;
	}
}

static int mmap_unlimited(void)
{
	return mmap_until(64l << 30);
}

static int check(int (*fn)(void), const char *what)
{
	int status = child_status(fn);

	if (exited_with(status, 0))
		return KT_PASS;
	if (WIFEXITED(status))
		kt_diag("%s: exit %d (1: not ENOMEM, 2: never refused, 3: refused at once)", what, WEXITSTATUS(status));
	else
		kt_diag("%s: wait status %#x", what, status);
	return KT_FAIL;
}

static int still_allocates(void)
{
	char *p = mmap(NULL, 16 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	memset(p, 1, 16 << 20);
	munmap(p, 16 << 20);
	return 1;
}

static int mmap_refused(void) { return check(mmap_limited, "mmap") ?: (still_allocates() ? KT_PASS : KT_FAIL); }
static int brk_refused(void) { return check(brk_limited, "brk") ?: (still_allocates() ? KT_PASS : KT_FAIL); }
static int malloc_refused(void) { return check(malloc_limited, "malloc") ?: (still_allocates() ? KT_PASS : KT_FAIL); }

static int kernel_memory_exhausted(void)
{
	int status;

	if (!unlimited)
		return kt_skip("only with --unlimited (takes all the memory)");
	status = child_status(mmap_unlimited);
	if (exited_with(status, 0))
		kt_diag("refused with ENOMEM");
	else if (killed_by(status, SIGKILL) || killed_by(status, SIGBUS) || killed_by(status, SIGSEGV))
		kt_diag("killed by signal %d", WTERMSIG(status));
	else {
		kt_diag("wait status %#x", status);
		return KT_FAIL;
	}
	/* The memory came back. */
	KT_EXPECT(still_allocates());
	KT_EXPECT(exited_with(child_status(mmap_limited), 0));
	return KT_PASS;
}

static const struct kt_case cases[] = {
	KT_CASE(mmap_refused),
	KT_CASE(brk_refused),
	KT_CASE(malloc_refused),
	KT_CASE(kernel_memory_exhausted),
};

int main(int argc, char **argv)
{
	pg = sysconf(_SC_PAGESIZE);
	unlimited = argc > 1 && !strcmp(argv[1], "--unlimited");
	return KT_RUN("alloc", cases);
}
