/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the N_TTY line discipline (n_tty.c, ASan + UBSan): cooked
 * lines, erase/word-erase/kill with their echo, ^C/^\/^Z raising signals
 * and flushing, ^D as end of file, ^V literal next, CR/NL mapping, raw
 * mode with VMIN, switching modes, output processing, overflow, UTF-8
 * erase, and a fixed-seed fuzz of random bytes under random settings that
 * checks the ring's invariants.
 */
#include <string.h>

#include <tessera/testing/check.h>

#include "../n_tty.c"

static unsigned char echo[65536];
static size_t echo_len;
static int sigs[64];
static size_t nsigs;

static void cb_output(void *priv, const unsigned char *buf, size_t len)
{
	(void)priv;
	CHECK(len > 0);
	if (echo_len + len <= sizeof(echo)) {
		memcpy(echo + echo_len, buf, len);
		echo_len += len;
	}
}

static void cb_signal(void *priv, int sig)
{
	(void)priv;
	if (nsigs < 64)
		sigs[nsigs++] = sig;
}

static const struct n_tty_cb cb = { cb_output, cb_signal };
static struct n_tty ld;

static void reset(void)
{
	n_tty_init(&ld, &cb, NULL);
	echo_len = 0;
	nsigs = 0;
}

static void type(const char *s)
{
	CHECK(n_tty_receive(&ld, (const unsigned char *)s, strlen(s)) == strlen(s));
}

static bool echo_is(const char *want)
{
	return echo_len == strlen(want) && memcmp(echo, want, echo_len) == 0;
}

static bool read_is(const char *want)
{
	unsigned char buf[8192];
	long n = n_tty_read(&ld, buf, sizeof(buf));

	if (n < 0)
		return false;
	return (size_t)n == strlen(want) && memcmp(buf, want, (size_t)n) == 0;
}

static void cooked_lines(void)
{
	reset();
	type("ab");
	CHECK(echo_is("ab"));
	CHECK(!n_tty_read_ready(&ld, 100));
	CHECK(n_tty_readable(&ld) == 0);
	CHECK(n_tty_read(&ld, (unsigned char[4]){ 0 }, 4) == -EAGAIN);
	type("\r");                      /* ICRNL */
	CHECK(echo_is("ab\r\n"));        /* ONLCR on the echo */
	CHECK(n_tty_read_ready(&ld, 100));
	CHECK(n_tty_readable(&ld) == 3);
	type("cd\nef");
	CHECK(read_is("ab\n"));          /* one line per read */
	CHECK(read_is("cd\n"));
	CHECK(n_tty_read(&ld, (unsigned char[4]){ 0 }, 4) == -EAGAIN);
	type("\n");
	CHECK(read_is("ef\n"));

	/* A short read takes part of a line; the rest stays. */
	reset();
	type("hello\n");
	{
		unsigned char b[3];

		CHECK(n_tty_read(&ld, b, 3) == 3 && memcmp(b, "hel", 3) == 0);
	}
	CHECK(read_is("lo\n"));
}

static void erase_kill(void)
{
	reset();
	type("abc\x7f");
	CHECK(echo_is("abc\b \b"));
	type("\n");
	CHECK(read_is("ab\n"));

	reset();
	type("\x7f\x7f");                /* nothing to erase: no echo */
	CHECK(echo_is(""));

	reset();
	type("abc\x15" "d\n");           /* ^U kills the line (ECHOKE: rubbed out) */
	CHECK(echo_is("abc\b \b\b \b\b \bd\r\n"));
	CHECK(read_is("d\n"));

	reset();
	ld.termios.c_lflag &= ~ECHOKE;   /* kill echoed as ^U and a newline */
	type("xy\x15z\n");
	CHECK(echo_is("xy^U\r\nz\r\n"));
	CHECK(read_is("z\n"));

	reset();
	type("foo bar  \x17" "baz\n");   /* ^W erases the word and the blanks after it */
	CHECK(read_is("foo baz\n"));

	reset();
	type("a\x01\x7f");               /* a control char was echoed as ^A: two columns */
	CHECK(echo_is("a^A\b \b\b \b"));

	reset();
	type("a\tb\x7f\x7f");            /* tab erase goes back to column 1 */
	CHECK(echo_is("a\tb\b \b" "\b\b\b\b\b\b\b"));
	CHECK(ld.column == 1);
	type("\n");
	CHECK(read_is("a\n"));

	/* The prompt's column is where the line began. */
	reset();
	n_tty_write(&ld, (const unsigned char *)"$ ", 2);
	type("\t\x7f");
	CHECK(echo_is("$ \t\b\b\b\b\b\b"));

	reset();
	ld.termios.c_iflag |= IUTF8;
	type("x\xc3\xa9\x7f\n");         /* U+00E9 goes whole */
	CHECK(read_is("x\n"));
	CHECK(echo_is("x\xc3\xa9\b \b\r\n"));

	reset();
	ld.termios.c_lflag &= ~ECHOE;    /* without ECHOE the erase char is echoed */
	type("ab\x7f\n");
	CHECK(echo_is("ab^?\r\n"));
	CHECK(read_is("a\n"));
}

