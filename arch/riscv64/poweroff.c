/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Power off with an exit status. QEMU's sifive_test device ("finisher")
 * ends QEMU with exit code 0 for FINISHER_PASS and with the upper 16 bits
 * for FINISHER_FAIL, which is how a test status leaves the guest. SBI's
 * system reset is the fallback: it powers off, but OpenSBI does not pass a
 * status on, so QEMU then exits 0 whatever was asked.
 */
#include <asm/io.h>
#include <asm/platform.h>
#include <interfaces/arch.h>
#include "riscv64.h"
#include "sbi.h"

#define FINISHER_FAIL 0x3333
#define FINISHER_PASS 0x5555

/* Set from the devicetree; the QEMU virt address until then, so a failure
 * before the devicetree is read can still report its status. */
phys_addr_t riscv64_sifive_test_phys = PLATFORM_SIFIVE_TEST_PHYS;

_Noreturn void riscv64_arch_poweroff(int status)
{
	u32 code = (u32)status & 0xffff;
	void *finisher = NULL;

	__asm__ __volatile__("csrci sstatus, 2" ::: "memory");
	/* Through ioremap() (or, before the page tables exist, boot.S's
	 * early device window): see riscv64_platform_mmio(). */
	if (riscv64_sifive_test_phys)
		finisher = platform_mmio(riscv64_sifive_test_phys);
	if (finisher) {
		/* A nonzero status whose low 16 bits are 0 must not pass. */
		if (status != 0 && code == 0)
			code = 1;
		writel(status == 0 ? FINISHER_PASS : FINISHER_FAIL | code << 16, finisher);
	}
	sbi_ecall(SBI_EXT_SRST, 0, SBI_SRST_TYPE_SHUTDOWN,
		  status ? SBI_SRST_REASON_SYSFAIL : SBI_SRST_REASON_NONE);
	sbi_ecall(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0);
	riscv64_arch_halt();
}
