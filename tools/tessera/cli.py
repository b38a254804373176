# SPDX-License-Identifier: Apache-2.0
"""The command line of the graph tool.

Run as ``tools/tessera-cli <command> ...`` or ``PYTHONPATH=tools python3 -m
tessera <command> ...``. ``--root DIR`` (before or after the command) names
the source tree; it defaults to the tree holding this package. Exit status:
0 success, 2 user error (messages ``path:line: error: ...`` on stderr), 1
internal failure.

Commands::

  gen --product P --out DIR [--config FILE]   generate the build glue
  check [--generated]                         validate every manifest and product
  snapshot                                    regenerate generated/<product>/ and docs
  graph --product P --out DIR [--svg]         write graph.dot (and graph.svg)
  why --product P COMPONENT                   every chain from a root (or why-not)
  why-not --product P COMPONENT               what keeps a component out
  diff A B [--product P]                      two products or two configurations
  list (--product P | --all)                  list components
  kconfig --product P --out FILE              write the generated component Kconfig
  savedefconfig --product P --config FILE [--out FILE]
  trim --product P [--prefer small] [--out FILE]  minimal defconfig of the product's [roots]
  defconfig | allnoconfig | allyesconfig --product P --out FILE   a whole .config
  olddefconfig --product P --config FILE [--out FILE]             update a .config
  menuconfig --product P --config FILE
  htests --out FILE                           CMake list of every host test
  docs --out DIR                              docs/components.md, interfaces.md, syscalls.md
  symcheck --graph JSON --nm NM (--objects FILE | --objects-of C=a.o,b.o ...)
  initramfs (--spec JSON --build DIR | --dir DIR) --out F.cpio[.gz]   a deterministic initramfs
  initramfs --list F.cpio[.gz]                list an archive
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys

from . import configure, docs, emit, explain, load, render, resolve, symcheck
from .errors import Collector, TesseraError, did_you_mean
from .model import Graph

DEFAULT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# --- pipeline -------------------------------------------------------------------------

def build_graph(root: str, product: str, config: str | None = None, tree=None,
                files: bool = True) -> Graph:
    """load -> configure -> resolve for one product.

    With ``files``, also check that the enabled components' sources (and
    ktests, when the ktest runner is enabled) exist; ``check`` checks every
    file of every component instead.
    """
    tree = tree or load.load_tree(root)
    prod = load.load_product(root, product, tree)
    cfg = configure.evaluate(tree, prod, config)
    graph = resolve.resolve(cfg)
    if files:
        keys = ("sources", "ktests") if emit.ktest_enabled(graph) else ("sources",)
        load.check_files(tree, graph.components, keys)
    return graph


def config_of(root: str, product: str, config: str | None) -> str | None:
    """The configuration an inspection command describes: ``--config``, else
    the build's ``build/<product>/.config`` when ``make menuconfig`` made one
    (that is what the build uses), else the product's defconfig (None)."""
    if config:
        return config
    built = os.path.join(root, "build", product, ".config")
    return built if os.path.isfile(built) else None


def _says_config(graph) -> str:
    return explain.config_line(graph)


def stale_defconfig(root: str, product: str, config: str | None, tree=None) -> str | None:
    """A warning when the product's defconfig was edited after ``config``
    (a ``.config`` the build uses instead) and says something else: the
    build follows ``config``, as Linux's does, but never silently."""
    if not config:
        return None
    defconfig = os.path.join(root, "graphs", product, "defconfig")
    try:
        if os.path.getmtime(defconfig) <= os.path.getmtime(config):
            return None     # the common case, decided without loading anything
    except OSError:
        return None
    tree = tree or load.load_tree(root)
    prod = load.load_product(root, product, tree)
    try:
        mine = configure.evaluate(tree, prod, config).config_text("")
        theirs = configure.evaluate(tree, prod, None).config_text("")
    except TesseraError:
        return None
    if mine == theirs:
        return None
    rel = load.relpath(root, config)
    return (f"{prod.defconfig}: warning: edited after {rel}, which this build uses "
            f"instead (it was made by make menuconfig); the defconfig's changes are not "
            f"built: delete {rel} to build the defconfig, or make menuconfig "
            f"GRAPH={product} to carry them over by hand")


