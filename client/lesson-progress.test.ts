import { readProgress, recordProgress } from './lesson-progress';

/** An in-memory Storage, or one that refuses every write as a full quota does. */
function storage({ refuse = false } = {}) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (refuse) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
  };
}

describe('recordProgress(storage, slug, state)', () => {
  it('keeps each lesson’s state, and a finished lesson stays finished', () => {
    const store = storage();
    recordProgress(store, 'http2', 'opened');
    recordProgress(store, 'tcp-handshake', 'finished');
    recordProgress(store, 'tcp-handshake', 'opened');
    expect(readProgress(store)).toEqual({ http2: 'opened', 'tcp-handshake': 'finished' });
    recordProgress(store, 'http2', 'finished');
    expect(readProgress(store).http2).toBe('finished');
  });

  it('leaves storage that refuses alone, and reads nothing from no storage', () => {
    const store = storage({ refuse: true });
    expect(() => recordProgress(store, 'http2', 'opened')).not.toThrow();
    expect(readProgress(store)).toEqual({});
    expect(readProgress(null)).toEqual({});
  });
});

describe('readProgress(storage)', () => {
  it.each([['not json'], ['[1,2]'], ['null'], ['"text"']])('reads %p as no progress', (value) => {
    const store = storage();
    store.items.set('wirebook:progress', value);
    expect(readProgress(store)).toEqual({});
  });

  it('drops states it does not know', () => {
    const store = storage();
    store.items.set('wirebook:progress', JSON.stringify({ http2: 'finished', websocket: 'skimmed' }));
    expect(readProgress(store)).toEqual({ http2: 'finished' });
  });
});
