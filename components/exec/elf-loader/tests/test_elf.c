/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of elf_check.c and elf_stack.c (ASan + UBSan):
 *  - real static programs built here (`gcc -static`, `gcc -static-pie`,
 *    `riscv64-linux-gnu-gcc -static`): each accepted for its machine, and
 *    its plan matches `readelf -lW`; a dynamic program is refused for its
 *    PT_INTERP; a foreign machine is refused;
 *  - hand-made mutations that break one rule each, refused with their error;
 *  - a fixed-seed mutation fuzz of the headers: no access outside the exact
 *    buffer, and every accepted plan is coherent (in range, ordered, inside
 *    the file);
 *  - the stack builder read back by an independent parser of the layout:
 *    argc/argv/envp/auxv, strings, alignment, and every smaller buffer
 *    refused without a write outside it.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tessera/compiler.h>
#include <tessera/testing/blob.h>
#include <tessera/testing/check.h>

#include "../elf_check.c"
#include "../elf_stack.c"

static char tmpdir[] = "/tmp/test_elf.XXXXXX";

static const struct elf_load_params x86_params = {
	.machine = EM_X86_64, .page_size = 4096, .min_addr = 65536,
	.task_size = 0x7ffffffff000UL, .dyn_base = 0x555555554000UL,
};
static const struct elf_load_params rv_params = {
	.machine = EM_RISCV, .page_size = 4096, .min_addr = 65536,
	.task_size = 0x4000000000UL, .dyn_base = 0x2aaaaaa000UL,
};

/* Build @src with @cc and @flags into tmpdir/@name; false if the toolchain cannot. */
static bool build(const char *cc, const char *flags, const char *name, char *path, size_t n)
{
	char cmd[1024];

	snprintf(path, n, "%s/%s", tmpdir, name);
	snprintf(cmd, sizeof(cmd),
		 "printf 'int counter = 1; char bss[100000];\\nint main(void) { return counter + bss[7]; }\\n' |"
		 " %s %s -x c -o %s - 2>/dev/null", cc, flags, path);
	return system(cmd) == 0;
}

/* The LOAD lines of `readelf -lW`, with the entry point and the table offset. */
struct readelf_view {
	unsigned long entry, phoff;
	unsigned int nloads, phnum;
	struct { unsigned long off, va, filesz, memsz, align; char flags[4]; } load[32];
	bool stack_exec;
};

static void run_readelf(const char *path, struct readelf_view *v)
{
	char cmd[600], line[512];
	FILE *f;

	memset(v, 0, sizeof(*v));
	snprintf(cmd, sizeof(cmd), "LC_ALL=C readelf -lW %s", path);
	f = popen(cmd, "r");
	if (!f)
		abort();
	while (fgets(line, sizeof(line), f)) {
		char type[32], fl[3][8];
		unsigned long off, va, pa, fs, ms, al = 0;
		int n;

		if (sscanf(line, "Entry point 0x%lx", &v->entry) == 1)
			continue;
		if (sscanf(line, "There are %u program headers, starting at offset %lu",
			   &v->phnum, &v->phoff) == 2)
			continue;
		n = sscanf(line, " %31s 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx %7s %7s %7s", type, &off, &va,
			   &pa, &fs, &ms, fl[0], fl[1], fl[2]);
		if (n < 7)
			continue;
		/* Flags are R, W, E in separate words ("R E", "RW "): join them. */
		{
			char flags[4] = "   ";
			int k;

			for (k = 0; k < n - 6; k++) {
				if (strncmp(fl[k], "0x", 2) == 0) {
					al = strtoul(fl[k], NULL, 16);
					break;
				}
				for (const char *c = fl[k]; *c; c++)
					flags[*c == 'R' ? 0 : *c == 'W' ? 1 : 2] = *c;
			}
			if (strcmp(type, "GNU_STACK") == 0)
				v->stack_exec = flags[2] == 'E';
			if (strcmp(type, "LOAD") == 0 && ms) {
				v->load[v->nloads].off = off;
				v->load[v->nloads].va = va;
				v->load[v->nloads].filesz = fs;
				v->load[v->nloads].memsz = ms;
				v->load[v->nloads].align = al;
				memcpy(v->load[v->nloads].flags, flags, 4);
				v->nloads++;
			}
		}
	}
	pclose(f);
}

