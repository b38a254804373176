# SPDX-License-Identifier: Apache-2.0
"""The config fuzzing pipeline: draw, resolve, build, boot, run the ktests.

Draw ``i`` of seed ``S`` (:func:`tessera.randconfig.make_draw`) depends on
nothing but ``(S, i)``; shard ``K/M`` runs the draws ``i`` with
``i % M == K - 1``, so the shards of one seed partition the work exactly and
``merge`` of their reports is the unsharded report. Every fifth draw
(``i % 5 == 4``) is *raw* (not checked beforehand): the tool may refuse it,
and then must say why in ``path:line: error:`` lines, never a traceback.

Per draw: ``tessera-cli gen`` (resolve), CMake configure and Ninja in the
worker's own build folder (reused from draw to draw; objects shared across
folders and runs through ccache when it is installed), then QEMU through
``tools/qemu-run`` (``--ktap`` when the ktest runner is in the graph and the
console shows KERN_INFO). The outcome is one of

    passed, refused                                   (fine)
    build-failed, boot-failed, test-failed, hung, tool-error   (failures)

written as one JSON object per line. A failure is minimised by delta
debugging over the draw's lines (:func:`ddmin`) to the smallest defconfig
that fails the same way, and saved as a reproducer product
``graphs/fuzz-<seed>-<index>/`` that ``make run GRAPH=...`` accepts.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor

from . import randconfig

PYTHON = "/usr/bin/python3"
GOOD = ("passed", "refused", "flaky")
OUTCOMES = ("passed", "refused", "flaky", "build-failed", "boot-failed", "test-failed", "hung",
            "tool-error")
ERROR_LINE_RE = re.compile(r"^(?:\S.*:\d+: )?error: \S")
BUILD_ERROR_RE = re.compile(r"(?:^|\s)(?:fatal )?error:|undefined reference|CMake Error")
KERN_INFO = 6
BOOT_TIMEOUT = 30


def shard_indices(count: int, shard: tuple[int, int]) -> list[int]:
    """The draw indices of shard ``K/M`` among ``count`` draws."""
    k, m = shard
    return [i for i in range(count) if i % m == k - 1]


def is_raw(index: int) -> bool:
    return index % 5 == 4


# --- one configuration through the pipeline ------------------------------------------

class Slot:
    """A worker's build folder, kept from draw to draw (Ninja rebuilds what
    the new configuration changed; ccache serves what another folder built)."""

    def __init__(self, root: str, work: str, n: int, ccache: bool):
        self.root, self.n, self.ccache = root, n, ccache
        self.dir = os.path.join(work, f"slot{n}")
        os.makedirs(self.dir, exist_ok=True)

    def env(self) -> dict:
        env = dict(os.environ)
        if self.ccache:
            # Same depth for every slot folder, paths rewritten relative to
            # the tree: one slot's objects are another's cache hits.
            env.setdefault("CCACHE_DIR", os.path.join(self.root, "build", "ccache"))
            env["CCACHE_BASEDIR"] = self.root
            env["CCACHE_NOHASHDIR"] = "1"
        else:
            env["CCACHE_DISABLE"] = "1"
        return env


def _run(cmd, cwd, env, log, timeout):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        with open(log, "w", encoding="utf-8") as f:
            f.write(str(e.stdout or "") + str(e.stderr or ""))
        return None, "", "timed out"
    with open(log, "w", encoding="utf-8") as f:
        f.write(p.stdout + p.stderr)
    return p.returncode, p.stdout, p.stderr


def run_config(root: str, product: str, lines: list[str], slot: Slot,
               until: str = "boot", resolved=None) -> dict:
    """Run one configuration; returns ``{outcome, error, components, times}``.

    ``resolved`` is ``(components, seconds)`` of a draw already resolved
    in-process (valid draws): then the configure step's own run of the tool
    is the only one, and a refusal there is a tool error."""
    tool = os.path.join(root, "tools", "tessera-cli")
    d = slot.dir
    # One build folder per product: CMake keeps the (cross) compiler it found.
    build = os.path.join(d, "build-" + product)
    cfg = os.path.join(d, "draw.config")
    with open(cfg, "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines))
    times = {"resolve": 0.0, "build": 0.0, "boot": 0.0}
    res = {"outcome": "", "error": "", "components": [], "times": times}
    env = slot.env()

    t = time.monotonic()
    gen = os.path.join(d, "gen")
    if resolved is not None:
        status, err = 0, ""
    else:
        status, _out, err = _run([PYTHON, tool, "gen", "--product", product, "--config", cfg,
                                  "--out", gen], root, env, os.path.join(d, "resolve.log"), 120)
    times["resolve"] = round(time.monotonic() - t, 3)
    if status == 2:
        lines_ = [l for l in err.splitlines() if l.strip()]
        clear = lines_ and all(ERROR_LINE_RE.match(l) for l in lines_)
        res["outcome"] = "refused" if clear else "tool-error"
        res["error"] = "\n".join(lines_[:6]) if clear else "unclear refusal: " + err[-600:]
        return res
    if status != 0:
        res["outcome"], res["error"] = "tool-error", f"gen exited {status}: {err[-600:]}"
        return res
    if resolved is not None:
        comps = list(resolved[0])
        times["resolve"] = resolved[1]
    else:
        with open(os.path.join(gen, "graph.json"), encoding="utf-8") as f:
            graph = json.load(f)
        comps = [c["name"] for c in graph["components"] if c.get("enabled", True)]
    res["components"] = comps
    if until == "resolve":
        res["outcome"] = "passed"
        return res

    t = time.monotonic()
    os.makedirs(build, exist_ok=True)
    shutil.copy(cfg, os.path.join(build, ".config"))
    configure_cmd = ["cmake", "-S", root, "-B", build, "-G", "Ninja",
                     f"-DTESSERA_PRODUCT={product}"]
    if slot.ccache:
        configure_cmd += ["-DCMAKE_C_COMPILER_LAUNCHER=ccache",
                          "-DCMAKE_ASM_COMPILER_LAUNCHER=ccache"]
    status, out, err = _run(configure_cmd, root, env, os.path.join(d, "configure.log"), 300)
    if status == 0:
        status, out, err = _run(["cmake", "--build", build], root, env,
                                os.path.join(d, "build.log"), 600)
    times["build"] = round(time.monotonic() - t, 3)
    if status != 0:
        text = (out or "") + (err or "")
        first = [l for l in text.splitlines() if BUILD_ERROR_RE.search(l)][:4]
        res["outcome"] = "build-failed"
        res["error"] = "\n".join(first) or text[-400:]
        return res
    if until == "build":
        res["outcome"] = "passed"
        return res

    t = time.monotonic()
    kernel = os.path.join(build, "kernel.elf")
    with open(os.path.join(build, "gen", "config"), encoding="utf-8") as f:
        config = dict(l.split("=", 1) for l in f.read().splitlines()
                      if l.startswith("CONFIG_") and "=" in l)
    loglevel = int(config.get("CONFIG_PRINTK_CONSOLE_LOGLEVEL", "7"))
    serial = "uart-16550" in comps
    if serial:
        ktap = "ktest" in comps and loglevel >= KERN_INFO
        status, _out, err = _run([os.path.join(root, "tools", "qemu-run"), "--product", product,
                                  "--kernel", kernel, "--quiet", "--timeout", str(BOOT_TIMEOUT),
                                  "--log", os.path.join(d, "boot.log"),
                                  "--ktap" if ktap else "--no-ktap"],
                                 root, env, os.path.join(d, "qemu-run.log"), BOOT_TIMEOUT + 30)
        times["boot"] = round(time.monotonic() - t, 3)
        problems = [l.split(": ", 2)[-1] for l in err.splitlines()
                    if l.startswith("qemu-run:") and "FAIL" not in l and "KTAP " not in l[:15]]
        if status == 0:
            res["outcome"] = "passed"
        elif status is None or any("timed out" in p for p in problems):
            res["outcome"], res["error"] = "hung", f"no power-off within {BOOT_TIMEOUT} s"
        elif any(p.startswith("KTAP") for p in problems) and not any(
                "never printed" in p or "panicked" in p for p in problems):
            res["outcome"], res["error"] = "test-failed", "; ".join(problems)[:600]
        else:
            res["outcome"], res["error"] = "boot-failed", "; ".join(problems)[:600]
        return res
    # No serial console: the kernel boots silently; its power-off status
    # (ktest failures and panics included) is the verdict.
    sys.path.insert(0, os.path.join(root, "tools"))
    import qemu_machine
    with open(os.path.join(root, "graphs", product, "product.toml"), "rb") as f:
        product_toml = tomllib.load(f)
    cmd = qemu_machine.qemu_command(product_toml, kernel)
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=BOOT_TIMEOUT)
        got = qemu_machine.exit_status_of(product_toml["arch"], p.returncode)
        res["outcome"] = "passed" if got == 0 else "boot-failed"
        if got != 0:
            res["error"] = f"silent boot: power-off status {got} (QEMU exit {p.returncode})"
    except subprocess.TimeoutExpired:
        res["outcome"], res["error"] = "hung", f"silent boot: no power-off within {BOOT_TIMEOUT} s"
    times["boot"] = round(time.monotonic() - t, 3)
    return res


# --- minimisation ---------------------------------------------------------------------

def _split(items: list, n: int) -> list[list]:
    """``items`` in ``n`` consecutive parts of near-equal size."""
    out, start = [], 0
    for k in range(n):
        end = start + (len(items) - start) // (n - k)
        out.append(items[start:end])
        start = end
    return [c for c in out if c]


def ddmin(items: list, fails) -> list:
    """Zeller's delta debugging: a 1-minimal sublist of ``items`` (order kept)
    for which ``fails(sublist)`` holds; ``fails(items)`` must hold."""
    cur, n = list(items), 2
    while len(cur) >= 2:
        chunks = _split(cur, n)
        for chunk in chunks:
            if fails(chunk):
                cur, n = chunk, 2
                break
        else:
            for i in range(len(chunks)):
                rest = [x for j, c in enumerate(chunks) if j != i for x in c]
                if fails(rest):
                    cur, n = rest, max(n - 1, 2)
                    break
            else:
                if n >= len(cur):
                    break
                n = min(len(cur), 2 * n)
    if len(cur) == 1 and fails([]):
        return []
    return cur


def signature(res: dict) -> tuple:
    """What "fails the same way" compares: the outcome, and for a build
    failure the first compiler error without its path and line numbers."""
    if res["outcome"] == "build-failed":
        first = res["error"].splitlines()[0] if res["error"] else ""
        return res["outcome"], re.sub(r"^\S*:\d+(:\d+)?: ", "", first)
    return (res["outcome"],)


def minimise(root: str, product: str, lines: list[str], slot: Slot, log=None) -> list[str]:
    """The smallest sublist of ``lines`` that fails like ``lines`` does."""
    want = signature(run_config(root, product, lines, slot))
    # A build failure is judged at the build: no probe needs a boot.
    until = "build" if want[0] == "build-failed" else "boot"
    probes = [0]
    seen = {}

    def fails(sub):
        key = tuple(sub)
        if key in seen:
            return seen[key]
        probes[0] += 1
        got = signature(run_config(root, product, sub, slot, until))
        seen[key] = got == want
        if log:
            log(f"  minimise probe {probes[0]}: {len(sub)} lines -> "
                f"{'same failure' if got == want else got[0]}")
        return got == want
    return ddmin(lines, fails)


def save_reproducer(root: str, product: str, name: str, lines: list[str], what: str) -> str:
    """``graphs/<name>/``: the base product's product.toml and the lines."""
    src = os.path.join(root, "graphs", product)
    dest = os.path.join(root, "graphs", name)
    os.makedirs(dest, exist_ok=True)
    with open(os.path.join(src, "product.toml"), encoding="utf-8") as f:
        toml = f.read()
    toml = re.sub(r'(?m)^summary\s*=.*$',
                  f'summary = "Fuzz reproducer ({what}), minimised from {product}"', toml, count=1)
    with open(os.path.join(dest, "product.toml"), "w", encoding="utf-8") as f:
        f.write(toml)
    with open(os.path.join(dest, "defconfig"), "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines))
    return dest


# --- a run ----------------------------------------------------------------------------

def record(draw, res) -> dict:
    return {"seed": draw.seed, "index": draw.index, "arch": draw.arch, "product": draw.product,
            "raw": draw.raw, "attempts": draw.attempts, "config": draw.lines, **res}


def run(root: str, seed, count: int, jobs: int = 1, shard=(1, 1), out=None,
        until: str = "boot", ccache: bool = True, minimise_failures: bool = True,
        work: str | None = None, arch_list=None, log=print) -> list[dict]:
    """Run the shard's draws with ``jobs`` workers; returns the records in
    index order (each also written to ``out`` as a JSON line as it ends)."""
    work = work or os.path.join(root, "build", "fuzz", f"s{seed}-{shard[0]}of{shard[1]}")
    os.makedirs(work, exist_ok=True)
    spaces = randconfig.spaces_of(root, arch_list)
    indices = shard_indices(count, shard)
    slots = queue.Queue()
    for n in range(max(1, jobs)):
        slots.put(Slot(root, work, n, ccache))
    lock = threading.Lock()
    sink = open(out, "w", encoding="utf-8") if out else None
    records = {}
    coverage = randconfig.Coverage(spaces)

    def one(i):
        with lock:     # Kconfiglib and the draw's in-process resolve: one at a time
            t = time.monotonic()
            draw = randconfig.make_draw(spaces, seed, i, raw=is_raw(i))
            drawn = round(time.monotonic() - t, 3)
            if draw.graph is not None:
                coverage.add(draw.graph)
        slot = slots.get()
        try:
            resolved = None
            if draw.graph is not None:
                resolved = (draw.graph.names, drawn)
            res = run_config(root, draw.product, draw.lines, slot, until, resolved)
            # A valid draw's time is its in-process resolve, counted there.
            res["times"]["draw"] = 0.0 if resolved else drawn
            rec = record(draw, res)
            if res["outcome"] not in GOOD and res["outcome"] != "tool-error":
                # A failure must repeat before it is minimised: a timing
                # ktest on a loaded host may fail once and pass again.
                again = run_config(root, draw.product, draw.lines, slot, until, resolved)
                if signature(again) != signature(res):
                    rec["outcome"] = "flaky"
                    rec["error"] = (f"{res['outcome']} once ({res['error']}), "
                                    f"{again['outcome']} on a re-run")
            if rec["outcome"] not in GOOD and minimise_failures and res["outcome"] != "tool-error":
                small = minimise(root, draw.product, draw.lines, slot)
                name = f"fuzz-{seed}-{i}"
                rec["minimised"] = small
                rec["reproducer"] = os.path.relpath(
                    save_reproducer(root, draw.product, name, small, res["outcome"]), root)
        finally:
            slots.put(slot)
        with lock:
            records[i] = rec
            if sink:
                sink.write(json.dumps(rec, sort_keys=True) + "\n")
                sink.flush()
            log(line_of(rec))
        return rec

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(one, indices))
    finally:
        if sink:
            sink.close()
    recs = [records[i] for i in sorted(records)]
    log(summary(recs, time.monotonic() - started))
    log(coverage.text())
    return recs


