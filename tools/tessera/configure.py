# SPDX-License-Identifier: Apache-2.0
"""Kconfig generation and evaluation with Kconfiglib.

:func:`generate_kconfig` turns the manifests into ``Kconfig.components``:

* ``ARCH`` (string, the product's architecture, not user-settable) and one
  ``ARCH_<ARCH>`` ``def_bool`` per architecture named anywhere;
* one hidden ``IFACE_<NAME>`` bool per interface, selected by every component
  that requires it or upcalls it, and ``default y`` when the product requires
  it (the product is the root consumer of the graph);
* one ``COMP_<NAME>`` bool per component (prompt = summary, ``depends on`` its
  architectures, ``select IFACE_*`` for its requires and upcalls), followed
  by its ``Kconfig`` fragment inside ``if COMP_<NAME>``;
* for a ``one`` interface with several providers, an *optional* ``choice``
  holding the providers.  The choice is always visible, so a product may pick
  a provider of an interface it uses only optionally (``x86_64-tiny`` picks
  ``page-alloc-firstfit``); when the interface is required (``IFACE_X=y``)
  and the configuration picked nothing, :func:`evaluate` switches the choice
  on, which selects its default (first visible) provider.  A
  ``depends on IFACE_X`` on the choice would instead make such a pick
  impossible and form a dependency loop for the ``arch`` interface (whose
  providers require interfaces that require ``arch``).

The top-level ``Kconfig`` of the tree sources the generated file through the
``TESSERA_KCONFIG_COMPONENTS`` environment variable; ``srctree`` is the root.
Prompts are escaped (``\\$``) so that a summary is never macro-expanded. A
fragment may define only symbols of its own: redefining a generated symbol,
a symbol of the top-level ``Kconfig`` or another component's is an error at
the fragment's line, and so is any Kconfiglib parse error (an unclosed
``if``/``menu`` points at its opening line, bad UTF-8 at its line).

Providers are not ``select``-ed by Kconfig: components that require each
other (``arch`` <-> ``printk``...) would make select cycles, which Kconfig
rejects as dependency loops. Instead :func:`complete` runs after the
configuration is loaded and, until nothing changes, switches on the sole
provider of every required interface (``IFACE_X=y``) and the first visible
provider of the choice of every required ``one`` interface with
alternatives, skipping every provider the configuration sets to n: an
explicit ``n`` on a component is never overridden (work-list driven: only
the requirements of what it switched on are looked at again).

:func:`evaluate` loads a configuration (the product defconfig or a full
``.config``). The file is checked line by line first: not UTF-8, a line
that is neither an assignment nor a comment (``CONFIG_FOO`` without ``=``),
a symbol assigned twice, an unknown symbol, a value that is not of the
symbol's type (``m`` or ``yes`` for a bool, ``abc`` for an int, an
unquoted string) are errors at their line, and only the valid assignments
reach Kconfiglib. Then every Kconfiglib warning is an error, and so is every
assignment that did not take, with the reason: the unmet dependency and
which of its symbols is n (the product's arch for ``ARCH_*``), the other
provider chosen for a ``one`` interface and the line that chose it, the
active range, or a symbol without prompt. An explicit ``n`` on a component
that ends up y (only Kconfig's own ``select``, from a fragment, can do that)
is such an error too; on any other bool, ``select`` overrides ``n`` as in
Linux.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field

from .errors import Collector, Diagnostic, TesseraError, did_you_mean
from .load import relpath
from .model import Absence, Assignment, Product, Symbol, Tree, kconfig_name

GENERATED_KCONFIG = "<generated Kconfig.components>"


def _help(lines: list[str]) -> str:
    return "\thelp\n" + "".join(f"\t  {l}\n" if l else "\n" for l in lines)


def _q(text: str) -> str:
    """A Kconfig string literal; ``\\$`` keeps ``$(...)`` from being expanded
    (Kconfig would run ``$(shell,...)`` found in a component's summary)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def choice_interfaces(tree: Tree) -> list[str]:
    """Names of the ``one`` interfaces that have several providers."""
    return [n for n, i in sorted(tree.interfaces.items())
            if i.cardinality == "one" and len(tree.providers(n)) > 1]


def choice_owners(tree: Tree) -> dict[str, str]:
    """For each choice interface, the interface whose ``choice`` holds its
    providers. Interfaces with the very same providers share one choice
    (the first by name): a Kconfig symbol can be in only one choice, and
    picking the provider of one picks it for all (each architecture
    provides both ``arch`` and ``mmu``)."""
    owners: dict[str, str] = {}
    first: dict[tuple, str] = {}
    for name in choice_interfaces(tree):
        key = tuple(sorted(c.name for c in tree.providers(name)))
        owners[name] = first.setdefault(key, name)
    return owners


def generate_kconfig(tree: Tree, product: Product) -> str:
    """Return the text of ``Kconfig.components`` for a product."""
    arch = product.arch
    out = ["# Generated by tools/tessera from the component manifests. Do not edit.\n",
           "\n", "config ARCH\n\tstring\n", f"\tdefault {_q(arch)}\n"]
    for a in tree.arches:
        out.append(f"\nconfig ARCH_{kconfig_name(a)}\n\tdef_bool ARCH = {_q(a)}\n")

    choices = set(choice_interfaces(tree))
    in_choice = {c.name for n in choices for c in tree.providers(n)}

    out.append("\n# Interfaces: hidden, selected by the components that need them;\n"
               f"# y by default when the product ({product.path}) requires them.\n")
    for name, iface in sorted(tree.interfaces.items()):
        out.append(f"\nconfig IFACE_{iface.kname}\n\tbool\n"
                   + ("\tdefault y\n" if name in product.requires else ""))

    def comp_entry(comp) -> str:
        text = f"\nconfig {comp.symbol}\n\tbool {_q(comp.summary)}\n"
        if comp.arch:
            text += "\tdepends on " + " || ".join(
                f"ARCH_{kconfig_name(a)}" for a in sorted(comp.arch)) + "\n"
        for iface in sorted(set(comp.requires) | set(comp.upcalls)):
            text += f"\tselect IFACE_{kconfig_name(iface)}\n"
        lines = [f"Component {comp.name} ({comp.dir})."]
        for key in ("provides", "requires", "optional", "upcalls", "arch"):
            values = getattr(comp, key)
            if values:
                lines.append(f"{key}: {', '.join(values)}")
        return text + _help(lines)

    def fragment(comp) -> str:
        if not comp.kconfig:
            return ""
        return f"\nif {comp.symbol}\nsource {_q(comp.kconfig)}\nendif\n"

    by_sub: dict[str, list] = {}
    for comp in sorted(tree.components.values(), key=lambda c: c.name):
        by_sub.setdefault(comp.subsystem, []).append(comp)
    out.append('\nmenu "Components"\n')
    for sub in sorted(by_sub):
        out.append(f'\nmenu {_q(sub)}\n')
        for comp in by_sub[sub]:
            if comp.name not in in_choice:
                out.append(comp_entry(comp))
            out.append(fragment(comp))
        out.append(f"\nendmenu # {sub}\n")
    out.append("\nendmenu # Components\n")
    owners = choice_owners(tree)
    if choices:
        out.append('\nmenu "Interface providers"\n')
        for name in sorted(n for n in choices if owners[n] == n):
            shared = sorted(n for n in choices if owners[n] == name and n != name)
            prompt = name + " provider" + (f" (also {', '.join(shared)})" if shared else "")
            out.append(f"\nchoice {kconfig_name(name)}_PROVIDER\n"
                       f"\tprompt {_q(prompt)}\n\toptional\n")
            out.append(_help([f"The component implementing the '{name}' interface.",
                              "Switched on by the graph tool when a component requires it."]))
            for comp in tree.providers(name):
                out.append(comp_entry(comp))
            out.append("\nendchoice\n")
        out.append("\nendmenu # Interface providers\n")
    return "".join(out)


_SET_RE = re.compile(r"^CONFIG_([A-Za-z0-9_]+)=(.*)$")
_UNSET_RE = re.compile(r"^# CONFIG_([A-Za-z0-9_]+) is not set$")
_STRING_RE = re.compile(r'^"((?:[^"\\]|\\.)*)"$')


def parse_config_text(text: str, rel: str, errs: Collector) -> list[Assignment]:
    """Every assignment of .config-format text, with its line.

    Lines that are neither an assignment, a comment nor blank are errors
    (``CONFIG_FOO`` without ``=``), and so is a symbol assigned twice.
    """
    found = []
    first: dict[str, int] = {}
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip()
        m = _SET_RE.match(line)
        if m:
            a = Assignment(m.group(1), m.group(2), n, m.group(2))
        else:
            m = _UNSET_RE.match(line)
            if not m:
                if line.strip() and not line.lstrip().startswith("#"):
                    errs.add(rel, n, f"malformed line '{line.strip()}': expected "
                             "CONFIG_NAME=value or '# CONFIG_NAME is not set'")
                continue
            a = Assignment(m.group(1), "n", n, "n", unset=True)
        if a.name in first:
            errs.add(rel, n, f"CONFIG_{a.name} set more than once (first at line "
                     f"{first[a.name]})")
            continue
        first[a.name] = n
        found.append(a)
    return found


def read_config(path: str, rel: str) -> str:
    """The text of a configuration file; unreadable or non-UTF-8 is a user error."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise TesseraError.single(f"cannot read the configuration: {e.strerror}", rel)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise TesseraError.single(f"not UTF-8: byte 0x{raw[e.start]:02x} ({e.reason})",
                                  rel, raw.count(b"\n", 0, e.start) + 1)


def _check_value(kconf, a: Assignment) -> str | None:
    """Why the text of an assignment is not a value of its symbol's type, or None."""
    import kconfiglib
    sym = kconf.syms[a.name]
    kind = sym.orig_type
    if a.unset:
        return None             # '# CONFIG_X is not set': n, or ignored if not a bool
    if kind in (kconfiglib.BOOL, kconfiglib.TRISTATE):
        allowed = ("y", "n") if kind is kconfiglib.BOOL else ("y", "m", "n")
        if a.raw not in allowed:
            return (f"'{a.raw}' is not a value of the {kconfiglib.TYPE_TO_STR[kind]} "
                    f"symbol {a.name} (use {' or '.join(allowed)})")
    elif kind is kconfiglib.STRING:
        m = _STRING_RE.match(a.raw)
        if not m:
            return (f"the string symbol {a.name} needs a double-quoted value "
                    f"(CONFIG_{a.name}=\"...\"), not {a.raw}")
        a.value = re.sub(r"\\(.)", r"\1", m.group(1))
    elif kind is kconfiglib.INT:
        # As Linux's sym_string_valid(): no leading zeros, which C (autoconf.h)
        # would read as octal.
        if not re.fullmatch(r"-?(0|[1-9][0-9]*)", a.raw):
            return (f"'{a.raw}' is not a value of the int symbol {a.name} "
                    "(a decimal integer without leading zeros)")
    elif kind is kconfiglib.HEX:
        if not re.fullmatch(r"(0[xX])?[0-9a-fA-F]+", a.raw):
            return f"'{a.raw}' is not a value of the hex symbol {a.name} (e.g. 0x1f)"
    elif a.raw != "n":
        return f"{a.name} has no type and cannot be assigned"
    return None


@dataclass
class Configuration:
    """A product configuration evaluated by Kconfiglib."""

    tree: Tree
    product: Product
    kconf: object
    config_path: str             # relative to the root when inside it
    assignments: list[Assignment]
    kconfig_text: str
    values: dict = field(default_factory=dict)

    def value(self, sym: str) -> str:
        """The value of a symbol (without ``CONFIG_``), '' if undefined."""
        s = self.kconf.syms.get(sym)
        return s.str_value if s is not None and s.nodes else ""

    def enabled(self, comp_name: str) -> bool:
        """True when the component's ``COMP_`` symbol is y."""
        return self.value(self.tree.components[comp_name].symbol) == "y"

    def enabled_components(self):
        """Enabled components, by name."""
        return [c for n, c in sorted(self.tree.components.items()) if self.enabled(n)]

    def assignment(self, symbol: str):
        """The assignment of ``symbol`` (without ``CONFIG_``) in the file, or None."""
        if "_by_name" not in self.values:
            self.values["_by_name"] = {a.name: a for a in self.assignments}
        return self.values["_by_name"].get(symbol)

    def root_assignment(self, comp_name: str):
        """The assignment that set the component =y explicitly, if any."""
        a = self.assignment(self.tree.components[comp_name].symbol)
        return a if a is not None and a.value == "y" else None

    def config_text(self, header: str) -> str:
        """The full configuration in .config format."""
        return self.kconf._config_contents(header)

    def symbols(self) -> list[Symbol]:
        """Every defined Kconfig symbol with its value, in ``.config`` order."""
        import kconfiglib
        names = kconfiglib.TYPE_TO_STR
        return [Symbol(sym.name, names[sym.orig_type], sym.str_value, bool(sym.config_string))
                for sym in self.kconf.unique_defined_syms]

    def absence(self, comp) -> Absence:
        """Why ``comp``, not enabled, is not: plain facts for the graph."""
        sym = self.kconf.syms.get(comp.symbol)
        if sym is None or not sym.nodes:
            return Absence(known=False, can_enable=False)
        if "_by_name" not in self.values:
            self.values["_by_name"] = {a.name: a for a in self.assignments}
        by_name = self.values["_by_name"]
        out = Absence(can_enable=own_deps_met(sym))
        if not out.can_enable:
            out.dep_unmet = describe_dep(self.kconf, sym, self.product, by_name)
        a = by_name.get(comp.symbol)
        if a is not None and a.value == "n":
            out.set_n = a
        if sym.choice is not None:
            tree = self.tree
            out.choice = next((i for i in comp.provides
                               if tree.interfaces[i].cardinality == "one"
                               and len(tree.providers(i)) > 1), None)
            sel = sym.choice.selection
            if sel is not None and sel is not sym:
                out.chosen = sel.name
                out.chosen_text = describe_dep(self.kconf, sym, self.product, by_name)
            if out.choice is not None:
                out.choice_required = self.value("IFACE_" + kconfig_name(out.choice)) == "y"
        return out

    def min_config_text(self) -> str:
        """The minimal configuration (no header) giving the same result."""
        return minimize(self)


@contextmanager
def _environ(**env):
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def load_kconfig(tree: Tree, product: Product):
    """Generate the component Kconfig and parse the tree's ``Kconfig`` with it.

    Returns ``(kconf, text, path of the (deleted) generated file)``. Parse
    errors, and symbols that a component's fragment defines but does not
    own, are user errors; Kconfiglib's parse-time warnings are left in
    ``kconf.warnings`` for :func:`evaluate`.
    """
    import kconfiglib
    text = generate_kconfig(tree, product)
    top = os.path.join(tree.root, "Kconfig")
    if not os.path.isfile(top):
        raise TesseraError.single("no top-level Kconfig in the tree", "Kconfig")
    tmp = tempfile.mkdtemp(prefix="tessera-kconfig-")
    try:
        gen = os.path.join(tmp, "Kconfig.components")
        with open(gen, "w", encoding="utf-8") as f:
            f.write(text)
        with _environ(srctree=os.path.abspath(tree.root), KCONFIG_WARN_UNDEF="y",
                      TESSERA_KCONFIG_COMPONENTS=gen, KCONFIG_CONFIG_HEADER=""):
            try:
                kconf = kconfiglib.Kconfig("Kconfig", warn_to_stderr=False,
                                           suppress_traceback=False)
            except kconfiglib.KconfigError as e:
                raise TesseraError([_kconfig_diag(tree, gen, str(e))])
            except (OSError, UnicodeDecodeError) as e:
                raise TesseraError.single(f"cannot read the Kconfig files: {e}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _check_fragments(tree, kconf, gen)
    return kconf, text, gen


def _check_fragments(tree: Tree, kconf, gen: str) -> None:
    """A fragment may define only symbols that nothing else defines.

    Redefining ``COMP_*``/``IFACE_*``/``ARCH*`` (or a symbol of the top-level
    Kconfig or of another component) would let one component change the
    dependencies of another behind the graph's back.
    """
    owners = {c.kconfig: c for c in tree.components.values() if c.kconfig}
    errs = Collector()
    for sym in kconf.unique_defined_syms:
        files = {}
        for node in sym.nodes:
            files.setdefault(node.filename, node.linenr)
        frags = [f for f in files if f in owners]
        if not frags or len(files) == 1:
            continue
        where = []
        for f, line in sorted(files.items()):
            if f == gen:
                where.append("the generated component Kconfig (from the manifests)")
            elif f in owners:
                where.append(f"{f}:{line} ({owners[f].name})")
            else:
                where.append(f"{f}:{line}")
        for f in frags:
            errs.add(f, files[f], f"{sym.name} is defined more than once: "
                     f"{'; '.join(where)}; a component's Kconfig may define only its own "
                     "symbols")
    for choice in kconf.unique_choices:
        for node in choice.nodes:
            if node.filename in owners and choice.name and choice.name.endswith("_PROVIDER"):
                errs.add(node.filename, node.linenr, f"choice {choice.name} is generated "
                         "from the manifests; a component's Kconfig may not define it")
    # The generated files may not depend on who runs the tool.
    for var in sorted(set(kconf.env_vars) - {"srctree", "TESSERA_KCONFIG_COMPONENTS"}):
        where = [("Kconfig", 0)]
        for frag in sorted(owners):
            try:
                with open(os.path.join(tree.root, frag), encoding="utf-8") as f:
                    lines = f.read().split("\n")
            except (OSError, UnicodeDecodeError):
                continue
            hits = [n for n, l in enumerate(lines, 1) if f"$({var}" in l]
            if hits:
                where = [(frag, n) for n in hits]
                break
        for path, line in where:
            errs.add(path, line, f"the Kconfig reads the environment variable {var}: the "
                     "configuration would depend on the environment of the build")
    errs.raise_if_any()


def _unclosed(path: str, keyword: str) -> int:
    """Line of the block opener that ``keyword`` (``endif``...) never closed."""
    opener = {"endif": "if", "endmenu": "menu", "endchoice": "choice"}.get(keyword)
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
    except OSError:
        return 0
    stack: list[tuple[str, int]] = []
    help_indent = None
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        indent = len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())
        if help_indent is not None:
            if not stripped or indent > help_indent:
                continue
            help_indent = None
        word = stripped.split("#")[0].split()[0] if stripped.split("#")[0].split() else ""
        if word in ("help", "---help---"):
            help_indent = indent
        elif word in ("if", "menu", "choice"):
            stack.append((word, n))
        elif word in ("endif", "endmenu", "endchoice") and stack:
            stack.pop()
    for word, n in reversed(stack):
        if word == opener:
            return n
    return max(1, len(lines) - 1)


def _kconfig_diag(tree: Tree, gen: str, msg: str) -> Diagnostic:
    """Turn a Kconfiglib message into a diagnostic with a relative path."""
    msg = msg.strip()
    msg = msg.replace(gen, GENERATED_KCONFIG)
    root = os.path.abspath(tree.root)
    msg = msg.replace(root + os.sep, "")
    msg = re.sub(r"\s*Check that environment variables are set correctly.*$", "", msg,
                 flags=re.S)
    ref = re.search(r"Referenced at (\S+?):(\d+):", msg)
    if ref and msg.startswith(("warning: undefined symbol", "undefined symbol")):
        first = re.sub(r"^warning: ", "", msg.splitlines()[0]).rstrip(":")
        return Diagnostic(ref.group(1), int(ref.group(2)), first)
    m = re.match(r"^Malformed utf-8 in '(.+?)'", msg)
    if m:
        path = os.path.join(root, m.group(1))
        line = 1
        try:
            with open(path, "rb") as f:
                raw = f.read()
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as e:
                line = raw.count(b"\n", 0, e.start) + 1
        except OSError:
            pass
        return Diagnostic(m.group(1), line, "not UTF-8")
    m = re.match(r"^(?:error: )?expected '(endif|endmenu|endchoice)' at end of '(.+?)'", msg)
    if m:
        line = _unclosed(os.path.join(root, m.group(2)), m.group(1))
        opener = {"endif": "if", "endmenu": "menu", "endchoice": "choice"}[m.group(1)]
        return Diagnostic(m.group(2), line, f"'{opener}' without a matching "
                          f"'{m.group(1)}' before the end of the file")
    m = re.match(r"^(.+?):(\d+): (?:warning: |error: )?(.*)$", msg, re.S)
    if m and " " not in m.group(1):
        return Diagnostic(m.group(1), int(m.group(2)), m.group(3))
    msg = re.sub(r"^(warning|error): ", "", msg)
    m = re.search(r"\(defined at (\S+?):(\d+)\)", msg)
    if m:
        return Diagnostic(m.group(1), int(m.group(2)), msg)
    return Diagnostic("", 0, msg)


def complete(tree: Tree, kconf, explicit_n=None) -> None:
    """Switch on the providers of every required interface, to a fixpoint.

    An interface is required when its ``IFACE_`` symbol is y: an enabled
    component requires or upcalls it, or the product requires it. A
    required interface with a single provider gets that provider (when its
    architecture allows it); a required ``one`` interface with alternatives
    whose choice the configuration left off gets its first visible provider,
    by name. ``many`` interfaces with several providers get nothing: the
    configuration must name them.

    A provider the configuration sets to n explicitly (``user_value`` 0,
    from ``CONFIG_X=n`` or ``# CONFIG_X is not set``) is never a candidate:
    the choice takes the next visible provider instead, and when no
    candidate is left nothing is switched on, so that :mod:`tessera.resolve`
    reports the unmet requirement with the lines that disabled every
    provider. The tool never overrides an explicit n.

    Work-list driven: after a provider is switched on only the interfaces it
    requires are looked at again, and a final pass over every interface
    confirms the fixpoint (Kconfig fragments may ``select`` too).
    """
    choices = set(choice_interfaces(tree))
    owners = choice_owners(tree)
    by_symbol = {c.symbol: c for c in tree.components.values()}
    if explicit_n is None:
        def explicit_n(sym):
            return sym.user_value == 0

    def step(name: str):
        """Act on one interface; return the component switched on, if any."""
        iface = kconf.syms.get("IFACE_" + kconfig_name(name))
        if iface is None or iface.tri_value != 2:
            return None
        if name in choices:
            choice = kconf.named_choices.get(kconfig_name(owners[name]) + "_PROVIDER")
            if choice is None or choice.tri_value != 0 or choice.user_value is not None:
                return None
            choice.set_value(2)     # (its members are visible only in y mode)
            pick = next((s for s in choice.syms if s.visibility and not explicit_n(s)), None)
            if pick is None:
                choice.unset_value()    # every candidate is off: resolve says so
                return None
            if choice.selection is not pick:
                pick.set_value(2)   # the default is set to n: take the next one
            sel = choice.selection if choice.tri_value == 2 else None
            return by_symbol.get(sel.name) if sel is not None else None
        provs = tree.providers(name)
        if len(provs) == 1:
            sym = kconf.syms.get(provs[0].symbol)
            if (sym is not None and sym.tri_value == 0 and sym.visibility == 2
                    and not explicit_n(sym)):
                sym.set_value(2)
                return provs[0]
        return None

    # Symbols only ever go from n to y, so this ends; the bound is a guard.
    for _ in range(len(tree.interfaces) + len(tree.components) + 1):
        # One round: a pass over every interface, extended by the
        # requirements of whatever it switches on. A round that switches
        # nothing on is the fixpoint.
        pending = sorted(tree.interfaces, reverse=True)
        changed = False
        while pending:
            comp = step(pending.pop())
            if comp is not None:
                changed = True
                pending.extend(sorted(set(comp.requires) | set(comp.upcalls), reverse=True))
        if not changed:
            return


def _ranges(sym) -> str:
    import kconfiglib
    for low, high, cond in sym.ranges:
        if kconfiglib.expr_value(cond):
            return f"[{low.str_value}, {high.str_value}]"
    return ""


def _loc(node) -> str:
    return f"{node.filename}:{node.linenr}"


def describe_dep(kconf, sym, product: Product, assignments: dict | None = None) -> str:
    """Why ``sym`` does not have the value the configuration gave it.

    ``assignments`` (symbol name -> :class:`Assignment`) lets the reason
    point at the line that chose another provider of a ``one`` interface.
    """
    import kconfiglib
    parts = []
    dep = sym.direct_dep
    if sym.choice is not None:
        # A choice member depends on its choice too; say what the choice hides.
        own = [e for e in kconfiglib.split_expr(dep, kconfiglib.AND)
               if not isinstance(e, kconfiglib.Choice)]
        dep = own[0] if len(own) == 1 else (
            sym.choice.direct_dep if not own else (kconfiglib.AND, own[0], own[1]))
        for extra in own[2:]:
            dep = (kconfiglib.AND, dep, extra)
    expr = kconfiglib.expr_str(dep)
    off = [s.name for s in kconfiglib.expr_items(dep)
           if isinstance(s, kconfiglib.Symbol) and s.tri_value == 0 and not s.is_constant]
    if expr != "y" and kconfiglib.expr_value(dep) < 2:
        text = f"it depends on {expr}"
        off = sorted(set(off))
        if off:
            text += (f" ({', '.join(off)} {'is' if len(off) == 1 else 'are'} n"
                     + (f": product arch is {product.arch}"
                        if any(o.startswith("ARCH_") for o in off) else "") + ")")
        parts.append(text)
    if not parts and sym.choice is not None:
        sel = sym.choice.selection
        if sel is not None and sel is not sym:
            name = (sym.choice.name or "")[:-len("_PROVIDER")].lower()
            chosen = (assignments or {}).get(sel.name)
            how = (f"CONFIG_{sel.name}=y at line {chosen.line} chose it"
                   if chosen is not None and chosen.value == "y" else "the default")
            parts.append(f"'{name}' is a 'one' interface and {sel.name} is its provider "
                         f"({how}); a product has only one provider of a 'one' interface")
    if not parts and sym.orig_type in (kconfiglib.INT, kconfiglib.HEX):
        rng = _ranges(sym)
        if rng:
            parts.append(f"outside the range {rng} of {sym.name} ({_loc(sym.nodes[0])})")
    if not parts and kconfiglib.expr_value(sym.rev_dep):
        parts.append("it is selected by " + kconfiglib.expr_str(sym.rev_dep))
    if not parts and not sym.nodes[0].prompt:
        parts.append("it cannot be set by a configuration file (no prompt)")
    return "; ".join(parts) if parts else "unmet dependencies"


def _symbol_names(kconf) -> list[str]:
    return [s.name for s in kconf.unique_defined_syms]


_DROP_WARNINGS = re.compile(
    r"user value .* ignored due to being outside the active range")


def evaluate(tree: Tree, product: Product, config: str | None = None) -> Configuration:
    """Load ``config`` (default: the product defconfig) and check it took."""
    import kconfiglib
    kconf, text, gen = load_kconfig(tree, product)
    path = config or os.path.join(tree.root, product.defconfig)
    rel = relpath(tree.root, path)
    if not os.path.exists(path):
        raise TesseraError.single(f"configuration file {rel} does not exist")
    errs = Collector()
    for w in kconf.warnings:
        d = _kconfig_diag(tree, gen, w)
        errs.add(d.path, d.line, d.message)
    kconf.warnings = []
    body = read_config(path, rel)
    assignments = parse_config_text(body, rel, errs)
    good: list[Assignment] = []
    for a in assignments:
        sym = kconf.syms.get(a.name)
        if sym is None or not sym.nodes:
            errs.add(rel, a.line, f"unknown symbol CONFIG_{a.name}"
                     + did_you_mean(a.name, _symbol_names(kconf)).replace("'", "'CONFIG_", 1))
            continue
        bad = _check_value(kconf, a)
        if bad:
            errs.add(rel, a.line, bad)
            continue
        good.append(a)
    # Kconfiglib reads only the assignments that passed, at their lines.
    keep = {a.line for a in good}
    clean = "\n".join(l if n in keep else "" for n, l in enumerate(body.split("\n"), 1))
    tmp = tempfile.mkdtemp(prefix="tessera-config-")
    try:
        clean_path = os.path.join(tmp, "config")
        with open(clean_path, "w", encoding="utf-8") as f:
            f.write(clean)
        kconf.load_config(clean_path, replace=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    complete(tree, kconf)
    for sym in kconf.unique_defined_syms:
        sym.str_value
    for choice in kconf.unique_choices:
        choice.tri_value
    for w in kconf.warnings:
        if _DROP_WARNINGS.search(w):
            continue   # reported below, with the assignment's line
        d = _kconfig_diag(tree, gen, w.replace(clean_path, rel))
        errs.add(d.path, d.line, d.message)
    by_name = {a.name: a for a in good}
    comp_symbols = {c.symbol for c in tree.components.values()}
    for a in good:
        sym = kconf.syms[a.name]
        is_bool = sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE)
        if a.unset and not is_bool:
            continue    # Kconfig ignores 'is not set' for a non-bool symbol
        if is_bool and a.value == "n" and (a.name not in comp_symbols
                                           or sym.str_value == "n"):
            # The tool never overrides an explicit n on a component; on
            # other symbols Kconfig's own 'select' may (as in Linux).
            continue
        if sym.str_value != a.value:
            errs.add(rel, a.line,
                     f"CONFIG_{a.name}={a.raw} did not take (value is "
                     f"{sym.str_value or 'empty'}): "
                     f"{describe_dep(kconf, sym, product, by_name)}")
    errs.raise_if_any()
    return Configuration(tree=tree, product=product, kconf=kconf, config_path=rel,
                         assignments=assignments, kconfig_text=text)


def _full_state(kconf) -> str:
    return kconf._config_contents("")


def minimize(cfg: Configuration) -> str:
    """Minimal configuration text (no header) that evaluates to the same result.

    Starts from Kconfiglib's ``write_min_config`` and then drops every line
    whose removal does not change the full configuration (lines that only
    repeat what the tool would pick on its own, e.g. a choice's default).
    """
    kconf = cfg.kconf
    target = _full_state(kconf)
    lines = [l for l in kconf._min_config_contents("").splitlines() if l.strip()]
    tmp = tempfile.mkdtemp(prefix="tessera-min-")
    try:
        path = os.path.join(tmp, "config")

        def state(cand):
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(l + "\n" for l in cand))
            kconf.load_config(path, replace=True)
            complete(cfg.tree, kconf)
            return _full_state(kconf)

        i = 0
        while i < len(lines):
            cand = lines[:i] + lines[i + 1:]
            if state(cand) == target:
                lines = cand
            else:
                i += 1
        state(lines)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return "".join(l + "\n" for l in lines)


