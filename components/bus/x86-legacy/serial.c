/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The PC's serial ports live at fixed I/O ports with fixed ISA interrupts;
 * no bus enumerates them (ACPI would describe them; Tessera reads no ACPI
 * yet). A port is present when its scratch register keeps what is written
 * to it, the test Linux's 8250 driver makes too. Each present port becomes a
 * platform device with compatible "ns16550a", so the same 16550 driver that
 * the devicetree binds on riscv64 binds here.
 */

#include <interfaces/driver_core.h>
#include <interfaces/platform_bus.h>
#include <interfaces/lib.h>
#include <tessera/errno.h>
#include <asm/io.h>

#define UART_SCR        7       /* scratch register: no effect on the line */
#define UART_NR_PORTS   8

static const struct {
	u16 port;
	u8 irq;
} legacy_serial[] = {
	{ 0x3f8, 4 },   /* COM1 */
	{ 0x2f8, 3 },   /* COM2 */
	{ 0x3e8, 4 },   /* COM3 shares COM1's line */
	{ 0x2e8, 3 },   /* COM4 shares COM2's */
};

/* Nothing decodes an absent port: reads float to 0xff whatever is written. */
static bool serial_present(u16 port)
{
	u8 saved = inb(port + UART_SCR);
	bool ok;

	outb(0x55, port + UART_SCR);
	ok = inb(port + UART_SCR) == 0x55;
	outb(0xaa, port + UART_SCR);
	ok = ok && inb(port + UART_SCR) == 0xaa;
	outb(saved, port + UART_SCR);
	return ok;
}

static int register_serial(u16 port, u8 irq)
{
	static const char compat[] = "ns16550a";
	struct platform_device *pdev;
	char name[DEVICE_NAME_MAX];

	snprintf(name, sizeof(name), "serial@%x", port);
	pdev = platform_device_alloc(name, compat, sizeof(compat));
	if (!pdev)
		return -ENOMEM;
	device_add_resource(&pdev->dev, port, port + UART_NR_PORTS - 1, IORESOURCE_IO, 0);
	device_add_resource(&pdev->dev, irq, irq, IORESOURCE_IRQ, 0);
	return platform_device_register(pdev);
}

int x86_legacy_init(void);

int x86_legacy_init(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(legacy_serial); i++) {
		if (!serial_present(legacy_serial[i].port))
			continue;
		ret = register_serial(legacy_serial[i].port, legacy_serial[i].irq);
		if (ret)
			return ret;
	}
	return 0;
}
