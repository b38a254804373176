# SPDX-License-Identifier: Apache-2.0
"""The data model: components, interfaces, operations and products.

These are plain dataclasses filled by :mod:`tessera.load`; every path they
hold is relative to the source root (``/`` separated) so that everything
derived from them is independent of where the tree is checked out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import tomlpos


def kconfig_name(name: str) -> str:
    """Kconfig spelling of a component or interface name (``a-b`` -> ``A_B``)."""
    return name.upper().replace("-", "_")


def c_ident(name: str) -> str:
    """C identifier spelling of a component name (``a-b`` -> ``a_b``)."""
    return name.replace("-", "_")


@dataclass
class Param:
    """One parameter of an operation: its full C text and its name."""

    text: str
    name: str


@dataclass
class Op:
    """One operation of an interface, parsed from a C prototype string.

    ``ret`` is the return type as written, including specifiers such as
    ``_Noreturn``; ``ret_type`` is the same without ``_Noreturn``.
    """

    text: str
    ret: str
    name: str
    params: list[Param]
    variadic: bool = False

    @property
    def noreturn(self) -> bool:
        """True when the operation is declared ``_Noreturn``."""
        return "_Noreturn" in self.ret.split()

    @property
    def ret_type(self) -> str:
        """Return type without function specifiers."""
        return " ".join(t for t in self.ret.split() if t not in ("_Noreturn", "inline"))

    @property
    def returns_void(self) -> bool:
        """True when the operation returns nothing."""
        return self.ret_type == "void"

    def param_list(self) -> str:
        """The parameter list as C text (``void`` when empty)."""
        parts = [p.text for p in self.params]
        if self.variadic:
            parts.append("...")
        return ", ".join(parts) if parts else "void"

    def arg_list(self) -> str:
        """The arguments forwarding every parameter, as C text."""
        return ", ".join(p.name for p in self.params)

    def declaration(self, name: str | None = None) -> str:
        """The prototype, optionally under another name."""
        return f"{_join_ret(self.ret, name or self.name)}({self.param_list()})"


def _join_ret(ret: str, name: str) -> str:
    """Join a return type and a name, without a space after ``*``."""
    return f"{ret}{name}" if ret.endswith("*") else f"{ret} {name}"


@dataclass
class Interface:
    """An interface declared by ``include/interfaces/<name>.toml``."""

    name: str
    summary: str
    cardinality: str            # "one" or "many"
    naming: str                 # "prefixed" or "direct" ("prefixed" for many)
    header: str | None          # types header, relative to include/
    ops: list[Op]
    path: str                   # the .toml, relative to the root
    text: str = ""              # raw declaration text, for line look-ups
    object: str | None = None   # object type: the instance struct (``struct <object>``)

    @property
    def kname(self) -> str:
        """Kconfig symbol suffix (``IFACE_<kname>``)."""
        return kconfig_name(self.name)

    @property
    def kind(self) -> str:
        """``one``, ``many`` or ``object`` (a ``many`` interface whose operations
        take an instance, ``struct <object> *``, first)."""
        return "object" if self.object else self.cardinality

    def line_of(self, key: str) -> int:
        """Line of ``key`` in the declaration (0 if absent)."""
        return tomlpos.find_line(self.text, key)


@dataclass
class Syscall:
    """A system call a component implements."""

    name: str
    fn: str


@dataclass
class UserProgram:
    """A program of a ``kind = "user"`` component, built static with the
    product arch's C compiler (``programs = [{ name, sources, cflags }]``)."""

    name: str
    sources: list[str] = field(default_factory=list)
    cflags: list[str] = field(default_factory=list)
    index: int = 0


@dataclass
class Install:
    """One entry of a user component's ``install``: what lands at ``path``
    in the product's initramfs. ``what`` is ``program`` (a program of the
    component), ``file`` (a file of its folder), ``package`` (a package's
    binary, tools/packages), ``symlink`` (``value`` is the target),
    ``dir`` or ``node`` (``value`` "c MAJOR MINOR" or "b MAJOR MINOR")."""

    path: str
    what: str
    value: str
    mode: int
    index: int = 0


