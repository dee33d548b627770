import { describe, expect, it } from 'vitest';

import {
  createRunState,
  createWorkerState,
  type HostState,
  type RunState,
} from '../../source/state/run-state.js';
import {
  countLiveHosts,
  selectHostGroups,
  selectHosts,
} from '../../source/state/selectors.js';

function host(id: string, isLost = false): HostState {
  return {
    id,
    host: id.replace(/-\d+$/, ''),
    threads: 2,
    busyThreads: 2,
    cpuPercent: 50,
    memUsedBytes: 1,
    memTotalBytes: 2,
    sampledAt: 0,
    isLost,
  };
}

function stateWith(
  hosts: readonly HostState[],
  owners: Readonly<Record<number, string | null>>,
): RunState {
  const workers = Object.fromEntries(
    Object.entries(owners).map(([id, hostId]) => [
      id,
      createWorkerState(Number(id), hostId),
    ]),
  );

  return {
    ...createRunState(),
    hosts: Object.fromEntries(hosts.map((entry) => [entry.id, entry])),
    workers,
  };
}

describe('selectHosts', () => {
  it('lists live hosts first, each part by id', () => {
    const state = stateWith(
      [host('node-10'), host('gpu-1', true), host('node-2')],
      {},
    );

    expect(selectHosts(state).map((entry) => entry.id)).toEqual([
      'node-2',
      'node-10',
      'gpu-1',
    ]);
  });

  it('counts live hosts only', () => {
    const state = stateWith([host('a-1'), host('b-1', true)], {});

    expect(countLiveHosts(state)).toBe(1);
  });
});

describe('selectHostGroups', () => {
  it('groups threads under their hosts', () => {
    const state = stateWith([host('a-1'), host('b-1')], {
      1: 'b-1',
      2: 'a-1',
      3: 'b-1',
    });

    const groups = selectHostGroups(state);

    expect(groups.map((group) => group.hostId)).toEqual(['a-1', 'b-1']);
    expect(groups[1]?.workers.map((worker) => worker.id)).toEqual([1, 3]);
    expect(groups[1]?.host?.id).toBe('b-1');
  });

  it('keeps a host without threads', () => {
    const state = stateWith([host('a-1')], {});

    expect(selectHostGroups(state)).toEqual([
      { hostId: 'a-1', host: state.hosts['a-1'], workers: [] },
    ]);
  });

  it('puts hosts not heard from before lost ones', () => {
    const state = stateWith([host('a-1', true), host('b-1')], {
      1: 'c-1',
    });

    const groups = selectHostGroups(state);

    expect(groups.map((group) => group.hostId)).toEqual(['b-1', 'c-1', 'a-1']);
    expect(groups[1]?.host).toBeNull();
  });

  it('puts threads without a host last', () => {
    const state = stateWith([host('a-1')], { 1: null, 2: 'a-1' });

    const groups = selectHostGroups(state);

    expect(groups.at(-1)).toMatchObject({ hostId: null, host: null });
    expect(groups.at(-1)?.workers.map((worker) => worker.id)).toEqual([1]);
  });
});
