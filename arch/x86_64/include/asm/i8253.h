/* SPDX-License-Identifier: Apache-2.0 */
/* The 8253/8254 PIT (Intel 82C54 datasheet): ports and mode bits. */
#ifndef _ASM_X86_64_I8253_H
#define _ASM_X86_64_I8253_H

#define PIT_TICK_RATE   1193182UL   /* Hz */
#define PIT_CH0         0x40
#define PIT_CH2         0x42
#define PIT_MODE        0x43
#define PIT_CH2_GATE    0x61        /* port B: bit 0 gate, bit 1 speaker, bit 5 OUT2 */

#define PIT_SEL_CH0     0x00
#define PIT_SEL_CH2     0x80
#define PIT_LOHI        0x30        /* access: low byte then high byte */
#define PIT_MODE0       0x00        /* interrupt on terminal count */

#endif
