import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@onetrip/testkit';
import { cpuBudgetPerEvent, cpuTotal, parseProcStat, startCpuReading, treeCpuTicks, type ProcStat } from './cpu';

const stat = (pid: number, ppid: number, own: number, children = 0): ProcStat => ({ pid, ppid, own, children });

describe('parseProcStat', () => {
  it('counts fields from the last parenthesis, so a command name with spaces and parentheses cannot shift them', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
    const line = '4242 (postgres: (walwriter) x) S 4200 4200 4200 0 -1 4194560 10 0 0 0 120 30 7 3 20 0 1 0 500 0 0';
    expect(parseProcStat(line)).toEqual({ pid: 4242, ppid: 4200, own: 150, children: 10 });
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('hello')).toThrow(/stat/);
    expect(() => parseProcStat('1 (init) S 0 1')).toThrow(/field/);
  });

  it('reads this process from /proc', () => {
    const own = parseProcStat(readFileSync('/proc/self/stat', 'utf8'));
    expect(own.pid).toBe(process.pid);
    expect(own.ppid).toBe(process.ppid);
  });
});

describe('treeCpuTicks', () => {
  it('adds the root, its living descendants and the children it reaped, and nothing else', () => {
    const stats = [stat(10, 1, 5, 100), stat(11, 10, 7), stat(12, 11, 3), stat(20, 1, 1000), stat(21, 20, 50)];
    expect(treeCpuTicks(10, stats)).toBe(5 + 100 + 7 + 3);
    expect(treeCpuTicks(99, stats)).toBeNaN();
  });

  it('counts a child that exits between two readings once, through the parent\'s cutime', () => {
    const before = [stat(10, 1, 5), stat(11, 10, 40)];
    const after = [stat(10, 1, 6, 45)]; // child 11 ran 5 more ticks, exited and was reaped
    expect(treeCpuTicks(10, after) - treeCpuTicks(10, before)).toBe(1 + 5);
  });
});

describe('startCpuReading', () => {
  it('sees CPU that a child process burns as the server\'s, and this process\'s own as the client\'s', async () => {
    const child = spawn(process.execPath, ['-e', 'while (process.cpuUsage().user < 400000); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const childTicks = (): number => parseProcStat(readFileSync(`/proc/${child.pid}/stat`, 'utf8')).own;
      const childBefore = childTicks();
      const stop = startCpuReading({ servers: [process.pid] });
      // Busy for 250 ms of this process's own CPU (not wall time, which a loaded machine stretches).
      const from = process.cpuUsage();
      while (process.cpuUsage(from).user < 250_000) { /* the client's CPU */ }
      // The child is busy for its first 400 ms of CPU; wait until it has used 80 ms more since the
      // reading began, well above the two 10 ms ticks by which /proc's utime + stime of this
      // process may fall short of process.cpuUsage().
      await waitFor(() => childTicks() >= childBefore + 8, { description: 'the child to use CPU' });
      const cpu = stop(1);
      expect(cpu.client).toBeGreaterThan(200_000);
      expect(cpu.server).toBeGreaterThan(cpu.client); // the tree under this process includes it and the child
      expect(cpu.database).toBeNaN();
      expect(cpuTotal(cpu)).toBe(cpu.client + cpu.server);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
});

describe('cpuBudgetPerEvent', () => {
  it('is every core\'s second shared by the events of that second', () => {
    expect(cpuBudgetPerEvent(12_500, 2)).toBe(160);
    expect(cpuBudgetPerEvent(1_000_000, 4)).toBe(4);
  });
});
