/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of panic.c and stackprotector.c, compiled natively against
 * stubs of the arch and printk operations they call. arch_poweroff()
 * records its status and longjmps back here, so one process can panic many
 * times. Checks: the exact report (the `Kernel panic - not syncing: <msg>`
 * line with the message formatted, the backtrace requested between it and
 * the end marker, `tessera: poweroff status=1`, then poweroff(1)), all of it
 * at KERN_EMERG and after interrupts were disabled; a message too long for
 * the buffer is cut, not overrun; a panic raised while panicking (here from
 * inside arch_dump_stack) powers off at once without printing or dumping
 * again; __stack_chk_fail panics with the stack-protector message.
 *
 * The host libc's vsnprintf stands in for lib's. Built natively with
 * ASan/UBSan: cc -I include -I components/core/panic tests/test_panic.c
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <tessera/testing/check.h>
#include <tessera/printk.h>
#include <tessera/types.h>

/* The operations panic.c calls and provides, as the generated headers declare them. */
unsigned long arch_irq_save(void);
void arch_dump_stack(void);
_Noreturn void arch_poweroff(int status);
int printk(const char *fmt, ...);
_Noreturn void panic(const char *fmt, ...);

#define TESSERA_HOST_TEST 1
#include "../panic.c"
/* libc has its own: the canary symbols get names of this test's. */
#define __stack_chk_guard test_stack_chk_guard
#define __stack_chk_fail  test_stack_chk_fail
#include "../stackprotector.c"
#undef __stack_chk_guard
#undef __stack_chk_fail

/* ---- stubs: each call is logged as one letter, in order --------------------------- */

static char events[64];          /* I irq_save, P printk, D dump_stack, O poweroff */
static char out[4096];
static size_t out_len;
static unsigned int dump_calls, poweroff_calls;
static int poweroff_status = -1;
static bool dump_panics;         /* arch_dump_stack panics once, as a faulting unwinder would */
static jmp_buf powered_off;

static void event(char e)
{
	size_t n = strlen(events);

	if (CHECK(n + 1 < sizeof(events)))
		events[n] = e;
}

unsigned long arch_irq_save(void)
{
	event('I');
	return 0x200;
}

void arch_dump_stack(void)
{
	event('D');
	dump_calls++;
	/* Once: without the guard, the report shows the nesting, not a stack overflow. */
	if (dump_panics && dump_calls == 1)
		panic("nested from %s", "dump_stack");
}

_Noreturn void arch_poweroff(int status)
{
	event('O');
	poweroff_calls++;
	poweroff_status = status;
	longjmp(powered_off, 1);
}

int printk(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	event('P');
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!CHECKF(n >= 0 && (size_t)n < sizeof(line), "printk line of %d bytes", n))
		return 0;
	/* Whatever the console log level, a panic must get through. */
	CHECKF(!strncmp(line, KERN_EMERG, 2), "panic printed below KERN_EMERG: \"%s\"", line);
	if (CHECK(out_len + strlen(line + 2) < sizeof(out))) {
		memcpy(out + out_len, line + 2, strlen(line + 2) + 1);
		out_len += strlen(line + 2);
	}
	return n - 2;
}

static void reset(void)
{
	memset(events, 0, sizeof(events));
	out_len = 0;
	out[0] = '\0';
	dump_calls = poweroff_calls = 0;
	poweroff_status = -1;
	dump_panics = false;
	panicking = false;	/* panic.c's guard: a fresh boot */
}

static void expect_output(const char *what, const char *want)
{
	if (!CHECKF(!strcmp(out, want), "%s: output differs", what))
		fprintf(stderr, "--- got ---\n%s--- want ---\n%s--- end ---\n", out, want);
}

/* ---- tests ------------------------------------------------------------------------ */

static void test_report(void)
{
	printf("panic: the report, formatted, then poweroff(1)\n");
	reset();
	if (!setjmp(powered_off))
		panic("initcall %s failed: error %d", "uart-16550", -19);

	expect_output("report",
		"Kernel panic - not syncing: initcall uart-16550 failed: error -19\n"
		"---[ end Kernel panic - not syncing: initcall uart-16550 failed: error -19 ]---\n"
		"tessera: poweroff status=1\n");
	/* Interrupts off first; the backtrace between the first two lines. */
	CHECKF(!strcmp(events, "IPDPPO"), "events \"%s\", want \"IPDPPO\"", events);
	CHECK(dump_calls == 1);
	CHECK(poweroff_calls == 1);
	CHECKF(poweroff_status == 1, "poweroff status %d", poweroff_status);
}

static void test_long_message(void)
{
	char msg[600], want[1024];

	printf("panic: a message longer than the buffer is cut at 255 bytes\n");
	reset();
	memset(msg, 'x', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	if (!setjmp(powered_off))
		panic("%s", msg);

	snprintf(want, sizeof(want),
		 "Kernel panic - not syncing: %.255s\n"
		 "---[ end Kernel panic - not syncing: %.255s ]---\n"
		 "tessera: poweroff status=1\n", msg, msg);
	expect_output("long message", want);
	CHECK(poweroff_calls == 1 && poweroff_status == 1);
}

static void test_recursion_guard(void)
{
	printf("panic: a panic while panicking powers off at once\n");
	reset();
	dump_panics = true;
	if (!setjmp(powered_off))
		panic("first %d", 1);

	/* The nested panic printed nothing, dumped nothing, did not return. */
	expect_output("recursion", "Kernel panic - not syncing: first 1\n");
	CHECKF(!strcmp(events, "IPDIO"), "events \"%s\", want \"IPDIO\"", events);
	CHECKF(dump_calls == 1, "dump_stack called %u times", dump_calls);
	CHECKF(poweroff_calls == 1, "poweroff called %u times", poweroff_calls);
	CHECKF(poweroff_status == 1, "poweroff status %d", poweroff_status);
	/* The first message stays in the buffer: the nested one never formatted. */
	CHECK(!strcmp(panic_buf, "first 1"));
}

static void test_stack_protector(void)
{
	printf("panic: __stack_chk_fail reports a corrupted stack\n");
	reset();
	if (!setjmp(powered_off))
		test_stack_chk_fail();

	expect_output("stack protector",
		"Kernel panic - not syncing: stack-protector: kernel stack is corrupted\n"
		"---[ end Kernel panic - not syncing: stack-protector: kernel stack is corrupted ]---\n"
		"tessera: poweroff status=1\n");
	CHECK(dump_calls == 1);
	CHECK(poweroff_calls == 1 && poweroff_status == 1);
	/* A zero canary would be the value a zeroed stack already holds. */
	CHECK(test_stack_chk_guard != 0);
}

int main(void)
{
	test_report();
	test_long_message();
	test_recursion_guard();
	test_stack_protector();
	return check_summary("test_panic");
}
