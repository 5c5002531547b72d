import { beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningIndex } from '../../shared/domain/screening/build-index';
import { loadLists } from '../../shared/adapters/sanctions-lists/load-lists';
import { defaultScreeningThresholds } from '../../shared/domain/screening/query';
import { screenPerson } from '../../shared/domain/screening/screen-person';
import { rng } from './labelled-set';

/**
 * Ordinary applicants whose names the other readings of a Korean name (other Cyrillic alphabets, European
 * spellings, Chinese pinyin) could cut: common given names and surnames of each people, combined at random,
 * with random birth dates. None may be a strong match, and potential matches through a reading must stay rare.
 */
const PEOPLES: Record<string, { nationality: string; familyFirst: boolean; given: string[]; family: string[] }> = {
  Chinese: {
    nationality: 'CN',
    familyFirst: true,
    given: [
      ...'Wei Fang Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao Hui Bin Hao Long Feng Tian Xin Kai Rui Ning Zhen Hua Ying Gang Ping'.split(' '),
      ...'Xiuying Xiaoming Jianguo Jianhua Zhiqiang Haiyan Guoqiang Yonggang Hongmei Yuxuan Zihan Haoran Yuting Xinyi Zhiyuan Junjie Jiahao Minghui Wenjing Lihua Chunmei Dongmei Xiaohong Guangming Zhenyu Yingying Zhengyang Yongming Chenghai Zhengguo Yonghua Xiuzhen Dehua Zhijun Yujie Shuying Jinlong Tianyu Haitao'.split(
        ' ',
      ),
    ],
    family:
      'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Cui Piao Fan Bai Quan'.split(
        ' ',
      ),
  },
  Mongolian: {
    nationality: 'MN',
    familyFirst: false,
    given:
      'Батбаяр Ганбаатар Энхбаяр Болормаа Оюунчимэг Сүхбаатар Төмөр Мөнхбат Эрдэнэ Наранцэцэг Алтанцэцэг Баяр Дорж Цэцэг Жаргал Ганзориг Өлзий Энхтуяа Сарангэрэл Түвшин Баатар Оюун Чулуун Нямдорж Хулан Солонго Ариунаа Тэмүүжин Билгүүн Золбоо Жамъян Бат Ган Сэр Жан'.split(
        ' ',
      ),
    family: 'Батаа Болд Дорж Ганбат Пүрэв Сүрэн Цэрэн Жамц Очир Нямаа Гомбо Дашдорж Лхагва Мягмар Бямба Ням Даваа Баасан Жаргалсайхан Энх Сэнгэ Чойжил Балжир Төмөрбаатар Жамбал'.split(' '),
  },
  Ukrainian: {
    nationality: 'UA',
    familyFirst: false,
    given:
      'Олександр Андрій Іван Тарас Дмитро Сергій Микола Олена Наталія Ірина Оксана Юлія Марія Богдан Василь Петро Юрій Віктор Ольга Тетяна Світлана Анна Ігор Максим Остап Євген Ярослав Степан Галина Людмила Інна Ілля Зінаїда'.split(
        ' ',
      ),
    family:
      'Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Коваль Поліщук Бойко Ткачук Мельник Лисенко Руденко Савченко Петренко Кузьменко Марченко Мороз Павленко Кім Пак Лі Цой Хан Тен Ем Сін'.split(
        ' ',
      ),
  },
  Bulgarian: {
    nationality: 'BG',
    familyFirst: false,
    given: 'Георги Иван Димитър Николай Петър Христо Стоян Мария Елена Йорданка Цветана Пенка Радослав Веселин Асен Боян Ким'.split(' '),
    family: 'Кънчев Първанов Търнев Пъдарева Иванов Георгиев Димитров Петров Стоянов Ким Пак Ли Гъбов Дънов'.split(' '),
  },
  Serbian: {
    nationality: 'RS',
    familyFirst: false,
    given:
      'Никола Марко Стефан Лука Душан Милош Јован Ђорђе Немања Милан Ана Јелена Марија Милица Драгана Јована Ивана Снежана Вук Петар Александар Зоран Горан Дејан Небојша Бранко Dušan Đorđe Nemanja Jelena Milica Željko Srđan Jovan'.split(
        ' ',
      ),
    family:
      'Јовановић Петровић Николић Марковић Ђорђевић Стојановић Илић Станковић Павловић Милошевић Лазић Савић Ђурић Жикић Кнежевић Jovanović Petrović Ilić Đurić Živković Kovačević Čolić Šarić Jang'.split(
        ' ',
      ),
  },
  Polish: {
    nationality: 'PL',
    familyFirst: false,
    given:
      'Jakub Kacper Szymon Filip Jan Piotr Tomasz Łukasz Michał Krzysztof Paweł Marcin Grzegorz Anna Katarzyna Małgorzata Agnieszka Magdalena Joanna Zofia Dorota Jadwiga Maciej Wojciech Józef Zbigniew Rafał Bartosz Dariusz Ewa Jolanta Jerzy Leszek'.split(
        ' ',
      ),
    family:
      'Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Dudek Zając Król Wieczorek Jabłoński Wróbel Czarnecki Dziedzic Szczepański Jaworski Dzik Czech Szulc Kim Jung'.split(
        ' ',
      ),
  },
  Czech: {
    nationality: 'CZ',
    familyFirst: false,
    given:
      'Jiří Jan Petr Josef Pavel Martin Tomáš Jaroslav Miroslav Zdeněk Václav Michal František Jakub Lukáš Marie Jana Eva Hana Anna Lenka Kateřina Věra Lucie Alena Petra Veronika Jaroslava Tereza Šárka Ondřej Čeněk'.split(
        ' ',
      ),
    family:
      'Novák Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák Němec Marek Pospíšil Pokorný Hájek Král Jelínek Růžička Beneš Fiala Sedláček Doležal Zeman Kolář Navrátil Čermák Vaněk Urban Blažek Kříž Kovář Šťastný Čech Bartoš Čong'.split(
        ' ',
      ),
  },
  Hungarian: {
    nationality: 'HU',
    familyFirst: true,
    given: 'László István József János Zoltán Sándor Gábor Ferenc Attila Péter Mária Erzsébet Katalin Ilona Éva Anna Zsuzsanna Margit Judit Ágnes Csaba Zsolt Szilvia Gyula Dzsenifer'.split(' '),
    family: 'Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász Lakatos Mészáros Oláh Simon Rácz Fekete Szűcs Csonka Kim'.split(' '),
  },
  Turkish: {
    nationality: 'TR',
    familyFirst: false,
    given: 'Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Ömer Can Cem Emre Burak Fatma Ayşe Emine Hatice Zeynep Elif Özge Çağla Şule Gül Ece Çiğdem Tuğba Cengiz'.split(' '),
    family: 'Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Can Şen Cin Çin Han Kim'.split(' '),
  },
  Romanian: {
    nationality: 'RO',
    familyFirst: false,
    given: 'Andrei Alexandru Ionuț Mihai Ștefan Gheorghe George Giorgiana Ciprian Cezar Ioana Maria Elena Andreea Cristina Gina Georgiana Luminița Cătălin Răzvan'.split(' '),
    family: 'Popescu Ionescu Popa Pop Niculescu Stan Dumitrescu Dima Gheorghiu Ciobanu Stoica Ciocan Giurgiu Cioran Georgescu Matei Constantin Mocanu'.split(' '),
  },
};