static void compare_with_readelf(const char *path, const struct elf_load_params *params,
				 u16 type)
{
	struct blob b = read_file(path);
	struct elf_load_plan plan;
	struct readelf_view v;
	unsigned long bias, page = params->page_size;
	int err;

	check_context("%s", path);
	run_readelf(path, &v);
	err = elf_check_plan(b.data, b.len, params, &plan);
	CHECKF(err == 0, "%s", elf_strerror(err));
	CHECK(plan.type == type);
	bias = type == ET_DYN ? params->dyn_base - (v.load[0].va & ~(page - 1)) : 0;
	CHECK(plan.load_bias == bias);
	CHECK(plan.entry == v.entry + bias);
	CHECK(plan.phnum == v.phnum && plan.phent == 56);
	/* Static programs carry their headers in the first LOAD (offset 0). */
	CHECK(v.load[0].off == 0 && plan.phdr_addr == v.load[0].va + v.phoff + bias);
	CHECK(plan.stack_exec == v.stack_exec);
	CHECKF(plan.nr_segments == v.nloads, "%u segments, readelf %u", plan.nr_segments, v.nloads);
	for (unsigned int i = 0; i < v.nloads && i < plan.nr_segments; i++) {
		const struct elf_segment *s = &plan.seg[i];
		unsigned long va = v.load[i].va + bias;
		unsigned int prot = (v.load[i].flags[0] == 'R' ? ELF_PROT_READ : 0) |
				    (v.load[i].flags[1] == 'W' ? ELF_PROT_WRITE : 0) |
				    (v.load[i].flags[2] == 'E' ? ELF_PROT_EXEC : 0);

		CHECK(s->start == (va & ~(page - 1)));
		CHECK(s->end == ((va + v.load[i].memsz + page - 1) & ~(page - 1)));
		CHECK(s->file_offset == (v.load[i].off & ~(page - 1)));
		CHECK(s->file_size == (va & (page - 1)) + v.load[i].filesz);
		CHECK(s->file_offset + s->file_size <= b.len);
		CHECK(s->zero_start == va + v.load[i].filesz && s->zero_end == va + v.load[i].memsz);
		CHECK(s->prot == prot);
		if (i == v.nloads - 1)
			CHECK(plan.brk_start == s->end);
	}
	/* The bss above is zeroed by the plan of the RW segment. */
	CHECK(plan.seg[plan.nr_segments - 1].zero_end - plan.seg[plan.nr_segments - 1].zero_start >=
	      100000);
	CHECK(plan.start_code <= plan.entry && plan.entry < plan.end_code);
	check_context("%s", "");
	free(b.data);
}

static struct blob x86_static;

static void test_real_programs(void)
{
	char path[300];
	struct elf_load_plan plan;
	struct blob b;

	if (!CHECK(build("gcc", "-static -O1", "static", path, sizeof(path))))
		exit(1);
	compare_with_readelf(path, &x86_params, ET_EXEC);
	x86_static = read_file(path);
	CHECK(elf_check_plan(x86_static.data, x86_static.len, &rv_params, &plan) == ELF_E_MACHINE);

	if (CHECK(build("gcc", "-static-pie -fPIE -O1", "static-pie", path, sizeof(path))))
		compare_with_readelf(path, &x86_params, ET_DYN);

	if (CHECK(build("gcc", "-O1", "dynamic", path, sizeof(path)))) {
		b = read_file(path);
		CHECK(elf_check_plan(b.data, b.len, &x86_params, &plan) == ELF_E_INTERP);
		free(b.data);
	}

	/* riscv64: the cross compiler and libc6-dev-riscv64-cross (tools/install-deps). */
	if (build("riscv64-linux-gnu-gcc", "-static -O1", "rv-static", path, sizeof(path))) {
		compare_with_readelf(path, &rv_params, ET_EXEC);
		b = read_file(path);
		CHECK(elf_check_plan(b.data, b.len, &x86_params, &plan) == ELF_E_MACHINE);
		free(b.data);
	} else {
		printf("test_elf: no riscv64 static toolchain, riscv64 programs not checked\n");
	}
}