@dataclass
class DeviceId:
    """One entry of a driver's match table: a devicetree/platform
    ``compatible`` string, or a PCI vendor/device pair."""

    compatible: str | None = None
    vendor: int | None = None
    device: int | None = None


@dataclass
class Driver:
    """A driver a component defines (``drivers = [...]`` of its manifest):
    the bus it binds on, its ``struct device_driver`` object and match table."""

    bus: str
    driver: str
    ids: list[DeviceId] = field(default_factory=list)
    index: int = 0              # position in the manifest's list, for line look-ups


@dataclass
class Component:
    """A component: a folder with a ``component.toml``."""

    name: str
    summary: str
    dir: str                    # folder, relative to the root
    path: str                   # manifest, relative to the root
    provides: list[str] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)
    upcalls: list[str] = field(default_factory=list)
    arch: list[str] = field(default_factory=list)
    prefix: str = ""
    init: str | None = None
    sources: list[str] = field(default_factory=list)
    cflags: list[str] = field(default_factory=list)
    syscalls: list[Syscall] = field(default_factory=list)
    ktests: list[str] = field(default_factory=list)
    htests: list[str] = field(default_factory=list)
    drivers: list[Driver] = field(default_factory=list)
    kind: str = "kernel"        # "kernel" (linked into the image) or "user"
    programs: list[UserProgram] = field(default_factory=list)
    install: list[Install] = field(default_factory=list)
    kconfig: str | None = None  # Kconfig fragment, relative to the root
    text: str = ""              # raw manifest text, for line look-ups

    @property
    def kname(self) -> str:
        """Kconfig symbol suffix (``COMP_<kname>``)."""
        return kconfig_name(self.name)

    @property
    def symbol(self) -> str:
        """The component's Kconfig symbol name."""
        return "COMP_" + self.kname

    @property
    def subsystem(self) -> str:
        """The folder grouping the component (``core``, ``mm``, ``arch``...)."""
        parts = self.dir.split("/")
        if parts[0] == "arch":
            return "arch"
        return parts[1] if len(parts) > 2 else parts[0]

    @property
    def uses(self) -> list[str]:
        """Every interface the component may call or implement."""
        return sorted(set(self.provides) | set(self.requires)
                      | set(self.optional) | set(self.upcalls))

    def driver_line(self, driver: str) -> int:
        """Line of the ``drivers`` entry naming ``driver`` (0 if absent)."""
        pos = tomlpos.index(self.text)
        for d in self.drivers:
            if d.driver == driver:
                return pos.key("drivers", d.index, "driver") or pos.key("drivers")
        return 0

    def ktest_idents(self) -> list[str]:
        """Suite identifiers of the ktests (``tests/ktest_<ident>.c``)."""
        return [ktest_ident(t) for t in self.ktests]

    def line_of(self, key: str, value: str | None = None) -> int:
        """Line of ``key`` (or of ``value`` in its list); 0 if absent."""
        return tomlpos.find_line(self.text, key, value)


def ktest_ident(path: str) -> str:
    """Suite identifier of a ktest file path, '' if it is misnamed."""
    import re
    m = re.fullmatch(r"tests/ktest_([A-Za-z_][A-Za-z0-9_]*)\.c", path)
    return m.group(1) if m else ""


@dataclass
class Product:
    """A product: ``graphs/<name>/product.toml`` and its ``defconfig``.

    ``requires`` names the interfaces the product needs: the product is the
    root consumer of the graph (completed, checked and explained like a
    component's requirements).
    """

    name: str
    summary: str
    arch: str
    dir: str
    path: str
    defconfig: str
    requires: list[str] = field(default_factory=list)   # interfaces the product needs
    qemu: dict = field(default_factory=dict)
    test: dict = field(default_factory=dict)
    text: str = ""              # raw product.toml text, for line look-ups

    def line_of(self, key: str, value: str | None = None) -> int:
        """Line of ``key`` (or of ``value`` in its list); 0 if absent."""
        return tomlpos.find_line(self.text, key, value)


