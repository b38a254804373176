# SPDX-License-Identifier: Apache-2.0
#
# A thin wrapper over CMake + Ninja. Everything real happens in
# CMakeLists.txt, tools/tessera and tools/qemu-run.
#
#   make run   [GRAPH=<product>]   build and boot a product (default below)
#   make test                      every test, through CTest
#   make menuconfig | savedefconfig | graph | size | debug | bench | clean
#   make randconfig [SEED=N] | fuzz [SEED=N COUNT=N SHARDS=M JOBS=J]

GRAPH    ?= x86_64-default
BUILD    := build/$(GRAPH)
PYTHON   := /usr/bin/python3
TESSERA  := $(PYTHON) tools/tessera-cli
QEMU_RUN := tools/qemu-run
# KVM=1 boots under KVM instead of TCG.
QEMU_ARGS := $(if $(KVM),--kvm)

.PHONY: all run build test deps menuconfig savedefconfig graph size debug bench clean check \
	randconfig fuzz

all: build

deps:
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

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD)

# With a terminal the console is interactive (Ctrl-A X quits QEMU); without
# one, the product runs its demo and powers off by itself.
run: build
	@if [ -t 0 ] && [ -t 1 ]; then \
		$(QEMU_RUN) --product $(GRAPH) --kernel $(BUILD)/kernel.elf --interactive $(QEMU_ARGS); \
	else \
		$(QEMU_RUN) --product $(GRAPH) --kernel $(BUILD)/kernel.elf $(QEMU_ARGS); \
	fi

test: deps
	@tools/install-deps test
	cmake -S . -B build/tests -G Ninja
	cmake --build build/tests
	ctest --test-dir build/tests --output-on-failure -j2

check: deps
	$(TESSERA) check --generated

# Re-configure afterwards: a .config that did not exist before is not yet
# among the build's inputs.
menuconfig: deps $(BUILD)/build.ninja
	$(TESSERA) menuconfig --product $(GRAPH) --config $(BUILD)/.config
	cmake -S . -B $(BUILD) -G Ninja -DTESSERA_PRODUCT=$(GRAPH)
	cmake --build $(BUILD)

savedefconfig: deps
	@if [ -f $(BUILD)/.config ]; then \
		$(TESSERA) savedefconfig --product $(GRAPH) --config $(BUILD)/.config; \
	else \
		echo "no $(BUILD)/.config: run 'make menuconfig GRAPH=$(GRAPH)' first" >&2; exit 1; \
	fi

# The configuration the build uses ($(BUILD)/.config) when there is one;
# sizes from $(BUILD)/kernel.map when the product was built.
graph: deps
	$(TESSERA) graph --product $(GRAPH) --out $(BUILD) --svg --html \
		$(if $(wildcard $(BUILD)/.config),--config $(BUILD)/.config)
	@echo "open $(BUILD)/graph.html (offline), or $(BUILD)/graph.svg and $(BUILD)/graph-tree.svg"

# A random valid configuration of $(GRAPH)'s architecture into
# $(BUILD)/.config (then `make run`); SEED=N repeats a draw.
SEED ?= $(shell date +%s)
randconfig: deps
	$(TESSERA) randconfig --seed $(SEED) --product $(GRAPH) --out $(BUILD)/.config
	@if [ -f $(BUILD)/build.ninja ]; then cmake -S . -B $(BUILD) -G Ninja -DTESSERA_PRODUCT=$(GRAPH) >/dev/null; fi

# A longer fuzz campaign: COUNT configurations in SHARDS shards over GNU
# parallel on JOBS local slots (tests/fuzz/README.md: remote hosts).
COUNT ?= 500
SHARDS ?= 8
JOBS ?= 2
fuzz: deps
	@tools/install-deps test
	tests/fuzz/campaign -s $(SEED) -n $(COUNT) -m $(SHARDS) -j $(JOBS)

size: build
	cmake --build $(BUILD) --target size

debug: build
	@tools/install-deps debug
	@echo "QEMU waits for gdb on :1234; in another terminal: gdb-multiarch -x $(BUILD)/gdbinit"
	$(QEMU_RUN) --product $(GRAPH) --kernel $(BUILD)/kernel.elf --gdb

bench: deps
	tests/bench/run-all

clean:
	rm -rf build
