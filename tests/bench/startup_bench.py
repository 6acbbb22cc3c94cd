#!/usr/bin/env python3
"""Player start-up (issue #5): open → first frame of framecast's player engine against a local framecastd, next
to the ffmpeg CLI opening the same HLS URL and decoding one video frame, in the same invocation; prints a
Markdown section.

  startup_bench.py PLAY_STARTUP_TOOL FRAMECASTD [--runs 20] [--media ../shared/media/big_buck_bunny.mp4]

A 12 s 1280x720 clip is uploaded (tus: POST + one PATCH) and transcoded into the ladder; then, alternating,
`framecast-play-startup URL --runs 1` (the engine's own timer: open() called → first frame handed to the video
sink, null sinks, a new engine and new connections each run) and `ffmpeg -v error -i URL -map 0:v:0 -frames:v 1
-f null -` (process wall time: it also reads the master and probes every variant before decoding)."""
import argparse, base64, json, os, statistics, subprocess, sys, tempfile, time, urllib.request

RATE_LIMITS = "auth=0,search=0,metadata=0,playback=0,events=0,uploads=0,writes=0,realtime=0"


def request(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(req, timeout=60) as reply:
        return reply.status, dict(reply.headers), reply.read()


def start_server(framecastd, data_dir):
    server = subprocess.Popen([framecastd, "--listen", "127.0.0.1:0", "--data-dir", data_dir, "--rate-limits",
                               RATE_LIMITS], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    return server, line.strip().split("listening on ")[-1]


def upload_ready_video(url, clip):
    body = json.dumps({"username": "startup", "email": "startup@bench.invalid",
                       "password": "startup bench correct horse"}).encode()
    _, _, reply = request("POST", url + "/api/v1/auth/register", body, {"Content-Type": "application/json"})
    token = json.loads(reply)["access_token"]
    data = open(clip, "rb").read()
    meta = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}"
                    for k, v in {"filename": "startup.mp4", "visibility": "public"}.items())
    auth = {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0"}
    status, headers, _ = request("POST", url + "/api/v1/uploads", b"",
                                 {**auth, "Upload-Length": str(len(data)), "Upload-Metadata": meta})
    location = headers.get("Location") or headers.get("location")
    video_id = headers.get("Framecast-Video-Id") or headers.get("framecast-video-id")
    if not location.startswith("http"):
        location = url + location
    request("PATCH", location, data, {**auth, "Upload-Offset": "0",
                                      "Content-Type": "application/offset+octet-stream"})
    for _ in range(1200):
        _, _, reply = request("GET", f"{url}/api/v1/videos/{video_id}", None, auth)
        status = json.loads(reply).get("status")
        if status in ("ready", "failed"):
            break
        time.sleep(0.25)
    if status != "ready":
        raise RuntimeError(f"video {video_id} ended {status}")
    return video_id


SIZES = set()


def engine_ms(tool, url):
    out = subprocess.run([tool, url, "--runs", "1"], capture_output=True, text=True, timeout=60)
    for line in out.stdout.splitlines():
        if line.startswith("run 1:"):
            SIZES.add(line.split()[-1].rstrip(")"))
            return float(line.split()[2])
    raise RuntimeError(f"{tool}: {out.stdout} {out.stderr}")


def ffmpeg_ms(url):
    started = time.perf_counter()
    subprocess.run(["ffmpeg", "-v", "error", "-i", url, "-map", "0:v:0", "-frames:v", "1", "-f", "null", "-"],
                   check=True, capture_output=True, timeout=60)
    return (time.perf_counter() - started) * 1000


def p90(values):
    ordered = sorted(values)
    rank = 0.9 * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tool")
    parser.add_argument("framecastd")
    parser.add_argument("--runs", type=int, default=20)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--media", default=os.path.join(here, "../../../shared/media/big_buck_bunny.mp4"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        clip = os.path.join(work, "clip.mp4")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", "30", "-t", "12", "-i", args.media, "-vf",
                        "scale=1280:720", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", clip], check=True)
        server, url = start_server(args.framecastd, os.path.join(work, "data"))
        try:
            video_id = upload_ready_video(url, clip)
            hls = f"{url}/api/v1/videos/{video_id}/cmaf/master.m3u8"
            engine_ffmpeg_ms(args.tool, hls)  # warm the page cache for both
            ours, theirs = [], []
            for _ in range(args.runs):
                ours.append(engine_ms(args.tool, hls))
                theirs.append(ffmpeg_ms(hls))
        finally:
            server.terminate()
            server.wait(timeout=15)
    p50_ours, p50_ffmpeg = statistics.median(ours), statistics.median(theirs)
    verdict = "met" if p50_ours < 500 else "MISSED"
    print("## Player start-up (issue #5)\n")
    print(f"A 12 s 1280x720 clip (ladder 144p–720p) from a local Release framecastd over loopback, {args.runs} runs "
          "each, alternating. Engine: `framecast-play-startup <master.m3u8 URL> --runs 1` (open() → first frame "
          "in the video sink, null sinks, new engine and connections per run). Reference: "
          "`ffmpeg -v error -i <URL> -map 0:v:0 -frames:v 1 -f null -` (process wall time).\n")
    print("| | p50 ms | p90 ms | min ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    print(f"| framecast engine | {p50_ours:.1f} | {p90(ours):.1f} | {min(ours):.1f} | {max(ours):.1f} |")
    print(f"| ffmpeg CLI | {p50_ffmpeg:.1f} | {p90(theirs):.1f} | {min(theirs):.1f} | {max(theirs):.1f} |")
    print(f"\nFirst frame sizes from the engine: {', '.join(sorted(SIZES))} (the ABR controller's first rung without a "
          "previous estimate); ffmpeg decodes the master's first variant.")
    print(f"\nTarget < 500 ms (p50): {verdict}; engine / ffmpeg p50 = {p50_ours / p50_ffmpeg:.2f}.")


def engine_ffmpeg_ms(tool, url):
    engine_ms(tool, url)
    ffmpeg_ms(url)


if __name__ == "__main__":
    sys.exit(main())
