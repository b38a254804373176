/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The ELF checks in the kernel, on a minimal executable for this machine
 * built here (text R+X at 0x400000, data R+W with a bss): its plan; the
 * same with PT_INTERP is refused; and a stack laid out and read back.
 */
#include <interfaces/elf_loader.h>
#include <interfaces/ktest.h>
#include <interfaces/lib.h>

static union {
	Elf64_Ehdr eh;
	u8 bytes[0x210];
} image;

static const struct elf_load_params params = {
	.machine = ELF_MACHINE_NATIVE, .page_size = 4096, .min_addr = 65536,
	.task_size = 1UL << 38, .dyn_base = 1UL << 36,
};

static void make_image(u32 second_type)
{
	Elf64_Phdr *ph = (Elf64_Phdr *)(image.bytes + sizeof(Elf64_Ehdr));

	memset(&image, 0, sizeof(image));
	memcpy(image.eh.e_ident, "\177ELF", 4);
	image.eh.e_ident[EI_CLASS] = ELFCLASS64;
	image.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	image.eh.e_ident[EI_VERSION] = EV_CURRENT;
	image.eh.e_type = ET_EXEC;
	image.eh.e_machine = ELF_MACHINE_NATIVE;
	image.eh.e_version = EV_CURRENT;
	image.eh.e_entry = 0x400100;
	image.eh.e_phoff = sizeof(Elf64_Ehdr);
	image.eh.e_ehsize = sizeof(Elf64_Ehdr);
	image.eh.e_phentsize = sizeof(Elf64_Phdr);
	image.eh.e_phnum = 2;
	ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
			      .p_vaddr = 0x400000, .p_filesz = 0x200, .p_memsz = 0x200,
			      .p_align = 0x1000 };
	ph[1] = (Elf64_Phdr){ .p_type = second_type, .p_flags = PF_R | PF_W, .p_offset = 0x200,
			      .p_vaddr = 0x401200, .p_filesz = 0x10, .p_memsz = 0x2000,
			      .p_align = 0x1000 };
}

static void plan_of_minimal_executable(struct ktest *test)
{
	struct elf_load_plan plan;

	make_image(PT_LOAD);
	KTEST_ASSERT(test, elf_check_plan(&image, sizeof(image), &params, &plan) == ELF_OK);
	KTEST_EXPECT_EQ(test, plan.nr_segments, 2);
	KTEST_EXPECT_EQ(test, plan.entry, 0x400100);
	KTEST_EXPECT_EQ(test, plan.phdr_addr, 0x400040);
	KTEST_EXPECT_EQ(test, plan.seg[0].start, 0x400000);
	KTEST_EXPECT_EQ(test, plan.seg[0].end, 0x401000);
	KTEST_EXPECT_EQ(test, plan.seg[0].prot, ELF_PROT_READ | ELF_PROT_EXEC);
	KTEST_EXPECT_EQ(test, plan.seg[1].start, 0x401000);
	KTEST_EXPECT_EQ(test, plan.seg[1].end, 0x404000);
	KTEST_EXPECT_EQ(test, plan.seg[1].file_offset, 0);
	KTEST_EXPECT_EQ(test, plan.seg[1].file_size, 0x210);
	KTEST_EXPECT_EQ(test, plan.seg[1].zero_start, 0x401210);
	KTEST_EXPECT_EQ(test, plan.seg[1].zero_end, 0x403200);
	KTEST_EXPECT_EQ(test, plan.brk_start, 0x404000);
}

static void interp_and_truncation_refused(struct ktest *test)
{
	struct elf_load_plan plan;

	make_image(PT_INTERP);
	KTEST_EXPECT_EQ(test, elf_check_plan(&image, sizeof(image), &params, &plan), ELF_E_INTERP);
	make_image(PT_LOAD);
	KTEST_EXPECT_EQ(test, elf_check_plan(&image, 0x20f, &params, &plan), ELF_E_SEG_FILE_RANGE);
	KTEST_EXPECT_EQ(test, elf_check_plan(&image, 63, &params, &plan), ELF_E_TOO_SMALL);
}

static u8 stack[1024] __aligned(16);

static void stack_layout_read_back(struct ktest *test)
{
	static const char *const argv[] = { "/sbin/init", "single" };
	static const char *const envp[] = { "HOME=/" };
	static const u8 rnd[16] = { 0x5a };
	const unsigned long top = 0x7ffff000;
	struct elf_stack_params p = {
		.stack_top = top, .argc = 2, .envc = 1, .argv = argv, .envp = envp,
		.execfn = "/sbin/init", .random = rnd, .pagesz = 4096, .clktck = 100,
	};
	struct elf_stack_layout l;
	unsigned long *words;

	KTEST_ASSERT(test, elf_build_stack(stack, sizeof(stack), &p, &l) == ELF_OK);
	KTEST_EXPECT_EQ(test, l.sp & 15, 0);
	KTEST_ASSERT(test, l.sp >= top - sizeof(stack));
	words = (unsigned long *)(stack + (sizeof(stack) - (top - l.sp)));
	KTEST_EXPECT_EQ(test, words[0], 2);
	KTEST_EXPECT_EQ(test, words[1], l.arg_start);
	KTEST_EXPECT_STREQ(test, (const char *)stack + (sizeof(stack) - (top - words[2])), "single");
	KTEST_EXPECT_EQ(test, words[3], 0);
	KTEST_EXPECT_EQ(test, words[4], l.env_start);
	KTEST_EXPECT_EQ(test, words[5], 0);
	KTEST_EXPECT_EQ(test, words[6], AT_HWCAP);
	KTEST_EXPECT_EQ(test, elf_build_stack(stack, 64, &p, &l), ELF_E_STACK_FULL);
}

KTEST_SUITE(elf_loader,
	KTEST_CASE(plan_of_minimal_executable),
	KTEST_CASE(interp_and_truncation_refused),
	KTEST_CASE(stack_layout_read_back));