/* --- One rule broken at a time, on the real static program --------------------- */

static Elf64_Ehdr *eh_of(u8 *img)
{
	return (Elf64_Ehdr *)img;       /* malloc'd: aligned */
}

static Elf64_Phdr *ph_of(u8 *img, unsigned int i)
{
	return (Elf64_Phdr *)(img + eh_of(img)->e_phoff) + i;
}

/* The index of the @nth PT_LOAD. */
static unsigned int load_index(u8 *img, unsigned int nth)
{
	for (unsigned int i = 0; i < eh_of(img)->e_phnum; i++)
		if (ph_of(img, i)->p_type == PT_LOAD && nth-- == 0)
			return i;
	abort();
}

#define EXPECT_ELF(expected, mutation) do {                                        \
		u8 *img = malloc(x86_static.len);                                \
		size_t len = x86_static.len;                                     \
		struct elf_load_plan plan_;                                      \
		int err_;                                                        \
		memcpy(img, x86_static.data, len);                               \
		mutation;                                                        \
		err_ = elf_check_plan(img, len, &x86_params, &plan_);            \
		CHECKF(err_ == (expected), "%s: %s", #mutation, elf_strerror(err_)); \
		free(img);                                                       \
	} while (0)

static void test_malformed(void)
{
	EXPECT_ELF(ELF_OK, (void)0);
	EXPECT_ELF(ELF_E_TOO_SMALL, len = 63);
	EXPECT_ELF(ELF_E_MAGIC, img[1] = 'e');
	EXPECT_ELF(ELF_E_CLASS, img[EI_CLASS] = 1);
	EXPECT_ELF(ELF_E_DATA, img[EI_DATA] = 2);
	EXPECT_ELF(ELF_E_VERSION, img[EI_VERSION] = 0);
	EXPECT_ELF(ELF_E_VERSION, eh_of(img)->e_version = 2);
	EXPECT_ELF(ELF_E_MACHINE, eh_of(img)->e_machine = 3);
	EXPECT_ELF(ELF_E_TYPE, eh_of(img)->e_type = 1);
	EXPECT_ELF(ELF_E_TYPE, eh_of(img)->e_type = 4);
	EXPECT_ELF(ELF_E_PHENTSIZE, eh_of(img)->e_phentsize = 32);
	EXPECT_ELF(ELF_E_PHNUM, eh_of(img)->e_phnum = 0);
	EXPECT_ELF(ELF_E_PHNUM, eh_of(img)->e_phnum = 1200);
	EXPECT_ELF(ELF_E_PH_RANGE, eh_of(img)->e_phoff = len - 100);
	EXPECT_ELF(ELF_E_PH_RANGE, eh_of(img)->e_phoff = ~0UL - 10);
	EXPECT_ELF(ELF_E_PH_RANGE, len = 64 + 56 * 3);
	EXPECT_ELF(ELF_E_INTERP, ph_of(img, 5)->p_type = PT_INTERP);
	EXPECT_ELF(ELF_E_NO_LOAD,
		   for (unsigned int i = 0; i < eh_of(img)->e_phnum; i++)
			   if (ph_of(img, i)->p_type == PT_LOAD) ph_of(img, i)->p_type = PT_NOTE);
	EXPECT_ELF(ELF_E_SEG_FILESZ, ph_of(img, load_index(img, 3))->p_filesz =
		   ph_of(img, load_index(img, 3))->p_memsz + 1);
	EXPECT_ELF(ELF_E_SEG_FILE_RANGE, len = ph_of(img, load_index(img, 3))->p_offset + 10);
	EXPECT_ELF(ELF_E_SEG_FILE_RANGE, ph_of(img, load_index(img, 1))->p_offset = ~0UL - 0xfff);
	EXPECT_ELF(ELF_E_SEG_ALIGN, ph_of(img, load_index(img, 1))->p_align = 0x1800);
	EXPECT_ELF(ELF_E_SEG_ALIGN, ph_of(img, load_index(img, 1))->p_align = 1UL << 40);
	EXPECT_ELF(ELF_E_SEG_ALIGN, ph_of(img, load_index(img, 1))->p_offset += 8);
	/* Swap the first two PT_LOADs: out of order. */
	EXPECT_ELF(ELF_E_SEG_ORDER, {
		Elf64_Phdr t = *ph_of(img, load_index(img, 0));
		*ph_of(img, load_index(img, 0)) = *ph_of(img, load_index(img, 1));
		*ph_of(img, load_index(img, 1)) = t; });
	/* The text segment grows into the next: bytes overlap, then only a page. */
	EXPECT_ELF(ELF_E_SEG_OVERLAP, ph_of(img, load_index(img, 1))->p_memsz += 0x2000);
	EXPECT_ELF(ELF_E_SEG_OVERLAP, {
		Elf64_Phdr *p = ph_of(img, load_index(img, 2));
		p->p_vaddr -= 0x800; p->p_offset -= 0x800; p->p_memsz += 0x800; });
	EXPECT_ELF(ELF_E_SEG_RANGE, ph_of(img, load_index(img, 3))->p_memsz = ~0UL - 0x1000);
	EXPECT_ELF(ELF_E_SEG_RANGE, ph_of(img, load_index(img, 3))->p_memsz = 0x800000000000UL);
	/* Everything moved below mmap_min_addr. */
	EXPECT_ELF(ELF_E_SEG_RANGE,
		   for (unsigned int i = 0; i < eh_of(img)->e_phnum; i++) {
			   ph_of(img, i)->p_vaddr -= 0x3f8000;
			   ph_of(img, i)->p_paddr = 0;
		   } eh_of(img)->e_entry -= 0x3f8000);
	EXPECT_ELF(ELF_E_ENTRY, eh_of(img)->e_entry = 0x400000);   /* the R-only segment */
	EXPECT_ELF(ELF_E_ENTRY, eh_of(img)->e_entry = 0x10000000);
	EXPECT_ELF(ELF_E_PHDR, {
		Elf64_Phdr *p = ph_of(img, 5);
		memset(p, 0, sizeof(*p)); p->p_type = PT_PHDR; p->p_vaddr = 0x300000; p->p_memsz = 56; });
	/* A PT_PHDR where the table is loaded is used for AT_PHDR. */
	{
		u8 *img = malloc(x86_static.len);
		struct elf_load_plan plan;
		Elf64_Phdr *p;

		memcpy(img, x86_static.data, x86_static.len);
		p = ph_of(img, 5);
		memset(p, 0, sizeof(*p));
		p->p_type = PT_PHDR;
		p->p_vaddr = 0x400040;
		p->p_memsz = p->p_filesz = 56 * eh_of(img)->e_phnum;
		CHECK(elf_check_plan(img, x86_static.len, &x86_params, &plan) == 0);
		CHECK(plan.phdr_addr == 0x400040);
		/* An executable stack is reported, not refused. */
		for (unsigned int i = 0; i < eh_of(img)->e_phnum; i++)
			if (ph_of(img, i)->p_type == PT_GNU_STACK)
				ph_of(img, i)->p_flags |= PF_X;
		CHECK(elf_check_plan(img, x86_static.len, &x86_params, &plan) == 0 && plan.stack_exec);
		free(img);
	}
	for (int e = 0; e < ELF_NR_ERRORS; e++)
		for (int f = e + 1; f < ELF_NR_ERRORS; f++)
			CHECK(strcmp(elf_strerror(-e), elf_strerror(-f)) != 0);
	CHECK(strcmp(elf_strerror(-ELF_NR_ERRORS), "unknown error") == 0);
}

