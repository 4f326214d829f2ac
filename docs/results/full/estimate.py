#!/usr/bin/env python3
"""The full plan's time, extrapolated from measured CPU seconds per task (docs/results/full/TIMING.md).

Each task's CPU seconds (one core; see TIMING.md for which were measured whole and which from
measured units) are scheduled longest-first on S identical slots, stage by stage as submit.sh
submits them: data and simulate at once, train after data, learned after train.
"""
import heapq

tasks = {  # stage -> list of (task, cpu seconds)
    # dataset-K10 and dataset-K50 measured whole (tasks 1 and 54); dataset-K20 = 10 × one measured chunk.
    "data": [("dataset-K10", 11.7)] * 26 + [("dataset-K20", 39.2)] * 26 + [("dataset-K50", 254.7)] * 26,
    "simulate": [("fig11", 0.1)]
    + [(f"fig7-K{k}", s) for k, s in [(2, 0.1), (5, 0.2), (10, 0.5), (20, 1.8), (30, 6), (50, 20), (100, 140)]]
    + [(f"fig7-literal-K{k}", s) for k, s in [(2, 0.1), (5, 0.1), (10, 0.2), (20, 0.5), (30, 1), (50, 3), (100, 12)]]
    + [(f"fig8-N{n}", s) for n, s in [(8, 11), (16, 15), (32, 20), (64, 26), (128, 10), (128, 10)]]
    + [("sensing-off-K50", 4)]
    # fig10-heuristic measured whole (143 s); the others scaled from the per-slot costs by its ratio.
    + [("fig10-heuristic", 143), ("fig10-greedy", 171), ("fig10-distance-fp", 44), ("fig10-distance-mf", 6)]
    + [("fig9-heuristic", 37), ("fig9-greedy", 34), ("fig9-distance-fp", 13), ("fig9-distance-mf", 5)],
    # K = 10 and K = 50 measured in the completed run (per-thread counters, two training threads);
    # K = 20 extrapolated (its CPU was not recorded).
    "train": [("train-K50", 2300)] * 2 + [("train-K20", 850)] * 2 + [("train-K10", 550)] * 2,
    # Measured whole in the completed run (user CPU, /usr/bin/time).
    "learned": [(f"fig7-lstm-K{k}", s) for k, s in [(2, 0.1), (5, 0.3), (10, 0.5), (20, 1.4), (30, 3.7), (50, 10.3), (100, 28.9)]]
    + [("fig9-lstm", 5.0), ("fig9-lstm-fp", 7.0), ("fig10-lstm", 10.9), ("fig10-lstm-fp", 17.7)],
}


def schedule(free, durations, ready=0.0):
    """Longest-processing-time-first onto the slots' free times (a heap), no task before `ready`;
    returns the last finish time."""
    end = ready
    for d in sorted(durations, reverse=True):
        t = max(heapq.heappop(free), ready) + d
        end = max(end, t)
        heapq.heappush(free, t)
    return end


def wall(slots):
    """Data first (training waits for it), simulate on the same slots, then train, then learned."""
    free = [0.0] * slots
    heapq.heapify(free)
    data = schedule(free, [d for _, d in tasks["data"]])
    simulate = schedule(free, [d for _, d in tasks["simulate"]])
    train = schedule(free, [d for _, d in tasks["train"]], ready=data)
    learned = schedule(free, [d for _, d in tasks["learned"]], ready=train)
    return max(simulate, learned), data, train


if __name__ == "__main__":
    print("| stage | tasks | CPU s (1 core) | longest task s |")
    print("|---|---|---|---|")
    total = 0
    for stage, ts in tasks.items():
        cpu = sum(d for _, d in ts)
        total += cpu
        print(f"| {stage} | {len(ts)} | {cpu:,.0f} | {max(d for _, d in ts):,.0f} |")
    print(f"| all | {sum(len(t) for t in tasks.values())} | {total:,.0f} ({total / 3600:.1f} h) | |")
    print()
    for slots in (1, 2, 16, 64, 128):
        w, data, train = wall(slots)
        print(f"{slots:4d} slots: {w / 60:6.1f} min (data stage ends {data / 60:.1f} min, training ends {train / 60:.1f} min)")