def own_deps_met(sym) -> bool:
    """True when a ``COMP_`` symbol's own dependencies (its architectures)
    hold. A provider in a ``choice`` also depends on the choice, which is off
    when nothing picked a provider: that is not a reason of its own."""
    import kconfiglib
    if sym.choice is None:
        return sym.visibility != 0
    own = [e for e in kconfiglib.split_expr(sym.direct_dep, kconfiglib.AND)
           if not isinstance(e, kconfiglib.Choice)]
    return all(kconfiglib.expr_value(e) for e in own)


def _complete_file(tree: Tree, product: Product, config: str | None, out: str) -> list[str]:
    """Write the tool's resolution of ``config`` (the defconfig when None) to
    ``out``; the ``CONFIG_`` lines it changed, as ``-old``/``+new`` text."""
    cfg = evaluate(tree, product, config)
    text = cfg.config_text(f"# Tessera configuration of {product.name}\n")
    old = ""
    if os.path.exists(out):
        with open(out, encoding="utf-8", errors="replace") as f:
            old = f.read()
    if old == text:
        return []
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    was = {l.split("=")[0]: l for l in old.splitlines() if l.startswith("CONFIG_")}
    now = {l.split("=")[0]: l for l in text.splitlines() if l.startswith("CONFIG_")}
    return [f"  {now[k]}" for k in sorted(now) if was and was.get(k) != now[k]]