/* --- Fuzz ---------------------------------------------------------------------------- */

static void check_plan_coherent(const struct elf_load_plan *plan, size_t len,
				const struct elf_load_params *params)
{
	unsigned long prev = 0;

	CHECK(plan->nr_segments >= 1 && plan->nr_segments <= ELF_MAX_LOADS);
	for (unsigned int i = 0; i < plan->nr_segments; i++) {
		const struct elf_segment *s = &plan->seg[i];

		CHECK(s->start >= params->min_addr && s->start < s->end && s->end <= params->task_size);
		CHECK(s->start >= prev);
		CHECK(s->file_offset <= len && s->file_size <= len - s->file_offset);
		CHECK(s->file_size <= s->end - s->start);
		CHECK(s->zero_start <= s->zero_end && s->zero_end <= s->end);
		prev = s->end;
	}
	CHECK(plan->entry >= plan->seg[0].start && plan->entry < prev);
	CHECK(plan->brk_start == prev);
}

static void test_fuzz(void)
{
	size_t hdr = 64 + 56 * eh_of(x86_static.data)->e_phnum;
	unsigned int cases = 0, accepted = 0;
	u8 *img = malloc(x86_static.len);

	/*
	 * Only the headers are mutated, so one copy of the program serves
	 * every case (its headers restored each time); a truncation to a
	 * short length gets a buffer of exactly that length for ASan.
	 */
	memcpy(img, x86_static.data, x86_static.len);
	for (int i = 0; i < 30000; i++, cases++) {
		size_t len = x86_static.len;
		struct elf_load_plan plan;
		int nmut = 1 + rng_below(3), err;
		u8 *buf = img;

		memcpy(img, x86_static.data, hdr);
		while (nmut--) {
			size_t at = rng_below((unsigned int)hdr);

			switch (rng_below(5)) {
			case 0: img[at] ^= (u8)(1u << rng_below(8)); break;
			case 1: img[at] = (u8)rng_u64(); break;
			case 2: img[at] = 0xff; break;
			case 3: img[at] += 1; break;
			default: len = rng_below(2) ? rng_below((unsigned int)hdr + 64)
						    : rng_below((unsigned int)len + 1);
				break;
			}
		}
		if (len < hdr + 64) {
			buf = malloc(len ? len : 1);
			memcpy(buf, img, len);
		}
		err = elf_check_plan(buf, len, &x86_params, &plan);
		CHECK(err <= 0 && err > -ELF_NR_ERRORS);
		if (err == 0) {
			accepted++;
			check_plan_coherent(&plan, len, &x86_params);
		}
		if (buf != img)
			free(buf);
	}
	free(img);
	printf("test_elf: %u header fuzz cases, %u accepted\n", cases, accepted);
}