def cmd_gen(args) -> int:
    """Generate every file of a product into --out."""
    warning = stale_defconfig(args.root, args.product, args.config)
    if warning:
        print(warning, file=sys.stderr)
    graph = build_graph(args.root, args.product, args.config)
    files = emit.generate(graph)
    changed = emit.write_files(args.out, files)
    if args.verbose:
        for rel in changed:
            print(f"  GEN     {os.path.join(args.out, rel)}")
    return 0


def _compare(root: str, want: dict[str, str], rel_dir: str, errs: Collector,
             top=emit.TOP_FILES, managed=emit.MANAGED_DIRS) -> None:
    base = os.path.join(root, rel_dir)
    have = set()
    if os.path.isdir(base):
        for dirpath, _, filenames in os.walk(base):
            for f in filenames:
                have.add(os.path.relpath(os.path.join(dirpath, f), base).replace(os.sep, "/"))
    for rel in sorted(set(want) | have):
        path = f"{rel_dir}/{rel}"
        if rel not in want:
            if rel in top or rel.split("/")[0] in managed:
                errs.add(path, 1, "stale: no longer generated; run tools/tessera-cli snapshot")
            continue
        try:
            with open(os.path.join(base, rel), "rb") as f:
                old = f.read()
        except OSError:
            errs.add(path, 1, "missing: run tools/tessera-cli snapshot")
            continue
        new = want[rel].encode("utf-8")
        if old != new:
            a, b = old.split(b"\n"), new.split(b"\n")
            line = next((i for i, (x, y) in enumerate(zip(a, b), 1) if x != y),
                        min(len(a), len(b)))
            errs.add(path, line, "stale: differs from a fresh run from here; "
                     "run tools/tessera-cli snapshot")


def cmd_check(args) -> int:
    """Validate the tree and every product (and the snapshots with --generated)."""
    tree = load.load_tree(args.root)
    errs = Collector()
    try:
        load.check_files(tree, tree.components.values())
    except TesseraError as e:
        errs.extend(e)
    products = load.list_products(args.root)
    graphs = {}
    for p in products:
        try:
            graph = build_graph(args.root, p, tree=tree, files=False)
        except TesseraError as e:
            errs.extend(e)
            continue
        graphs[p] = graph
        if args.generated:
            _compare(args.root, emit.generate(graph), f"generated/{p}", errs)
    if args.generated:
        _compare(args.root, docs.generate(tree, graphs), "docs", errs, top=docs.FILES, managed=())
    errs.raise_if_any()
    print(f"ok: {len(tree.components)} components, {len(tree.interfaces)} interfaces, "
          f"{len(products)} products" + (", snapshots up to date" if args.generated else ""))
    return 0


def cmd_snapshot(args) -> int:
    """Regenerate generated/<product>/ for every product, and the docs."""
    tree = load.load_tree(args.root)
    errs = Collector()
    graphs = {}
    for p in load.list_products(args.root):
        try:
            graph = build_graph(args.root, p, tree=tree)
        except TesseraError as e:
            errs.extend(e)
            continue
        graphs[p] = graph
        for rel in emit.write_files(os.path.join(args.root, "generated", p), emit.generate(graph)):
            print(f"  GEN     generated/{p}/{rel}")
    for rel in emit.write_files(os.path.join(args.root, "docs"), docs.generate(tree, graphs),
                                top=docs.FILES, managed=()):
        print(f"  GEN     docs/{rel}")
    errs.raise_if_any()
    return 0


