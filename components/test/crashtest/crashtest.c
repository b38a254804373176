/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Deliberate crashes, for the boot tests of the fatal paths
 * (tests/boot/crash-product). `crashtest=<kind>` on the kernel command line
 * picks one:
 *
 *   ud         an illegal instruction (the arch's, <asm/bug.h>)
 *   pagefault  a write to NULL, which no architecture maps
 *   panic      panic("crashtest")
 *   stack      overwrite a stack buffer up to its frame record, so the
 *              stack protector's canary check fails on return
 *   overflow   unbounded recursion: the stack runs into its unmapped guard
 *              page and the trap handler reports a kernel stack overflow
 *   overflow-thread  the same recursion in a kernel thread, whose stack
 *              (vmalloc's alloc_kernel_stack()) has a guard page below it:
 *              the report names the thread (products with kthreads)
 *   write-text a store into the kernel's own code, which is read-only
 *   exec-heap  a call into a kmalloc() buffer (a .bss buffer without
 *              kmalloc), which is never executable
 *   double-free-page    free a page twice: the page allocator's bad_page()
 *   bad-order-free      free a block with another order than its allocation's
 *   refcount-underflow  put_page() on a page whose count is already 0
 *   user-read  a plain kernel read of a mapped user page (an address space
 *              made with pgtable_create()): SMAP (x86_64) refuses it
 * (the page kinds and user-read exist when the product has a page allocator)
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
#include <autoconf.h>
#include <interfaces/arch.h>
#include <interfaces/lib.h>
#include <interfaces/panic.h>
#include <interfaces/printk.h>
#ifdef HAVE_KTHREAD
#include <tessera/kthread.h>
#include <interfaces/kthread.h>
#endif
#ifdef HAVE_KMALLOC
#include <interfaces/kmalloc.h>
#endif
#ifdef HAVE_PAGE_ALLOC
#include <asm/memory.h>
#include <interfaces/mmu.h>
#include <interfaces/page_alloc.h>
#include <tessera/page.h>
#endif
#include <asm/bug.h>	/* arch_illegal_instruction(), FRAME_RECORD_BELOW_FP */
#else
/* The host test triggers no trap: these are never reached there. */
static inline void arch_illegal_instruction(void)
{
	__builtin_trap();
}
#define FRAME_RECORD_BELOW_FP 0
#endif

#define CRASHTEST_PARAM "crashtest="

int crashtest_init(void);

__attribute__((__noinline__)) static void crashtest_ud(void)
{
	arch_illegal_instruction();
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
	char *record = frame - FRAME_RECORD_BELOW_FP;	/* saved fp, then ra */
	volatile char *p;

	for (p = buf; p < (volatile char *)record; p++)
		*p = 'A';
	pr_emerg("stack smashed from %p to %p, returning\n", buf, record);
}

/* Read through a volatile so the recursion's depth is not known to GCC. */
static volatile unsigned long crashtest_depth;

/*
 * Each frame holds a 256-byte buffer that is written, so the stack is
 * really used, and the buffer is read after the recursive call, so the
 * call is not a tail call. 256 bytes is well under a guard page: a frame
 * cannot jump over it.
 */
__attribute__((__noinline__)) static void crashtest_overflow(void)
{
	volatile char frame[256];

	frame[0] = (char)crashtest_depth;
	frame[sizeof(frame) - 1] = 0;
	if (++crashtest_depth != 0)
		crashtest_overflow();
	frame[1] = frame[0];
}

#ifdef HAVE_KTHREAD
static int crashtest_overflow_fn(void *unused)
{
	(void)unused;
	crashtest_overflow();
	return 0;
}

/* The thread overflows its stack as soon as it runs: kthread_stop() lets it. */
__attribute__((__noinline__)) static void crashtest_overflow_thread(void)
{
	struct task_struct *t = kthread_run(crashtest_overflow_fn, NULL, "overflow");

	if (!t) {
		pr_err("overflow-thread: no kernel thread\n");
		return;
	}
	kthread_stop(t);
}
#endif

__attribute__((__noinline__)) static void crashtest_write_text(void)
{
	/* The target is this very function: code the kernel is running. */
	volatile unsigned char *text =
		(volatile unsigned char *)(uintptr_t)&crashtest_write_text;

	pr_emerg("writing to kernel text at %p\n", (void *)(uintptr_t)text);
	*text = 0;
	/* A call after the store keeps this function's frame record in
	 * place when it faults (else the epilogue may be scheduled first). */
	pr_emerg("kernel text is writable\n");
}

#ifndef HAVE_KMALLOC
static unsigned char crashtest_heap_fallback[64];
#endif

__attribute__((__noinline__)) static void crashtest_exec_heap(void)
{
	/*
	 * Zeroes: an illegal instruction on riscv64, not a return on x86_64,
	 * so that if the buffer did execute the report would say so rather
	 * than return quietly.
	 */
#ifdef HAVE_KMALLOC
	unsigned char *buf = kzalloc(64);
#else
	unsigned char *buf = crashtest_heap_fallback;
#endif
	void (*volatile fn)(void);

	if (!buf)
		panic("crashtest: no memory for exec-heap");
	fn = (void (*)(void))(uintptr_t)buf;
	pr_emerg("calling the heap buffer at %p\n", (void *)buf);
	fn();
	/* Not a tail call (GCC makes one on x86_64): this frame must stay
	 * for the backtrace to name this function. */
	__asm__ __volatile__("" : : : "memory");
}

/* Both architectures: SMAP on x86_64, SUM clear on riscv64. */
#if defined(HAVE_PAGE_ALLOC) && (defined(CONFIG_ARCH_X86_64) || defined(CONFIG_ARCH_RISCV64))
#define CRASHTEST_USER_READ
#define CRASHTEST_USER_VA 0x400000UL

__attribute__((__noinline__)) static void crashtest_user_read(void)
{
	struct pgtable *pt = pgtable_create();
	unsigned long page = __get_free_pages(GFP_KERNEL, 0);

	if (!pt || !page || pgtable_map(pt, CRASHTEST_USER_VA, virt_to_phys((void *)page),
					PAGE_SIZE, PGPROT_READ | PGPROT_USER))
		panic("crashtest: no user page for user-read");
	pgtable_activate(pt);
	pr_emerg("reading user address 0x%lx outside uaccess\n", CRASHTEST_USER_VA);
	(void)*(volatile unsigned long *)CRASHTEST_USER_VA;
	__asm__ __volatile__("" : : : "memory");
}
#endif

#ifdef HAVE_PAGE_ALLOC
/* The statement after each bad call keeps it from being a tail call, so the
 * report's caller is this function. */
__attribute__((__noinline__)) static void crashtest_double_free_page(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	__free_pages(page, 0);
	__free_pages(page, 0);
	pr_emerg("double free of pfn 0x%lx not caught\n", page_to_pfn(page));
}

__attribute__((__noinline__)) static void crashtest_bad_order_free(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	__free_pages(page, 1);
	pr_emerg("free with the wrong order of pfn 0x%lx not caught\n", page_to_pfn(page));
}

__attribute__((__noinline__)) static void crashtest_refcount_underflow(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	put_page(page);
	put_page(page);
	pr_emerg("put_page underflow of pfn 0x%lx not caught\n", page_to_pfn(page));
}
#endif

static const struct {
	const char *name;
	void (*fn)(void);
} crashtest_kinds[] = {
	{ "ud",        crashtest_ud },
	{ "pagefault", crashtest_pagefault },
	{ "panic",     crashtest_panic },
	{ "stack",     crashtest_stack },
	{ "overflow",  crashtest_overflow },
	{ "write-text", crashtest_write_text },
	{ "exec-heap", crashtest_exec_heap },
#ifdef HAVE_KTHREAD
	{ "overflow-thread", crashtest_overflow_thread },
#endif
#ifdef HAVE_PAGE_ALLOC
	{ "double-free-page",   crashtest_double_free_page },
	{ "bad-order-free",     crashtest_bad_order_free },
	{ "refcount-underflow", crashtest_refcount_underflow },
#endif
#ifdef CRASHTEST_USER_READ
	{ "user-read",          crashtest_user_read },
#endif
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
		pr_err("unknown kind '%.*s' (ud, pagefault, panic, stack, overflow, overflow-thread, write-text, exec-heap, user-read)\n", (int)len, value);
		return -EINVAL;
	}

	pr_emerg("triggering '%s'\n", crashtest_kinds[kind].name);
	crashtest_kinds[kind].fn();
	/* Still here: the crash did not happen, which is a failure too. */
	pr_emerg("'%s' returned: nothing trapped\n", crashtest_kinds[kind].name);
	return -EFAULT;
}