static void signals(void)
{
	reset();
	type("abc\x03");
	CHECK(nsigs == 1 && sigs[0] == SIGINT);
	CHECK(echo_is("abc^C"));
	type("\n");
	CHECK(read_is("\n"));            /* the partial line was flushed */

	reset();
	type("x\n\x1c");                 /* ^\ flushes complete lines too */
	CHECK(nsigs == 1 && sigs[0] == SIGQUIT);
	CHECK(n_tty_read(&ld, (unsigned char[4]){ 0 }, 4) == -EAGAIN);
	type("\x1a");
	CHECK(nsigs == 2 && sigs[1] == SIGTSTP);

	reset();
	ld.termios.c_lflag |= NOFLSH;
	type("keep\n\x03");
	CHECK(nsigs == 1);
	CHECK(read_is("keep\n"));

	reset();
	ld.termios.c_lflag &= ~ISIG;     /* no ISIG: ^C is data */
	type("\x03\n");
	CHECK(nsigs == 0);
	CHECK(read_is("\x03\n"));

	reset();
	ld.termios.c_cc[VINTR] = 0;      /* disabled (0) never matches NUL */
	type("a");
	n_tty_receive(&ld, (const unsigned char *)"\0\n", 2);
	CHECK(nsigs == 0);
	{
		unsigned char b[8];

		CHECK(n_tty_read(&ld, b, 8) == 3 && b[1] == 0);
	}
}

static void end_of_file(void)
{
	unsigned char b[16];

	reset();
	type("\x04");
	CHECK(echo_is(""));
	CHECK(n_tty_read_ready(&ld, 16));
	CHECK(n_tty_readable(&ld) == 0);
	CHECK(n_tty_read(&ld, b, 16) == 0);            /* end of file */
	CHECK(n_tty_read(&ld, b, 16) == -EAGAIN);      /* consumed */

	reset();
	type("ab\x04" "cd\n");
	CHECK(read_is("ab"));                          /* pushed without a newline */
	CHECK(read_is("cd\n"));

	reset();
	type("\x16\x04\x16\x03\n");                    /* ^V: literal ^D and ^C */
	CHECK(nsigs == 0);
	CHECK(read_is("\x04\x03\n"));
	CHECK(echo_is("^\b^D^\b^C\r\n"));
}

static void raw_mode(void)
{
	struct termios t;
	unsigned char b[16];

	reset();
	type("par");                                   /* a partial cooked line */
	t = ld.termios;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	n_tty_set_termios(&ld, &t, false);
	CHECK(n_tty_readable(&ld) == 3);               /* becomes readable */
	CHECK(read_is("par"));
	echo_len = 0;
	type("x\x7f\x04");                             /* no editing, no echo */
	CHECK(echo_is(""));
	CHECK(read_is("x\x7f\x04"));
	CHECK(n_tty_read(&ld, b, 16) == -EAGAIN);
	CHECK(!n_tty_read_ready(&ld, 16));

	t.c_cc[VMIN] = 4;
	n_tty_set_termios(&ld, &t, false);
	type("abc");
	CHECK(!n_tty_read_ready(&ld, 16));
	CHECK(n_tty_read_ready(&ld, 2));               /* VMIN capped at the request */
	type("d");
	CHECK(n_tty_read_ready(&ld, 16));
	CHECK(read_is("abcd"));

	t.c_cc[VMIN] = 0;                              /* polling read */
	n_tty_set_termios(&ld, &t, false);
	CHECK(n_tty_read_ready(&ld, 16));
	CHECK(n_tty_read(&ld, b, 16) == 0);

	type("zz");                                    /* TCSETSF drops input */
	n_tty_set_termios(&ld, &t, true);
	CHECK(n_tty_readable(&ld) == 0);

	/* Back to cooked: pending bytes are the line being edited. */
	type("ab");
	t.c_lflag |= ICANON | ECHO;
	n_tty_set_termios(&ld, &t, false);
	CHECK(!n_tty_read_ready(&ld, 16));
	type("\x7f\n");
	CHECK(read_is("a\n"));
}

