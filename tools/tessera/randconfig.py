# SPDX-License-Identifier: Apache-2.0
"""Random valid configurations, and what a run of them covered.

A draw is a defconfig (``CONFIG_X=v`` lines) for a base product of one
architecture (``<arch>-tiny`` when the tree has it: the fuzz pipeline boots
it on that product's machine). It picks, each with its own probability:

* for every ``one`` interface with several providers the architecture
  allows: one of them, or leaves the choice to the tool's completion;
* for every other component the architecture allows: ``y``, ``n`` or unset
  (unset components come in only when something needs them);
* for every option with a prompt (``bool``/``int``/``hex``) whose component
  is on: a value in its range, the ends of the range twice as likely.

A *valid* draw is then resolved in-process; a draw the tool refuses is
replaced by the next one from the same random stream (a bounded number of
times), so the draw for ``(seed, index)`` is always the same. A *raw* draw
is not checked: the fuzz pipeline sends some through unchanged, to see
refusals are clear.
"""

from __future__ import annotations

import os
import random
import tempfile
from dataclasses import dataclass, field

from . import configure, load, resolve
from .errors import TesseraError

MAX_ATTEMPTS = 64


def base_product(root: str, arch: str) -> str:
    """The product a draw for ``arch`` is built and booted as."""
    names = load.list_products(root)
    tiny = f"{arch}-tiny"
    if tiny in names:
        return tiny
    for name in names:
        if load.load_product(root, name).arch == arch:
            return name
    raise TesseraError.single(f"no product for architecture {arch}")


def arches(root: str) -> list[str]:
    """Every architecture some product of the tree is for."""
    tree = load.load_tree(root)
    return sorted({load.load_product(root, p, tree).arch for p in load.list_products(root)})


@dataclass
class Space:
    """What a draw for one base product may set."""

    root: str
    tree: object
    product: object
    choices: dict[str, list[str]]           # one interface -> providers allowed
    free: list[str]                          # other components allowed
    options: list                            # configure.OptionSpace

    @classmethod
    def of(cls, root: str, product: str, tree=None) -> "Space":
        tree = tree or load.load_tree(root)
        prod = load.load_product(root, product, tree)
        # Kernel configurations only: user programs (kind "user") are a
        # product's payload, and their suites (minutes under TCG) would
        # make a draw's boot a test run of user space.
        ok = {n for n, c in tree.components.items()
              if (not c.arch or prod.arch in c.arch) and c.kind != "user"}
        choices = {}
        for iname in configure.choice_interfaces(tree):
            provs = [c.name for c in tree.providers(iname) if c.name in ok]
            if len(provs) > 1:
                choices[iname] = provs
        in_choice = {p for ps in choices.values() for p in ps}
        free = sorted(ok - in_choice)
        return cls(root, tree, prod, choices, free, configure.option_space(tree, prod))


def _symbol(space: Space, name: str) -> str:
    return space.tree.components[name].symbol


def _value(rng: random.Random, opt) -> str:
    if opt.type == "bool":
        return rng.choice("yn")
    low = opt.low if opt.low is not None else 0
    high = opt.high if opt.high is not None else (low + 4096)
    r = rng.random()
    v = low if r < 0.25 else high if r < 0.5 else rng.randint(low, high)
    return hex(v) if opt.type == "hex" else str(v)


def draw_lines(space: Space, rng: random.Random) -> list[str]:
    """One unchecked draw, as defconfig lines."""
    lines = []
    on = set()
    for iname in sorted(space.choices):
        if rng.random() < 0.75:
            pick = rng.choice(space.choices[iname])
            lines.append(f"CONFIG_{_symbol(space, pick)}=y")
            on.add(pick)
    # An explicit n refuses the draw when an enabled component needs that
    # one: about two per draw whatever the size of the tree, so that the
    # share of valid draws does not fall as components are added.
    p_off = 0.10 * min(1.0, 20 / max(1, len(space.free)))
    for name in space.free:
        r = rng.random()
        if r < 0.45:
            lines.append(f"CONFIG_{_symbol(space, name)}=y")
            on.add(name)
        elif r < 0.45 + p_off:
            lines.append(f"# CONFIG_{_symbol(space, name)} is not set")
    for opt in space.options:
        if (opt.owner is None or opt.owner in on) and rng.random() < 0.6:
            v = _value(rng, opt)
            lines.append(f"# CONFIG_{opt.name} is not set" if v == "n" else f"CONFIG_{opt.name}={v}")
    return lines


