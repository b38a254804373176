# SPDX-License-Identifier: Apache-2.0
"""Resolving a configured product into a component graph.

Given a :class:`~tessera.configure.Configuration`, :func:`resolve` returns a
:class:`~tessera.model.Graph`: plain data that owns no Kconfiglib object
(the configuration's values, the enabled set, the orders, why each component
is in and why each other one is not). It computes the enabled set (components whose ``COMP_`` symbol is y), checks it:

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

from . import graphalg
from .configure import Configuration
from .errors import Collector
from .model import Component, Graph, Reason, chain_from, kconfig_name


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
    roots = []
    for kind in ("root", "product"):
        for name in sorted(comps):
            r = next((r for r in reasons[name] if r.kind == kind), None)
            if r is not None and name not in parent:
                parent[name] = r
                roots.append(name)
    out = graphalg.edges(comps, providers, ("requires", "upcalls"))

    def succ(cur):
        for p, iface in out[cur]:
            kind = "requires" if iface in comps[cur].requires else "upcalls"
            yield p, Reason(kind, by=cur, iface=iface)

    graphalg.bfs_parents(roots, succ, parent)
    for name in sorted(comps):
        if name not in parent:
            # Not reachable from a root: pulled in by Kconfig on its own.
            if reasons[name]:
                parent[name] = sorted(reasons[name], key=lambda r: (r.by, r.iface))[0]
            else:
                reasons[name].append(Reason("kconfig"))
                parent[name] = reasons[name][0]
    return reasons, parent


def unmet_text(tree, absent: dict, config_path: str, iname: str) -> str:
    """Why nothing provides ``iname``: each candidate and why it is off.

    Starts with ``; `` (it follows "no enabled component provides it").
    When the configuration sets every provider that could be enabled to n
    explicitly, says so with their lines: the tool does not override an
    explicit n.
    """
    iface = tree.interfaces[iname]
    cands = tree.providers(iname)
    msg = ""
    if not cands:
        msg += f"; no component provides '{iname}' at all"
    for c in cands:
        msg += f"; '{c.name}' would, but {absent[c.name].clause(c.symbol, config_path)}"
    off, rest = [], []
    for c in cands:
        a = absent[c.name].set_n
        (off if a is not None else rest).append((c, a))
    if off and all(not absent[c.name].can_enable for c, _ in rest):
        msg += (f"; every provider{' that could be enabled' if rest else ''} is disabled "
                "explicitly: " + ", ".join(f"CONFIG_{c.symbol} ({config_path}:{a.line})"
                                          for c, a in off)
                + " (the tool does not override an explicit n)")
    if iface.cardinality == "many" and len(cands) > 1:
        msg += " (a 'many' interface: enable at least one provider)"
    return msg


def _and(names: list[str]) -> str:
    """``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _arch_dep(comp: Component) -> str:
    return " || ".join(f"ARCH_{kconfig_name(a)}" for a in sorted(comp.arch))


def resolve(cfg: Configuration, strict: bool = True) -> Graph:
    """Check the configured graph and compute its orders.

    Raises every error found; with ``strict=False`` returns the graph
    anyway, the errors in ``graph.errors`` (``why`` explains a product that
    does not resolve).
    """
    tree, product = cfg.tree, cfg.product
    errs = Collector()
    comps = {c.name: c for c in cfg.enabled_components()}
    absent = {n: cfg.absence(c) for n, c in sorted(tree.components.items()) if n not in comps}
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
                msg += unmet_text(tree, absent, cfg.config_path, iname)
                msg += f"; {why(name)}"
                errs.add(comp.path, comp.line_of(key, iname), msg)
    # The product is the root consumer: what it requires must be there too.
    for iname in product.requires:
        if providers.get(iname):
            continue
        errs.add(product.path, product.line_of("requires", iname) or 1,
                 f"product '{product.name}' requires interface '{iname}'; no enabled "
                 f"component provides it{unmet_text(tree, absent, cfg.config_path, iname)}")
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
                     ("system call function", lambda c: [s.fn for s in c.syscalls]),
                     ("initramfs path", lambda c: [i.path for i in c.install])):
        owner: dict[str, str] = {}
        for name in sorted(comps):
            for i, sym in enumerate(of(comps[name])):
                if sym not in owner:
                    owner[sym] = name
                    continue
                comp = comps[name]
                if what == "init function":
                    line = comp.line_of("init")
                else:
                    from .tomlpos import index
                    key = "install" if what.startswith("initramfs") else "syscalls"
                    line = index(comp.text).item(key, i) or comp.line_of(key)
                errs.add(comp.path, line, f"{what} '{sym}' of '{name}' is also the one of "
                         f"'{owner[sym]}' ({comps[owner[sym]].path}), and both are enabled")

    # Component order: over requires only. Init order: requires and enabled
    # optional interfaces. Upcalls are never ordering edges.
    rq = {n: sorted({p for p, _ in e}) for n, e in
          graphalg.edges(comps, providers, ("requires",)).items()}
    order = graphalg.topo_order(sorted(comps), rq)
    # The architecture's optional interfaces order nothing: it has no init
    # function, and it calls them only from traps and system calls (the
    # mm's page-fault handler, the process core's signals), after every
    # initcall; both need the arch, so an ordering edge would be a cycle.
    # (Other init-less components keep their optional edges: a library's
    # optional use may run inside its callers' initcalls.)
    succ = {n: sorted({p for p, _ in e}) for n, e in
            graphalg.edges(comps, providers, ("requires",)).items()}
    for n, e in graphalg.edges(comps, providers, ("optional",)).items():
        if comps[n].init or "arch" not in comps[n].provides:
            succ[n] = sorted(set(succ[n]) | {p for p, _ in e})

    inits = {n for n in comps if comps[n].init}
    # Providers of an upcalled interface complete their caller: printk
    # upcalls `console`, and writes nowhere until a console registers in
    # its init. They run as early as their dependencies allow (Linux runs
    # console_initcall()s before the others), so an initcall that fails
    # early is still reported on a console.
    upcalled = {i for c in comps.values() for i in c.upcalls}
    early = {n for n, c in comps.items() if upcalled.intersection(c.provides)}
    init_order, cycles = graphalg.order_inits(sorted(comps), succ, inits, early)
    labels = graphalg.edge_labels(comps, providers, ("requires", "optional")) if cycles else {}
    for members in cycles:
        a, b = members[0], members[1]
        path = graphalg.shortest_path(succ, a, b) + graphalg.shortest_path(succ, b, a)[1:]
        steps = [f"{x} {labels[(x, y)]} from {y}" for x, y in zip(path, path[1:])]
        comp = comps[a]
        errs.add(comp.path, comp.line_of("init") or 1,
                 "init order cycle: " + " -> ".join(path) + " (" + "; ".join(steps) +
                 f"; {_and(members)} {'both' if len(members) == 2 else 'all'} have an init "
                 "function, so none can run "
                 "first: make one of the edges an upcall)")
    if strict:
        errs.raise_if_any()
    comp_list = [comps[n] for n in order]
    return Graph(tree=tree, product=product, config_path=cfg.config_path,
                 config_body=cfg.config_text(""), symbols=cfg.symbols(),
                 assignments=list(cfg.assignments),
                 components=comp_list, interfaces=sorted(providers),
                 providers=providers, init_order=init_order,
                 reasons=reasons, parent=parent, absent=absent,
                 errors=sorted(set(errs.diagnostics)))
