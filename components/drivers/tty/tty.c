/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console terminal (Linux's drivers/tty/tty_io.c and tty_ioctl.c in
 * small). One tty_struct, "console", backs three char devices:
 *   /dev/tty (5:0), /dev/console (5:1), /dev/ttyS0 (4:64)
 * Input: a kernel thread, started by the first read or poll, takes bytes
 * from console_getc() (the UART's receive interrupt fills that queue) and
 * feeds the line discipline (n_tty.c), which echoes and raises job-control
 * signals: kill_pgrp() of the foreground process group (interface
 * `process`, when linked). Output (writes and echo) goes through OPOST
 * processing to the printk consoles.
 *
 * Job control: the terminal remembers one session and its foreground
 * group (TIOCSCTTY/TIOCSPGRP, or the first opener's when it names none);
 * a background read gets SIGTTIN, a background write with TOSTOP SIGTTOU
 * (tty_check_change). Termios changes from the background are not stopped.
 */
#include <autoconf.h>
#include <tessera/gfp.h>          /* before interfaces/vfs.h (gfp_t) */
#ifdef HAVE_PROCESS
#include <interfaces/process.h>
#endif
#include <interfaces/console_input.h>
#include <interfaces/devtmpfs.h>
#include <interfaces/kthread.h>
#include <interfaces/lib.h>
#include <interfaces/mutex.h>
#include <interfaces/printk.h>
#include <interfaces/sched.h>
#include <interfaces/tty.h>
#include <interfaces/uaccess.h>
#include <interfaces/vfs.h>
#include <interfaces/wait.h>
#include <tessera/errno.h>
#include <tessera/fs.h>
#include <tessera/kthread.h>
#include <tessera/printk.h>
#include <tessera/sched.h>
#include <tessera/tty.h>
#include <tessera/uaccess.h>
#include <tessera/wait.h>
#include "tty_internal.h"

#define TTY_MAJOR    4                  /* ttyS0 is 4:64 */
#define TTYAUX_MAJOR 5                  /* tty 5:0, console 5:1 */

static struct tty_struct console_tty;
static struct mutex rx_start_lock;

static void tty_ld_output(void *priv, const unsigned char *buf, size_t len)
{
	struct tty_struct *tty = priv;

	if (tty->write)
		tty->write(tty, buf, len);
}

static void tty_ld_signal(void *priv, int sig)
{
	struct tty_struct *tty = priv;

	tty->last_signal = sig;
	tty->nr_signals++;
#ifdef HAVE_PROCESS
	if (tty->pgrp > 0)
		kill_pgrp(tty->pgrp, sig, 1);
#endif
}

static const struct n_tty_cb tty_ld_cb = {
	.output = tty_ld_output,
	.signal = tty_ld_signal,
};

void tty_struct_init(struct tty_struct *tty, const char *name,
		     void (*write)(struct tty_struct *, const unsigned char *, size_t))
{
	memset(tty, 0, sizeof(*tty));
	tty->name = name;
	tty->write = write;
	mutex_init(&tty->lock);
	init_waitqueue_head(&tty->read_wait);
	n_tty_init(&tty->ld, &tty_ld_cb, tty);
	tty->winsize.ws_row = 24;
	tty->winsize.ws_col = 80;
}

size_t tty_receive(struct tty_struct *tty, const unsigned char *buf, size_t count)
{
	size_t n;

	mutex_lock(&tty->lock);
	n = n_tty_receive(&tty->ld, buf, count);
	mutex_unlock(&tty->lock);
	wake_up_all(&tty->read_wait);
	return n;
}

size_t tty_console_receive(const unsigned char *buf, size_t count)
{
	return tty_receive(&console_tty, buf, count);
}

/*
 * The console's output: the printk consoles, as raw text at KERN_EMERG so
 * no console log level hides a program's output. A NUL would end printk's
 * "%.*s" early: NULs are dropped (a terminal shows nothing for them).
 */
static void console_tty_write(struct tty_struct *tty, const unsigned char *buf, size_t len)
{
	(void)tty;
	while (len) {
		size_t n = 0;

		while (n < len && n < 256 && buf[n])
			n++;
		if (n)
			printk(KERN_EMERG "%.*s", (int)n, (const char *)buf);
		if (n < len && !buf[n])
			n++;
		buf += n;
		len -= n;
	}
}

static int tty_rx_thread(void *data)
{
	struct tty_struct *tty = data;

	for (;;) {
		unsigned char buf[64];
		size_t n = 0;
		int c = console_getc();

		buf[n++] = (unsigned char)c;
		while (n < sizeof(buf) && (c = console_trygetc()) >= 0)
			buf[n++] = (unsigned char)c;
		tty_receive(tty, buf, n);
	}
	return 0;
}

/* The console input pump starts with the first reader, so console input
 * stays untouched (for other users, the ktests) until a program reads. */
static void tty_start_rx(struct tty_struct *tty)
{
	struct task_struct *t;

	if (tty != &console_tty || tty->rx_started)
		return;
	mutex_lock(&rx_start_lock);
	if (!tty->rx_started) {
		t = kthread_run(tty_rx_thread, tty, "tty_rx");
		if (!IS_ERR_OR_NULL(t))
			tty->rx_started = true;
	}
	mutex_unlock(&rx_start_lock);
}

static int tty_check_change(struct tty_struct *tty, int sig);

static bool tty_read_ready(struct tty_struct *tty, size_t want)
{
	return n_tty_read_ready(&tty->ld, want);
}

static ssize_t tty_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct tty_struct *tty = file->private_data;
	size_t want = iov_iter_count(to);
	unsigned char kbuf[256];
	long n;

	int err;

	(void)pos;
	if (!want)
		return 0;
	tty_start_rx(tty);
	err = tty_check_change(tty, SIGTTIN);
	if (err)
		return err;
	for (;;) {
		mutex_lock(&tty->lock);
		if (tty_read_ready(tty, want)) {
			n = n_tty_read(&tty->ld, kbuf, want < sizeof(kbuf) ? want : sizeof(kbuf));
			mutex_unlock(&tty->lock);
			if (n == -EAGAIN)
				n = 0;
			if (n > 0 && copy_to_iter(kbuf, (size_t)n, to) < (size_t)n)
				return -EFAULT;
			return n;
		}
		mutex_unlock(&tty->lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(&tty->read_wait, tty_read_ready(tty, want)))
			return -ERESTARTSYS;
	}
}

static ssize_t tty_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct tty_struct *tty = file->private_data;
	unsigned char kbuf[256];
	ssize_t done = 0;

	(void)pos;
	if (tty->ld.termios.c_lflag & TOSTOP) {
		int err = tty_check_change(tty, SIGTTOU);

		if (err)
			return err;
	}
	while (iov_iter_count(from)) {
		size_t n = iov_iter_count(from), c;

		if (n > sizeof(kbuf))
			n = sizeof(kbuf);
		c = copy_from_iter(kbuf, n, from);
		if (c) {
			mutex_lock(&tty->lock);
			n_tty_write(&tty->ld, kbuf, c);
			mutex_unlock(&tty->lock);
			done += (ssize_t)c;
		}
		if (c < n)
			return done ? done : -EFAULT;
	}
	return done;
}

