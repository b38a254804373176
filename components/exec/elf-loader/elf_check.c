/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Checks of an ELF64 executable in memory and the plan to load it: which
 * page ranges to map with which protections, what comes from the file,
 * what is zeroed, the entry point, AT_PHDR, the brk start. Static
 * executables (ET_EXEC) and static-PIE (ET_DYN without PT_INTERP) only.
 *
 * Nothing in the image is trusted: headers are copied out (the buffer may
 * be unaligned), every offset and size is checked against the buffer by
 * subtraction, every address sum with overflow checks, so a malformed
 * image is refused with its reason and never read or planned outside its
 * bounds. tests/test_elf.c runs this very file on the host.
 */
#include <tessera/elf.h>

static bool is_pow2(unsigned long x)
{
	return x && !(x & (x - 1));
}

static unsigned long align_down(unsigned long x, unsigned long a)
{
	return x & ~(a - 1);
}

/* Round up, false if that wraps. */
static bool align_up(unsigned long x, unsigned long a, unsigned long *res)
{
	if (__builtin_add_overflow(x, a - 1, res))
		return false;
	*res &= ~(a - 1);
	return true;
}

static void read_phdr(const u8 *image, const Elf64_Ehdr *eh, unsigned int i, Elf64_Phdr *ph)
{
	__builtin_memcpy(ph, image + eh->e_phoff + (size_t)i * sizeof(*ph), sizeof(*ph));
}

static int check_header(const u8 *image, size_t len, const struct elf_load_params *params,
			Elf64_Ehdr *eh)
{
	if (len < sizeof(*eh))
		return ELF_E_TOO_SMALL;
	__builtin_memcpy(eh, image, sizeof(*eh));
	if (eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' ||
	    eh->e_ident[3] != 'F')
		return ELF_E_MAGIC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return ELF_E_CLASS;
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return ELF_E_DATA;
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return ELF_E_VERSION;
	if (eh->e_machine != params->machine)
		return ELF_E_MACHINE;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return ELF_E_TYPE;
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return ELF_E_PHENTSIZE;
	if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
		return ELF_E_PHNUM;
	if (eh->e_phoff > len ||
	    (size_t)eh->e_phnum * sizeof(Elf64_Phdr) > len - eh->e_phoff)
		return ELF_E_PH_RANGE;
	return ELF_OK;
}