def menuconfig(tree: Tree, product: Product, config: str, ui=None) -> list[str]:
    """Kconfiglib's menuconfig on ``config`` over the product's generated Kconfig,
    with one solver: ``config`` is first replaced by the tool's resolution (the
    providers the tool completes are shown switched on), and what the user
    saves is resolved again and written back, so the file always holds what
    ``gen`` builds; while the menu runs, every change the user makes is
    completed at once by the same :func:`complete`. Returns the lines to
    print (what the tool completed after the menu). ``ui(kconf, set_value)``
    replaces the interactive menuconfig (tests), ``set_value(sym, value)``
    being what a change in the menu does."""
    import kconfiglib
    turned_off: set[str] = set()

    def set_value(sc, val) -> None:
        """The user's change, then the tool's completion, live: what the
        menu shows is what gen resolves. A component is an explicit n only
        when the user turned it off in this session (the full .config the
        menu loaded marks every component it does not use 'is not set')."""
        sc.set_value(val)
        if isinstance(sc, kconfiglib.Symbol):
            (turned_off.add if sc.tri_value == 0 else turned_off.discard)(sc.name)
        complete(tree, sc.kconfig,
                 lambda sym: sym.user_value == 0 and sym.name in turned_off)

    if ui is None:
        import menuconfig as mc
        orig = mc._set_val

        def _set_val(sc, val):
            if val in kconfiglib.TRI_TO_STR:
                val = kconfiglib.TRI_TO_STR[val]
            if val != sc.str_value:
                set_value(sc, val)
                mc._conf_changed = True
                mc._update_menu()

        def ui(kconf, _setter):
            mc._set_val = _set_val
            try:
                mc.menuconfig(kconf)
            finally:
                mc._set_val = orig
    seed = config if os.path.exists(config) else None
    try:
        _complete_file(tree, product, seed, config)
    except TesseraError as e:
        if seed is None:
            raise
        print("\n".join(str(d) for d in e.diagnostics)
              + "\n(menuconfig opens the configuration as it is: fix the above)")
    text = generate_kconfig(tree, product)
    tmp = tempfile.mkdtemp(prefix="tessera-menuconfig-")
    try:
        gen = os.path.join(tmp, "Kconfig.components")
        with open(gen, "w", encoding="utf-8") as f:
            f.write(text)
        with _environ(srctree=os.path.abspath(tree.root),
                      TESSERA_KCONFIG_COMPONENTS=gen, KCONFIG_CONFIG=os.path.abspath(config)):
            ui(kconfiglib.Kconfig("Kconfig"), set_value)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    changed = _complete_file(tree, product, config, config)
    if not changed:
        return []
    return [f"{relpath(tree.root, config)}: the tool completed the configuration "
            "(the providers of required interfaces):"] + changed


