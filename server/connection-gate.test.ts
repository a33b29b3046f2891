import { AddressCounts, addressKey } from './connection-gate';

describe('addressKey(address)', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
  ])('counts %s under %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  it('puts every address of one /64 under one key, and neighbouring /64s under two', () => {
    expect(addressKey('2001:db8:a:b:1::1')).toBe(addressKey('2001:db8:a:b:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:a:b::1')).not.toBe(addressKey('2001:db8:a:c::1'));
  });

  it('keeps an unknown remote end apart from real addresses', () => {
    expect(addressKey(undefined)).toBe('?');
  });
});

describe('AddressCounts', () => {
  it('counts per address key, gives each one back once, and forgets an address that holds none', () => {
    const counts = new AddressCounts();
    const first = counts.add('203.0.113.7');
    const second = counts.add('::ffff:203.0.113.7');
    expect([first.held, second.held]).toEqual([1, 2]);
    expect(counts.of('2001:db8:1:2::9')).toBe(0);
    first.release();
    first.release();
    expect(counts.of('203.0.113.7')).toBe(1);
    second.release();
    expect(counts.of('203.0.113.7')).toBe(0);
    expect(counts.add('203.0.113.7').held).toBe(1);
  });
});