def cmd_graph(args) -> int:
    """The dependency graph: print it (--format) or write graph.dot/.svg/.html (--out)."""
    from . import viz
    tree = load.load_tree(args.root)
    if args.tree:
        view = _tree_view(args.root, tree)
    else:
        if not args.product:
            raise TesseraError.single("graph needs --product P (or --tree for every component)")
        graph = build_graph(args.root, args.product,
                            config_of(args.root, args.product, args.config), tree=tree, files=False)
        # Which configuration was read: on stderr, stdout may be the JSON.
        print(_says_config(graph), file=sys.stderr if args.format and not args.out else sys.stdout)
        build_dir = args.build or args.out or os.path.join(args.root, "build", args.product)
        sizes, source = viz.sizes_from_build(build_dir)
        if source:
            source = os.path.relpath(source, args.root) if os.path.abspath(source).startswith(
                args.root + os.sep) else source
        view = viz.product_view(graph, sizes, source)
    if args.format and not args.out:
        sys.stdout.write({"json": viz.to_json, "text": viz.to_text,
                          "dot": viz.to_dot}[args.format](view))
        return 0
    if not args.out:
        raise TesseraError.single("graph needs --format json|dot|text or --out DIR")
    os.makedirs(args.out, exist_ok=True)
    prefix = os.path.relpath(args.root, os.path.abspath(args.out)) + "/"
    base = "graph-tree" if args.tree else "graph"
    dot = viz.to_dot(view, prefix)
    files = {f"{base}.dot": dot, f"{base}.json": viz.to_json(view)}
    if args.svg or args.html:
        svg = viz.draw_svg(view, prefix)
        files[f"{base}.svg"] = svg
        if not args.tree:
            tview = _tree_view(args.root, tree)
            tsvg = viz.draw_svg(tview, prefix)
            files["graph-tree.svg"] = tsvg
            if args.html:
                files["graph.html"] = viz.to_html(view, svg, tview, tsvg, prefix)
    emit.write_files(args.out, files, top=(), managed=())
    for name in sorted(files):
        print(os.path.join(args.out, name))
    return 0


def _tree_view(root: str, tree):
    """The whole-tree view: every component, and which products include it."""
    from . import viz
    graphs = {}
    for p in load.list_products(root):
        graphs[p] = build_graph(root, p, tree=tree, files=False)
    return viz.tree_view(tree, graphs)


def why_lines(root: str, product: str, name: str, config: str | None = None) -> list[str]:
    """The explanation ``why`` prints, as lines (see :mod:`tessera.explain`)."""
    tree = load.load_tree(root)
    if name not in tree.components:
        raise TesseraError.single(f"no component '{name}'{did_you_mean(name, tree.components)} (known: "
                                  f"{', '.join(sorted(tree.components))})")
    prod = load.load_product(root, product, tree)
    graph = resolve.resolve(configure.evaluate(tree, prod, config_of(root, product, config)),
                            strict=False)
    # Like every inspection command's, the lines end with the configuration read.
    return explain.why_lines(graph, name)


def cmd_why(args) -> int:
    """Explain why a component is, or is not, in a product."""
    for line in why_lines(args.root, args.product, args.component, args.config):
        print(line)
    return 0


def cmd_why_not(args) -> int:
    """Print what keeps a component out of a product."""
    tree = load.load_tree(args.root)
    prod = load.load_product(args.root, args.product, tree)
    graph = resolve.resolve(configure.evaluate(tree, prod, config_of(args.root, args.product,
                                                                      args.config)),
                            strict=False)
    for line in explain.why_not_lines(graph, args.component):
        print(line)
    return 0


def _operand(root: str, text: str, product: str | None, tree):
    """A diff operand: ``PRODUCT``, ``PRODUCT:CONFIG`` or (with --product) ``CONFIG``.
    Returns (graph, label, default size.json)."""
    name, config = text, None
    if ":" in text:
        name, config = text.split(":", 1)
    elif product and (os.sep in text or os.path.isfile(text)
                      or text not in load.list_products(root)):
        name, config = product, text
    prod = load.load_product(root, name, tree)
    graph = resolve.resolve(configure.evaluate(tree, prod, config))
    size = None if config else os.path.join(root, "build", name, "size.json")
    return graph, text, size


