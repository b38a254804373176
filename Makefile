# SPDX-License-Identifier: Apache-2.0
#
# A thin wrapper over CMake + Ninja. Everything real happens in
# CMakeLists.txt, tools/tessera and tools/qemu-run.
#
#   make run   [GRAPH=<product>]   build and boot a product (default below)
#   make test                      every test, through CTest
#   make help                      every target, one line each

GRAPH    ?= x86_64-default
# O=<dir> builds elsewhere (as in Linux); default build/<product>.
O        ?= build/$(GRAPH)
BUILD    := $(O)
PYTHON   := /usr/bin/python3
TESSERA  := $(PYTHON) tools/tessera-cli
QEMU_RUN := tools/qemu-run
# KVM=1 boots under KVM instead of TCG; INITRD=path.cpio[.gz] boots with that
# initrd instead of the product's own initramfs (if it has one).
QEMU_ARGS := $(if $(KVM),--kvm) $(if $(INITRD),--initrd $(INITRD))

.PHONY: all run build test deps menuconfig savedefconfig graph size debug bench clean check \
	help trim defconfig allnoconfig allyesconfig olddefconfig randconfig fuzz initramfs busybox

# A target's line in `make help` is its "## " comment.
all: build ## build the product (same as build)

deps: ## install the Debian packages the build needs (first use only)
	@tools/install-deps

# An unknown product is refused before anything is written (the tool says
# which products exist); a configure that fails leaves no build folder it
# created behind.
$(BUILD)/build.ninja: | deps
	@test -f graphs/$(GRAPH)/product.toml || { $(TESSERA) list --product $(GRAPH) >/dev/null; exit 2; }
	@fresh=$$(test -d $(BUILD) || echo 1); \
	echo "cmake -S . -B $(BUILD) -G Ninja -DTESSERA_PRODUCT=$(GRAPH)"; \
	cmake -S . -B $(BUILD) -G Ninja -DTESSERA_PRODUCT=$(GRAPH) || { \
		if [ -n "$$fresh" ]; then rm -rf $(BUILD); fi; exit 1; }

build: deps $(BUILD)/build.ninja ## build $(BUILD)/kernel.elf
	cmake --build $(BUILD)

# With a terminal the console is interactive (Ctrl-A X quits QEMU); without
# one, the product runs its demo and powers off by itself.
run: build ## build and boot the product in QEMU
	@if [ -t 0 ] && [ -t 1 ]; then \
		$(QEMU_RUN) --product $(GRAPH) --kernel $(BUILD)/kernel.elf --interactive $(QEMU_ARGS); \
	else \
		$(QEMU_RUN) --product $(GRAPH) --kernel $(BUILD)/kernel.elf $(QEMU_ARGS); \
	fi

initramfs: build ## $(BUILD)/initramfs.cpio.gz of the product's user components
	@test -f $(BUILD)/initramfs.cpio.gz && echo "$(BUILD)/initramfs.cpio.gz" || \
		echo "$(GRAPH) has no user component that installs anything: no initramfs"

busybox: deps ## fetch (x86_64) or build (riscv64, minutes) BusyBox for $(GRAPH)'s arch, cached
	tools/packages/busybox --arch $$(sed -n 's/^arch *= *"\(.*\)"/\1/p' graphs/$(GRAPH)/product.toml) \
		--out $(BUILD)/packages/busybox

test: deps ## every test, through CTest
	@tools/install-deps test
	cmake -S . -B build/tests -G Ninja
	cmake --build build/tests
	ctest --test-dir build/tests --output-on-failure -j2

check: deps ## validate manifests and products; generated/ and docs are fresh
	$(TESSERA) check --generated

# Re-configure afterwards: a .config that did not exist before is not yet
# among the build's inputs.
menuconfig: deps $(BUILD)/build.ninja ## edit $(BUILD)/.config; the build then uses it
	$(TESSERA) menuconfig --product $(GRAPH) --config $(BUILD)/.config
	cmake -S . -B $(BUILD) -G Ninja -DTESSERA_PRODUCT=$(GRAPH)
	cmake --build $(BUILD)

savedefconfig: deps ## write $(BUILD)/.config back, minimal, to graphs/<product>/defconfig
	@if [ -f $(BUILD)/.config ]; then \
		$(TESSERA) savedefconfig --product $(GRAPH) --config $(BUILD)/.config; \
	else \
		echo "no $(BUILD)/.config: run 'make menuconfig GRAPH=$(GRAPH)' first" >&2; exit 1; \
	fi

