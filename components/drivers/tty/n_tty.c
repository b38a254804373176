/* SPDX-License-Identifier: Apache-2.0 */
/*
 * N_TTY (see n_tty.h): Linux's line discipline semantics, written for
 * Tessera. Input is one ring of N_TTY_BUF_SIZE bytes with free-running
 * indices:
 *
 *   read_tail <= canon_head <= read_head
 *
 * In canonical mode [read_tail, canon_head) is complete lines a reader may
 * take, [canon_head, read_head) the line being edited (erase and kill act
 * there). In raw mode canon_head follows read_head. A slot's flags mark
 * where a line ends and which slots are EOF marks.
 */
#include <tessera/errno.h>
#include "n_tty.h"

#define L(ld, f) ((ld)->termios.c_lflag & (f))
#define I(ld, f) ((ld)->termios.c_iflag & (f))
#define O(ld, f) ((ld)->termios.c_oflag & (f))
#define CC(ld, i) ((ld)->termios.c_cc[(i)])

enum { ERASE, WERASE, KILL };

static bool is_cntrl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static bool is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* A c_cc entry that matches @c: 0 (_POSIX_VDISABLE) never matches. */
static bool is_cc(const struct n_tty *ld, unsigned int idx, unsigned char c)
{
	return CC(ld, idx) != 0 && CC(ld, idx) == c;
}

void n_tty_std_termios(struct termios *t)
{
	static const char cc[] = INIT_C_CC;
	unsigned int i;

	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	t->c_line = 0;
	for (i = 0; i < NCCS; i++)
		t->c_cc[i] = i < sizeof(cc) ? (cc_t)cc[i] : 0;
}

static void flush_output(struct n_tty *ld)
{
	if (ld->olen && ld->cb && ld->cb->output)
		ld->cb->output(ld->priv, ld->obuf, ld->olen);
	ld->olen = 0;
}

static void put_out(struct n_tty *ld, unsigned char c)
{
	if (ld->olen == sizeof(ld->obuf))
		flush_output(ld);
	ld->obuf[ld->olen++] = c;
}

