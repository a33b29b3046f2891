import { streamRuns } from './YourSession';

const stream = (id: number, route: string, status: number | null = 200, resetCode: number | null = null) => ({
  id,
  method: 'GET',
  route,
  status,
  resetCode,
  bytes: 10,
  startMs: id,
  ms: id / 10,
  priority: { weight: 16, header: null },
});

describe('streamRuns', () => {
  it('folds consecutive streams with the same method, route and status into one run, in id order', () => {
    const runs = streamRuns([
      stream(5, '/lab/tiles/:n'),
      stream(1, '/en/http2'),
      stream(3, '/lab/tiles/:n'),
      stream(7, '/lab/tiles/:n', 400),
      stream(9, '/lab/tiles/:n'),
    ]);
    expect(runs.map((run) => [run.first.id, run.last.id, run.count, run.bytes, run.slowestMs])).toEqual([
      [1, 1, 1, 10, 0.1],
      [3, 5, 2, 20, 0.5],
      [7, 7, 1, 10, 0.7],
      [9, 9, 1, 10, 0.9],
    ]);
  });

  it('keeps a reset stream apart from answered ones on the same route', () => {
    const runs = streamRuns([
      stream(1, '/lab/tiles/:n'),
      stream(3, '/lab/tiles/:n', null, 8),
      stream(5, '/lab/tiles/:n'),
    ]);
    expect(runs.map((run) => run.count)).toEqual([1, 1, 1]);
  });

  it('has no runs for no streams', () => {
    expect(streamRuns([])).toEqual([]);
  });
});