def cmd_diff(args) -> int:
    """Compare two products, or two configurations of one."""
    tree = load.load_tree(args.root)
    a, la, sa = _operand(args.root, args.a, args.product, tree)
    b, lb, sb = _operand(args.root, args.b, args.product, tree)
    for line in explain.diff_lines(a, b, la, lb, args.size_a or sa, args.size_b or sb):
        print(line)
    return 0


def cmd_list(args) -> int:
    """List the components of a product, or of the whole tree."""
    tree = load.load_tree(args.root)
    if args.all or not args.product:
        width = max((len(n) for n in tree.components), default=0)
        for c in sorted(tree.components.values(), key=lambda c: c.dir):
            extra = f" [{', '.join(c.arch)}]" if c.arch else ""
            print(f"{c.name:<{width}}  {c.dir}{extra}: {c.summary}")
        return 0
    graph = build_graph(args.root, args.product, config_of(args.root, args.product, args.config),
                        tree=tree, files=False)
    width = max((len(n) for n in graph.names), default=0)
    for c in graph.components:
        init = f" (init {c.init})" if c.init else ""
        print(f"{c.name:<{width}}  {c.summary}{init}")
    choices = configure.choice_interfaces(tree)
    if choices:
        print("\nchoices:")
        for iname in choices:
            chosen = graph.providers.get(iname, [])
            alts = [c.name for c in tree.providers(iname) if c.name not in chosen]
            print(f"  {iname}: {', '.join(chosen) or '(none)'}"
                  + (f" (alternatives: {', '.join(alts)})" if alts else ""))
    if graph.init_order:
        print("\ninit order: " + " -> ".join(graph.init_order))
    print("\n" + _says_config(graph))
    return 0


def cmd_kconfig(args) -> int:
    """Write the generated component Kconfig of a product."""
    tree = load.load_tree(args.root)
    prod = load.load_product(args.root, args.product, tree)
    text = configure.generate_kconfig(tree, prod)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


def cmd_savedefconfig(args) -> int:
    """Write the minimal configuration of --config to the product's defconfig."""
    tree = load.load_tree(args.root)
    prod = load.load_product(args.root, args.product, tree)
    cfg = configure.evaluate(tree, prod, args.config)
    text = cfg.min_config_text()
    out = args.out or os.path.join(args.root, prod.defconfig)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(out)
    return 0


def cmd_trim(args) -> int:
    """Write the minimal defconfig of the product's roots (``[roots]``)."""
    from . import trim
    tree = load.load_tree(args.root)
    prod = load.load_product(args.root, args.product, tree)
    sizes = None
    if args.prefer == "small":
        sizes, used = trim.load_sizes(args.root, prod.arch, args.sizes)
        if used:
            print("trim: sizes from " + ", ".join(load.relpath(args.root, os.path.abspath(u))
                                                  for u in used), file=sys.stderr)
        else:
            print(f"trim: warning: no size report for {prod.arch} (run 'make size "
                  f"GRAPH=<product>' first): --prefer small falls back to the default "
                  "providers", file=sys.stderr)
    text, res = trim.trim(tree, prod, args.prefer, sizes)
    print(f"trim: {prod.name}: {len(res.names)} components: {', '.join(res.names)}",
          file=sys.stderr)
    for iface, (comp, how) in sorted(res.picked.items()):
        print(f"trim:   {iface}: {comp} ({how}; needed by {res.needs[iface]})",
              file=sys.stderr)
    for note in dict.fromkeys(res.notes):
        print(f"trim: note: {note}", file=sys.stderr)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(args.out)
    else:
        sys.stdout.write(text)
    return 0


def cmd_preset(args) -> int:
    """Write a whole configuration: defconfig, olddefconfig, allno/allyesconfig."""
    from . import presets
    tree = load.load_tree(args.root)
    prod = load.load_product(args.root, args.product, tree)
    if args.command == "olddefconfig" and not args.config:
        raise TesseraError.single("olddefconfig needs --config FILE (the .config to update)")
    text = presets.full_config(tree, prod, args.command, args.config)
    out = args.out or args.config
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(out)
    return 0


