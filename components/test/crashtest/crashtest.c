/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Deliberate crashes, for the boot tests of the fatal paths
 * (tests/boot/crash-product). `crashtest=<kind>` on the kernel command line
 * picks one:
 *
 *   ud         an illegal instruction (ud2 on x86_64, unimp on riscv64)
 *   pagefault  a write to NULL, which no architecture maps
 *   panic      panic("crashtest")
 *   stack      overwrite a stack buffer up to its frame record, so the
 *              stack protector's canary check fails on return
 *
 * Each trigger is a function of its own (noinline) so that the backtrace
 * the kernel prints names it: the test resolves the addresses with nm.
 * Without the parameter nothing happens.
 */
#define pr_fmt(fmt) "crashtest: " fmt

#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/printk.h>
#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>

#define CRASHTEST_PARAM "crashtest="

int crashtest_init(void);

__attribute__((__noinline__)) static void crashtest_ud(void)
{
#if defined(__x86_64__)
	__asm__ __volatile__("ud2");
#elif defined(__riscv)
	__asm__ __volatile__("unimp");
#else
#error "crashtest: no illegal instruction for this architecture"
#endif
}

__attribute__((__noinline__)) static void crashtest_pagefault(void)
{
	/*
	 * Both volatiles matter: the pointer's, or the compiler sees the NULL
	 * and emits its own trap; the target's, or it drops the store.
	 */
	volatile int *volatile ptr = NULL;

	*ptr = 1;
}

__attribute__((__noinline__)) static void crashtest_panic(void)
{
	panic("crashtest");
}

/*
 * The canary sits between the local arrays and the frame record (saved
 * frame pointer and return address), where exactly depends on the
 * architecture and padding. Filling from the buffer up to the frame record
 * is sure to change it and leaves the record intact, so the backtrace from
 * __stack_chk_fail still walks through this function.
 * stack_protect: instrumented whatever -fstack-protector-* the build uses.
 */
__attribute__((__noinline__, __stack_protect__)) static void crashtest_stack(void)
{
	char buf[16];
	char *frame = __builtin_frame_address(0);
#if defined(__x86_64__)
	char *record = frame;		/* saved %rbp at 0(%rbp), return address above */
#elif defined(__riscv)
	char *record = frame - 16;	/* saved s0 at fp - 16, ra at fp - 8 */
#endif
	volatile char *p;

	for (p = buf; p < (volatile char *)record; p++)
		*p = 'A';
	pr_emerg("stack smashed from %p to %p, returning\n", buf, record);
}

static const struct {
	const char *name;
	void (*fn)(void);
} crashtest_kinds[] = {
	{ "ud",        crashtest_ud },
	{ "pagefault", crashtest_pagefault },
	{ "panic",     crashtest_panic },
	{ "stack",     crashtest_stack },
};

/* The value of `crashtest=` in @cmdline, NULL if absent; *len its length. */
static const char *crashtest_param(const char *cmdline, size_t *len)
{
	const size_t plen = sizeof(CRASHTEST_PARAM) - 1;
	const char *s = cmdline;

	while (*s) {
		const char *end;

		while (*s == ' ')
			s++;
		end = strchr(s, ' ');
		if (!end)
			end = s + strlen(s);
		if ((size_t)(end - s) >= plen && !strncmp(s, CRASHTEST_PARAM, plen)) {
			*len = (size_t)(end - s) - plen;
			return s + plen;
		}
		s = end;
	}
	return NULL;
}

int crashtest_init(void)
{
	const char *kind;
	size_t len;
	unsigned int i;

	kind = crashtest_param(arch_boot_info()->cmdline, &len);
	if (!kind)
		return 0;

	for (i = 0; i < ARRAY_SIZE(crashtest_kinds); i++) {
		const char *name = crashtest_kinds[i].name;

		if (strlen(name) == len && !strncmp(kind, name, len)) {
			pr_emerg("triggering '%s'\n", name);
			crashtest_kinds[i].fn();
			/* Still here: the crash did not happen, which is a failure too. */
			pr_emerg("'%s' returned: nothing trapped\n", name);
			return -EFAULT;
		}
	}
	pr_err("unknown kind '%.*s' (ud, pagefault, panic, stack)\n", (int)len, kind);
	return -EINVAL;
}
