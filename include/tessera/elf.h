/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ELF64 as the loader of static executables reads it (the System V gABI and
 * Linux's include/uapi/linux/elf.h names), the load plan the checks produce,
 * and the initial user stack (argc, argv, envp, auxv) as Linux lays it out.
 * The operations are the interface `elf_loader` (components/exec/elf-loader);
 * they only read and write the caller's buffers, so the same code is tested
 * on the host. Mapping the plan into an address space is the exec code's.
 */
#ifndef TESSERA_ELF_H
#define TESSERA_ELF_H

#include <tessera/types.h>

typedef u64 Elf64_Addr;
typedef u64 Elf64_Off;
typedef u64 Elf64_Xword;
typedef u32 Elf64_Word;
typedef u16 Elf64_Half;

#define EI_NIDENT 16

typedef struct elf64_hdr {
	unsigned char e_ident[EI_NIDENT];
	Elf64_Half e_type;
	Elf64_Half e_machine;
	Elf64_Word e_version;
	Elf64_Addr e_entry;
	Elf64_Off e_phoff;
	Elf64_Off e_shoff;
	Elf64_Word e_flags;
	Elf64_Half e_ehsize;
	Elf64_Half e_phentsize;
	Elf64_Half e_phnum;
	Elf64_Half e_shentsize;
	Elf64_Half e_shnum;
	Elf64_Half e_shstrndx;
} Elf64_Ehdr;

typedef struct elf64_phdr {
	Elf64_Word p_type;
	Elf64_Word p_flags;
	Elf64_Off p_offset;
	Elf64_Addr p_vaddr;
	Elf64_Addr p_paddr;
	Elf64_Xword p_filesz;
	Elf64_Xword p_memsz;
	Elf64_Xword p_align;
} Elf64_Phdr;

_Static_assert(sizeof(Elf64_Ehdr) == 64, "ELF64 header is 64 bytes");
_Static_assert(sizeof(Elf64_Phdr) == 56, "ELF64 program header is 56 bytes");

/* e_ident */
#define EI_CLASS      4
#define EI_DATA       5
#define EI_VERSION    6
#define ELFCLASS64    2
#define ELFDATA2LSB   1
#define EV_CURRENT    1

/* e_type, e_machine */
#define ET_EXEC       2
#define ET_DYN        3
#define EM_X86_64     62
#define EM_RISCV      243

#if defined(__x86_64__)
#define ELF_MACHINE_NATIVE EM_X86_64
#elif defined(__riscv) && __riscv_xlen == 64
#define ELF_MACHINE_NATIVE EM_RISCV
#endif

/* p_type, p_flags */
#define PT_NULL       0
#define PT_LOAD       1
#define PT_DYNAMIC    2
#define PT_INTERP     3
#define PT_NOTE       4
#define PT_PHDR       6
#define PT_TLS        7
#define PT_GNU_STACK  0x6474e551
#define PF_X          0x1
#define PF_W          0x2
#define PF_R          0x4

/* Segment protections in the plan: mmap's PROT_* values. */
#define ELF_PROT_READ  0x1
#define ELF_PROT_WRITE 0x2
#define ELF_PROT_EXEC  0x4

/* Auxiliary vector types (Linux's include/uapi/linux/auxvec.h). */
#define AT_NULL         0
#define AT_PHDR         3
#define AT_PHENT        4
#define AT_PHNUM        5
#define AT_PAGESZ       6
#define AT_BASE         7
#define AT_FLAGS        8
#define AT_ENTRY        9
#define AT_UID          11
#define AT_EUID         12
#define AT_GID          13
#define AT_EGID         14
#define AT_PLATFORM     15
#define AT_HWCAP        16
#define AT_CLKTCK       17
#define AT_SECURE       23
#define AT_RANDOM       25
#define AT_HWCAP2       26
#define AT_EXECFN       31
#define AT_SYSINFO_EHDR 33

/* Why an image was refused; exec turns every one into -ENOEXEC. */
enum elf_error {
	ELF_OK                  = 0,
	ELF_E_TOO_SMALL         = -1,   /* shorter than the ELF header */
	ELF_E_MAGIC             = -2,   /* not \177ELF */
	ELF_E_CLASS             = -3,   /* not ELFCLASS64 */
	ELF_E_DATA              = -4,   /* not little-endian */
	ELF_E_VERSION           = -5,   /* EI_VERSION or e_version not 1 */
	ELF_E_MACHINE           = -6,   /* another architecture */
	ELF_E_TYPE              = -7,   /* not ET_EXEC or ET_DYN */
	ELF_E_PHENTSIZE         = -8,   /* e_phentsize is not 56 */
	ELF_E_PHNUM             = -9,   /* no program headers, or too many */
	ELF_E_PH_RANGE          = -10,  /* program headers past the end */
	ELF_E_INTERP            = -11,  /* PT_INTERP: dynamically linked */
	ELF_E_NO_LOAD           = -12,  /* nothing to load */
	ELF_E_TOO_MANY_LOADS    = -13,  /* more than ELF_MAX_LOADS */
	ELF_E_SEG_FILESZ        = -14,  /* p_filesz > p_memsz */
	ELF_E_SEG_FILE_RANGE    = -15,  /* p_offset + p_filesz past the end */
	ELF_E_SEG_ALIGN         = -16,  /* p_align not a power of two (or huge),
					 * or p_vaddr and p_offset differ mod the page */
	ELF_E_SEG_ORDER         = -17,  /* PT_LOAD not in ascending p_vaddr order */
	ELF_E_SEG_OVERLAP       = -18,  /* two PT_LOAD share a page */
	ELF_E_SEG_RANGE         = -19,  /* wraps, below min_addr or past task_size */
	ELF_E_ENTRY             = -20,  /* entry not in an executable segment */
	ELF_E_PHDR              = -21,  /* PT_PHDR not in a loaded file range */
	ELF_E_STACK_FULL        = -22,  /* argv/envp/auxv do not fit the stack buffer */
};
#define ELF_NR_ERRORS 23

#define ELF_MAX_LOADS   16
#define ELF_MAX_PHNUM   (65536 / sizeof(Elf64_Phdr))  /* Linux's bound */
#define ELF_MAX_ALIGN   (1UL << 30)

/* What the caller's address space allows. */
struct elf_load_params {
	u16 machine;                    /* ELF_MACHINE_NATIVE in the kernel */
	unsigned long page_size;        /* a power of two */
	unsigned long min_addr;         /* mmap_min_addr: nothing below it */
	unsigned long task_size;        /* user addresses end here */
	unsigned long dyn_base;         /* where ET_DYN (static-PIE) goes */
};

/*
 * One PT_LOAD, relocated by the load bias: map [start, end) with @prot;
 * its first @file_size bytes come from the file at @file_offset (page
 * aligned, as mmap wants); [zero_start, zero_end) must read as zeros (the
 * bss: the tail of the last file page, then anonymous pages).
 */
struct elf_segment {
	unsigned long start, end;
	unsigned long file_offset, file_size;
	unsigned long zero_start, zero_end;
	unsigned int prot;
};

struct elf_load_plan {
	u16 type;                       /* ET_EXEC or ET_DYN */
	unsigned int nr_segments;
	struct elf_segment seg[ELF_MAX_LOADS];
	unsigned long load_bias;        /* 0 for ET_EXEC */
	unsigned long entry;            /* AT_ENTRY, relocated */
	unsigned long phdr_addr;        /* AT_PHDR (0 if not loaded) */
	unsigned int phnum, phent;      /* AT_PHNUM, AT_PHENT */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long brk_start;        /* page after the highest segment */
	bool stack_exec;                /* PT_GNU_STACK asks for PF_X */
};

/* The initial stack: the inputs ... */
struct elf_stack_params {
	unsigned long stack_top;        /* user address of the end of the buffer */
	unsigned int argc, envc;
	const char *const *argv;
	const char *const *envp;
	const char *execfn;             /* AT_EXECFN: the path execve was given */
	const char *platform;           /* AT_PLATFORM, or NULL for none */
	const u8 *random;               /* 16 bytes for AT_RANDOM */
	unsigned long sysinfo_ehdr;     /* AT_SYSINFO_EHDR (vDSO), 0 for none */
	unsigned long hwcap, hwcap2;    /* AT_HWCAP; AT_HWCAP2 if has_hwcap2 */
	bool has_hwcap2;
	unsigned long pagesz, clktck, flags, base;
	unsigned long phdr, phent, phnum, entry;
	unsigned long uid, euid, gid, egid, secure;
};

/* ... and what the stack holds, as user addresses (mm->arg_start ...). */
struct elf_stack_layout {
	unsigned long sp;               /* argc is here; 16-byte aligned */
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long execfn, random, platform;
};

int elf_check_plan(const void *image, size_t len, const struct elf_load_params *params,
		   struct elf_load_plan *plan);
int elf_build_stack(void *buf, size_t size, const struct elf_stack_params *params,
		    struct elf_stack_layout *layout);
const char *elf_strerror(int err);

#endif
