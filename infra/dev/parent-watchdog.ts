import { spawn } from 'node:child_process';

/**
 * npm start runs Postgres and the Temporal dev server in process groups of their own (so a terminal's Ctrl-C reaches
 * only npm start, which stops them last, after the worker has drained). The price: a kill -9 of npm start's group, an
 * OOM kill or a crash of node does not reach them, and they live on as orphans holding the data dir and the ports.
 * A watchdog per server closes that gap: a tiny shell loop in a process group of its own (so whatever kills npm start's
 * group does not kill it) that polls npm start's pid and, once it is gone, stops the server as npm start would have.
 * It exits by itself when the server is gone.
 */
export interface ParentWatchdogOptions {
  /** The server to stop: the leader of its own process group (spawned `detached`). */
  childPid: number;
  /** How npm start would stop it (SIGINT: Postgres' fast shutdown; SIGTERM: the dev server). */
  stopSignal: NodeJS.Signals;
  /** How long the server gets to stop before its whole process group is killed. */
  graceMs: number;
  /** Whose death to watch; npm start itself by default. */
  parentPid?: number;
}

/** Shows in `ps` as the watchdog's name (its $0), so a test or an operator can tell what it is. */
export const WATCHDOG_NAME = 'perkflow-watchdog';

/**
 * $1 parent pid, $2 child pid, $3 stop signal, $4 grace in tenths of a second. `running` reads /proc where there is
 * one (no fork per poll) and asks ps elsewhere; a zombie counts as gone (a dead npm start its own parent has not
 * reaped yet). The last kill takes the server's whole group (e.g. helpers the dev server spawned).
 */
const SCRIPT = `
parent=$1 child=$2 sig=$3 grace=$4
running() {
  if [ -r /proc/$1/stat ]; then
    read -r line < /proc/$1/stat 2>/dev/null || return 1
    state=\${line##*) }; state=\${state%% *}
  else
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  fi
  case "$state" in Z*|'') return 1 ;; esac
  return 0
}
while running "$parent"; do
  running "$child" || exit 0
  sleep 0.5
done
kill -"$sig" "$child" 2>/dev/null
i=0
while running "$child" && [ "$i" -lt "$grace" ]; do sleep 0.1; i=$((i + 1)); done
kill -KILL -"$child" 2>/dev/null || kill -KILL "$child" 2>/dev/null
exit 0
`;

/** Starts the watchdog of one server; it needs nothing more from us (npm start does not wait for it). */
export function watchParent(options: ParentWatchdogOptions): void {
  const parentPid = options.parentPid ?? process.pid;
  const tenths = Math.max(1, Math.ceil(options.graceMs / 100));
  const watchdog = spawn(
    'sh',
    [
      '-c',
      SCRIPT,
      WATCHDOG_NAME,
      String(parentPid),
      String(options.childPid),
      options.stopSignal.replace(/^SIG/, ''),
      String(tenths),
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.on('error', () => undefined);
  watchdog.unref();
}
