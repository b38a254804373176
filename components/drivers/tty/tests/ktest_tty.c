/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The terminal in the kernel. A test tty (its output captured, no console
 * input pump) driven through the same file operations a process uses:
 * typed bytes in through tty_receive(), reads through tty_fops.read (a
 * cooked line, ^D end of file, O_NONBLOCK -EAGAIN, raw mode after a
 * termios change), echo and ONLCR captured, ^C/^\/^Z raising SIGINT/
 * SIGQUIT/SIGTSTP, FIONREAD, a reader that sleeps until a line comes (a
 * kthread). Then the console's nodes in devtmpfs, opened by path and
 * written through the VFS, and the console's test hook.
 */
#include <autoconf.h>
#include <tessera/gfp.h>          /* before interfaces/vfs.h (gfp_t) */
#include <interfaces/devtmpfs.h>
#include <interfaces/kthread.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>
#include <interfaces/sched.h>
#include <interfaces/tty.h>
#include <interfaces/vfs.h>
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/kthread.h>
#include <tessera/ktest.h>
#include <tessera/sched.h>
#include <tessera/tty.h>
#include "../tty_internal.h"

static struct tty_struct ttt;
static char cap[512];
static size_t cap_len;

static void cap_write(struct tty_struct *tty, const unsigned char *buf, size_t len)
{
	(void)tty;
	if (cap_len + len <= sizeof(cap)) {
		memcpy(cap + cap_len, buf, len);
		cap_len += len;
	}
}

static struct file fake;

static void setup(void)
{
	tty_struct_init(&ttt, "ktest-tty", cap_write);
	cap_len = 0;
	memset(&fake, 0, sizeof(fake));
	fake.private_data = &ttt;
	fake.f_mode = FMODE_READ | FMODE_WRITE;
}

static void type(const char *s)
{
	tty_receive(&ttt, (const unsigned char *)s, strlen(s));
}

static ssize_t rd(char *buf, size_t n)
{
	struct iov_iter it;
	loff_t pos = 0;

	iov_iter_kvec(&it, buf, n);
	return tty_fops.read(&fake, &it, &pos);
}

static ssize_t wr(const char *s)
{
	struct iov_iter it;
	loff_t pos = 0;

	iov_iter_kvec(&it, (void *)s, strlen(s));
	return tty_fops.write(&fake, &it, &pos);
}

static void cooked_line_and_echo(struct ktest *test)
{
	char buf[64];

	setup();
	fake.f_flags = O_NONBLOCK;
	type("ls -l");
	KTEST_EXPECT_EQ(test, rd(buf, sizeof(buf)), -EAGAIN);   /* no line yet */
	KTEST_EXPECT_EQ(test, tty_readable(&ttt), 0);
	type("x\x7f\r");                                        /* erase, CR -> NL */
	KTEST_EXPECT_EQ(test, tty_readable(&ttt), 6);
	memset(buf, 0, sizeof(buf));
	KTEST_EXPECT_EQ(test, rd(buf, sizeof(buf)), 6);
	KTEST_EXPECT_STREQ(test, buf, "ls -l\n");
	cap[cap_len] = 0;
	KTEST_EXPECT_STREQ(test, cap, "ls -lx\b \b\r\n");
	cap_len = 0;
	KTEST_EXPECT_EQ(test, wr("out\n"), 4);                  /* ONLCR on writes */
	cap[cap_len] = 0;
	KTEST_EXPECT_STREQ(test, cap, "out\r\n");
	type("\x04");                                           /* ^D: end of file */
	KTEST_EXPECT_EQ(test, rd(buf, sizeof(buf)), 0);
}

static void control_chars_signal(struct ktest *test)
{
	char buf[8];

	setup();
	fake.f_flags = O_NONBLOCK;
	type("abc\x03");
	KTEST_EXPECT_EQ(test, ttt.nr_signals, 1);
	KTEST_EXPECT_EQ(test, ttt.last_signal, SIGINT);
	type("\x1c");
	KTEST_EXPECT_EQ(test, ttt.last_signal, SIGQUIT);
	type("\x1a");
	KTEST_EXPECT_EQ(test, ttt.last_signal, SIGTSTP);
	KTEST_EXPECT_EQ(test, ttt.nr_signals, 3);
	type("\n");
	KTEST_EXPECT_EQ(test, rd(buf, sizeof(buf)), 1);         /* "abc" was flushed */
	cap[cap_len] = 0;
	KTEST_EXPECT_STREQ(test, cap, "abc^C^\\^Z\r\n");
}