@dataclass
class Tree:
    """Everything loaded from a source tree (products are loaded apart)."""

    root: str
    components: dict[str, Component]
    interfaces: dict[str, Interface]
    arches: list[str]

    _index: dict | None = field(default=None, repr=False, compare=False)

    def providers(self, iface: str) -> tuple[Component, ...]:
        """Every component providing ``iface``, by name.

        Served from an index built on first use (the tree is not modified
        once loaded), so that a lookup does not scan every component.
        """
        if self._index is None:
            index: dict[str, list[Component]] = {}
            for name in sorted(self.components):
                comp = self.components[name]
                for i in dict.fromkeys(comp.provides):
                    index.setdefault(i, []).append(comp)
            self._index = {i: tuple(cs) for i, cs in index.items()}
        return self._index.get(iface, ())

    def inputs(self) -> list[str]:
        """Every manifest and fragment file the tree was loaded from."""
        files = [c.path for c in self.components.values()]
        files += [c.kconfig for c in self.components.values() if c.kconfig]
        files += [i.path for i in self.interfaces.values()]
        return sorted(files)


# --- the resolved graph -----------------------------------------------------------------
#
# What :func:`tessera.resolve.resolve` returns: plain data, no Kconfiglib
# object. Every consumer (emit, render, why, list, the inspection commands)
# reads this model only.


@dataclass
class Assignment:
    """One ``CONFIG_X=value`` (or ``# CONFIG_X is not set``) of a config file.

    ``value`` is unescaped (a string's quotes removed); ``raw`` is the text
    after ``=`` as written.
    """

    name: str
    value: str
    line: int
    raw: str = ""
    unset: bool = False         # written as '# CONFIG_X is not set'


@dataclass(slots=True)
class Symbol:
    """A Kconfig symbol as the configuration resolved it.

    ``type`` is Kconfig's (``bool``, ``tristate``, ``string``, ``int``,
    ``hex``, or ``unknown``); ``written`` is True when the symbol appears in
    the full ``.config`` (it is visible or has a value to write).
    """

    name: str
    type: str
    value: str
    written: bool


@dataclass(slots=True)
class Absence:
    """Why a component of the tree is not in the graph (the facts ``why``,
    ``why-not`` and resolve's errors explain), computed by
    :meth:`tessera.configure.Configuration.absence`."""

    known: bool = True            # the product's Kconfig has the COMP_ symbol
    can_enable: bool = True       # its own dependencies (architectures) hold
    dep_unmet: str | None = None  # the unmet dependency, explained
    set_n: Assignment | None = None   # the configuration's explicit n
    choice: str | None = None     # the `one` interface whose choice it is in
    chosen: str | None = None     # the COMP_ symbol the choice picked instead
    chosen_text: str | None = None    # why the choice took another provider
    choice_required: bool = False     # IFACE_<choice> is y

    def clause(self, symbol: str, config_path: str) -> str:
        """Why the component (Kconfig ``symbol``) is off, as a clause."""
        if not self.known:
            return "it is not enabled"
        if not self.can_enable:
            return self.dep_unmet or "unmet dependencies"
        if self.set_n is not None:
            return f"the configuration sets it to n ({config_path}:{self.set_n.line})"
        if self.chosen is not None:
            return self.chosen_text or "another provider is chosen"
        return f"it is not enabled (nothing selects it; set CONFIG_{symbol}=y)"