const PER_PEOPLE = 400;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function applicants(): { people: string; name: string; dob: string; nationality?: string }[] {
  const r = rng(20261207);
  const out: { people: string; name: string; dob: string; nationality?: string }[] = [];
  for (const [people, p] of Object.entries(PEOPLES)) {
    for (let i = 0; i < PER_PEOPLE; i++) {
      const given = pick(r, p.given);
      const family = pick(r, p.family);
      const dob = `${1950 + Math.floor(r() * 55)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      // A Chinese name now and then run together in one word (Wangxiaoming), which pinyin names are read in too.
      const together = people === 'Chinese' && r() < 0.25;
      const name = together ? `${family}${given.toLowerCase()}` : p.familyFirst ? `${family} ${given}` : `${given} ${family}`;
      out.push({ people, name, dob, ...(r() < 0.5 ? { nationality: p.nationality } : {}) });
    }
  }
  return out;
}

const realLists = process.env.SANCTIONS_DATA_DIR;
if (!realLists) console.log('innocent-spellings: skipped: SANCTIONS_DATA_DIR is not set (point it at ../shared/data/sanctions)');

describe.skipIf(!realLists)('innocent names in the spellings Korean names are read from (real lists)', () => {
  let real: ScreeningIndex;
  const all = applicants();
  beforeAll(async () => {
    real = (await loadLists(realLists!)).index;
  });

  it(`${all.length} applicants with random birth dates: no strong match, potential matches through a Korean reading rare`, () => {
    const strong: string[] = [];
    const throughReading: string[] = [];
    const potential = new Map<string, number>();
    for (const a of all) {
      const result = screenPerson(real, { name: a.name, dob: a.dob, type: 'person', ...(a.nationality ? { nationality: a.nationality } : {}) });
      for (const h of result.hits) {
        if (h.score >= defaultScreeningThresholds.strong) strong.push(`${a.name} (${a.dob}) ~ ${h.name}`);
        if (h.reasons.some((x) => x.includes('read as Korean'))) throughReading.push(`${a.name} (${a.dob}) ~ ${h.name} ${h.score}`);
      }
      if (result.outcome !== 'clear') potential.set(a.people, (potential.get(a.people) ?? 0) + 1);
    }
    console.log(`innocent-spellings: potential per ${PER_PEOPLE}:`, Object.fromEntries(potential), 'through a Korean reading:', throughReading);
    expect(strong).toEqual([]);
    expect(throughReading.length).toBeLessThanOrEqual(all.length / 500);
  });
});