# The configuration the build uses ($(BUILD)/.config) when there is one;
# sizes from $(BUILD)/kernel.map when the product was built.
graph: deps ## $(BUILD)/graph.svg, graph-tree.svg and the offline graph.html
	$(TESSERA) graph --product $(GRAPH) --out $(BUILD) --svg --html \
		$(if $(wildcard $(BUILD)/.config),--config $(BUILD)/.config)
	@echo "open $(BUILD)/graph.html (offline), or $(BUILD)/graph.svg and $(BUILD)/graph-tree.svg"

# A random valid configuration of $(GRAPH)'s architecture into
# $(BUILD)/.config (then `make run`); SEED=N repeats a draw.
SEED ?= $(shell date +%s)
randconfig: deps ## a random valid configuration into $(BUILD)/.config (SEED=N repeats)
	$(TESSERA) randconfig --seed $(SEED) --product $(GRAPH) --out $(BUILD)/.config
	@if [ -f $(BUILD)/build.ninja ]; then cmake -S . -B $(BUILD) -G Ninja -DTESSERA_PRODUCT=$(GRAPH) >/dev/null; fi

# A longer fuzz campaign: COUNT configurations in SHARDS shards over GNU
# parallel on JOBS local slots (tests/fuzz/README.md: remote hosts).
COUNT ?= 500
SHARDS ?= 8
JOBS ?= 2
fuzz: deps ## a fuzz campaign over GNU parallel shards (SEED, COUNT, SHARDS, JOBS)
	@tools/install-deps test
	tests/fuzz/campaign -s $(SEED) -n $(COUNT) -m $(SHARDS) -j $(JOBS)

size: build ## every byte of the image by component; $(BUILD)/size.json
	cmake --build $(BUILD) --target size

debug: build ## boot with QEMU waiting for gdb
	@tools/install-deps debug
	@echo "QEMU waits for gdb on :1234; in another terminal: gdb-multiarch -x $(BUILD)/gdbinit"
	$(QEMU_RUN) --product $(GRAPH) --kernel $(BUILD)/kernel.elf --gdb

bench: deps ## the benchmarks of tests/bench/
	tests/bench/run-all

clean: ## remove build/
	rm -rf build

# Linux-style configuration targets: each writes $(BUILD)/.config, which the
# build then uses, and re-configures the build so that it is an input.
# `make savedefconfig` turns the result into the product's defconfig.
define reconfigure
	@cmake -S . -B $(BUILD) -G Ninja -DTESSERA_PRODUCT=$(GRAPH) >/dev/null
	@echo "wrote $(BUILD)/.config: 'make build GRAPH=$(GRAPH)' builds it"
endef
ifeq ($(origin O),command line)
reconfigure += ; echo "(with O=$(O))"
endif

defconfig: deps ## $(BUILD)/.config from graphs/<product>/defconfig
	$(TESSERA) defconfig --product $(GRAPH) --out $(BUILD)/.config
	$(reconfigure)

allnoconfig: deps ## $(BUILD)/.config: options n, only what the product requires
	$(TESSERA) allnoconfig --product $(GRAPH) --out $(BUILD)/.config
	$(reconfigure)

allyesconfig: deps ## $(BUILD)/.config: every option and component y (one provider each)
	$(TESSERA) allyesconfig --product $(GRAPH) --out $(BUILD)/.config
	$(reconfigure)

olddefconfig: deps ## update $(BUILD)/.config: new options at their defaults
	@if [ ! -f $(BUILD)/.config ]; then \
		echo "no $(BUILD)/.config: run 'make defconfig GRAPH=$(GRAPH)' first" >&2; exit 1; \
	fi
	$(TESSERA) olddefconfig --product $(GRAPH) --config $(BUILD)/.config
	$(reconfigure)

# PREFER=small ranks providers by the sizes of earlier `make size` runs.
trim: deps ## $(BUILD)/trim.defconfig: the minimal defconfig of the product's [roots]
	$(TESSERA) trim --product $(GRAPH) --out $(BUILD)/trim.defconfig $(if $(PREFER),--prefer $(PREFER))
	@echo "use it: cp $(BUILD)/trim.defconfig graphs/$(GRAPH)/defconfig"

help: ## this list
	@echo "make [TARGET] [GRAPH=<product>] [O=<dir>] [KVM=1]; products: $$(ls graphs | tr '\n' ' ')"
	@sed -n 's/^\([a-z][a-z_-]*\):.*## \(.*\)$$/\1\t\2/p' $(MAKEFILE_LIST) | \
		sed 's/$$(BUILD)/build\/<product>/g' | awk -F'\t' '{ printf "  %-14s %s\n", $$1, $$2 }'
