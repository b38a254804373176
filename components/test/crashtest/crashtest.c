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
 *   overflow   recurse until the stack runs into its guard page: the
 *              architecture must report a kernel stack overflow
 *   write-text write to kernel text, which must be mapped read-only
 *   exec-heap  call into a buffer in the direct map (where the heap
 *              lives), which must be mapped non-executable
 *
 * Each trigger is a function of its own (noinline) so that the backtrace
 * the kernel prints names it: the test resolves the addresses with nm.
 * Without the parameter nothing happens.
 */
#define pr_fmt(fmt) "crashtest: " fmt

#include <tessera/compiler.h>
#include <tessera/errno.h>
#include <tessera/printk.h>
#ifndef TESSERA_HOST_TEST
#include <asm/memory.h>
#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#endif

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

#ifndef TESSERA_HOST_TEST
static volatile unsigned long crashtest_depth;

/*
 * Each frame keeps a live buffer and uses it after the call, so the
 * compiler can neither drop the frame nor turn the recursion into a loop.
 * The bound is never reached (it would take terabytes of stack); it only
 * tells the compiler the recursion ends.
 */
__attribute__((__noinline__)) static void crashtest_overflow(void)
{
	volatile char frame[256];

	frame[0] = (char)crashtest_depth++;
	if (crashtest_depth < (1UL << 40))
		crashtest_overflow();
	frame[1] = frame[0];
}

__attribute__((__noinline__)) static void crashtest_write_text(void)
{
	/* Its own first byte, rewritten unchanged: harmless if it succeeded. */
	volatile u8 *text = (volatile u8 *)(uintptr_t)crashtest_write_text;

	*text = *text;
}

/* The direct-map alias of an image buffer: the same view as the heap's. */
static u32 crashtest_exec_buf[4];

__attribute__((__noinline__)) static void crashtest_exec_heap(void)
{
	volatile u32 *code = phys_to_virt(virt_to_phys(crashtest_exec_buf));
	void (*fn)(void) = (void (*)(void))(uintptr_t)code;

	/* A return instruction: if the fetch is allowed, nothing traps. */
#if defined(__x86_64__)
	code[0] = 0xc3;                 /* ret */
#elif defined(__riscv)
	code[0] = 0x00008067;           /* jalr x0, 0(ra) */
	__asm__ __volatile__("fence.i" : : : "memory");
#endif
	pr_emerg("calling %p\n", code);
	fn();
	/* Not a tail call: this frame must stay for the backtrace. */
	__asm__ __volatile__("" : : : "memory");
}
#else
static void crashtest_overflow(void) {}
static void crashtest_write_text(void) {}
static void crashtest_exec_heap(void) {}
#endif

static const struct {
	const char *name;
	void (*fn)(void);
} crashtest_kinds[] = {
	{ "ud",         crashtest_ud },
	{ "pagefault",  crashtest_pagefault },
	{ "panic",      crashtest_panic },
	{ "stack",      crashtest_stack },
	{ "overflow",   crashtest_overflow },
	{ "write-text", crashtest_write_text },
	{ "exec-heap",  crashtest_exec_heap },
};

/* What crashtest_parse() returns when the command line names no kind. */
#define CRASHTEST_NONE    (-1)	/* no crashtest= word: boot normally */
#define CRASHTEST_UNKNOWN (-2)	/* crashtest=<value>, but no kind is called that */

/*
 * Which crash @cmdline asks for: the index in crashtest_kinds[] of the
 * value of its first `crashtest=` word (words are separated by spaces),
 * which must be a kind's whole name; else CRASHTEST_NONE or
 * CRASHTEST_UNKNOWN. When there is such a word, *value and *len are set to
 * its value (possibly empty), for the error message. It only reads its
 * arguments: tests/test_cmdline.c runs it on the host.
 */
static int crashtest_parse(const char *cmdline, const char **value, size_t *len)
{
	const size_t plen = sizeof(CRASHTEST_PARAM) - 1;
	const char *s = cmdline, *word;
	unsigned int i;

	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			return CRASHTEST_NONE;
		word = s;
		while (*s && *s != ' ')
			s++;
		if ((size_t)(s - word) >= plen && !strncmp(word, CRASHTEST_PARAM, plen))
			break;
	}

	*value = word + plen;
	*len = (size_t)(s - *value);
	for (i = 0; i < ARRAY_SIZE(crashtest_kinds); i++) {
		const char *name = crashtest_kinds[i].name;

		if (strlen(name) == *len && !strncmp(*value, name, *len))
			return (int)i;
	}
	return CRASHTEST_UNKNOWN;
}

int crashtest_init(void)
{
	const char *value = NULL;
	size_t len = 0;
	int kind;

	kind = crashtest_parse(arch_boot_info()->cmdline, &value, &len);
	if (kind == CRASHTEST_NONE)
		return 0;
	if (kind == CRASHTEST_UNKNOWN) {
		pr_err("unknown kind '%.*s' (ud, pagefault, panic, stack, overflow, "
		       "write-text, exec-heap)\n", (int)len, value);
		return -EINVAL;
	}

	pr_emerg("triggering '%s'\n", crashtest_kinds[kind].name);
	crashtest_kinds[kind].fn();
	/* Still here: the crash did not happen, which is a failure too. */
	pr_emerg("'%s' returned: nothing trapped\n", crashtest_kinds[kind].name);
	return -EFAULT;
}
