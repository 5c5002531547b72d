import { describe, expect, it } from 'vitest';
import { foldText } from '../../shared/domain/screening/normalize-name';
import { romanizationKey } from '../../shared/domain/screening/romanize';

const key = (s: string): string => romanizationKey(foldText(s));

describe('romanization keys', () => {
  it.each([
    // Korean
    ['Kim', 'Gim'],
    ['Park', 'Pak'],
    ['Pak', 'Bak'],
    ['Lee', 'Ri'],
    ['Rhee', 'Yi'],
    ['Choe', 'Choi'],
    ['Jong', 'Chong'],
    ['Jeong', 'Jong'],
    ['Chol', 'Cheol'],
    ['Kwang', 'Gwang'],
    ['Seung', 'Sung'],
    ['Oh', 'O'],
    ['Lim', 'Rim'],
    ['Roh', 'Ro'],
    ['Yoo', 'Ryu'],
    ['Shin', 'Sin'],
    ['Paek', 'Baek'],
    ['Jon', 'Jeon'],
    ['Hyon', 'Hyun'],
    ['Yoon', 'Yun'],
    ['Kuk', 'Guk'],
    ['Pyong', 'Byeong'],
    // Chinese, Wade-Giles vs pinyin
    ['Hsu', 'Xu'],
    ['Chang', 'Zhang'],
    ["Ch'en", 'Chen'],
    ['Teng', 'Deng'],
    ['Kuo', 'Guo'],
    ['Tsai', 'Cai'],
    ['Tseng', 'Zeng'],
    ['Chiang', 'Jiang'],
    ['Hsiao', 'Xiao'],
    ["Ch'ien", 'Qian'],
    ['Shih', 'Shi'],
    ['Chou', 'Zhou'],
    ['Chung', 'Zhong'],
    // Russian
    ['Yevgeniy', 'Evgeny'],
    ['Dmitriy', 'Dmitry'],
    ['Khodorkovsky', 'Hodorkovskiy'],
    ['Tsvetkov', 'Tzvetkov'],
    ['Petroff', 'Petrov'],
    ['Iwanow', 'Ivanov'],
    ['Sergey', 'Sergei'],
    ['Aleksandr', 'Alexander'],
    ['Yuriy', 'Yuri'],
    ['Shchukin', 'Shukin'],
    ['Zhukov', 'Jukov'],
    ['Andrey', 'Andrei'],
  ])('%s = %s', (a, b) => {
    expect(key(a)).toBe(key(b));
  });

  it.each([
    ['Kim', 'Kang'],
    ['Wang', 'Zhang'],
    ['Li', 'Liu'],
    ['Zhou', 'Zhu'],
    ['Park', 'Pyon'],
    ['Ivanov', 'Ivanova'],
    ['Chol', 'Chun'],
    ['Song', 'Son'],
  ])('%s != %s', (a, b) => {
    expect(key(a)).not.toBe(key(b));
  });
});