static void raw_mode_by_termios(struct ktest *test)
{
	struct termios t;
	char buf[8];

	setup();
	fake.f_flags = O_NONBLOCK;
	tty_get_termios(&ttt, &t);
	KTEST_EXPECT(test, t.c_lflag & ICANON);
	KTEST_EXPECT_EQ(test, t.c_cc[VINTR], 3);
	KTEST_EXPECT_EQ(test, sizeof(struct termios), 36);      /* Linux's TCGETS layout */
	t.c_lflag &= ~(ICANON | ECHO | ISIG);
	t.c_cc[VMIN] = 1;
	tty_set_termios(&ttt, &t, false);
	type("q\x03");
	KTEST_EXPECT_EQ(test, ttt.nr_signals, 0);
	KTEST_EXPECT_EQ(test, rd(buf, sizeof(buf)), 2);
	KTEST_EXPECT_EQ(test, buf[1], 3);
	KTEST_EXPECT_EQ(test, cap_len, 0);                      /* no echo */
	KTEST_EXPECT_EQ(test, tty_fops.unlocked_ioctl(&fake, 0x1234, 0), -ENOTTY);
}

struct reader {
	char buf[32];
	ssize_t n;
	volatile bool done;
};

static int reader_fn(void *data)
{
	struct reader *r = data;

	r->n = rd(r->buf, sizeof(r->buf));
	r->done = true;
	while (!kthread_should_stop())
		yield();
	return 0;
}

static void blocking_read_wakes(struct ktest *test)
{
	static struct reader r;
	struct task_struct *t;
	int i;

	setup();
	fake.f_flags = 0;
	memset(&r, 0, sizeof(r));
	t = kthread_run(reader_fn, &r, "tty-reader");
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(t));
	for (i = 0; i < 20; i++)
		yield();
	type("partial");
	for (i = 0; i < 20; i++)
		yield();
	KTEST_EXPECT(test, !r.done);                            /* no line yet */
	type(" line\n");
	while (!r.done)
		yield();
	KTEST_EXPECT_EQ(test, r.n, 13);
	KTEST_EXPECT(test, memcmp(r.buf, "partial line\n", 13) == 0);
	kthread_stop(t);
}

static void console_nodes(struct ktest *test)
{
	static const char msg[] = "    # tty: written through /dev/console\n";
	struct kstat st;
	struct file *f;
	loff_t pos = 0;

	KTEST_ASSERT(test, init_mkdir("/ktest-tty", 0755) == 0);
	KTEST_ASSERT(test, devtmpfs_mount("/ktest-tty") == 0);
	KTEST_EXPECT_EQ(test, init_stat("/ktest-tty/console", &st, 0), 0);
	KTEST_EXPECT_EQ(test, st.rdev, MKDEV(5, 1));
	KTEST_EXPECT_EQ(test, init_stat("/ktest-tty/ttyS0", &st, 0), 0);
	KTEST_EXPECT_EQ(test, st.rdev, MKDEV(4, 64));
	KTEST_EXPECT_EQ(test, init_stat("/ktest-tty/tty", &st, 0), 0);
	f = filp_open("/ktest-tty/console", O_RDWR | O_NOCTTY, 0);
	KTEST_ASSERT(test, !IS_ERR_OR_NULL(f));
	KTEST_EXPECT(test, f->f_op == &tty_fops);
	KTEST_EXPECT_EQ(test, kernel_write(f, msg, sizeof(msg) - 1, &pos), sizeof(msg) - 1);
	/* The hook feeds the console's line discipline: an empty line (its
	 * echo is a newline), seen by FIONREAD's helper, then flushed. */
	KTEST_EXPECT_EQ(test, tty_console_receive((const unsigned char *)"\n", 1), 1);
	KTEST_EXPECT_EQ(test, tty_readable(f->private_data), 1);
	KTEST_EXPECT_EQ(test, f->f_op->unlocked_ioctl(f, TCFLSH, TCIFLUSH), 0);
	KTEST_EXPECT_EQ(test, tty_readable(f->private_data), 0);
	filp_close(f, NULL);
	KTEST_EXPECT_EQ(test, init_umount("/ktest-tty", 0), 0);
	KTEST_EXPECT_EQ(test, init_rmdir("/ktest-tty"), 0);
}

KTEST_SUITE(tty,
	    KTEST_CASE(cooked_line_and_echo),
	    KTEST_CASE(control_chars_signal),
	    KTEST_CASE(raw_mode_by_termios),
	    KTEST_CASE(blocking_read_wakes),
	    KTEST_CASE(console_nodes),
);
