# SPDX-License-Identifier: Apache-2.0
"""Graph algorithms over component names, in one place.

Everything here works on plain data: node names (strings) and successor
lists (``succ[n]`` = the nodes ``n`` depends on), or on manifests
(:class:`~tessera.model.Component`) and a ``providers`` index (interface
-> enabled provider names). Every result is deterministic (ties by name):

* :func:`edges` -- component -> ``[(provider, interface)]`` over manifest keys;
* :func:`edge_labels` -- what an ordering edge stands for, for messages;
* :func:`sccs` -- strongly connected components (Tarjan, iterative);
* :func:`topo_order` -- dependencies first, cycles emitted together;
* :func:`order_inits` -- the init order, linear in the size of the graph;
* :func:`shortest_path` -- a shortest chain from one node to another (BFS);
* :func:`bfs_parents` -- the first edge reaching each node from the roots.
"""

from __future__ import annotations

import heapq
from collections import deque

def edges(comps: dict, providers: dict, keys) -> dict[str, list[tuple[str, str]]]:
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


def sccs(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
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
    parts = sccs(sorted(nodes), succ)
    of = {}
    for i, s in enumerate(parts):
        for n in s:
            of[n] = i
    deps = {i: set() for i in range(len(parts))}
    users = {i: set() for i in range(len(parts))}
    for n in nodes:
        for m in succ[n]:
            if of[m] != of[n]:
                deps[of[n]].add(of[m])
                users[of[m]].add(of[n])
    heap = [(parts[i][0], i) for i in deps if not deps[i]]
    heapq.heapify(heap)
    order = []
    while heap:
        _, i = heapq.heappop(heap)
        order.extend(parts[i])
        for u in sorted(users[i]):
            deps[u].discard(i)
            if not deps[u]:
                heapq.heappush(heap, (parts[u][0], u))
    return order


def shortest_path(succ: dict, a: str, b: str) -> list[str]:
    """A shortest path from ``a`` to ``b`` (``[a, b]`` when there is none)."""
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


def edge_labels(comps: dict, providers: dict, keys) -> dict[tuple[str, str], str]:
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
    parts = sccs(sorted(nodes), succ)
    of = {}
    for i, members in enumerate(parts):
        for n in members:
            of[n] = i
    key = [None] * len(parts)
    cycles = []
    for i, members in enumerate(parts):
        own = [n for n in members if n in inits]
        if len(own) > 1:
            cycles.append(own)
        if own:
            key[i] = (own[0] not in early, own[0])
    ndeps = [0] * len(parts)
    users: list[set[int]] = [set() for _ in parts]
    for n in nodes:
        for m in succ[n]:
            a, b = of[n], of[m]
            if a != b and a not in users[b]:
                users[b].add(a)
                ndeps[a] += 1
    ready_plain = [i for i in range(len(parts)) if not ndeps[i] and key[i] is None]
    ready_init = [(key[i], i) for i in range(len(parts)) if not ndeps[i] and key[i] is not None]
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


def bfs_parents(roots, succ, parent: dict) -> dict:
    """Breadth-first search from ``roots`` (already in ``parent``).

    ``succ(node)`` yields ``(next_node, label)``; ``parent[next_node]`` is set
    to ``label(node)`` the first time ``next_node`` is reached. ``label`` is
    whatever the caller wants to keep (a :class:`~tessera.model.Reason`).
    """
    queue = deque(roots)
    while queue:
        cur = queue.popleft()
        for nxt, label in succ(cur):
            if nxt not in parent:
                parent[nxt] = label
                queue.append(nxt)
    return parent


def reachable(starts, succ: dict) -> set:
    """Every node reachable from ``starts`` (included) over ``succ``."""
    seen = set(starts)
    stack = list(seen)
    while stack:
        for n in succ.get(stack.pop(), ()):
            if n not in seen:
                seen.add(n)
                stack.append(n)
    return seen