@dataclass(slots=True)
class Reason:
    """Why a component is enabled: one incoming edge or a root assignment."""

    kind: str                  # "root", "product", "requires", "upcalls", "kconfig"
    by: str = ""               # requiring component (product: the product's name)
    iface: str = ""
    path: str = ""             # root: the config file; product: its product.toml
    line: int = 0
    symbol: str = ""

    @property
    def is_root(self) -> bool:
        """True when the chain ends here (nothing enabled requires it)."""
        return self.kind in ("root", "product", "kconfig")

    def text(self) -> str:
        """Human-readable form of this step of a chain."""
        if self.kind == "root":
            return f"CONFIG_{self.symbol}=y ({self.path}:{self.line})"
        if self.kind == "product":
            return (f"required by product {self.by} (interface {self.iface}, "
                    f"{self.path}:{self.line})")
        if self.kind == "kconfig":
            return "enabled by Kconfig (no component requires it)"
        verb = "required by" if self.kind == "requires" else "upcalled by"
        return f"{verb} {self.by} (interface {self.iface})"


def chain_from(name: str, parent: dict) -> list[str]:
    """Walk the BFS parents from ``name`` back to a root."""
    steps = [name]
    seen = {name}
    cur = name
    while cur in parent:
        r = parent[cur]
        steps.append(r.text())
        if r.is_root or r.by in seen:
            break
        seen.add(r.by)
        cur = r.by
    return steps


@dataclass
class Graph:
    """A resolved product graph: the one model every command reads.

    ``components`` are the enabled ones in component order (dependencies
    first); ``providers`` maps every enabled interface to its enabled
    providers by name; ``reasons`` every reason each enabled component is
    there and ``parent`` the first one found from the roots (the chain
    ``why`` prints); ``absent`` why each other component of the tree is
    not. ``symbols`` are the Kconfig symbols in ``.config`` order and
    ``config_body`` the full ``.config`` without its header. ``errors`` is
    empty unless resolve was asked not to raise (``strict=False``).
    """

    tree: Tree
    product: Product
    config_path: str                        # relative to the root when inside it
    config_body: str
    symbols: list[Symbol]
    assignments: list[Assignment]
    components: list[Component]             # enabled, in component order
    interfaces: list[str]                   # enabled (>= 1 enabled provider), sorted
    providers: dict[str, list[str]]         # enabled providers by interface, by name
    init_order: list[str]
    reasons: dict[str, list[Reason]] = field(default_factory=dict)
    parent: dict[str, Reason] = field(default_factory=dict)
    absent: dict[str, Absence] = field(default_factory=dict)
    errors: list = field(default_factory=list)   # Diagnostics (strict=False only)

    @property
    def names(self) -> list[str]:
        """Enabled component names in component order."""
        return [c.name for c in self.components]

    def is_enabled(self, name: str) -> bool:
        """True if the component is in the graph."""
        return name in self.reasons

    def value(self, symbol: str) -> str:
        """The value of a Kconfig symbol (without ``CONFIG_``), '' if undefined."""
        if "_values" not in self.__dict__:
            self.__dict__["_values"] = {s.name: s.value for s in self.symbols}
        return self.__dict__["_values"].get(symbol, "")

    def assignment(self, symbol: str) -> Assignment | None:
        """The configuration file's assignment of ``symbol``, or None."""
        return next((a for a in self.assignments if a.name == symbol), None)

    def chain(self, name: str) -> list[str]:
        """The shortest chain from a root to ``name``, as text steps."""
        return chain_from(name, self.parent)

    def chain_text(self, name: str) -> str:
        """``a <- required by b (interface x) <- ... <- CONFIG_B=y (file:line)``."""
        return " <- ".join(self.chain(name))

    def config_text(self, header: str) -> str:
        """The full resolved ``.config`` under ``header``."""
        return header + self.config_body

    def chosen(self) -> dict[str, str]:
        """The provider of every enabled ``one`` interface."""
        return {n: self.providers[n][0] for n in self.interfaces
                if self.tree.interfaces[n].cardinality == "one"}
