/* SPDX-License-Identifier: Apache-2.0 */
/* Calls into the SBI firmware (OpenSBI), per the RISC-V SBI specification. */
#ifndef ASM_SBI_H
#define ASM_SBI_H

#define SBI_EXT_LEGACY_CONSOLE_PUTCHAR 0x01
#define SBI_EXT_LEGACY_SHUTDOWN        0x08
#define SBI_EXT_LEGACY_SET_TIMER       0x00
#define SBI_EXT_BASE                   0x10
#define SBI_BASE_PROBE_EXT             3
#define SBI_EXT_TIME                   0x54494d45
#define SBI_TIME_SET_TIMER             0
#define SBI_EXT_SRST                   0x53525354
#define SBI_SRST_TYPE_SHUTDOWN         0
#define SBI_SRST_REASON_NONE           0
#define SBI_SRST_REASON_SYSFAIL        1

struct sbiret {
	long error;
	long value;
};

static inline struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
				      unsigned long arg0, unsigned long arg1)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(a0), "+r"(a1)
			     : "r"(a6), "r"(a7)
			     : "memory");
	return (struct sbiret){ (long)a0, (long)a1 };
}

/*
 * Firmware console output: the one path that works before any console
 * driver is up, used for the messages that stop the boot early.
 */
static inline void sbi_console_puts(const char *s)
{
	for (; *s; s++)
		sbi_ecall(SBI_EXT_LEGACY_CONSOLE_PUTCHAR, 0, (unsigned char)*s, 0);
}

#endif
