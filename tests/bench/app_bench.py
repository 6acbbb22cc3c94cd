#!/usr/bin/env python3
"""The desktop app's start-up time to first frame and idle RSS (issue #4), against a reference Qt Quick
Controls "hello" app (qtquick_reference.cpp) run in the same invocation; prints a Markdown section.

  app_bench.py FRAMECAST QTQUICK_REFERENCE FRAMECASTD [--runs N] [--platform offscreen]

Start-up: `framecast --quit-after-first-frame` (its own timer, process start → first frame swapped) vs the
reference, alternating, median of N. Idle RSS: the app connected to a running framecastd and signed in (a stored session, as a returning user),
Home built and the other pages not yet visited (LazyPage), an empty library, measured after 8 s of idling (VmRSS), vs the
reference app idling."""
import argparse, json, os, statistics, subprocess, sys, tempfile, time, urllib.request


def first_frame_ms(command, env):
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    for line in out.stdout.splitlines():
        if line.startswith("first frame after"):
            return int(line.split()[3])
    raise RuntimeError(f"{command[0]} printed no first frame: {out.stdout} {out.stderr}")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def idle_rss(command, env, settle_s=8.0):
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(settle_s)
        if process.poll() is not None:
            raise RuntimeError(f"{command[0]} exited early ({process.returncode})")
        return rss_kib(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=15)


def start_server(framecastd, data_dir):
    server = subprocess.Popen([framecastd, "--listen", "127.0.0.1:0", "--data-dir", data_dir],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    url = line.strip().split("listening on ")[-1]
    return server, url


def sign_up(url, config_dir):
    body = json.dumps({"username": "bench", "email": "bench@example.org", "password": "benchmark pass"}).encode()
    request = urllib.request.Request(url + "/api/v1/auth/register", data=body,
                                     headers={"Content-Type": "application/json"})
    session = json.load(urllib.request.urlopen(request))
    # The app's token file (ui/api/token_store), so it starts signed in as a returning user would.
    os.makedirs(config_dir, exist_ok=True)
    path = os.path.join(config_dir, "session.json")
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
        json.dump({"server_url": url, "access_token": session["access_token"],
                   "refresh_token": session["refresh_token"],
                   "expires_at_ms": int(time.time() * 1000) + session["expires_in"] * 1000,
                   "user": session["user"]}, out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("framecast")
    parser.add_argument("reference")
    parser.add_argument("framecastd")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ, QT_QPA_PLATFORM=args.platform, XDG_CONFIG_HOME=f"{work}/config",
                   XDG_DATA_HOME=f"{work}/data", XDG_RUNTIME_DIR=work)
        ours, reference = [], []
        first_frame_ms([args.framecast, "--quit-after-first-frame"], env)  # warm the page cache for both
        first_frame_ms([args.reference], env)
        for _ in range(args.runs):
            ours.append(first_frame_ms([args.framecast, "--quit-after-first-frame"], env))
            reference.append(first_frame_ms([args.reference], env))

        server, url = start_server(args.framecastd, f"{work}/server")
        try:
            sign_up(url, f"{work}/config/framecast")
            app_rss = idle_rss([args.framecast, "--server-url", url], env)
            reference_rss = idle_rss([args.reference, "--stay"], env)
        finally:
            server.terminate()
            server.wait(timeout=15)

    m_ours, m_ref = statistics.median(ours), statistics.median(reference)
    print("## Desktop app: start-up and idle memory\n")
    print(f"`framecast --quit-after-first-frame` vs a minimal Qt Quick Controls window (Material style, same size), "
          f"alternating, {args.runs} runs each, QT_QPA_PLATFORM={args.platform}. Idle RSS: the app signed in to a "
          f"local framecastd, idle for 8 s.\n")
    print("| measure | framecast | reference | ratio |")
    print("| --- | --- | --- | --- |")
    print(f"| start-up to first frame, median ms (min–max) | {m_ours:.0f} ({min(ours)}–{max(ours)}) | "
          f"{m_ref:.0f} ({min(reference)}–{max(reference)}) | {m_ours / m_ref:.2f}× |")
    print(f"| idle RSS, MiB | {app_rss / 1024:.1f} | {reference_rss / 1024:.1f} | {app_rss / reference_rss:.2f}× |")


if __name__ == "__main__":
    sys.exit(main())
