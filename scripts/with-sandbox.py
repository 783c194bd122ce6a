#!/usr/bin/env python3
"""Starts `elko sandbox` on a free loopback port, runs a command with ELKO_URL, ELKO_TOKEN and
ELKO_ADMIN_URL in its environment ({url} and {token} in its arguments are replaced too), then stops
the sandbox. Exit status is the command's.

Usage: with-sandbox.py [--elko PATH] [--sandbox-arg ARG ...] -- COMMAND [ARGS...]
"""
import json
import os
import subprocess
import sys


def main():
    args = sys.argv[1:]
    elko = os.environ.get("ELKO_BIN", ".build/debug/elko")
    extra = []
    while args and args[0] != "--":
        if args[0] == "--elko":
            elko = args[1]
            args = args[2:]
        elif args[0] == "--sandbox-arg":
            extra.append(args[1])
            args = args[2:]
        else:
            sys.exit("with-sandbox: unknown option %s" % args[0])
    command = args[1:]
    if not command:
        sys.exit("with-sandbox: no command given after --")
    proc = subprocess.Popen([elko, "sandbox", "--port", "0", "--admin"] + extra,
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        if not line:
            sys.exit("with-sandbox: the sandbox exited before printing its address (exit %s)" % proc.wait())
        info = json.loads(line)
        env = dict(os.environ, ELKO_URL=info["url"], ELKO_TOKEN=info["token"], ELKO_ADMIN_URL=info["admin"] or "")
        command = [c.replace("{url}", info["url"]).replace("{token}", info["token"]) for c in command]
        return subprocess.call(command, env=env)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main())
