/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vsnprintf() and snprintf() with C99 semantics: the output is always
 * terminated when size > 0, and the return value is the length the whole
 * output would have had, so callers can detect truncation.
 *
 * Supported: %d %i %u %x %X %o %p %s %c %%, flags "-0+ #", width and
 * precision (also as *), length modifiers hh h l ll j z t. %p prints "0x"
 * and every hex digit of the pointer, so addresses line up in columns.
 *
 * A width or precision above FORMAT_FIELD_MAX (from digits or from a `*`
 * argument, INT_MIN included) is clamped to it, as Linux clamps its field
 * widths: C leaves such formats to the implementation, and clamping keeps
 * every length computed here far from int overflow (undefined behaviour).
 */
#include <stdarg.h>
#include <tessera/types.h>
#ifndef TESSERA_HOST_TEST
#include <interfaces/lib.h>
#endif

#define FLAG_LEFT	0x01	/* '-' */
#define FLAG_ZEROPAD	0x02	/* '0' */
#define FLAG_PLUS	0x04	/* '+' */
#define FLAG_SPACE	0x08	/* ' ' */
#define FLAG_SPECIAL	0x10	/* '#' */
#define FLAG_SIGNED	0x20
#define FLAG_UPPER	0x40
#define FLAG_POINTER	0x80	/* %p: "0x" even for NULL */

/* Where the output goes; bytes past the end are counted but not stored. */
struct out {
	char *buf;
	size_t size;
	size_t pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Largest width or precision; sign + prefix + digits + this fits an int. */
#define FORMAT_FIELD_MAX	((1 << 24) - 1)

struct spec {
	unsigned int flags;
	int width;
	int precision;		/* -1: none given */
	unsigned int base;
};

static void put_number(struct out *o, unsigned long long num, bool negative,
		       const struct spec *spec)
{
	const char *digits = (spec->flags & FLAG_UPPER) ?
		"0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];		/* 22 octal digits hold 64 bits */
	char sign = 0;
	const char *prefix = "";
	int prefix_len = 0;
	bool zero = num == 0;
	int nd = 0, zeros = 0, len, pad;

	if (negative)
		sign = '-';
	else if (spec->flags & FLAG_PLUS)
		sign = '+';
	else if (spec->flags & FLAG_SPACE)
		sign = ' ';

	/* An explicit precision of 0 prints no digits for the value 0. */
	if (num != 0 || spec->precision != 0) {
		do {
			tmp[nd++] = digits[num % spec->base];
			num /= spec->base;
		} while (num);
	}

	if (spec->precision > nd)
		zeros = spec->precision - nd;

	if (spec->flags & FLAG_POINTER ||
	    (spec->flags & FLAG_SPECIAL && spec->base == 16 && !zero)) {
		prefix = (spec->flags & FLAG_UPPER) ? "0X" : "0x";
		prefix_len = 2;
	} else if (spec->flags & FLAG_SPECIAL && spec->base == 8 &&
		   zeros == 0 && (nd == 0 || tmp[nd - 1] != '0')) {
		/* '#' with %o: the first digit printed must be 0. */
		zeros = 1;
	}

	len = (sign != 0) + prefix_len + zeros + nd;
	pad = spec->width > len ? spec->width - len : 0;

	/* C99: the '0' flag is ignored with '-' or with a precision. */
	if ((spec->flags & FLAG_ZEROPAD) && !(spec->flags & FLAG_LEFT) &&
	    spec->precision < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(spec->flags & FLAG_LEFT))
		put_repeat(o, ' ', pad);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	put_repeat(o, '0', zeros);
	while (nd)
		put(o, tmp[--nd]);
	if (spec->flags & FLAG_LEFT)
		put_repeat(o, ' ', pad);
}

static void put_string(struct out *o, const char *s, int len,
		       const struct spec *spec)
{
	int pad = spec->width > len ? spec->width - len : 0;

	if (!(spec->flags & FLAG_LEFT))
		put_repeat(o, ' ', pad);
	while (len--)
		put(o, *s++);
	if (spec->flags & FLAG_LEFT)
		put_repeat(o, ' ', pad);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads the digits of a width or precision, saturating at FORMAT_FIELD_MAX. */
static int parse_int(const char **fmt)
{
	int n = 0;

	while (is_digit(**fmt)) {
		int d = *(*fmt)++ - '0';

		/* Stop growing before n * 10 + d could pass the clamp (or INT_MAX). */
		n = n > (FORMAT_FIELD_MAX - d) / 10 ? FORMAT_FIELD_MAX : n * 10 + d;
	}
	return n;
}

enum length {
	LEN_HH, LEN_H, LEN_INT, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T,
};

static enum length parse_length(const char **fmt)
{
	switch (**fmt) {
	case 'h':
		if ((*fmt)[1] == 'h') {
			*fmt += 2;
			return LEN_HH;
		}
		(*fmt)++;
		return LEN_H;
	case 'l':
		if ((*fmt)[1] == 'l') {
			*fmt += 2;
			return LEN_LL;
		}
		(*fmt)++;
		return LEN_L;
	case 'j':
		(*fmt)++;
		return LEN_J;
	case 'z':
		(*fmt)++;
		return LEN_Z;
	case 't':
		(*fmt)++;
		return LEN_T;
	}
	return LEN_INT;
}

/*
 * va_list is passed by pointer: on x86_64 it is an array type, and C only
 * lets a callee advance the caller's list through a pointer to it.
 */
static long long fetch_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:	return (signed char)va_arg(*ap, int);
	case LEN_H:	return (short)va_arg(*ap, int);
	case LEN_L:	return va_arg(*ap, long);
	case LEN_LL:	return va_arg(*ap, long long);
	case LEN_J:	return va_arg(*ap, intmax_t);
	case LEN_Z:	return va_arg(*ap, ptrdiff_t);	/* signed size_t */
	case LEN_T:	return va_arg(*ap, ptrdiff_t);
	default:	return va_arg(*ap, int);
	}
}

