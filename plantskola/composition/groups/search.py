"""Local search state on the contracted problem: moves, swaps, descent, tabu search,
team relocation and apart chains (Kempe chains), and perturbation, all feasible by
construction.

Every delta comes from the node-to-group sum matrix `st[g, u] = Σ_{v in g} d(u, v)`,
updated in O(n) per move. Up to `MATRIX_MAX_NODES` nodes a step evaluates the whole n×n
swap-delta matrix at once; above that, descent sweeps node by node (one vectorised row).
"""

from __future__ import annotations

import math
import time

import numpy as np

from ..arrays import FloatArray, IntArray
from .nodes import Nodes

# Up to this many nodes the search evaluates n×n delta matrices (or blocks of their rows).
MATRIX_MAX_NODES = 1500
# Above this many nodes focused descents go node by node rather than by row blocks.
FOCUS_SWEEP_NODES = 300
# Tabu tenure ≥ max(TENURE_MIN, n / TENURE_DIVISOR) (shorter tenures cycle on 60-person
# MDGP instances).
TENURE_DIVISOR = 20
TENURE_MIN = 6

# (grp, load, st, ac, obj) of a `Search`.
Snapshot = tuple[IntArray, IntArray, FloatArray, IntArray, float]


class Search:
    """A feasible assignment of nodes to groups, with the sums that make every delta O(1)
    and every update O(n), and the neighbourhoods that move it."""

    def __init__(
        self,
        nodes: Nodes,
        lows: IntArray,
        highs: IntArray,
        assignment: IntArray,
        rng: np.random.Generator,
    ) -> None:
        self.nodes = nodes
        self.d = nodes.d
        self.n = nodes.count
        self.count = len(lows)
        self.lows, self.highs = lows, highs
        self.w = nodes.weight
        self.uniform = bool((self.w == 1).all())
        self.can_move = bool((lows < highs).any())
        self.movable = nodes.pin < 0
        self.movable_idx = np.flatnonzero(self.movable)
        self.rng = rng
        self.eps = 1e-9 * max(1.0, float(np.abs(self.d).max(initial=0.0)))
        self.ar = np.arange(self.n)
        self.adj: list[list[int]] = [[] for _ in range(self.n)]
        for a, b in nodes.apart:
            self.adj[a].append(b)
            self.adj[b].append(a)
        self.has_apart = bool(nodes.apart)
        # Movable nodes with apart partners: the starts of apart chains.
        self.linked = np.array([bool(a) for a in self.adj], dtype=bool) & self.movable
        if self.has_apart:
            self.ap = np.zeros((self.n, self.n), dtype=np.int8)
            for a, b in nodes.apart:
                self.ap[a, b] = self.ap[b, a] = 1
        self.fixed = bool((lows == highs).all())
        self.has_negative = bool((self.d < 0).any())
        # Pairs that may never swap: pinned nodes, and teams of different size when every
        # group size is fixed.
        penalty = np.zeros((self.n, self.n)) if self.n <= MATRIX_MAX_NODES else np.zeros((0, 0))
        if self.n <= MATRIX_MAX_NODES:
            penalty[~self.movable, :] = -math.inf
            penalty[:, ~self.movable] = -math.inf
            if self.fixed and not self.uniform:
                penalty[self.w[:, None] != self.w[None, :]] = -math.inf
        self.static_penalty = penalty
        self.has_static_penalty = bool((penalty != 0).any())
        # Groups changed since the last focused descent: only swaps and moves into or out
        # of them can have become improving (see `focused_descent`).
        self.touched: set[int] = set()
        self.set_assignment(assignment)

    def set_assignment(self, assignment: IntArray) -> None:
        self.grp = assignment.astype(np.int64).copy()
        self.load = np.bincount(self.grp, weights=self.w, minlength=self.count).astype(np.int64)
        self.st = np.zeros((self.count, self.n))
        for g in range(self.count):
            members = np.flatnonzero(self.grp == g)
            if len(members):
                self.st[g] = self.d[members].sum(axis=0)
        self.ac = np.zeros((self.count, self.n), dtype=np.int64)
        for a, b in self.nodes.apart:
            self.ac[self.grp[a], b] += 1
            self.ac[self.grp[b], a] += 1
        self.obj = float(self.st[self.grp, self.ar].sum()) / 2

    def snapshot(self) -> Snapshot:
        return self.grp.copy(), self.load.copy(), self.st.copy(), self.ac.copy(), self.obj

    def restore(self, snap: Snapshot) -> None:
        self.touched = set()
        grp, load, st, ac, obj = snap
        self.grp, self.load, self.st, self.ac, self.obj = (
            grp.copy(),
            load.copy(),
            st.copy(),
            ac.copy(),
            obj,
        )

    # -- moves ------------------------------------------------------------

    def move(self, u: int, h: int) -> None:
        g = int(self.grp[u])
        self.touched.add(g)
        self.touched.add(h)
        row = self.d[u]
        self.st[g] -= row
        self.st[h] += row
        for v in self.adj[u]:
            self.ac[g, v] -= 1
            self.ac[h, v] += 1
        self.load[g] -= self.w[u]
        self.load[h] += self.w[u]
        self.grp[u] = h

    def best_for(self, u: int) -> tuple[float, int, int]:
        """Best (delta, kind, target) for node u: kind 0 = move to group target,
        kind 1 = swap with node target; delta -inf when nothing is allowed."""
        g = int(self.grp[u])
        su = self.st[:, u]
        base = su[g]
        best, kind, target = -math.inf, -1, -1
        wu = int(self.w[u])
        if self.can_move and self.load[g] - wu >= self.lows[g]:
            md = su - base
            ok = self.load + wu <= self.highs
            ok[g] = False
            if self.has_apart:
                ok &= self.ac[:, u] == 0
            if ok.any():
                md = np.where(ok, md, -math.inf)
                h = int(np.argmax(md))
                best, kind, target = float(md[h]), 0, h
        grp = self.grp
        delta = su[grp] - base + self.st[g] - self.st[grp, self.ar] - 2.0 * self.d[u]
        ok = (grp != g) & self.movable
        if not self.uniform:
            dw = self.w - wu
            lg = self.load[g] + dw
            lh = self.load[grp] - dw
            ok &= (lg <= self.highs[g]) & (lg >= self.lows[g])
            ok &= (lh <= self.highs[grp]) & (lh >= self.lows[grp])
        if self.has_apart:
            apu = self.ap[u]
            ok &= (self.ac[grp, u] - apu == 0) & (self.ac[g] - apu == 0)
        delta = np.where(ok, delta, -math.inf)
        v = int(np.argmax(delta))
        if delta[v] > best:
            best, kind, target = float(delta[v]), 1, v
        return best, kind, target

    def apply(self, u: int, kind: int, target: int, delta: float) -> None:
        if kind == 0:
            self.move(u, target)
        else:
            g = int(self.grp[u])
            self.move(u, int(self.grp[target]))
            self.move(target, g)
        self.obj += delta

    def descent(self, deadline: float, *, sweep_first: bool = False) -> None:
        """Descend to a local optimum of the move and swap neighbourhoods. From a poor
        start (`sweep_first`), node-by-node sweeps come first: each gains something for
        O(n) work, where a whole-matrix step costs O(n²) for a handful of swaps."""
        if sweep_first and self.n <= MATRIX_MAX_NODES:
            self._descent_sweep(deadline)
        if self.n <= MATRIX_MAX_NODES:
            self._descent_matrix(deadline)
        else:
            self._descent_sweep(deadline)
        self.touched = set()

    def _descent_sweep(self, deadline: float) -> None:
        """First-improvement sweeps, each node taking its best move or swap, until a
        sweep improves nothing (a local optimum of both neighbourhoods). O(n) memory
        per step, for instances too large for the full delta matrix."""
        improved = True
        while improved:
            improved = False
            for u in self.rng.permutation(self.movable_idx):
                delta, kind, target = self.best_for(int(u))
                if delta > self.eps:
                    self.apply(int(u), kind, target, delta)
                    improved = True
                if time.monotonic() > deadline:
                    return

    def _swap_deltas(self) -> FloatArray:
        """Δ[u, v] of swapping u and v for all pairs at once (-inf where not allowed)."""
        return self._swap_rows(self.ar)

    def _swap_rows(self, rows: IntArray) -> FloatArray:
        """Δ[u, v] of swapping u and v for u in `rows` and every v (-inf where not
        allowed): Δ = S[u, g_v] − S[u, g_u] + S[v, g_u] − S[v, g_v] − 2 d(u, v), each term
        read from the maintained sum matrix, so a row of k nodes costs O(k·n)."""
        grp = self.grp
        gr = grp[rows]
        own = self.st[grp, self.ar]
        if len(rows) == self.n:
            a = self.st[grp]
            a -= own[None, :]
            delta = a + a.T
            delta -= 2.0 * self.d
        else:
            delta = self.st[:, rows].T[:, grp]  # S[u, g_v]
            delta -= own[rows][:, None]
            delta += self.st[gr]  # S[v, g_u]
            delta -= own[None, :]
            delta -= 2.0 * self.d[rows]
        if self.has_static_penalty:
            delta += self.static_penalty[rows]
        # Same-group "swaps" (Δ = −2d, 0 on the diagonal) change nothing; tabu search
        # would otherwise pick them as free non-moves.
        delta[gr[:, None] == grp[None, :]] = -math.inf
        if self.has_apart:
            apr = self.ap[rows]
            # apart partners of u in v's group, and of v in u's group (not counting u–v)
            blocked = (self.ac[grp][:, rows].T - apr > 0) | (self.ac[gr] - apr > 0)
            delta[blocked] = -math.inf
        if not self.uniform and not self.fixed:
            dw = self.w[None, :] - self.w[rows][:, None]  # load change of u's group
            lg = self.load[gr][:, None] + dw
            lh = self.load[grp][None, :] - dw
            bad = (lg < self.lows[gr][:, None]) | (lg > self.highs[gr][:, None])
            bad |= (lh < self.lows[grp][None, :]) | (lh > self.highs[grp][None, :])
            delta[bad] = -math.inf
        return delta

    def focused_descent(self, deadline: float) -> None:
        """Descent that only looks where something changed: a swap or move alters the
        sums of its two groups alone, so from a local optimum the only candidates that
        can have become improving have one end in a group touched since (`touched`).
        Each step evaluates the rows of those groups' nodes against every node (their
        swaps) and every group (their moves, and moves of anyone into them), applies the
        best improving one and adds its groups to the focus. Ends at a local optimum of
        both neighbourhoods, as `descent` does, at a fraction of the cost after a small
        perturbation."""
        focus = set(self.touched)
        self.touched = set()
        if self.n > FOCUS_SWEEP_NODES:
            self._focused_sweep(focus, deadline)
            return
        while focus and time.monotonic() <= deadline:
            mask = np.zeros(self.count, dtype=bool)
            mask[list(focus)] = True
            focus = set()
            rows = np.flatnonzero(mask[self.grp] & self.movable)
            if len(rows):
                delta = self._swap_rows(rows)
                flat = np.flatnonzero(delta > self.eps)
                if len(flat):
                    # Every improving swap whose two groups are untouched in this step:
                    # a swap changes only its own groups' sums, so the others stay exact.
                    order = flat[np.argsort(-delta.ravel()[flat], kind="stable")]
                    used: set[int] = set()
                    for cell in order[: 4 * self.count]:
                        r, v = divmod(int(cell), self.n)
                        u = int(rows[r])
                        g, h = int(self.grp[u]), int(self.grp[v])
                        if g in used or h in used:
                            continue
                        self.apply(u, 1, v, float(delta[r, v]))
                        used.update((g, h))
                    focus |= used
            if self.can_move:
                moves = self._move_deltas()
                moves[~(mask[self.grp][:, None] | mask[None, :])] = -math.inf
                mu, mh = (int(i) for i in np.unravel_index(int(np.argmax(moves)), moves.shape))
                g = int(self.grp[mu])
                if moves[mu, mh] > self.eps and g not in focus and mh not in focus:
                    self.apply(mu, 0, mh, float(moves[mu, mh]))
                    focus.update((g, mh))
                elif moves[mu, mh] > self.eps:
                    focus.update((g, mh))  # look again next step, with fresh sums
                self.touched = set()

    def _focused_sweep(self, focus: set[int], deadline: float) -> None:
        """`focused_descent` node by node, for large instances: each node of a touched
        group, in random order, takes its best move or swap (one O(n) row) when that
        improves; groups changed join the next pass, until a pass changes nothing."""
        while focus and time.monotonic() <= deadline:
            mask = np.zeros(self.count, dtype=bool)
            mask[list(focus)] = True
            rows = np.flatnonzero(mask[self.grp] & self.movable)
            focus = set()
            self.touched = set()
            for u in self.rng.permutation(rows):
                delta, kind, target = self.best_for(int(u))
                if delta > self.eps:
                    self.apply(int(u), kind, target, delta)
            focus = self.touched
            # Nodes outside the focus may now improve by a move or swap into a changed
            # group: the next pass covers them through their partners' rows (a swap is
            # symmetric) and through moves, which `best_for` evaluates from both sides.
            if self.can_move and focus:
                moves = self._move_deltas()
                cols = np.zeros(self.count, dtype=bool)
                cols[list(focus)] = True
                moves[:, ~cols] = -math.inf
                mu, mh = (int(i) for i in np.unravel_index(int(np.argmax(moves)), moves.shape))
                if moves[mu, mh] > self.eps:
                    self.apply(mu, 0, mh, float(moves[mu, mh]))
                    focus = focus | self.touched
        self.touched = set()

    def _move_deltas(self) -> FloatArray:
        own = self.st[self.grp, self.ar]
        delta = self.st.T - own[:, None]
        ok = self.load[None, :] + self.w[:, None] <= self.highs[None, :]
        ok &= (self.load[self.grp] - self.w >= self.lows[self.grp])[:, None]
        ok &= self.movable[:, None]
        ok[self.ar, self.grp] = False
        if self.has_apart:
            ok &= self.ac.T == 0
        return np.where(ok, delta, -math.inf)

    def _descent_matrix(self, deadline: float) -> None:
        """Steepest descent on the full swap (and move) delta matrices. After each
        evaluation every improving swap whose two groups are untouched so far is applied:
        a swap only changes sums for its own two groups, so their deltas stay exact."""
        while time.monotonic() <= deadline:
            delta = self._swap_deltas()
            flat = np.flatnonzero(delta > self.eps)
            touched: set[int] = set()
            applied = False
            if len(flat):
                order = flat[np.argsort(-delta.ravel()[flat], kind="stable")]
                for cell in order[: 4 * self.count]:
                    u, v = divmod(int(cell), self.n)
                    g, h = int(self.grp[u]), int(self.grp[v])
                    if g in touched or h in touched:
                        continue
                    self.apply(u, 1, v, float(delta[u, v]))
                    touched.update((g, h))
                    applied = True
            if self.can_move:
                moves = self._move_deltas()
                mu, mh = (int(i) for i in np.unravel_index(int(np.argmax(moves)), moves.shape))
                g = int(self.grp[mu])
                if moves[mu, mh] > self.eps and g not in touched and mh not in touched:
                    self.apply(mu, 0, mh, float(moves[mu, mh]))
                    applied = True
            if not applied:
                return

    def tabu(
        self, deadline: float, depth: int, best_obj: float, goal: float = math.inf
    ) -> tuple[float, Snapshot | None]:
        """Tabu search over swaps (and moves): each iteration takes the best non-tabu
        neighbour even when it is worse; a node may not return to the group it just left
        for `tenure` iterations unless that yields a new best (aspiration). Stops after
        `depth` iterations without a new best; returns the best (objective, snapshot)."""
        tabu_until = np.zeros((self.n, self.count), dtype=np.int64)
        best_snap: Snapshot | None = None
        it = since = 0
        low = max(TENURE_MIN, self.n // TENURE_DIVISOR)
        while since < depth and time.monotonic() <= deadline and best_obj < goal:
            it += 1
            since += 1
            delta = self._swap_deltas()
            forbidden = tabu_until[:, self.grp] > it  # [u, v]: u may not enter v's group
            forbidden |= forbidden.T
            aspire = self.obj + delta > best_obj + self.eps
            delta[forbidden & ~aspire] = -math.inf
            cell = int(np.argmax(delta))
            u, v = divmod(cell, self.n)
            value, kind, target = float(delta[u, v]), 1, v
            if self.can_move:
                moves = self._move_deltas()
                blocked = (tabu_until > it) & ~(self.obj + moves > best_obj + self.eps)
                moves[blocked] = -math.inf
                mu, mh = (int(i) for i in np.unravel_index(int(np.argmax(moves)), moves.shape))
                if moves[mu, mh] > value:
                    u, value, kind, target = mu, float(moves[mu, mh]), 0, mh
            if value == -math.inf:
                break
            g = int(self.grp[u])
            if kind == 1:
                tabu_until[target, int(self.grp[target])] = it + low + int(self.rng.integers(low))
            tabu_until[u, g] = it + low + int(self.rng.integers(low))
            self.apply(u, kind, target, value)
            if self.obj > best_obj + self.eps:
                best_obj = self.obj
                best_snap = self.snapshot()
                since = 0
        return best_obj, best_snap

    # -- together sets of unequal size -------------------------------------

    def relocate(self, u: int, h: int) -> tuple[float, list[tuple[int, int]]] | None:
        """Move node u to group h together with its apart chain, the nodes linked to u by
        apart pairs within groups g = grp[u] and h (a Kempe chain), each changing side;
        then rebalance with single people from the group that gained (the best ones for
        the other group, chosen one by one) so sizes are unchanged. For a team without
        apart partners in h that is: move it and send back as many people as it weighs.
        Swaps alone can never move a team when no equal-sized team is elsewhere, nor
        reach groupings on the other side of a chain of apart pairs.
        Returns (delta, undo log), or None when pins or missing people make it impossible."""
        g = int(self.grp[u])
        if h == g:
            return None
        chain = [u]
        if self.has_apart and self.ac[h, u] > 0:
            seen = {u}
            for x in chain:
                for y in self.adj[x]:
                    if y not in seen and (self.grp[y] == g or self.grp[y] == h):
                        seen.add(y)
                        chain.append(y)
            if not self.movable[chain].all():
                return None
        log: list[tuple[int, int]] = []
        delta = 0.0
        net = 0  # weight the chain carries from g to h
        for x in chain:
            src = int(self.grp[x])
            dst = h if src == g else g
            net += int(self.w[x]) if src == g else -int(self.w[x])
            delta += float(self.st[dst, x] - self.st[src, x])
            self.move(x, dst)
            log.append((x, src))
        # Send |net| single people back from the group that gained.
        src, dst = (h, g) if net > 0 else (g, h)
        free = self.movable & (self.w == 1)
        free[chain] = False
        for _ in range(abs(net)):
            # With size slack, stop sending back once both sizes are allowed and the
            # next one would not gain: the team's new group may simply grow.
            fits = bool(
                self.lows[src] <= self.load[src] <= self.highs[src]
                and self.lows[dst] <= self.load[dst] <= self.highs[dst]
            )
            cand = np.flatnonzero((self.grp == src) & free)
            if self.has_apart:
                cand = cand[self.ac[dst, cand] == 0]
            if not len(cand):
                if fits:
                    break
                self.undo(log, 0.0)
                return None
            gains = self.st[dst, cand] - self.st[src, cand]
            best = int(np.argmax(gains))
            if fits and gains[best] <= self.eps:
                break
            delta += float(gains[best])
            self.move(int(cand[best]), dst)
            log.append((int(cand[best]), src))
        self.obj += delta
        return delta, log

    def undo(self, log: list[tuple[int, int]], delta: float) -> None:
        for node, origin in reversed(log):
            self.move(node, origin)
        self.obj -= delta

    def team_pass(self) -> bool:
        """Relocate teams, and carry apart chains across, while that improves the
        objective; whether anything changed."""
        team = (self.w > 1) & self.movable
        movers = np.flatnonzero(team | self.linked)
        if not len(movers):
            return False
        changed, improved = False, True
        while improved:
            improved = False
            for u in movers:
                for h in range(self.count):
                    if not team[u] and self.ac[h, u] == 0:
                        continue  # a single person alone: a swap, which descent covers
                    done = self.relocate(int(u), h)
                    if done is None:
                        continue
                    if done[0] > self.eps:
                        improved = changed = True
                    else:
                        self.undo(done[1], done[0])
        return changed

    def perturb(self, steps: int) -> None:
        """Random feasible swaps (and moves when sizes have slack), ignoring the objective."""
        if len(self.movable_idx) < 2:
            return
        teams: IntArray = (
            np.flatnonzero((self.w > 1) & self.movable)
            if not self.uniform
            else np.zeros(0, dtype=np.int64)
        )
        if len(teams) and self.rng.random() < 0.1:
            # Now and then carry a team elsewhere: swaps alone never move one.
            self.relocate(int(self.rng.choice(teams)), int(self.rng.integers(self.count)))
        if self.has_apart and self.rng.random() < 0.1:
            # Now and then flip the apart chain through a random apart pair: swaps alone
            # cannot cross it.
            a, b = self.nodes.apart[int(self.rng.integers(len(self.nodes.apart)))]
            self.relocate(a, int(self.grp[b]))
        done = tries = 0
        while done < steps and tries < 20 * steps:
            tries += 1
            u = int(self.rng.choice(self.movable_idx))
            g = int(self.grp[u])
            if self.can_move and self.rng.random() < 0.3:
                h = int(self.rng.integers(self.count))
                if self._move_ok(u, g, h):
                    self.obj += float(self.st[h, u] - self.st[g, u])
                    self.move(u, h)
                    done += 1
                continue
            v = int(self.rng.choice(self.movable_idx))
            h = int(self.grp[v])
            if g == h or not self._swap_ok(u, v, g, h):
                continue
            delta = float(
                self.st[h, u] - self.st[g, u] + self.st[g, v] - self.st[h, v] - 2 * self.d[u, v]
            )
            self.apply(u, 1, v, delta)
            done += 1

    def shift(self, times: int) -> None:
        """Change group sizes decisively: `times` times, carry a random number of random
        people from one group with room to shrink to one with room to grow. Single moves
        cannot do it when the sizes are at a local optimum, since every intermediate step
        of such a transfer is worse; with size ranges (MDGPLIB's ds instances) which groups
        end up large is much of the problem."""
        for _ in range(times):
            shrink = np.flatnonzero(self.load > self.lows)
            grow = np.flatnonzero(self.load < self.highs)
            if not len(shrink) or not len(grow):
                return
            g, h = int(self.rng.choice(shrink)), int(self.rng.choice(grow))
            room = min(int(self.load[g] - self.lows[g]), int(self.highs[h] - self.load[h]))
            if g == h or room <= 0:
                continue
            want = int(self.rng.integers(1, room + 1))
            members = np.flatnonzero((self.grp == g) & self.movable & (self.w == 1))
            for u in self.rng.permutation(members)[: 2 * want]:
                if want == 0:
                    break
                if self._move_ok(int(u), g, h):
                    self.obj += float(self.st[h, u] - self.st[g, u])
                    self.move(int(u), h)
                    want -= 1

    def _move_ok(self, u: int, g: int, h: int) -> bool:
        wu = self.w[u]
        return bool(
            h != g
            and self.load[g] - wu >= self.lows[g]
            and self.load[h] + wu <= self.highs[h]
            and (not self.has_apart or self.ac[h, u] == 0)
        )

    def _swap_ok(self, u: int, v: int, g: int, h: int) -> bool:
        dw = self.w[v] - self.w[u]
        if dw:
            if not (self.lows[g] <= self.load[g] + dw <= self.highs[g]):
                return False
            if not (self.lows[h] <= self.load[h] - dw <= self.highs[h]):
                return False
        if self.has_apart:
            a = self.ap[u, v]
            if self.ac[h, u] - a or self.ac[g, v] - a:
                return False
        return True