static __poll_t tty_poll(struct file *file, poll_table *pt)
{
	struct tty_struct *tty = file->private_data;
	__poll_t mask = POLLOUT | POLLWRNORM;

	tty_start_rx(tty);
	poll_wait(file, &tty->read_wait, pt);
	/* Cooked: a line or an EOF; raw: any byte (VMIN 0 reads never wait). */
	if ((tty->ld.termios.c_lflag & ICANON) ? tty_read_ready(tty, 1)
					       : n_tty_readable(&tty->ld) > 0)
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

void tty_get_termios(struct tty_struct *tty, struct termios *t)
{
	mutex_lock(&tty->lock);
	*t = tty->ld.termios;
	mutex_unlock(&tty->lock);
}

void tty_set_termios(struct tty_struct *tty, const struct termios *t, bool flush)
{
	mutex_lock(&tty->lock);
	n_tty_set_termios(&tty->ld, t, flush);
	mutex_unlock(&tty->lock);
	wake_up_all(&tty->read_wait);           /* a mode change may complete a read */
}

int tty_set_winsize(struct tty_struct *tty, const struct winsize *ws)
{
	bool changed;
	int pgrp;

	mutex_lock(&tty->lock);
	changed = memcmp(&tty->winsize, ws, sizeof(*ws)) != 0;
	tty->winsize = *ws;
	pgrp = tty->pgrp;
	mutex_unlock(&tty->lock);
#ifdef HAVE_PROCESS
	if (changed && pgrp > 0)
		kill_pgrp(pgrp, SIGWINCH, 1);
#else
	(void)changed; (void)pgrp;
#endif
	return 0;
}

int tty_set_pgrp(struct tty_struct *tty, int pgrp)
{
	if (pgrp <= 0)
		return -EINVAL;
	mutex_lock(&tty->lock);
	tty->pgrp = pgrp;
	mutex_unlock(&tty->lock);
	return 0;
}

int tty_readable(struct tty_struct *tty)
{
	int n;

	mutex_lock(&tty->lock);
	n = (int)n_tty_readable(&tty->ld);
	mutex_unlock(&tty->lock);
	return n;
}

static int current_session(void)
{
#ifdef HAVE_PROCESS
	return current ? task_session_vnr(current) : 0;
#else
	return 0;
#endif
}

static int current_pgrp(void)
{
#ifdef HAVE_PROCESS
	return current ? task_pgrp_vnr(current) : 0;
#else
	return 0;
#endif
}

/*
 * Job control (Linux's __tty_check_change): a process of the terminal's
 * session but not of its foreground group that reads (or writes, with
 * TOSTOP) gets SIGTTIN (SIGTTOU) sent to its group and the call restarts
 * after the stop. With the signal ignored or blocked a read fails with EIO
 * and a write goes ahead. Kernel threads and processes of other sessions
 * are never stopped.
 */
static int tty_check_change(struct tty_struct *tty, int sig)
{
#ifdef HAVE_PROCESS
	struct task_struct *p = current;
	int pgrp;

	if (!p || !p->mm || !tty->session || tty->pgrp <= 0 ||
	    tty->session != task_session_vnr(p))
		return 0;
	pgrp = task_pgrp_vnr(p);
	if (pgrp == tty->pgrp)
		return 0;
	if ((p->blocked & sigmask(sig)) ||
	    (p->sighand && p->sighand->action[sig - 1].handler == SIG_IGN))
		return sig == SIGTTIN ? -EIO : 0;
	kill_pgrp(pgrp, sig, 1);
	return -ERESTARTSYS;
#else
	(void)tty; (void)sig;
	return 0;
#endif
}

/*
 * Whether the terminal still belongs to a session: one whose leader is gone
 * (it exited without disassociate_ctty()) lets the terminal go. Called with
 * tty->lock held.
 */
static bool tty_owned(struct tty_struct *tty)
{
	if (!tty->session)
		return false;
#ifdef HAVE_PROCESS
	if (!find_task_by_vpid(tty->session)) {
		tty->session = 0;
		tty->pgrp = 0;
		return false;
	}
#endif
	return true;
}

/* TIOCSCTTY: the caller's session takes the terminal (arg 1: even from another). */
static int tty_set_ctty(struct tty_struct *tty, unsigned long arg)
{
	int sid = current_session(), err = 0;

	mutex_lock(&tty->lock);
	if (tty_owned(tty) && tty->session != sid && arg != 1) {
		err = -EPERM;
	} else {
		tty->session = sid;
		tty->pgrp = current_pgrp();
	}
	mutex_unlock(&tty->lock);
	return err;
}

void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty = &console_tty;
	int sid = current_session(), pgrp = 0;

	mutex_lock(&tty->lock);
	if (tty->session && tty->session == sid) {
		pgrp = tty->pgrp;
		tty->session = 0;
		tty->pgrp = 0;
	}
	mutex_unlock(&tty->lock);
#ifdef HAVE_PROCESS
	if (on_exit && pgrp > 0) {
		kill_pgrp(pgrp, SIGHUP, 1);
		kill_pgrp(pgrp, SIGCONT, 1);
	}
#else
	(void)on_exit; (void)pgrp;
#endif
}

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct termios t;
	struct winsize ws;
	int v;

	switch (cmd) {
	case TCGETS:
		tty_get_termios(tty, &t);
		return copy_to_user(uarg, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, uarg, sizeof(t)))
			return -EFAULT;
		tty_set_termios(tty, &t, cmd == TCSETSF);
		return 0;
	case TIOCGWINSZ:
		mutex_lock(&tty->lock);
		ws = tty->winsize;
		mutex_unlock(&tty->lock);
		return copy_to_user(uarg, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&ws, uarg, sizeof(ws)))
			return -EFAULT;
		return tty_set_winsize(tty, &ws);
	case TIOCGPGRP:
		/* Linux's tiocgpgrp: only for the terminal's own session (ash
		 * otherwise loops on SIGTTIN waiting to be in the foreground). */
		if (!tty->session || tty->session != current_session())
			return -ENOTTY;
		return put_user(tty->pgrp, (int __user *)uarg);
	case TIOCSPGRP:
		if (get_user(v, (int __user *)uarg))
			return -EFAULT;
		return tty_set_pgrp(tty, v);
	case TIOCGSID:
		if (!tty->session)
			return -ENOTTY;
		return put_user(tty->session, (int __user *)uarg);
	case TIOCSCTTY:
		return tty_set_ctty(tty, arg);
	case TIOCNOTTY:
		if (tty->session && tty->session == current_session() &&
		    current && current->tgid == tty->session)
			disassociate_ctty(0);
		return 0;
	case FIONREAD:
		return put_user(tty_readable(tty), (int __user *)uarg);
	case TIOCOUTQ:
		return put_user(0, (int __user *)uarg);
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {
			mutex_lock(&tty->lock);
			n_tty_flush_input(&tty->ld);
			mutex_unlock(&tty->lock);
		}
		return 0;
	case TCSBRK:
	case TCSBRKP:
	case TCXONC:
		return 0;                       /* output is never held back */
	default:
		return -ENOTTY;
	}
}

