#!/usr/bin/env python3
"""Ladder transcode benchmark (issue #3): a 60 s 1080p30 source to 1080/720/480/360/240 (+ AAC), three ways,
with identical x264 settings, in one run on this machine:
  (a) framecast's one-pass pipeline (decode once, one filter graph, an encoder thread per rung, CMAF output)
  (b) one ffmpeg command: split + scale filters, one output per rung
  (c) one ffmpeg per rung, one after another (the seeds' approach)
Reports wall time, CPU utilisation (user+sys over wall, 200 % = both cores), peak RSS, and for (a) the time to
first playable (first segment of the lowest rung) as a share of the whole job.
Usage: transcode_bench.py FRAMECAST_TRANSCODE_BENCH [--seconds 60] [--out results.md]"""
import os, shutil, subprocess, sys, tempfile, time, argparse, platform

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "media", "big_buck_bunny.mp4")


def run(cmd):
    """Runs cmd; returns (wall_s, cpu_s, max_rss_kib, stdout)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, out


def x264_args(rung, preset, seg_s):
    name, w, h, fps, br, maxr, buf = rung
    return ["-c:v", "libx264", "-preset", preset, "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-b:v", f"{br}k", "-maxrate", f"{maxr}k", "-bufsize", f"{buf}k",
            "-force_key_frames", f"expr:gte(t,n_forced*{seg_s})", "-sc_threshold", "0",
            "-x264-params", "scenecut=0:open-gop=0", "-forced-idr", "1"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tool")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rungs", default="240,360,480,720,1080")
    parser.add_argument("--out")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="framecast-transcode-bench.")
    try:
        source = os.path.join(work, "source_1080p30.mp4")
        # A real picture (Big Buck Bunny, CC-BY Blender Foundation) scaled to 1080p30, encoded near-losslessly.
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-stream_loop", "-1", "-i", SHARED, "-t", str(args.seconds),
                        "-vf", "scale=1920:1080:flags=bicubic,fps=30", "-c:v", "libx264", "-preset", "ultrafast",
                        "-crf", "16", "-c:a", "aac", "-b:a", "192k", source], check=True)
        plan = run([args.tool, source, "--plan", "--rungs", args.rungs])[3].split("\n")
        rungs, audio, seg_ms, preset = [], None, 4000, "veryfast"
        for line in plan:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "rung":
                rungs.append((parts[1], int(parts[2]), int(parts[3]), float(parts[4]), int(parts[5]),
                              int(parts[6]), int(parts[7])))
            elif parts[0] == "audio":
                audio = (int(parts[1]), int(parts[2]), int(parts[3]))
            elif parts[0] == "segment_ms":
                seg_ms = int(parts[1])
            elif parts[0] == "preset":
                preset = parts[1]
        seg_s = seg_ms / 1000
        audio_args = ["-c:a", "aac", "-b:a", f"{audio[0]}k", "-ar", str(audio[1]), "-ac", str(audio[2])]

        results = {}
        # (a) ours
        out_a = os.path.join(work, "a")
        wall, cpu, rss, out = run([args.tool, source, out_a, "--rungs", args.rungs, "--preset", preset])
        stats = dict(line.split() for line in out.strip().split("\n"))
        results["a"] = (wall, cpu, rss, int(stats["first_segment_ms"]) / 1000)
        # (b) one ffmpeg, split + scale, one output per rung (+ one audio output)
        out_b = os.path.join(work, "b")
        os.makedirs(out_b)
        graph = f"[0:v]split={len(rungs)}" + "".join(f"[s{i}]" for i in range(len(rungs)))
        for i, r in enumerate(rungs):
            graph += f";[s{i}]scale={r[1]}:{r[2]}:flags=bicubic[v{i}]"
        cmd = ["ffmpeg", "-v", "error", "-y", "-i", source, "-filter_complex", graph]
        for i, r in enumerate(rungs):
            cmd += ["-map", f"[v{i}]", "-an"] + x264_args(r, preset, seg_s) + [os.path.join(out_b, f"{r[0]}.mp4")]
        cmd += ["-map", "0:a", "-vn"] + audio_args + [os.path.join(out_b, "audio.mp4")]
        wall, cpu, rss, _ = run(cmd)
        results["b"] = (wall, cpu, rss, None)
        # (c) one ffmpeg per rung, sequentially
        out_c = os.path.join(work, "c")
        os.makedirs(out_c)
        total_wall = total_cpu = peak = 0
        for r in rungs:
            wall, cpu, rss, _ = run(["ffmpeg", "-v", "error", "-y", "-i", source, "-vf",
                                     f"scale={r[1]}:{r[2]}:flags=bicubic", "-an"] + x264_args(r, preset, seg_s) +
                                    [os.path.join(out_c, f"{r[0]}.mp4")])
            total_wall, total_cpu, peak = total_wall + wall, total_cpu + cpu, max(peak, rss)
        wall, cpu, rss, _ = run(["ffmpeg", "-v", "error", "-y", "-i", source, "-vn"] + audio_args +
                                [os.path.join(out_c, "audio.mp4")])
        results["c"] = (total_wall + wall, total_cpu + cpu, max(peak, rss), None)

        cores = os.cpu_count()
        lines = [
            "## Ladder transcode: one pass vs ffmpeg (issue #3)", "",
            f"Command: `tests/bench/run_benchmarks.sh` (runs `tests/bench/transcode_bench.py`). Source: "
            f"{args.seconds} s of Big Buck Bunny scaled to 1920x1080 at 30 fps. Rungs: "
            + ", ".join(f"{r[0]} {r[4]} kb/s" for r in rungs) + f", AAC {audio[0]} kb/s; x264 `{preset}`, High, "
            f"capped VBR (maxrate {rungs[0][5]/rungs[0][4]:.2f}x, bufsize 1.5x), keyframes every {seg_s:g} s, "
            f"no scenecut, identical in all three. Machine: {cores} cores, {platform.platform()}.", "",
            "| run | wall s | vs (b) | CPU % | peak RSS MiB | first playable |", "| --- | --- | --- | --- | --- | --- |"]
        labels = {"a": "(a) framecast one pass", "b": "(b) one ffmpeg, split+scale",
                  "c": "(c) one ffmpeg per rung, sequential"}
        for key in "abc":
            wall, cpu, rss, first = results[key]
            first_text = f"{first:.2f} s ({100 * first / wall:.1f} % of the job)" if first else "-"
            lines.append(f"| {labels[key]} | {wall:.1f} | {wall / results['b'][0]:.3f} | {100 * cpu / wall:.0f} | "
                         f"{rss / 1024:.0f} | {first_text} |")
        lines += ["", f"Targets: (a) <= 1.05x (b): **{'met' if results['a'][0] <= 1.05 * results['b'][0] else 'MISSED'}** "
                  f"({results['a'][0] / results['b'][0]:.3f}x); first playable <= 10 % of the job: "
                  f"**{'met' if results['a'][3] <= 0.10 * results['a'][0] else 'MISSED'}**; "
                  f"(b) takes {results['b'][0] / results['c'][0]:.2f}x of (c)'s time.", ""]
        text = "\n".join(lines)
        print(text)
        if args.out:
            with open(args.out, "a") as f:
                f.write(text + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