def settable_options(tree: Tree, product: Product) -> list[str]:
    """The bool options a configuration can set that are not generated
    symbols (``COMP_``, ``IFACE_``, ``ARCH*``): the top-level ``Kconfig``'s
    and the components' fragments', by name (for ``allnoconfig`` and
    ``allyesconfig``)."""
    import kconfiglib
    kconf, _, _ = load_kconfig(tree, product)
    generated = {c.symbol for c in tree.components.values()}
    return sorted(s.name for s in kconf.unique_defined_syms
                  if s.name not in generated and not s.name.startswith(("IFACE_", "ARCH"))
                  and s.orig_type == kconfiglib.BOOL and any(n.prompt for n in s.nodes))
@dataclass(slots=True)
class OptionSpace:
    """A settable Kconfig option that is not a component's symbol, as plain
    data for ``randconfig``: its type, its range (int/hex) and the component
    whose ``COMP_`` symbol it depends on (None: always visible)."""

    name: str
    type: str                   # "bool", "int", "hex"
    low: int | None = None
    high: int | None = None
    owner: str | None = None


def option_space(tree: Tree, product: Product) -> list[OptionSpace]:
    """Every option a configuration of ``product`` may set (with a prompt,
    bool/int/hex, not a ``COMP_``/``IFACE_``/``ARCH`` symbol), by name."""
    import kconfiglib
    kconf, _text, _gen = load_kconfig(tree, product)
    by_symbol = {c.symbol: c.name for c in tree.components.values()}
    kinds = {kconfiglib.BOOL: "bool", kconfiglib.TRISTATE: "bool",
             kconfiglib.INT: "int", kconfiglib.HEX: "hex"}
    out = []
    for sym in kconf.unique_defined_syms:
        kind = kinds.get(sym.orig_type)
        if (kind is None or sym.name in by_symbol or sym.name.startswith(("IFACE_", "ARCH"))
                or not any(node.prompt for node in sym.nodes)):
            continue
        owners = [s.name for s in kconfiglib.expr_items(sym.direct_dep) if s.name in by_symbol]
        opt = OptionSpace(sym.name, kind, owner=by_symbol[owners[0]] if owners else None)
        for low, high, _cond in sym.ranges:
            base = 16 if kind == "hex" else 10
            opt.low, opt.high = int(low.str_value, base), int(high.str_value, base)
            break
        out.append(opt)
    return sorted(out, key=lambda o: o.name)