def cmd_menuconfig(args) -> int:
    """Run Kconfiglib's menuconfig over the generated Kconfig."""
    tree = load.load_tree(args.root)
    prod = load.load_product(args.root, args.product, tree)
    configure.load_kconfig(tree, prod)          # parse errors, with their lines
    for line in configure.menuconfig(tree, prod, args.config):
        print(line)
    return 0


def htests_cmake(tree) -> str:
    """The CMake list of every host test of every component."""
    names, body = [], []
    for c in sorted(tree.components.values(), key=lambda c: c.name):
        for t in c.htests:
            stem = os.path.splitext(os.path.basename(t))[0]
            ident = f"{c.name}__{stem}"
            names.append(ident)
            body.append(f"set(TESSERA_HTEST_{ident}_SOURCE {emit.cmake_string(c.dir + '/' + t)})\n")
            body.append(f"set(TESSERA_HTEST_{ident}_DIR {emit.cmake_string(c.dir)})\n")
            body.append(f"set(TESSERA_HTEST_{ident}_COMPONENT {emit.cmake_string(c.name)})\n")
    head = ("# Generated by tools/tessera (htests). Do not edit.\n"
            f"set(TESSERA_HTESTS {emit.cmake_string(';'.join(names))})\n")
    return head + "".join(body)


def cmd_htests(args) -> int:
    """Write the CMake list of host tests."""
    tree = load.load_tree(args.root)
    load.check_files(tree, tree.components.values()) if args.strict else None
    out = os.path.abspath(args.out)
    emit.write_files(os.path.dirname(out), {os.path.basename(out): htests_cmake(tree)},
                     top=(), managed=())
    return 0


def cmd_docs(args) -> int:
    """Write docs/components.md, docs/interfaces.md and docs/syscalls.md."""
    tree = load.load_tree(args.root)
    graphs = {}
    for p in load.list_products(args.root):
        try:
            graphs[p] = build_graph(args.root, p, tree=tree, files=False)
        except TesseraError:
            continue
    emit.write_files(args.out, docs.generate(tree, graphs), top=(), managed=())
    return 0


def cmd_initramfs(args) -> int:
    """Build a deterministic cpio newc (+ gzip) archive, or list one."""
    from . import initramfs
    if args.list:
        try:
            with open(args.list, "rb") as f:
                entries = initramfs.read(f.read())
        except (OSError, ValueError) as e:
            raise TesseraError.single(f"initramfs: {args.list}: {e}") from None
        for e in entries:
            extra = f" -> {e['data'].decode('utf-8', 'replace')}" if (e["mode"] & 0o170000) == 0o120000 else ""
            print(f"{e['mode']:06o} {len(e['data']):8d} {e['name']}{extra}")
        return 0
    if not args.out or (args.spec is None) == (args.dir is None):
        raise TesseraError.single("initramfs needs --out and one of --spec or --dir (or --list)")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    initramfs.build(args.out, spec=args.spec, build_dir=args.build or ".", root=args.root,
                    folder=args.dir)
    return 0


def cmd_symcheck(args) -> int:
    """Check the components' objects against the graph."""
    return symcheck.main(args)


# --- argument parsing -------------------------------------------------------------------

def _shard(text: str) -> tuple[int, int]:
    try:
        k, m = (int(x) for x in text.split("/"))
    except ValueError:
        raise TesseraError.single(f"--shard {text}: expected K/M, e.g. 2/4")
    if not (m >= 1 and 1 <= k <= m):
        raise TesseraError.single(f"--shard {text}: K must be 1..M")
    return k, m


def _positive(name: str, value: int, zero: bool = False) -> None:
    if value < (0 if zero else 1):
        raise TesseraError.single(f"{name} {value}: must be {'>= 0' if zero else '>= 1'}")


