/* SPDX-License-Identifier: Apache-2.0 */
/* Supervisor CSR bits (RISC-V privileged spec) and accessors. */
#ifndef ASM_CSR_H
#define ASM_CSR_H

#include <asm/memory.h>

#define SR_SIE   _UL(0x00000002)
#define SR_SPIE  _UL(0x00000020)
#define SR_SPP   _UL(0x00000100)
#define SR_SUM   _UL(0x00040000)

#define SATP_MODE_SV39 _UL(0x8000000000000000)

#define CAUSE_IRQ_FLAG (_UL(1) << 63)

/* Supervisor interrupt numbers (scause codes, bits of sie and sip). */
#define IRQ_S_SOFT     1
#define IRQ_S_TIMER    5
#define IRQ_S_EXT      9
#define SIE_SSIE       (_UL(1) << IRQ_S_SOFT)
#define SIE_STIE       (_UL(1) << IRQ_S_TIMER)
#define SIE_SEIE       (_UL(1) << IRQ_S_EXT)

#define PTE_V _UL(0x001)
#define PTE_R _UL(0x002)
#define PTE_W _UL(0x004)
#define PTE_X _UL(0x008)
#define PTE_G _UL(0x020)
#define PTE_A _UL(0x040)
#define PTE_D _UL(0x080)
#define PTE_PPN_SHIFT 10

#ifndef __ASSEMBLER__

#define csr_read(csr)                                                   \
	({                                                              \
		unsigned long v_;                                       \
		__asm__ __volatile__("csrr %0, " #csr : "=r"(v_) :: "memory"); \
		v_;                                                     \
	})

#define csr_write(csr, val)                                             \
	__asm__ __volatile__("csrw " #csr ", %0" :: "rK"(val) : "memory")

#define csr_set(csr, val)                                               \
	__asm__ __volatile__("csrs " #csr ", %0" :: "rK"(val) : "memory")

#define csr_clear(csr, val)                                             \
	__asm__ __volatile__("csrc " #csr ", %0" :: "rK"(val) : "memory")

#define csr_read_clear(csr, val)                                        \
	({                                                              \
		unsigned long v_;                                       \
		__asm__ __volatile__("csrrc %0, " #csr ", %1"           \
				     : "=r"(v_) : "rK"(val) : "memory"); \
		v_;                                                     \
	})

#endif /* !__ASSEMBLER__ */
#endif
