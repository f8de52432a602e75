/**
 * A progress bar on stderr for long exports and imports. On a terminal it redraws one line; otherwise (a pipe, a
 * log file, a test) it prints a line at every tenth so the log stays short but shows the work moving.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  let lastDraw = 0;
  let drawn = false;
  const line = (done: number, total: number) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${Math.round(share * 100)}%`;
  };
  return {
    update(done, total) {
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 80 && done < total) return;
        lastDraw = now;
        stream.write(`\r${line(done, total)}`);
        drawn = true;
        return;
      }
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`${line(done, total)}\n`);
    },
    finish() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