/* One byte through OPOST processing, tracking the cursor column. */
static void output_char(struct n_tty *ld, unsigned char c)
{
	if (!O(ld, OPOST)) {
		put_out(ld, c);
		return;
	}
	switch (c) {
	case '\n':
		if (O(ld, ONLCR)) {
			put_out(ld, '\r');
			ld->column = 0;
		}
		if (O(ld, ONLRET))
			ld->column = 0;
		ld->canon_column = ld->column;
		put_out(ld, '\n');
		return;
	case '\r':
		if (O(ld, ONOCR) && ld->column == 0)
			return;
		if (O(ld, OCRNL)) {
			if (O(ld, ONLRET))
				ld->canon_column = ld->column = 0;
			put_out(ld, '\n');
			return;
		}
		ld->canon_column = ld->column = 0;
		put_out(ld, '\r');
		return;
	case '\t':
		ld->column = (ld->column | 7) + 1;
		put_out(ld, '\t');
		return;
	case '\b':
		if (ld->column > 0)
			ld->column--;
		put_out(ld, '\b');
		return;
	default:
		if (O(ld, OLCUC) && c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		/* UTF-8 continuation bytes take no column of their own. */
		if (!is_cntrl(c) && !(I(ld, IUTF8) && (c & 0xc0) == 0x80))
			ld->column++;
		put_out(ld, c);
	}
}

/* Echo of one input byte: control characters as ^X with ECHOCTL. */
static void echo_char(struct n_tty *ld, unsigned char c)
{
	if (L(ld, ECHOCTL) && is_cntrl(c) && c != '\t' && c != '\n') {
		output_char(ld, '^');
		output_char(ld, c == 0x7f ? '?' : (unsigned char)(c ^ 0100));
		return;
	}
	output_char(ld, c);
}

void n_tty_flush_input(struct n_tty *ld)
{
	ld->read_tail = ld->canon_head = ld->read_head;
	ld->lnext = false;
}

void n_tty_init(struct n_tty *ld, const struct n_tty_cb *cb, void *priv)
{
	size_t i;

	for (i = 0; i < N_TTY_BUF_SIZE; i++)
		ld->flags[i] = 0;
	ld->read_tail = ld->canon_head = ld->read_head = 0;
	ld->column = ld->canon_column = 0;
	ld->lnext = ld->stopped = false;
	ld->olen = 0;
	ld->cb = cb;
	ld->priv = priv;
	n_tty_std_termios(&ld->termios);
}

void n_tty_set_termios(struct n_tty *ld, const struct termios *t, bool flush)
{
	bool was_canon = L(ld, ICANON);
	size_t i;

	ld->termios = *t;
	if (flush)
		n_tty_flush_input(ld);
	if (!L(ld, ICANON)) {
		/* Raw: everything typed so far is readable. */
		ld->canon_head = ld->read_head;
	} else if (!was_canon) {
		/* Back to cooked: what is pending becomes the line being edited. */
		for (i = ld->read_tail; i != ld->read_head; i++)
			ld->flags[i & N_TTY_MASK] = 0;
		ld->canon_head = ld->read_tail;
		ld->canon_column = ld->column;
	}
	if (!I(ld, IXON))
		ld->stopped = false;
}

static size_t used(const struct n_tty *ld)
{
	return ld->read_head - ld->read_tail;
}

static void put_byte(struct n_tty *ld, unsigned char c, unsigned char flags)
{
	size_t i = ld->read_head & N_TTY_MASK;

	ld->buf[i] = c;
	ld->flags[i] = flags;
	ld->read_head++;
}

/* The column the cursor had after echoing the edited line up to read_head. */
static unsigned int line_column(const struct n_tty *ld)
{
	unsigned int col = ld->canon_column;
	size_t i;

	for (i = ld->canon_head; i != ld->read_head; i++) {
		unsigned char c = ld->buf[i & N_TTY_MASK];

		if (c == '\t')
			col = (col | 7) + 1;
		else if (is_cntrl(c))
			col += L(ld, ECHOCTL) ? 2 : 0;
		else if (!(I(ld, IUTF8) && (c & 0xc0) == 0x80))
			col++;
	}
	return col;
}

static void rubout(struct n_tty *ld, unsigned int n)
{
	while (n--) {
		output_char(ld, '\b');
		output_char(ld, ' ');
		output_char(ld, '\b');
	}
}

/* ERASE, WERASE (a word) or KILL (the line) from the line being edited. */
static void eraser(struct n_tty *ld, unsigned char c, int kind)
{
	bool seen_word = false;

	if (ld->read_head == ld->canon_head)
		return;
	if (kind == KILL && (!L(ld, ECHO) || !L(ld, ECHOK) || !L(ld, ECHOKE) ||
			     !L(ld, ECHOE))) {
		ld->read_head = ld->canon_head;
		if (L(ld, ECHO)) {
			echo_char(ld, c);
			if (L(ld, ECHOK))
				output_char(ld, '\n');
		}
		return;
	}
	while (ld->read_head != ld->canon_head) {
		unsigned char prev = ld->buf[(ld->read_head - 1) & N_TTY_MASK];
		unsigned int before;

		if (kind == WERASE) {
			if (is_word(prev))
				seen_word = true;
			else if (seen_word)
				break;
		}
		ld->read_head--;
		/* A UTF-8 character goes whole: its continuation bytes first. */
		if (I(ld, IUTF8) && (prev & 0xc0) == 0x80) {
			while (ld->read_head != ld->canon_head) {
				unsigned char p = ld->buf[(ld->read_head - 1) & N_TTY_MASK];

				ld->read_head--;
				if ((p & 0xc0) != 0x80)
					break;
			}
		}
		if (L(ld, ECHO)) {
			if (!L(ld, ECHOE)) {
				echo_char(ld, CC(ld, VERASE));
			} else if (prev == '\t') {
				before = line_column(ld);
				while (ld->column > before) {
					put_out(ld, '\b');
					ld->column--;
				}
			} else if (is_cntrl(prev)) {
				if (L(ld, ECHOCTL))
					rubout(ld, 2);
			} else {
				rubout(ld, 1);
			}
		}
		if (kind == ERASE)
			break;
	}
}

static void isig(struct n_tty *ld, int sig, unsigned char c)
{
	if (!L(ld, NOFLSH))
		n_tty_flush_input(ld);
	if (L(ld, ECHO))
		echo_char(ld, c);
	flush_output(ld);
	if (ld->cb && ld->cb->signal)
		ld->cb->signal(ld->priv, sig);
}

static void end_line(struct n_tty *ld, unsigned char c, unsigned char flags)
{
	put_byte(ld, c, flags | N_TTY_LINE_END);
	ld->canon_head = ld->read_head;
}

static void receive_char(struct n_tty *ld, unsigned char c)
{
	bool canon = L(ld, ICANON);

	if (I(ld, ISTRIP))
		c &= 0x7f;
	if (ld->lnext) {
		ld->lnext = false;
		goto literal;
	}
	if (I(ld, IXON)) {
		if (is_cc(ld, VSTOP, c)) {
			ld->stopped = true;
			return;
		}
		if (is_cc(ld, VSTART, c)) {
			ld->stopped = false;
			return;
		}
	}
	if (L(ld, ISIG)) {
		if (is_cc(ld, VINTR, c)) {
			isig(ld, SIGINT, c);
			return;
		}
		if (is_cc(ld, VQUIT, c)) {
			isig(ld, SIGQUIT, c);
			return;
		}
		if (is_cc(ld, VSUSP, c)) {
			isig(ld, SIGTSTP, c);
			return;
		}
	}
	if (c == '\r') {
		if (I(ld, IGNCR))
			return;
		if (I(ld, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(ld, INLCR)) {
		c = '\r';
	}
	if (canon) {
		if (is_cc(ld, VERASE, c) || (L(ld, IEXTEN) && is_cc(ld, VWERASE, c)) ||
		    is_cc(ld, VKILL, c)) {
			eraser(ld, c, is_cc(ld, VERASE, c) ? ERASE :
				      is_cc(ld, VKILL, c) ? KILL : WERASE);
			return;
		}
		if (L(ld, IEXTEN) && is_cc(ld, VLNEXT, c)) {
			ld->lnext = true;
			if (L(ld, ECHO) && L(ld, ECHOCTL)) {
				output_char(ld, '^');
				output_char(ld, '\b');
			}
			return;
		}
		if (c == '\n' || is_cc(ld, VEOL, c) || (L(ld, IEXTEN) && is_cc(ld, VEOL2, c))) {
			if (used(ld) >= N_TTY_BUF_SIZE)
				return;
			if (L(ld, ECHO) || (c == '\n' && L(ld, ECHONL)))
				echo_char(ld, c);
			end_line(ld, c, 0);
			return;
		}
		if (is_cc(ld, VEOF, c)) {
			if (used(ld) >= N_TTY_BUF_SIZE)
				return;
			end_line(ld, 0, N_TTY_EOF);
			return;
		}
	}
literal:
	/* One slot stays free in cooked mode for the line's terminator. */
	if (used(ld) >= N_TTY_BUF_SIZE - (canon ? 1 : 0))
		return;
	if (L(ld, ECHO)) {
		if (canon && ld->read_head == ld->canon_head)
			ld->canon_column = ld->column;
		echo_char(ld, c);
	}
	put_byte(ld, c, 0);
	if (!canon)
		ld->canon_head = ld->read_head;
}

size_t n_tty_receive(struct n_tty *ld, const unsigned char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		receive_char(ld, buf[i]);
	flush_output(ld);
	return len;
}

size_t n_tty_readable(const struct n_tty *ld)
{
	size_t n = 0, i;

	if (!L(ld, ICANON))
		return ld->read_head - ld->read_tail;
	for (i = ld->read_tail; i != ld->canon_head; i++)
		if (!(ld->flags[i & N_TTY_MASK] & N_TTY_EOF))
			n++;
	return n;
}

bool n_tty_read_ready(const struct n_tty *ld, size_t want)
{
	size_t have, min;

	if (L(ld, ICANON))
		return ld->canon_head != ld->read_tail;
	have = ld->read_head - ld->read_tail;
	min = CC(ld, VMIN);
	if (min == 0)
		return true;            /* VMIN 0: a read never waits (VTIME is not timed) */
	if (min > want)
		min = want;
	return have >= (min ? min : 1);
}

long n_tty_read(struct n_tty *ld, unsigned char *dst, size_t len)
{
	size_t copied = 0;

	if (!L(ld, ICANON)) {
		if (ld->read_head == ld->read_tail)
			return CC(ld, VMIN) ? -EAGAIN : 0;
		while (copied < len && ld->read_tail != ld->read_head)
			dst[copied++] = ld->buf[ld->read_tail++ & N_TTY_MASK];
		ld->canon_head = ld->read_head;
		return (long)copied;
	}
	if (ld->read_tail == ld->canon_head)
		return -EAGAIN;
	while (copied < len && ld->read_tail != ld->canon_head) {
		size_t i = ld->read_tail & N_TTY_MASK;
		unsigned char f = ld->flags[i];

		ld->read_tail++;
		if (f & N_TTY_EOF)
			break;          /* consumed; ends this read (0 when alone: EOF) */
		dst[copied++] = ld->buf[i];
		if (f & N_TTY_LINE_END)
			break;
	}
	return (long)copied;
}

void n_tty_write(struct n_tty *ld, const unsigned char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		output_char(ld, buf[i]);
	flush_output(ld);
}
