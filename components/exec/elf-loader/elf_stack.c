/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The initial user stack of a new program, as Linux's execve builds it
 * (fs/exec.c copies the strings, fs/binfmt_elf.c create_elf_tables() the
 * tables), into a kernel buffer that will become the top of the user stack:
 * the buffer's last byte is at user address stack_top - 1. From the top:
 *
 *   8 zero bytes                       (Linux keeps the top word NULL)
 *   execfn string                      AT_EXECFN points here
 *   envp strings, envp[0] lowest       env_start .. env_end
 *   argv strings, argv[0] lowest       arg_start .. arg_end
 *   -- aligned down to 16 --
 *   platform string                    AT_PLATFORM (if any)
 *   16 random bytes                    AT_RANDOM
 *   -- aligned down so that sp is 16-byte aligned --
 *   auxv pairs, ending with AT_NULL
 *   NULL, envp[envc-1] .. envp[0]
 *   NULL, argv[argc-1] .. argv[0]
 *   argc                               <- sp
 *
 * Pure: it writes only inside the buffer and checks the space before each
 * write; a layout that does not fit is ELF_E_STACK_FULL.
 */
#include <tessera/elf.h>

#define AUXV_MAX 24                     /* pairs, AT_NULL included */

struct stack_writer {
	u8 *buf;
	unsigned long top;              /* user address of buf + size */
	size_t size;
	size_t pos;                     /* offset of the lowest byte used */
};

static unsigned long user_addr(const struct stack_writer *w, size_t off)
{
	return w->top - (w->size - off);
}

/* Push @len bytes; false if the buffer is full. */
static bool push_bytes(struct stack_writer *w, const void *src, size_t len)
{
	if (len > w->pos)
		return false;
	w->pos -= len;
	__builtin_memcpy(w->buf + w->pos, src, len);
	return true;
}

static size_t str_size(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n + 1;
}

/* The offset at which the user address is aligned down to @a. */
static bool align_pos(struct stack_writer *w, unsigned long a)
{
	unsigned long addr = user_addr(w, w->pos), aligned = addr & ~(a - 1);

	if (addr - aligned > w->pos)
		return false;
	w->pos -= addr - aligned;
	/* Padding reads as zeros, not as stale kernel bytes. */
	__builtin_memset(w->buf + w->pos, 0, addr - aligned);
	return true;
}

/* Strings of one vector, argv[0] lowest: pushed last first. */
static bool push_strings(struct stack_writer *w, unsigned int n, const char *const *v)
{
	while (n--)
		if (!push_bytes(w, v[n], str_size(v[n])))
			return false;
	return true;
}

static void put_word(struct stack_writer *w, size_t off, unsigned long val)
{
	__builtin_memcpy(w->buf + off, &val, sizeof(val));
}

int elf_build_stack(void *buf, size_t size, const struct elf_stack_params *p,
		    struct elf_stack_layout *layout)
{
	struct stack_writer w = { .buf = buf, .top = p->stack_top, .size = size, .pos = size };
	unsigned long auxv[AUXV_MAX * 2], zero = 0, addr;
	unsigned int nr_aux = 0, i;
	size_t words, off, tables_end, gap;

	/* Sizes are bounded by the buffer, so none of the sums below wraps. */
	if (size > p->stack_top || (p->stack_top & 15))
		return ELF_E_STACK_FULL;

	if (!push_bytes(&w, &zero, sizeof(zero)))
		return ELF_E_STACK_FULL;
	if (!push_bytes(&w, p->execfn, str_size(p->execfn)))
		return ELF_E_STACK_FULL;
	layout->execfn = user_addr(&w, w.pos);
	layout->env_end = layout->execfn;
	if (!push_strings(&w, p->envc, p->envp))
		return ELF_E_STACK_FULL;
	layout->env_start = user_addr(&w, w.pos);
	layout->arg_end = layout->env_start;
	if (!push_strings(&w, p->argc, p->argv))
		return ELF_E_STACK_FULL;
	layout->arg_start = user_addr(&w, w.pos);

	if (!align_pos(&w, 16))
		return ELF_E_STACK_FULL;
	layout->platform = 0;
	if (p->platform) {
		if (!push_bytes(&w, p->platform, str_size(p->platform)))
			return ELF_E_STACK_FULL;
		layout->platform = user_addr(&w, w.pos);
	}
	if (!push_bytes(&w, p->random, 16))
		return ELF_E_STACK_FULL;
	layout->random = user_addr(&w, w.pos);

	/* Linux's order (create_elf_tables), the arch's entries first. */
#define AUX(type, val) do { auxv[2 * nr_aux] = (type); auxv[2 * nr_aux + 1] = (val); nr_aux++; } while (0)
	if (p->sysinfo_ehdr)
		AUX(AT_SYSINFO_EHDR, p->sysinfo_ehdr);
	AUX(AT_HWCAP, p->hwcap);
	AUX(AT_PAGESZ, p->pagesz);
	AUX(AT_CLKTCK, p->clktck);
	AUX(AT_PHDR, p->phdr);
	AUX(AT_PHENT, p->phent);
	AUX(AT_PHNUM, p->phnum);
	AUX(AT_BASE, p->base);
	AUX(AT_FLAGS, p->flags);
	AUX(AT_ENTRY, p->entry);
	AUX(AT_UID, p->uid);
	AUX(AT_EUID, p->euid);
	AUX(AT_GID, p->gid);
	AUX(AT_EGID, p->egid);
	AUX(AT_SECURE, p->secure);
	AUX(AT_RANDOM, layout->random);
	if (p->has_hwcap2)
		AUX(AT_HWCAP2, p->hwcap2);
	AUX(AT_EXECFN, layout->execfn);
	if (p->platform)
		AUX(AT_PLATFORM, layout->platform);
	AUX(AT_NULL, 0);
#undef AUX

	/* argc, argv[], NULL, envp[], NULL, auxv: sp 16-byte aligned. */
	words = 1 + (size_t)p->argc + 1 + (size_t)p->envc + 1 + 2 * (size_t)nr_aux;
	if (words > w.pos / sizeof(unsigned long))
		return ELF_E_STACK_FULL;
	tables_end = w.pos;
	w.pos -= words * sizeof(unsigned long);
	if (!align_pos(&w, 16))
		return ELF_E_STACK_FULL;
	layout->sp = user_addr(&w, w.pos);
	/* The gap between the tables and AT_RANDOM's bytes. */
	gap = w.pos + words * sizeof(unsigned long);
	__builtin_memset(w.buf + gap, 0, tables_end - gap);

	off = w.pos;
	put_word(&w, off, p->argc);
	off += sizeof(unsigned long);
	addr = layout->arg_start;
	for (i = 0; i < p->argc; i++, off += sizeof(unsigned long)) {
		put_word(&w, off, addr);
		addr += str_size(p->argv[i]);
	}
	put_word(&w, off, 0);
	off += sizeof(unsigned long);
	for (i = 0; i < p->envc; i++, off += sizeof(unsigned long)) {
		put_word(&w, off, addr);
		addr += str_size(p->envp[i]);
	}
	put_word(&w, off, 0);
	off += sizeof(unsigned long);
	for (i = 0; i < 2 * nr_aux; i++, off += sizeof(unsigned long))
		put_word(&w, off, auxv[i]);
	return ELF_OK;
}