/* --- The stack --------------------------------------------------------------------- */

static unsigned long word_at(const u8 *buf, size_t size, unsigned long top, unsigned long addr)
{
	unsigned long v;

	CHECK(addr >= top - size && addr + 8 <= top);
	memcpy(&v, buf + (size - (top - addr)), 8);
	return v;
}

static const char *str_at(const u8 *buf, size_t size, unsigned long top, unsigned long addr)
{
	CHECK(addr >= top - size && addr < top);
	return (const char *)buf + (size - (top - addr));
}

static void test_stack(void)
{
	static const char *const argv[] = { "/bin/sh", "-c", "echo hi", "" };
	static const char *const envp[] = { "HOME=/", "TERM=vt100", "PATH=/sbin:/bin" };
	static const u8 rnd[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	struct elf_stack_params p = {
		.stack_top = 0x7ffffffff000UL, .argc = 4, .envc = 3, .argv = argv, .envp = envp,
		.execfn = "/bin/busybox", .platform = "x86_64", .random = rnd,
		.hwcap = 0x178bfbff, .pagesz = 4096, .clktck = 100, .phdr = 0x400040, .phent = 56,
		.phnum = 10, .entry = 0x401000, .uid = 1, .euid = 2, .gid = 3, .egid = 4,
	};
	struct elf_stack_layout l;
	size_t size = 4096, needed;
	u8 *buf = malloc(size);
	unsigned long sp, a, top = p.stack_top, v;
	int seen_random = 0, nr_aux = 0;

	memset(buf, 0xaa, size);
	CHECK(elf_build_stack(buf, size, &p, &l) == 0);
	sp = l.sp;
	CHECK(sp % 16 == 0);
	CHECK(word_at(buf, size, top, sp) == 4);
	a = sp + 8;
	for (unsigned int i = 0; i < 4; i++, a += 8)
		CHECK(strcmp(str_at(buf, size, top, word_at(buf, size, top, a)), argv[i]) == 0);
	CHECK(word_at(buf, size, top, a) == 0);
	a += 8;
	for (unsigned int i = 0; i < 3; i++, a += 8)
		CHECK(strcmp(str_at(buf, size, top, word_at(buf, size, top, a)), envp[i]) == 0);
	CHECK(word_at(buf, size, top, a) == 0);
	a += 8;
	/* auxv in Linux's order. */
	{
		static const unsigned long order[] = {
			AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE,
			AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE,
			AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_NULL,
		};
		for (;; a += 16, nr_aux++) {
			unsigned long type = word_at(buf, size, top, a);

			v = word_at(buf, size, top, a + 8);
			CHECK(nr_aux < (int)ARRAY_SIZE(order) && type == order[nr_aux]);
			if (type == AT_NULL)
				break;
			switch (type) {
			case AT_PHDR: CHECK(v == 0x400040); break;
			case AT_PHENT: CHECK(v == 56); break;
			case AT_PHNUM: CHECK(v == 10); break;
			case AT_PAGESZ: CHECK(v == 4096); break;
			case AT_ENTRY: CHECK(v == 0x401000); break;
			case AT_UID: CHECK(v == 1); break;
			case AT_EGID: CHECK(v == 4); break;
			case AT_CLKTCK: CHECK(v == 100); break;
			case AT_HWCAP: CHECK(v == 0x178bfbff); break;
			case AT_RANDOM:
				seen_random = 1;
				CHECK(v == l.random && v % 1 == 0);
				CHECK(memcmp(str_at(buf, size, top, v), rnd, 16) == 0);
				break;
			case AT_EXECFN:
				CHECK(v == l.execfn && strcmp(str_at(buf, size, top, v), "/bin/busybox") == 0);
				break;
			case AT_PLATFORM:
				CHECK(strcmp(str_at(buf, size, top, v), "x86_64") == 0);
				break;
			}
		}
	}
	CHECK(seen_random && nr_aux == 17);
	/* Strings: argv, then envp, then execfn and 8 zero bytes at the top. */
	CHECK(l.arg_start == word_at(buf, size, top, sp + 8));
	CHECK(l.arg_end == l.env_start && l.env_end == l.execfn);
	CHECK(l.execfn + sizeof("/bin/busybox") + 8 == top);
	CHECK(word_at(buf, size, top, top - 8) == 0);
	CHECK(l.env_start - l.arg_start == 8 + 3 + 8 + 1);
	/* Nothing between the tables and the strings is left from before. */
	for (unsigned long x = a + 16; x < l.arg_start; x++)
		CHECK(*str_at(buf, size, top, x) != (char)0xaa);
	needed = top - sp;
	free(buf);

	/* Every smaller buffer is refused, and nothing is written outside it. */
	for (size_t s = 0; s < needed; s++) {
		u8 *small = malloc(s ? s : 1);

		CHECK(elf_build_stack(small, s, &p, &l) == ELF_E_STACK_FULL);
		free(small);
	}
	buf = malloc(needed);
	CHECK(elf_build_stack(buf, needed, &p, &l) == 0 && l.sp == top - needed);
	free(buf);

	/* No platform, a vDSO and HWCAP2 (riscv64 has no AT_PLATFORM). */
	p.platform = NULL;
	p.sysinfo_ehdr = 0x7fff0000;
	p.has_hwcap2 = true;
	p.hwcap2 = 2;
	p.argc = 0;
	p.envc = 0;
	buf = malloc(size);
	CHECK(elf_build_stack(buf, size, &p, &l) == 0);
	CHECK(word_at(buf, size, top, l.sp) == 0 && word_at(buf, size, top, l.sp + 8) == 0);
	CHECK(word_at(buf, size, top, l.sp + 16) == 0);
	CHECK(word_at(buf, size, top, l.sp + 24) == AT_SYSINFO_EHDR);
	CHECK(l.platform == 0);
	free(buf);
}

int main(void)
{
	char cmd[64];

	rng_seed(0x7f454c46);
	if (!mkdtemp(tmpdir))
		abort();
	test_real_programs();
	test_malformed();
	test_fuzz();
	test_stack();
	free(x86_static.data);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 1;
	return check_summary("test_elf");
}
