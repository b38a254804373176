# SPDX-License-Identifier: Apache-2.0
"""Resolving a configured product into a component graph.

Given a :class:`~tessera.configure.Configuration`, :func:`resolve` computes
the enabled set (components whose ``COMP_`` symbol is y), checks it:

* every interface an enabled component requires or upcalls, and every
  interface the product requires (``requires`` of ``product.toml``: the
  product is the root consumer), has an enabled provider (exactly one for a
  ``one`` interface); the error names the candidates and why each is off
  (:func:`why_disabled`), and the lines of the configuration when it sets
  every provider that could be enabled to n (:func:`unmet_text`);
* no ``one`` interface has two enabled providers;
* every enabled component supports the product architecture;
* the names that become C symbols (init functions, system calls and their
  functions) are unique among the enabled components;
* components with an ``init`` function can be ordered: B runs before A when
  A reaches B through requires/optional edges (upcalls are not ordering
  edges); a cycle is an error that prints it, with the interface of each
  edge;

and computes the deterministic orders (ties broken by name): the component
order (dependencies first; members of a dependency cycle among components
without ``init`` are ordered by name) and the init order
(:func:`order_inits`, linear in the size of the graph). Errors explain
*why* a component is in the graph with the chain from the roots (the
components the configuration sets =y explicitly, and the providers of what
the product requires).
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass, field

from .configure import Configuration
from .errors import Collector
from .model import Component, kconfig_name


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


@dataclass
class Graph:
    """A resolved product graph."""

    cfg: Configuration
    components: list[Component]             # enabled, in component order
    interfaces: list[str]                   # enabled (>= 1 enabled provider), sorted
    providers: dict[str, list[str]]         # enabled providers by interface, by name
    init_order: list[str]
    reasons: dict[str, list[Reason]] = field(default_factory=dict)
    parent: dict[str, Reason] = field(default_factory=dict)

    @property
    def tree(self):
        """The loaded tree."""
        return self.cfg.tree

    @property
    def product(self):
        """The product."""
        return self.cfg.product

    @property
    def names(self) -> list[str]:
        """Enabled component names in component order."""
        return [c.name for c in self.components]

    def is_enabled(self, name: str) -> bool:
        """True if the component is in the graph."""
        return any(c.name == name for c in self.components)

    def chain(self, name: str) -> list[str]:
        """The shortest chain from a root to ``name``, as text steps."""
        return chain_from(name, self.parent)

    def chain_text(self, name: str) -> str:
        """``a <- required by b (interface x) <- ... <- CONFIG_B=y (file:line)``."""
        return " <- ".join(self.chain(name))


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


def _edges(comps: dict, providers: dict, keys) -> dict[str, list[tuple[str, str]]]:
    """Component -> [(provider, interface)] over the given manifest keys."""
    out = {}
    for name, comp in comps.items():
        lst = []
        for key in keys:
            for iface in getattr(comp, key):
                for p in providers.get(iface, []):
                    if p != name:
                        lst.append((p, iface))
        out[name] = sorted(set(lst))
    return out


def compute_reasons(cfg: Configuration, comps: dict, providers: dict):
    """Every reason each enabled component is there, and the BFS parents.

    The roots are the components the configuration sets =y explicitly and
    the providers of the interfaces the product requires; a component that
    is both is traced to its configuration line.
    """
    reasons: dict[str, list[Reason]] = {n: [] for n in comps}
    product = cfg.product
    for name in sorted(comps):
        a = cfg.root_assignment(name)
        if a is not None:
            reasons[name].append(Reason("root", path=cfg.config_path, line=a.line,
                                        symbol=comps[name].symbol))
    for iface in product.requires:
        for p in providers.get(iface, []):
            reasons[p].append(Reason("product", by=product.name, iface=iface,
                                     path=product.path,
                                     line=product.line_of("requires", iface) or 1))
    for name in sorted(comps):
        comp = comps[name]
        for key in ("requires", "upcalls"):
            for iface in getattr(comp, key):
                for p in providers.get(iface, []):
                    if p != name:
                        reasons[p].append(Reason(key, by=name, iface=iface))
    parent: dict[str, Reason] = {}
    queue = deque()
    for kind in ("root", "product"):
        for name in sorted(comps):
            r = next((r for r in reasons[name] if r.kind == kind), None)
            if r is not None and name not in parent:
                parent[name] = r
                queue.append(name)
    out = _edges(comps, providers, ("requires", "upcalls"))
    while queue:
        cur = queue.popleft()
        for p, iface in out[cur]:
            if p not in parent:
                kind = "requires" if iface in comps[cur].requires else "upcalls"
                parent[p] = Reason(kind, by=cur, iface=iface)
                queue.append(p)
    for name in sorted(comps):
        if name not in parent:
            # Not reachable from a root: pulled in by Kconfig on its own.
            if reasons[name]:
                parent[name] = sorted(reasons[name], key=lambda r: (r.by, r.iface))[0]
            else:
                reasons[name].append(Reason("kconfig"))
                parent[name] = reasons[name][0]
    return reasons, parent


def _sccs(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan, iterative), deterministic."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(succ[start]))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(succ[w])))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(sorted(comp))
    return out


def topo_order(nodes: list[str], succ: dict[str, list[str]]) -> list[str]:
    """Dependencies first (``succ`` = what a node depends on), ties by name.

    Members of a cycle are emitted together, by name.
    """
    sccs = _sccs(sorted(nodes), succ)
    of = {}
    for i, s in enumerate(sccs):
        for n in s:
            of[n] = i
    deps = {i: set() for i in range(len(sccs))}
    users = {i: set() for i in range(len(sccs))}
    for n in nodes:
        for m in succ[n]:
            if of[m] != of[n]:
                deps[of[n]].add(of[m])
                users[of[m]].add(of[n])
    heap = [(sccs[i][0], i) for i in deps if not deps[i]]
    heapq.heapify(heap)
    order = []
    while heap:
        _, i = heapq.heappop(heap)
        order.extend(sccs[i])
        for u in sorted(users[i]):
            deps[u].discard(i)
            if not deps[u]:
                heapq.heappush(heap, (sccs[u][0], u))
    return order


def _shortest_path(succ: dict, a: str, b: str) -> list[str]:
    prev = {a: None}
    queue = deque([a])
    while queue:
        cur = queue.popleft()
        for n in succ[cur]:
            if n not in prev:
                prev[n] = cur
                if n == b:
                    path = [b]
                    while prev[path[-1]] is not None:
                        path.append(prev[path[-1]])
                    return path[::-1]
                queue.append(n)
    return [a, b]


def _edge_labels(comps: dict, providers: dict, keys) -> dict[tuple[str, str], str]:
    """``(user, provider) -> "requires 'x'"``: what an ordering edge stands for."""
    out = {}
    for name in sorted(comps):
        for key in keys:
            verb = "requires" if key == "requires" else "optionally uses"
            for iface in getattr(comps[name], key):
                for p in providers.get(iface, []):
                    if p != name and (name, p) not in out:
                        out[(name, p)] = f"{verb} '{iface}'"
    return out


def order_inits(nodes: list[str], succ: dict[str, list[str]], inits: set[str],
                early: frozenset[str] | set[str] = frozenset()):
    """Init order of ``inits`` over the dependency graph ``succ``, and its cycles.

    B must run before A when A reaches B (through any components, with or
    without init). Returns ``(order, cycles)``: ``cycles`` lists, sorted, the
    init components of every strongly connected component holding several
    of them (no valid order exists then, and ``order`` is meaningless).
    Otherwise the order is the smallest by name among the valid ones: Kahn's
    algorithm over the condensed graph that releases components without init
    as soon as they are ready and picks among ready init components by name,
    which equals a topological sort of the reachability relation restricted
    to ``inits`` -- in O(V + E) instead of a transitive closure. Components
    in ``early`` are picked before the others whenever several are ready
    (still after everything they depend on).
    """
    sccs = _sccs(sorted(nodes), succ)
    of = {}
    for i, members in enumerate(sccs):
        for n in members:
            of[n] = i
    key = [None] * len(sccs)
    cycles = []
    for i, members in enumerate(sccs):
        own = [n for n in members if n in inits]
        if len(own) > 1:
            cycles.append(own)
        if own:
            key[i] = (own[0] not in early, own[0])
    ndeps = [0] * len(sccs)
    users: list[set[int]] = [set() for _ in sccs]
    for n in nodes:
        for m in succ[n]:
            a, b = of[n], of[m]
            if a != b and a not in users[b]:
                users[b].add(a)
                ndeps[a] += 1
    ready_plain = [i for i in range(len(sccs)) if not ndeps[i] and key[i] is None]
    ready_init = [(key[i], i) for i in range(len(sccs)) if not ndeps[i] and key[i] is not None]
    heapq.heapify(ready_init)
    order = []

    def release(i):
        for u in users[i]:
            ndeps[u] -= 1
            if not ndeps[u]:
                if key[u] is None:
                    ready_plain.append(u)
                else:
                    heapq.heappush(ready_init, (key[u], u))

    while ready_plain or ready_init:
        if ready_plain:
            release(ready_plain.pop())
            continue
        (_, name), i = heapq.heappop(ready_init)
        order.append(name)
        release(i)
    return order, sorted(cycles)


def why_disabled(cfg: Configuration, comp: Component) -> str:
    """Why a component that is not in the graph is not, as a clause."""
    from .configure import describe_dep
    sym = cfg.kconf.syms.get(comp.symbol)
    if sym is None:
        return "it is not enabled"
    if not own_deps_met(sym):
        return describe_dep(cfg.kconf, sym, cfg.product)
    a = cfg.assignment(comp.symbol)
    if a is not None and a.value == "n":
        return f"the configuration sets it to n ({cfg.config_path}:{a.line})"
    if sym.choice is not None and sym.choice.selection not in (None, sym):
        return describe_dep(cfg.kconf, sym, cfg.product,
                            {x.name: x for x in cfg.assignments})
    return f"it is not enabled (nothing selects it; set CONFIG_{comp.symbol}=y)"


def unmet_text(cfg: Configuration, iname: str) -> str:
    """Why nothing provides ``iname``: each candidate and why it is off.

    Starts with ``; `` (it follows "no enabled component provides it").
    When the configuration sets every provider that could be enabled to n
    explicitly, says so with their lines: the tool does not override an
    explicit n.
    """
    tree = cfg.tree
    iface = tree.interfaces[iname]
    cands = tree.providers(iname)
    msg = ""
    if not cands:
        msg += f"; no component provides '{iname}' at all"
    for c in cands:
        msg += f"; '{c.name}' would, but {why_disabled(cfg, c)}"
    off, rest = [], []
    for c in cands:
        a = cfg.assignment(c.symbol)
        (off if a is not None and a.value == "n" else rest).append((c, a))
    if off and all(_cannot_enable(cfg, c) for c, _ in rest):
        msg += (f"; every provider{' that could be enabled' if rest else ''} is disabled "
                "explicitly: " + ", ".join(f"CONFIG_{c.symbol} ({cfg.config_path}:{a.line})"
                                          for c, a in off)
                + " (the tool does not override an explicit n)")
    if iface.cardinality == "many" and len(cands) > 1:
        msg += " (a 'many' interface: enable at least one provider)"
    return msg


def _cannot_enable(cfg: Configuration, comp: Component) -> bool:
    """True when the configuration could not switch the component on."""
    sym = cfg.kconf.syms.get(comp.symbol)
    return sym is None or not own_deps_met(sym)


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


def _arch_dep(comp: Component) -> str:
    return " || ".join(f"ARCH_{kconfig_name(a)}" for a in sorted(comp.arch))


def resolve(cfg: Configuration) -> Graph:
    """Check the configured graph and compute its orders."""
    tree, product = cfg.tree, cfg.product
    errs = Collector()
    comps = {c.name: c for c in cfg.enabled_components()}
    providers: dict[str, list[str]] = {}
    for name in sorted(comps):
        for iface in comps[name].provides:
            providers.setdefault(iface, []).append(name)
    reasons, parent = compute_reasons(cfg, comps, providers)

    def why(name: str) -> str:
        return f"{name} is in the graph because: {' <- '.join(chain_from(name, parent))}"

    for name in sorted(comps):
        comp = comps[name]
        if comp.arch and product.arch not in comp.arch:
            errs.add(comp.path, comp.line_of("arch") or 1,
                     f"component '{name}' depends on {_arch_dep(comp)} "
                     f"(product arch is {product.arch}); {why(name)}")
        for key in ("requires", "upcalls"):
            for iname in getattr(comp, key):
                if providers.get(iname):
                    continue
                msg = (f"component '{name}' {key[:-1] if key == 'requires' else 'upcalls'}"
                       f"{'s' if key == 'requires' else ''} interface '{iname}'; "
                       "no enabled component provides it")
                msg += unmet_text(cfg, iname)
                msg += f"; {why(name)}"
                errs.add(comp.path, comp.line_of(key, iname), msg)
    # The product is the root consumer: what it requires must be there too.
    for iname in product.requires:
        if providers.get(iname):
            continue
        errs.add(product.path, product.line_of("requires", iname) or 1,
                 f"product '{product.name}' requires interface '{iname}'; no enabled "
                 f"component provides it{unmet_text(cfg, iname)}")
    for iname, got in sorted(providers.items()):
        iface = tree.interfaces[iname]
        if iface.cardinality == "one" and len(got) > 1:
            errs.add(iface.path, iface.line_of("cardinality"),
                     f"interface '{iname}' has cardinality one but several enabled "
                     f"providers: {', '.join(got)} ("
                     + "; ".join(f"{p} <- {' <- '.join(chain_from(p, parent)[1:])}"
                                 for p in got) + ")")
    # Names that end up as C symbols must be unique in the product.
    for what, of in (("init function", lambda c: [c.init] if c.init else []),
                     ("system call", lambda c: [s.name for s in c.syscalls]),
                     ("system call function", lambda c: [s.fn for s in c.syscalls])):
        owner: dict[str, str] = {}
        for name in sorted(comps):
            for i, sym in enumerate(of(comps[name])):
                if sym not in owner:
                    owner[sym] = name
                    continue
                comp = comps[name]
                if what.startswith("init"):
                    line = comp.line_of("init")
                else:
                    from .tomlpos import index
                    line = index(comp.text).item("syscalls", i) or comp.line_of("syscalls")
                errs.add(comp.path, line, f"{what} '{sym}' of '{name}' is also the one of "
                         f"'{owner[sym]}' ({comps[owner[sym]].path}), and both are enabled")

    # Component order: over requires only. Init order: requires and enabled
    # optional interfaces. Upcalls are never ordering edges.
    rq = {n: sorted({p for p, _ in e}) for n, e in
          _edges(comps, providers, ("requires",)).items()}
    order = topo_order(sorted(comps), rq)
    succ = {n: sorted({p for p, _ in e}) for n, e in
            _edges(comps, providers, ("requires", "optional")).items()}

    inits = {n for n in comps if comps[n].init}
    # Providers of an upcalled interface complete their caller: printk
    # upcalls `console`, and writes nowhere until a console registers in
    # its init. They run as early as their dependencies allow (Linux runs
    # console_initcall()s before the others), so an initcall that fails
    # early is still reported on a console.
    upcalled = {i for c in comps.values() for i in c.upcalls}
    early = {n for n, c in comps.items() if upcalled.intersection(c.provides)}
    init_order, cycles = order_inits(sorted(comps), succ, inits, early)
    labels = _edge_labels(comps, providers, ("requires", "optional")) if cycles else {}
    for members in cycles:
        a, b = members[0], members[1]
        path = _shortest_path(succ, a, b) + _shortest_path(succ, b, a)[1:]
        steps = [f"{x} {labels[(x, y)]} from {y}" for x, y in zip(path, path[1:])]
        comp = comps[a]
        errs.add(comp.path, comp.line_of("init") or 1,
                 "init order cycle: " + " -> ".join(path) + " (" + "; ".join(steps) +
                 f"; {', '.join(members)} all have an init function, so none can run "
                 "first: make one of the edges an upcall)")
    errs.raise_if_any()
    comp_list = [comps[n] for n in order]
    return Graph(cfg=cfg, components=comp_list, interfaces=sorted(providers),
                 providers=providers, init_order=init_order,
                 reasons=reasons, parent=parent)