/* One PT_LOAD on its own: sizes, file range, alignment. */
static int check_load(const Elf64_Phdr *ph, size_t len, const struct elf_load_params *params,
		      unsigned long *max_align)
{
	unsigned long end;

	if (ph->p_filesz > ph->p_memsz)
		return ELF_E_SEG_FILESZ;
	if (ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
		return ELF_E_SEG_FILE_RANGE;
	/* p_align 0 and 1 mean "no constraint" (gABI). */
	if (ph->p_align > 1 && (!is_pow2(ph->p_align) || ph->p_align > ELF_MAX_ALIGN))
		return ELF_E_SEG_ALIGN;
	/* mmap maps whole pages: file offset and address agree within one. */
	if ((ph->p_vaddr ^ ph->p_offset) & (params->page_size - 1))
		return ELF_E_SEG_ALIGN;
	if (__builtin_add_overflow(ph->p_vaddr, ph->p_memsz, &end))
		return ELF_E_SEG_RANGE;
	if (ph->p_align > *max_align)
		*max_align = ph->p_align;
	return ELF_OK;
}

/*
 * A link-time address @x of the image, relocated: base + (x - lo). Both
 * are checked so the result lies in [min_addr, task_size].
 */
struct reloc {
	unsigned long lo, base;
};

static bool relocate(const struct reloc *rl, unsigned long x, const struct elf_load_params *params,
		     unsigned long *res)
{
	if (x < rl->lo || __builtin_add_overflow(rl->base, x - rl->lo, res))
		return false;
	return *res >= params->min_addr && *res <= params->task_size;
}

int elf_check_plan(const void *image, size_t len, const struct elf_load_params *params,
		   struct elf_load_plan *plan)
{
	const u8 *img = image;
	unsigned long max_align = params->page_size, page = params->page_size;
	unsigned long prev_start = 0, prev_end = 0, lo = 0, hi = 0, brk = 0;
	bool have_load = false, have_phdr = false, entry_ok = false;
	Elf64_Phdr ph, phdr_seg = { 0 };
	struct reloc rl;
	Elf64_Ehdr eh;
	unsigned int i, n = 0;
	int err;

	__builtin_memset(plan, 0, sizeof(*plan));
	err = check_header(img, len, params, &eh);
	if (err)
		return err;

	/* Pass 1: each header alone, and the PT_LOADs against each other. */
	for (i = 0; i < eh.e_phnum; i++) {
		read_phdr(img, &eh, i, &ph);
		switch (ph.p_type) {
		case PT_INTERP:
			return ELF_E_INTERP;
		case PT_GNU_STACK:
			plan->stack_exec = ph.p_flags & PF_X;
			break;
		case PT_PHDR:
			have_phdr = true;
			phdr_seg = ph;
			break;
		case PT_LOAD:
			err = check_load(&ph, len, params, &max_align);
			if (err)
				return err;
			if (!ph.p_memsz)
				break;          /* maps nothing */
			/* The gABI: PT_LOAD entries ascend by p_vaddr. */
			if (have_load && ph.p_vaddr < prev_start)
				return ELF_E_SEG_ORDER;
			if (have_load && ph.p_vaddr < prev_end)
				return ELF_E_SEG_OVERLAP;
			/* Pages, not bytes: one page cannot carry two protections. */
			if (have_load && align_down(ph.p_vaddr, page) < align_down(prev_end - 1, page) + page)
				return ELF_E_SEG_OVERLAP;
			if (++n > ELF_MAX_LOADS)
				return ELF_E_TOO_MANY_LOADS;
			if (!have_load)
				lo = ph.p_vaddr;
			have_load = true;
			prev_start = ph.p_vaddr;
			prev_end = ph.p_vaddr + ph.p_memsz;     /* no wrap: checked */
			hi = prev_end;
			if ((ph.p_flags & PF_X) && eh.e_entry >= ph.p_vaddr && eh.e_entry < prev_end)
				entry_ok = true;
			break;
		}
	}
	if (!have_load)
		return ELF_E_NO_LOAD;
	if (!entry_ok)
		return ELF_E_ENTRY;

	/* Where the image goes: as linked (ET_EXEC) or at dyn_base (ET_DYN). */
	rl.lo = align_down(lo, max_align);
	if (eh.e_type == ET_DYN) {
		if (!align_up(params->dyn_base, max_align, &rl.base))
			return ELF_E_SEG_RANGE;
	} else {
		rl.base = rl.lo;
	}
	plan->type = eh.e_type;
	plan->load_bias = rl.base - rl.lo;
	plan->phnum = eh.e_phnum;
	plan->phent = eh.e_phentsize;
	if (!relocate(&rl, eh.e_entry, params, &plan->entry))
		return ELF_E_SEG_RANGE;
	/* The whole image, page-rounded, inside the address space. */
	{
		unsigned long top;

		if (!relocate(&rl, hi, params, &top) || !align_up(top, page, &top) ||
		    top > params->task_size)
			return ELF_E_SEG_RANGE;
		if (!relocate(&rl, align_down(lo, page), params, &top))
			return ELF_E_SEG_RANGE;
	}
	plan->start_code = ~0UL;

	/* Pass 2: the plan, every address now known to be in range. */
	for (i = 0; i < eh.e_phnum; i++) {
		struct elf_segment *s;
		unsigned long va = 0, va_end = 0;

		read_phdr(img, &eh, i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		s = &plan->seg[plan->nr_segments++];
		/* In range: between the first segment's start and hi, checked above. */
		relocate(&rl, ph.p_vaddr, params, &va);
		relocate(&rl, ph.p_vaddr + ph.p_memsz, params, &va_end);
		s->start = align_down(va, page);
		align_up(va_end, page, &s->end);
		s->file_offset = align_down(ph.p_offset, page);
		s->file_size = ph.p_filesz ? va - s->start + ph.p_filesz : 0;
		s->zero_start = va + ph.p_filesz;
		s->zero_end = va_end;
		s->prot = (ph.p_flags & PF_R ? ELF_PROT_READ : 0) |
			  (ph.p_flags & PF_W ? ELF_PROT_WRITE : 0) |
			  (ph.p_flags & PF_X ? ELF_PROT_EXEC : 0);

		/* As Linux's load_elf_binary() computes them. */
		if ((ph.p_flags & PF_X) && va < plan->start_code)
			plan->start_code = va;
		if (va > plan->start_data)
			plan->start_data = va;
		if ((ph.p_flags & PF_X) && va + ph.p_filesz > plan->end_code)
			plan->end_code = va + ph.p_filesz;
		if (va + ph.p_filesz > plan->end_data)
			plan->end_data = va + ph.p_filesz;
		if (va_end > brk)
			brk = va_end;

		/* AT_PHDR: the PT_PHDR address, or where the table is loaded. */
		if (!have_phdr && eh.e_phoff >= ph.p_offset &&
		    eh.e_phoff - ph.p_offset <= ph.p_filesz &&
		    (size_t)eh.e_phnum * sizeof(Elf64_Phdr) <= ph.p_filesz - (eh.e_phoff - ph.p_offset) &&
		    !plan->phdr_addr)
			plan->phdr_addr = va + (eh.e_phoff - ph.p_offset);
		if (have_phdr && phdr_seg.p_vaddr >= ph.p_vaddr &&
		    phdr_seg.p_vaddr - ph.p_vaddr <= ph.p_filesz &&
		    phdr_seg.p_memsz <= ph.p_filesz - (phdr_seg.p_vaddr - ph.p_vaddr))
			plan->phdr_addr = va + (phdr_seg.p_vaddr - ph.p_vaddr);
	}
	if (have_phdr && !plan->phdr_addr)
		return ELF_E_PHDR;
	align_up(brk, page, &plan->brk_start);
	return ELF_OK;
}

static const char *const elf_errors[ELF_NR_ERRORS] = {
	[0]                      = "ok",
	[-ELF_E_TOO_SMALL]       = "shorter than an ELF header",
	[-ELF_E_MAGIC]           = "not ELF",
	[-ELF_E_CLASS]           = "not ELF64",
	[-ELF_E_DATA]            = "not little-endian",
	[-ELF_E_VERSION]         = "unknown ELF version",
	[-ELF_E_MACHINE]         = "wrong machine",
	[-ELF_E_TYPE]            = "not an executable",
	[-ELF_E_PHENTSIZE]       = "bad program header size",
	[-ELF_E_PHNUM]           = "bad program header count",
	[-ELF_E_PH_RANGE]        = "program headers past the end",
	[-ELF_E_INTERP]          = "dynamically linked (PT_INTERP)",
	[-ELF_E_NO_LOAD]         = "no loadable segment",
	[-ELF_E_TOO_MANY_LOADS]  = "too many loadable segments",
	[-ELF_E_SEG_FILESZ]      = "segment file size above memory size",
	[-ELF_E_SEG_FILE_RANGE]  = "segment past the end of the file",
	[-ELF_E_SEG_ALIGN]       = "bad segment alignment",
	[-ELF_E_SEG_ORDER]       = "segments out of order",
	[-ELF_E_SEG_OVERLAP]     = "segments overlap",
	[-ELF_E_SEG_RANGE]       = "segment outside the address space",
	[-ELF_E_ENTRY]           = "entry point not in an executable segment",
	[-ELF_E_PHDR]            = "PT_PHDR not loaded",
	[-ELF_E_STACK_FULL]      = "arguments do not fit the stack",
};

const char *elf_strerror(int err)
{
	if (err > 0 || err <= -ELF_NR_ERRORS)
		return "unknown error";
	return elf_errors[-err];
}