static unsigned long long fetch_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:	return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:	return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:	return va_arg(*ap, unsigned long);
	case LEN_LL:	return va_arg(*ap, unsigned long long);
	case LEN_J:	return va_arg(*ap, uintmax_t);
	case LEN_Z:	return va_arg(*ap, size_t);
	case LEN_T:	return (size_t)va_arg(*ap, ptrdiff_t);
	default:	return va_arg(*ap, unsigned int);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		struct spec spec = { 0, 0, -1, 10 };
		const char *start = fmt;
		enum length len;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;

		for (;; fmt++) {
			if (*fmt == '-')
				spec.flags |= FLAG_LEFT;
			else if (*fmt == '0')
				spec.flags |= FLAG_ZEROPAD;
			else if (*fmt == '+')
				spec.flags |= FLAG_PLUS;
			else if (*fmt == ' ')
				spec.flags |= FLAG_SPACE;
			else if (*fmt == '#')
				spec.flags |= FLAG_SPECIAL;
			else
				break;
		}

		if (*fmt == '*') {
			int w = va_arg(ap, int);
			/* Magnitude in unsigned arithmetic: -INT_MIN overflows an int. */
			unsigned int mag = w < 0 ? -(unsigned int)w : (unsigned int)w;

			fmt++;
			/* A negative width argument means '-' and its magnitude. */
			if (w < 0)
				spec.flags |= FLAG_LEFT;
			spec.width = mag > FORMAT_FIELD_MAX ? FORMAT_FIELD_MAX : (int)mag;
		} else {
			spec.width = parse_int(&fmt);
		}

		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				fmt++;
				spec.precision = va_arg(ap, int);
				/* A negative precision argument means none. */
				if (spec.precision < 0)
					spec.precision = -1;
				else if (spec.precision > FORMAT_FIELD_MAX)
					spec.precision = FORMAT_FIELD_MAX;
			} else {
				spec.precision = parse_int(&fmt);
			}
		}

		len = parse_length(&fmt);

		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = fetch_signed(&ap, len);
			/* Negate in unsigned arithmetic: -LLONG_MIN overflows. */
			unsigned long long mag = v < 0 ? -(unsigned long long)v : (unsigned long long)v;

			put_number(&o, mag, v < 0, &spec);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (*fmt == 'x' || *fmt == 'X')
				spec.base = 16;
			else if (*fmt == 'o')
				spec.base = 8;
			if (*fmt == 'X')
				spec.flags |= FLAG_UPPER;
			/* '+' and ' ' apply to signed conversions only. */
			spec.flags &= ~(FLAG_PLUS | FLAG_SPACE);
			put_number(&o, fetch_unsigned(&ap, len), false, &spec);
			break;
		case 'p':
			spec.base = 16;
			spec.flags = (spec.flags & FLAG_LEFT) | FLAG_POINTER;
			spec.precision = 2 * sizeof(void *);
			put_number(&o, (uintptr_t)va_arg(ap, void *), false, &spec);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t max = spec.precision < 0 ? (size_t)-1 : (size_t)spec.precision;

			if (!s)
				s = "(null)";
			put_string(&o, s, (int)strnlen(s, max), &spec);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);

			put_string(&o, &c, 1, &spec);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:
			/* Unknown conversion: print it as written, so the bug shows. */
			while (start < fmt)
				put(&o, *start++);
			if (!*fmt)
				continue;
			put(&o, *fmt);
			break;
		}
		fmt++;
	}
	va_end(ap);

	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return (int)o.pos;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}