def line_of(rec: dict) -> str:
    t = rec["times"]
    mark = ("WARN" if rec["outcome"] == "flaky" else
            "ok  " if rec["outcome"] in GOOD else "FAIL")
    text = (f"{mark} seed {rec['seed']} #{rec['index']:<4} {rec['arch']:<8} "
            f"{'raw ' if rec['raw'] else ''}{rec['outcome']:<12} "
            f"{len(rec['components']):2} comps  resolve {t['resolve']:.2f} s  "
            f"build {t['build']:.2f} s  boot {t['boot']:.2f} s")
    if rec["outcome"] not in ("passed", "refused"):
        text += f"\n     {rec['error'].splitlines()[0] if rec['error'] else ''}"
        if rec.get("reproducer"):
            text += (f"\n     minimised to {len(rec['minimised'])} lines: "
                     f"make run GRAPH={os.path.basename(rec['reproducer'])}")
    return text


def summary(recs: list[dict], wall: float | None = None) -> str:
    counts = {o: 0 for o in OUTCOMES}
    for r in recs:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    tot = {k: sum(r["times"].get(k, 0) for r in recs) for k in ("draw", "resolve", "build", "boot")}
    out = [f"fuzz: {len(recs)} configurations: "
           + ", ".join(f"{counts[o]} {o}" for o in OUTCOMES if counts[o])]
    out.append("fuzz: time in draw {draw:.1f} s, resolve {resolve:.1f} s, build {build:.1f} s, "
               "boot+tests {boot:.1f} s".format(**tot))
    if wall:
        out.append(f"fuzz: wall {wall:.1f} s, {len(recs) / wall * 60:.1f} configurations/minute")
    flaky = [r for r in recs if r["outcome"] == "flaky"]
    if flaky:
        out.append(f"fuzz: {len(flaky)} FLAKY (failed once, not on a re-run; not minimised): "
                   + ", ".join(f"#{r['index']}" for r in flaky))
    bad = [r for r in recs if r["outcome"] not in GOOD]
    if bad:
        out.append(f"fuzz: {len(bad)} FAILED: "
                   + ", ".join(f"#{r['index']} {r['outcome']}" for r in bad))
    return "\n".join(out)


def merge(paths: list[str]) -> list[dict]:
    """Join shard reports: one record per (seed, index), in order; a draw
    reported twice with different outcomes is an error."""
    from .errors import TesseraError
    by_key = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise TesseraError.single(f"not a JSON line: {e}", path, n)
                key = (rec["seed"], rec["index"])
                if key in by_key and by_key[key]["outcome"] != rec["outcome"]:
                    raise TesseraError.single(f"draw {key[1]} of seed {key[0]} reported twice "
                                              "with different outcomes", path, n)
                by_key[key] = rec
    return [by_key[k] for k in sorted(by_key, key=lambda k: (k[0], k[1]))]


def progress(msg: str) -> None:
    print(msg, flush=True, file=sys.stdout)