static void output(void)
{
	reset();
	n_tty_write(&ld, (const unsigned char *)"x\ny\n", 4);
	CHECK(echo_is("x\r\ny\r\n"));
	reset();
	ld.termios.c_oflag &= ~OPOST;
	n_tty_write(&ld, (const unsigned char *)"x\ny\n", 4);
	CHECK(echo_is("x\ny\n"));
	reset();
	ld.termios.c_oflag |= OCRNL;
	n_tty_write(&ld, (const unsigned char *)"a\rb", 3);
	CHECK(echo_is("a\nb"));
	reset();                                       /* more than one output buffer */
	{
		static unsigned char big[1000];

		memset(big, 'q', sizeof(big));
		n_tty_write(&ld, big, sizeof(big));
		CHECK(echo_len == sizeof(big));
	}
}

static void overflow(void)
{
	static char line[6000];
	unsigned char b[8192];
	long n;

	reset();
	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = 0;
	type(line);
	type("\n");                                    /* the newline still fits */
	n = n_tty_read(&ld, b, sizeof(b));
	CHECK(n == (long)N_TTY_BUF_SIZE);
	CHECK(n > 0 && b[n - 1] == '\n');
	CHECK(n_tty_read(&ld, b, sizeof(b)) == -EAGAIN);
	/* The ring wrapped: it still works. */
	type("ok\n");
	CHECK(read_is("ok\n"));
}

static void fuzz(uint64_t seed)
{
	static const unsigned char interesting[] = {
		'\n', '\r', 0x03, 0x04, 0x15, 0x16, 0x17, 0x1a, 0x1c, 0x7f, '\t', 0x11, 0x13, 0xc3, 0xa9,
	};
	unsigned char b[512];
	unsigned int step;

	check_context("seed %llu", (unsigned long long)seed);
	rng_seed(seed);
	reset();
	ld.read_tail = ld.canon_head = ld.read_head = (size_t)0 - 1000;  /* wrap soon */
	for (step = 0; step < 20000; step++) {
		unsigned int what = (unsigned int)rng_below(100);

		if (what < 60) {
			unsigned char c = rng_below(2) ? interesting[rng_below(sizeof(interesting))]
						       : (unsigned char)rng_below(256);

			n_tty_receive(&ld, &c, 1);
		} else if (what < 90) {
			size_t want = (size_t)rng_below(sizeof(b)) + 1;
			size_t avail = n_tty_readable(&ld);
			bool canon = ld.termios.c_lflag & ICANON;
			long n = n_tty_read(&ld, b, want);

			CHECK(n <= (long)want);
			if (n > 0)
				CHECK((size_t)n <= avail);
			/* Nothing to read in cooked mode is -EAGAIN, never 0 without an EOF. */
			if (canon && avail == 0 && n == -EAGAIN)
				CHECK(!n_tty_read_ready(&ld, want));
		} else if (what < 95) {
			struct termios t = ld.termios;

			t.c_lflag ^= (tcflag_t)(1u << rng_below(16));
			t.c_iflag ^= (tcflag_t)(1u << rng_below(15));
			t.c_oflag ^= (tcflag_t)(1u << rng_below(6));
			t.c_cc[VMIN] = (cc_t)rng_below(3);
			n_tty_set_termios(&ld, &t, rng_below(10) == 0);
		} else {
			n_tty_write(&ld, (const unsigned char *)"abc\n\t\r\b", 7);
		}
		if (!CHECK(ld.read_head - ld.read_tail <= N_TTY_BUF_SIZE) ||
		    !CHECK(ld.canon_head - ld.read_tail <= ld.read_head - ld.read_tail))
			return;
		if (!(ld.termios.c_lflag & ICANON))
			CHECK(ld.canon_head == ld.read_head);
		echo_len = 0;
	}
	check_context("%s", "");
}

int main(void)
{
	uint64_t seed;

	cooked_lines();
	erase_kill();
	signals();
	end_of_file();
	raw_mode();
	output();
	overflow();
	for (seed = 1; seed <= 20; seed++)
		fuzz(seed);
	return check_summary("n_tty");
}