static int tty_open(struct inode *inode, struct file *file)
{
	struct tty_struct *tty = &console_tty;

	(void)inode;
	file->private_data = tty;
	/* The first opener that names no terminal yet gets this one. */
	if (!(file->f_flags & O_NOCTTY)) {
		int sid = current_session();

		if (sid > 0) {
			mutex_lock(&tty->lock);
			if (!tty_owned(tty)) {
				tty->session = sid;
				tty->pgrp = current_pgrp();
			}
			mutex_unlock(&tty->lock);
		}
	}
	return 0;
}

static int tty_release(struct inode *inode, struct file *file)
{
	(void)inode;
	file->private_data = NULL;
	return 0;
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.release = tty_release,
	.llseek = no_llseek,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
};

int tty_init(void)
{
	static const struct {
		const char *name;
		unsigned int major, minor;
		umode_t mode;
	} nodes[] = {
		{ "tty", TTYAUX_MAJOR, 0, 0666 },
		{ "console", TTYAUX_MAJOR, 1, 0600 },
		{ "ttyS0", TTY_MAJOR, 64, 0660 },
	};
	unsigned int i;
	int err;

	mutex_init(&rx_start_lock);
	tty_struct_init(&console_tty, "console", console_tty_write);
	err = register_chrdev(TTYAUX_MAJOR, "tty", &tty_fops);
	if (err < 0)
		return err;
	err = register_chrdev(TTY_MAJOR, "ttyS", &tty_fops);
	if (err < 0)
		return err;
	for (i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		err = devtmpfs_create_node(nodes[i].name, S_IFCHR | nodes[i].mode,
					   MKDEV(nodes[i].major, nodes[i].minor));
		if (err && err != -EEXIST)
			return err;
	}
	return 0;
}