def cmd_randconfig(args) -> int:
    """A random valid configuration (or --count of them, with --coverage)."""
    from . import randconfig
    _positive("--count", args.count)
    if args.product:
        tree = load.load_tree(args.root)
        spaces = {"": randconfig.Space.of(args.root, args.product, tree)}
    else:
        spaces = randconfig.spaces_of(args.root, [args.arch] if args.arch else None)
    coverage = randconfig.Coverage(spaces)
    for i in range(args.count):
        draw = randconfig.make_draw(spaces, args.seed, args.index + i)
        coverage.add(draw.graph)
        head = (f"# tessera randconfig --seed {args.seed} --index {args.index + i}: "
                f"{draw.product} ({draw.graph.product.arch}), {len(draw.graph.names)} components, "
                f"draw {draw.attempts}")
        print(f"randconfig: seed {args.seed}, index {args.index + i}, product {draw.product}, "
              f"{len(draw.graph.names)} components", file=sys.stderr)
        text = head + "\n" + "".join(l + "\n" for l in draw.lines)
        if args.out and args.count == 1:
            os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"randconfig: wrote {args.out}", file=sys.stderr)
        elif not args.coverage:
            sys.stdout.write(text)
    if args.coverage:
        print(coverage.text())
    return 0


def cmd_fuzz(args) -> int:
    """Draw, resolve, build, boot and test configurations; or merge reports."""
    from . import fuzz
    if args.action:
        if args.action[0] != "merge" or len(args.action) < 2:
            raise TesseraError.single("usage: fuzz merge REPORT... [--out FILE] "
                                      f"(not '{' '.join(args.action)}')")
        args.merge = args.action[1:]
    if args.merge is not None:
        recs = fuzz.merge(args.merge)
        text = "".join(__import__("json").dumps(r, sort_keys=True) + "\n" for r in recs)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(text)
        print(fuzz.summary(recs))
        return 0 if all(r["outcome"] in fuzz.GOOD for r in recs) else 1
    _positive("--count", args.count)
    _positive("--jobs", args.jobs)
    use_ccache = not args.no_ccache and shutil.which("ccache") is not None
    if args.config:
        product = args.product or "x86_64-tiny"
        with open(args.config, encoding="utf-8") as f:
            lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("# tessera")]
        work = args.work or os.path.join(args.root, "build", "fuzz", "config")
        slot = fuzz.Slot(args.root, work, 0, use_ccache)
        res = fuzz.run_config(args.root, product, lines, slot, args.until)
        print(f"fuzz: {args.config}: {res['outcome']}" + (f": {res['error']}" if res["error"] else ""))
        if res["outcome"] in fuzz.GOOD:
            return 0
        if args.no_minimise or res["outcome"] == "tool-error":
            return 1
        small = fuzz.minimise(args.root, product, lines, slot, log=print)
        name = args.name or "fuzz-repro"
        dest = fuzz.save_reproducer(args.root, product, name, small, res["outcome"])
        print(f"fuzz: minimised {len(lines)} -> {len(small)} lines, {os.path.relpath(dest, args.root)}:")
        for l in small:
            print(f"  {l}")
        print(f"fuzz: reproduce with: make run GRAPH={name}")
        return 1
    recs = fuzz.run(args.root, args.seed, args.count, args.jobs, _shard(args.shard), args.out,
                    args.until, use_ccache, not args.no_minimise, args.work,
                    [args.arch] if args.arch else None, log=fuzz.progress)
    return 0 if all(r["outcome"] in fuzz.GOOD for r in recs) else 1