def resolve_lines(space: Space, lines: list[str]):
    """Resolve a draw in-process: the graph, or the TesseraError."""
    fd, path = tempfile.mkstemp(prefix="tessera-randconfig-", suffix=".config")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("".join(l + "\n" for l in lines))
        cfg = configure.evaluate(space.tree, space.product, path)
        return resolve.resolve(cfg)
    finally:
        os.unlink(path)


@dataclass
class Draw:
    seed: str
    index: int
    arch: str
    product: str
    lines: list[str]
    attempts: int = 1
    graph: object = None                     # resolved in-process (valid draws)
    raw: bool = False


def rng_for(seed, index: int, attempt: int = 0) -> random.Random:
    """The random stream of draw ``index`` of ``seed``: independent of every
    other draw, so shards and replays agree."""
    return random.Random(f"tessera-randconfig:{seed}:{index}:{attempt}")


def make_draw(spaces: dict, seed, index: int, raw: bool = False) -> Draw:
    """Draw ``index`` of ``seed``; ``spaces`` maps arch -> Space."""
    rng = rng_for(seed, index)
    arch = sorted(spaces)[rng.randrange(len(spaces))]
    space = spaces[arch]
    for attempt in range(MAX_ATTEMPTS):
        lines = draw_lines(space, rng_for(seed, index, attempt))
        if raw:
            return Draw(str(seed), index, arch, space.product.name, lines, raw=True)
        try:
            graph = resolve_lines(space, lines)
        except TesseraError:
            continue
        return Draw(str(seed), index, arch, space.product.name, lines, attempt + 1, graph)
    raise TesseraError.single(f"no valid configuration in {MAX_ATTEMPTS} draws "
                              f"(seed {seed}, index {index}, {arch})")


def spaces_of(root: str, arch_list=None) -> dict:
    tree = load.load_tree(root)
    return {a: Space.of(root, base_product(root, a), tree) for a in (arch_list or arches(root))}


# --- coverage --------------------------------------------------------------------------

def _value_class(opt, value: str) -> str:
    if opt.type == "bool":
        return value or "n"
    try:
        v = int(value, 0)
    except ValueError:
        return "?"
    if v == opt.low:
        return "min"
    if v == opt.high:
        return "max"
    return "mid"


@dataclass
class Coverage:
    """Every component, provider and option value class seen over a run."""

    spaces: dict
    components: set = field(default_factory=set)
    providers: set = field(default_factory=set)         # (interface, provider)
    values: set = field(default_factory=set)            # (option, class)

    def add(self, graph) -> None:
        self.components.update(graph.names)
        for iname, provs in graph.providers.items():
            for p in provs:
                self.providers.add((iname, p))
        for space in self.spaces.values():
            if space.product.name != graph.product.name:
                continue
            for opt in space.options:
                v = graph.value(opt.name)
                if v != "" or opt.type == "bool":
                    self.values.add((opt.name, _value_class(opt, v)))

    def possible(self):
        comps, provs, vals = set(), set(), set()
        for space in self.spaces.values():
            comps.update(space.free)
            for iname, ps in space.choices.items():
                comps.update(ps)
                provs.update((iname, p) for p in ps)
            for opt in space.options:
                classes = ("y", "n") if opt.type == "bool" else ("min", "mid", "max")
                vals.update((opt.name, c) for c in classes)
        return comps, provs, vals

    def report(self) -> dict:
        comps, provs, vals = self.possible()
        return {
            "components": {"seen": len(self.components & comps), "of": len(comps),
                           "missing": sorted(comps - self.components)},
            "providers": {"seen": len(self.providers & provs), "of": len(provs),
                          "missing": [f"{i}={p}" for i, p in sorted(provs - self.providers)]},
            "option_values": {"seen": len(self.values & vals), "of": len(vals),
                              "missing": [f"{o}={c}" for o, c in sorted(vals - self.values)]},
        }

    def text(self) -> str:
        r = self.report()
        out = []
        for key, what in (("components", "components"), ("providers", "choice providers"),
                          ("option_values", "option values (bool y/n, int min/mid/max)")):
            row = r[key]
            line = f"coverage: {row['seen']}/{row['of']} {what}"
            if row["missing"]:
                line += f"; never seen: {', '.join(row['missing'])}"
            out.append(line)
        return "\n".join(out)