def make_parser() -> argparse.ArgumentParser:
    """The argparse parser of every command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=argparse.SUPPRESS,
                        help="source tree (default: the tree holding the tool)")
    parser = argparse.ArgumentParser(
        prog="tessera", description="Tessera's graph tool: resolve a product graph "
        "and generate its build glue.", parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def add(name, fn, help_text):
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=fn)
        return p

    p = add("gen", cmd_gen, "generate every file of a product into --out")
    p.add_argument("--product", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--config", help="a .config to use instead of the product defconfig")
    p.add_argument("-v", "--verbose", action="store_true", help="print changed files")

    p = add("check", cmd_check, "validate every manifest and resolve every product")
    p.add_argument("--generated", action="store_true",
                   help="also compare generated/<product>/ and docs/ with a fresh run")

    add("snapshot", cmd_snapshot, "regenerate generated/<product>/ and docs/")

    p = add("graph", cmd_graph, "the dependency graph of a product (or --tree): "
            "print it with --format, or write graph.{dot,json,svg,html} into --out")
    p.add_argument("--product")
    p.add_argument("--tree", action="store_true",
                   help="every component of the tree, with the products that include it")
    p.add_argument("--out", help="write graph.dot and graph.json (and --svg, --html) here")
    p.add_argument("--config", help="the .config to describe (default: the product defconfig)")
    p.add_argument("--format", choices=("json", "dot", "text"),
                   help="print the graph on stdout (JSON schema: docs/graph-json.md)")
    p.add_argument("--build", help="build folder whose kernel.map gives the sizes "
                   "(default: --out, else build/<product>)")
    p.add_argument("--svg", action="store_true",
                   help="also graph.svg and graph-tree.svg (Graphviz dot)")
    p.add_argument("--html", action="store_true",
                   help="also graph.html: offline page with search and highlighting")

    p = add("randconfig", cmd_randconfig,
            "a random valid configuration; the seed and index make it repeatable")
    p.add_argument("--seed", required=True, help="the seed (any text); printed with the draw")
    p.add_argument("--index", type=int, default=0, help="which draw of the seed (default 0)")
    p.add_argument("--count", type=int, default=1, help="this many draws from --index on")
    p.add_argument("--product", help="draw over this product's architecture and base")
    p.add_argument("--arch", help="draw for this architecture (default: each draw picks one)")
    p.add_argument("--out", help="write the configuration here (one draw)")
    p.add_argument("--coverage", action="store_true",
                   help="print only the coverage of the draws: components, providers, values")

    p = add("fuzz", cmd_fuzz, "random configurations through resolve, build, boot and ktests")
    p.add_argument("--seed", default="1")
    p.add_argument("--count", type=int, default=50, help="draws in all shards together")
    p.add_argument("--jobs", type=int, default=1, help="configurations built at once")
    p.add_argument("--shard", default="1/1", help="K/M: the draws i with i %% M == K-1")
    p.add_argument("--out", help="the JSON-lines report (merge: the merged report)")
    p.add_argument("--until", choices=("resolve", "build", "boot"), default="boot",
                   help="stop each draw after this stage")
    p.add_argument("--arch", help="only this architecture")
    p.add_argument("--work", help="build folders (default build/fuzz/...)")
    p.add_argument("--no-ccache", action="store_true", help="do not compile through ccache")
    p.add_argument("--no-minimise", action="store_true", help="do not minimise failures")
    p.add_argument("--config", help="run this one configuration (minimised if it fails)")
    p.add_argument("--product", help="with --config: its base product (default x86_64-tiny)")
    p.add_argument("--name", help="with --config: the reproducer product's name")
    p.add_argument("--merge", nargs="+", metavar="REPORT",
                   help="join shard reports (also: fuzz merge A.jsonl B.jsonl --out all.jsonl)")
    p.add_argument("action", nargs="*", metavar="merge REPORT",
                   help="'merge' and the reports to join")

    p = add("why", cmd_why, "explain why a component is, or is not, in a product")
    p.add_argument("--product", required=True)
    p.add_argument("--config")
    p.add_argument("component")

    p = add("why-not", cmd_why_not, "what keeps a component out of a product: arch, "
            "unmet dependency, explicit n, a conflicting choice, not needed by any root")
    p.add_argument("--product", required=True)
    p.add_argument("--config")
    p.add_argument("component")

    p = add("diff", cmd_diff, "compare two products (A B) or two configurations of one "
            "(--product P A.config B.config, or P:A.config P:B.config)")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--product", help="the product of operands that are configuration files")
    p.add_argument("--size-a", help="size.json of A (default: build/<A>/size.json for a product)")
    p.add_argument("--size-b", help="size.json of B")

    p = add("list", cmd_list, "list the components of a product (or --all)")
    p.add_argument("--product")
    p.add_argument("--config")
    p.add_argument("--all", action="store_true")

    p = add("kconfig", cmd_kconfig, "write the generated component Kconfig")
    p.add_argument("--product", required=True)
    p.add_argument("--out", required=True)

    p = add("savedefconfig", cmd_savedefconfig,
            "write the minimal form of --config to graphs/<product>/defconfig")
    p.add_argument("--product", required=True)
    p.add_argument("--config", required=True)
    p.add_argument("--out", help="write here instead of graphs/<product>/defconfig")

    p = add("trim", cmd_trim, "the minimal defconfig of the product's [roots] (stdout or --out)")
    p.add_argument("--product", required=True)
    p.add_argument("--prefer", choices=("default", "small"), default="default",
                   help="provider of an interface the product does not choose: the first "
                   "by name (default) or the smallest by measured size (small)")
    p.add_argument("--sizes", action="append", metavar="SIZE_JSON",
                   help="size reports to rank by (default: every build/*/size.json "
                   "of the product's architecture)")
    p.add_argument("--out", help="write the defconfig here instead of stdout")

    for name, text in (("defconfig", "the full .config of the product's defconfig"),
                       ("olddefconfig", "update --config: new options at their defaults, "
                        "requirements completed"),
                       ("allnoconfig", "every option n, only the components the product "
                        "requires"),
                       ("allyesconfig", "every option and every component the arch allows y "
                        "(one provider per 'one' interface)")):
        p = add(name, cmd_preset, text)
        p.add_argument("--product", required=True)
        if name == "olddefconfig":
            p.add_argument("--config", required=True, help="the .config to update")
            p.add_argument("--out", help="write here instead of over --config")
        else:
            p.set_defaults(config=None)
            p.add_argument("--out", required=True, help="the .config to write")

    p = add("menuconfig", cmd_menuconfig, "edit --config with Kconfiglib's menuconfig")
    p.add_argument("--product", required=True)
    p.add_argument("--config", required=True)

    p = add("htests", cmd_htests, "write the CMake list of every host test")
    p.add_argument("--out", required=True)
    p.add_argument("--strict", action="store_true", help="fail if a listed file is missing")

    p = add("docs", cmd_docs, "write components.md, interfaces.md and syscalls.md")
    p.add_argument("--out", required=True)

    p = add("initramfs", cmd_initramfs, "build a deterministic initramfs (cpio newc + gzip)")
    p.add_argument("--spec", help="a product's gen/initramfs.json")
    p.add_argument("--build", help="the build folder the spec's build: sources are in")
    p.add_argument("--dir", help="pack this folder instead")
    p.add_argument("--out", help="the archive to write (.cpio.gz: compressed)")
    p.add_argument("--list", metavar="ARCHIVE", help="list an archive's entries")

    p = add("symcheck", cmd_symcheck,
            "check that components call each other only through declared interfaces")
    symcheck.add_arguments(p)
    return parser


def main(argv=None) -> int:
    """Entry point; returns the exit status.

    0 success; 2 a user error (every diagnostic printed on stderr, sorted),
    including files that cannot be read or written; 1 an internal failure,
    reported in one line (the traceback only with ``TESSERA_DEBUG=1``).
    """
    parser = make_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "root"):
        args.root = DEFAULT_ROOT
    args.root = os.path.abspath(args.root)
    # The run is short and allocates millions of long-lived objects (the
    # manifests, Kconfiglib's symbol graph): the cyclic collector would only
    # rescan them over and over (a quarter of `gen` on a large tree).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args) -> int:
    try:
        if not os.path.isdir(args.root):
            raise TesseraError.single(f"--root {args.root} is not a directory")
        return args.func(args)
    except TesseraError as e:
        for d in e.diagnostics:
            print(d, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        print(f"error: {where}{e.strerror or e}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - the last resort of a CLI
        if os.environ.get("TESSERA_DEBUG"):
            raise
        print(f"tessera: internal error: {type(e).__name__}: {e} "
              "(run with TESSERA_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1
