/**
 * Generates one district's residents household by household, with the civil-status
 * registrations, land certificates and household businesses that belong to them, so that every
 * cross-source link (father, spouse, owner, registrant) points at a real citizen.
 */
import { type Day, dayOf, isoOf, yearOf } from '../lib/day.js';
import type { Sex } from '../lib/personal-id.js';
import { type Random, WeightedPicker } from '../lib/random.js';
import { BIRTH_PROVINCES, ETHNICITIES, FAMILY_NAMES, GIVEN_NAMES, LINES_OF_BUSINESS, MIDDLE_NAMES } from './catalog/people.js';
import type { WardSpec } from './catalog/unit-types.js';
import { DAY_2025, type Emit, type SeedCounters, type WardHistory, wardOn } from './context.js';
import type { DistrictPlan } from './plan.js';

const EPOCH_DAY = dayOf('1956-01-01');
const YEAR = 365.25;

const familyNames = new WeightedPicker(FAMILY_NAMES);
const middleNames = { MALE: new WeightedPicker(MIDDLE_NAMES.MALE), FEMALE: new WeightedPicker(MIDDLE_NAMES.FEMALE) };
const provinces = new WeightedPicker(BIRTH_PROVINCES.map(([code, name, weight]) => [{ code, name }, weight] as const));
const ethnicities = new WeightedPicker(ETHNICITIES);

/** What the results generator needs to know of each generated resident, in compact arrays. */
export class DistrictPeople {
  readonly ids: string[] = [];
  readonly birth: number[] = [];
  /** Day of death, or +Infinity while alive. */
  readonly death: number[] = [];
  readonly history: WardHistory[] = [];
  get size(): number {
    return this.ids.length;
  }
}

interface Person {
  id: string;
  sex: Sex;
  birth: Day;
  familyName: string;
  fullName: string;
  homeTown: string;
  province: string;
  ethnicity: string;
  relation: 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT';
  fatherId: string | null;
  motherId: string | null;
  spouseId: string | null;
  death: Day | null;
}

export class PopulationGenerator {
  readonly people = new DistrictPeople();
  private wardIndex = 0;
  private generatedInWard = 0;

  constructor(
    private readonly plan: DistrictPlan,
    private readonly random: Random,
    private readonly counters: SeedCounters,
    private readonly asOf: Day,
    private readonly emit: Emit,
  ) {}

  /** Generates up to `count` households; false once every ward has its population. */
  next(count: number): boolean {
    for (let i = 0; i < count; i++) {
      const ward = this.plan.wards[this.wardIndex];
      if (!ward) return false;
      this.generatedInWard += this.household(ward);
      if (this.generatedInWard >= ward.population) {
        this.wardIndex++;
        this.generatedInWard = 0;
      }
    }
    return this.wardIndex < this.plan.wards.length;
  }

  private household(ward: WardSpec): number {
    const r = this.random;
    const history: WardHistory = {
      before2020: pickWeighted(r, ward.predecessors),
      from2020: ward.code,
      from2025: pickWeighted(r, ward.successors),
    };
    const householdId = `HK${String(++this.counters.householdId).padStart(9, '0')}`;
    const street = r.pick(ward.streets);
    const address = r.chance(0.55)
      ? `Số ${r.int(1, 220)} phố ${street}`
      : `Số ${r.int(1, 90)}, ngõ ${r.int(1, 300)} phố ${street}`;

    const members = this.members();
    const head = members[0] as Person;
    const registeredOn = Math.min(this.asOf - 1, Math.max(head.birth + Math.round(18 * YEAR), dayOf('1990-01-01')) + r.int(0, 3000));
    this.emit('households', [householdId, head.id, address, history.from2025, isoOf(registeredOn)]);

    for (const person of members) {
      const permanentElsewhere = person.relation !== 'HEAD' && r.chance(0.08);
      const permanentAddress = permanentElsewhere ? `Số ${r.int(1, 150)} phố ${r.pick(ward.streets)}` : address;
      this.emit('citizens', [
        person.id, person.fullName, isoOf(person.birth), person.sex, person.ethnicity, 'VN', person.homeTown, permanentAddress,
        history.from2025, address, history.from2025, householdId, person.relation, person.fatherId, person.motherId, person.spouseId,
        person.death === null, person.death === null ? null : isoOf(person.death),
      ]);
      this.people.ids.push(person.id);
      this.people.birth.push(person.birth);
      this.people.death.push(person.death ?? Number.POSITIVE_INFINITY);
      this.people.history.push(history);
      this.registerBirth(person, history);
      if (person.death !== null) this.registerDeath(person, history);
      this.maybeBusiness(person, history, address);
    }
    const spouse = members.find((m) => m.relation === 'SPOUSE');
    if (spouse) this.registerMarriage(head, spouse, members, history);
    this.maybeLand(members, history, address);
    return members.length;
  }

  /** One household: the head first, then spouse, children and the head's parents. */
  private members(): Person[] {
    const r = this.random;
    const roll = r.float();
    const kind = roll < 0.12 ? 'single' : roll < 0.26 ? 'couple' : roll < 0.76 ? 'family' : roll < 0.92 ? 'three' : 'lone-parent';
    const headAge = kind === 'single' ? r.int(20, 85) : kind === 'couple' ? r.int(22, 88) : kind === 'three' ? r.int(28, 55) : r.int(25, 60);
    const headSex: Sex = kind === 'lone-parent' ? (r.chance(0.8) ? 'FEMALE' : 'MALE') : kind === 'single' ? (r.chance(0.5) ? 'MALE' : 'FEMALE') : r.chance(0.72) ? 'MALE' : 'FEMALE';
    const head = this.adult(headSex, this.asOf - Math.round((headAge + r.float()) * YEAR), 'HEAD', null);
    const members: Person[] = [head];
    let father: Person | null = null;
    let mother: Person | null = null;
    if (kind === 'couple' || kind === 'family' || kind === 'three') {
      const spouseSex: Sex = headSex === 'MALE' ? 'FEMALE' : 'MALE';
      const gap = (headSex === 'MALE' ? 1 : -1) * r.int(-1, 6);
      const spouseBirth = Math.min(this.asOf - Math.round(19 * YEAR), head.birth + Math.round((gap + r.float()) * YEAR));
      const spouse = this.adult(spouseSex, spouseBirth, 'SPOUSE', null);
      head.spouseId = spouse.id;
      spouse.spouseId = head.id;
      members.push(spouse);
      father = headSex === 'MALE' ? head : spouse;
      mother = headSex === 'MALE' ? spouse : head;
    } else if (kind === 'lone-parent') {
      if (headSex === 'MALE') father = head;
      else mother = head;
    }
    if (kind === 'family' || kind === 'three' || kind === 'lone-parent') {
      const parent = (mother ?? father) as Person;
      const children = r.chance(0.35) ? 1 : r.chance(0.8) ? 2 : 3;
      const earliest = parent.birth + Math.round(20 * YEAR);
      const latest = Math.min(this.asOf - 30, parent.birth + Math.round(42 * YEAR));
      for (let c = 0; c < children && earliest < latest; c++) {
        members.push(this.child(r.int(earliest, latest), father, mother));
      }
    }
    if (kind === 'three') {
      const grandfatherBirth = head.birth - Math.round(r.int(24, 34) * YEAR) - r.int(0, 364);
      // The head's father gives the head their family name.
      const grandfather = this.adult('MALE', grandfatherBirth, 'PARENT', head.familyName);
      const grandmother = this.adult('FEMALE', grandfatherBirth + Math.round(r.int(0, 5) * YEAR), 'PARENT', null);
      grandfather.spouseId = grandmother.id;
      grandmother.spouseId = grandfather.id;
      head.fatherId = grandfather.id;
      head.motherId = grandmother.id;
      for (const elder of [grandfather, grandmother]) {
        const age = (this.asOf - elder.birth) / YEAR;
        if (age > 70 && r.chance(0.3)) elder.death = r.int(Math.max(elder.birth + Math.round(70 * YEAR), dayOf('2000-01-01')), this.asOf - 1);
      }
      members.push(grandfather, grandmother);
    }
    return members;
  }

  private adult(sex: Sex, birth: Day, relation: Person['relation'], familyName: string | null): Person {
    const r = this.random;
    const province = provinces.pick(r);
    const homeTown = r.chance(0.8) ? province.name : provinces.pick(r).name;
    return this.person(sex, birth, relation, familyName ?? familyNames.pick(r), province.code, homeTown, ethnicities.pick(r), null, null);
  }

  private child(birth: Day, father: Person | null, mother: Person | null): Person {
    const r = this.random;
    const sex: Sex = r.chance(0.512) ? 'MALE' : 'FEMALE';
    const parent = (father ?? mother) as Person;
    const province = r.chance(0.95) ? '001' : provinces.pick(r).code;
    return this.person(sex, birth, 'CHILD', parent.familyName, province, parent.homeTown, parent.ethnicity, father?.id ?? null, mother?.id ?? null);
  }

  private person(
    sex: Sex, birth: Day, relation: Person['relation'], familyName: string, province: string, homeTown: string, ethnicity: string,
    fatherId: string | null, motherId: string | null,
  ): Person {
    const r = this.random;
    const id = this.counters.personalId(province, sex, yearOf(birth), r.int(1, 8));
    const fullName = `${familyName} ${middleNames[sex].pick(r)} ${r.pick(GIVEN_NAMES[sex])}`;
    return { id, sex, birth, familyName, fullName, homeTown, province, ethnicity, relation, fatherId, motherId, spouseId: null, death: null };
  }

  /** Births of Hanoi-born residents since 1956 are in the district's civil-status books. */
  private registerBirth(person: Person, history: WardHistory): void {
    if (person.province !== '001' || person.birth < EPOCH_DAY) return;
    const registeredOn = Math.min(this.asOf - 1, person.birth + this.random.int(3, 60));
    const unit = wardOn(history, registeredOn);
    const { book, entry } = this.counters.registerEntry('birth', unit, yearOf(registeredOn));
    this.emit('births', [
      ++this.counters.birthId, unit, isoOf(registeredOn), book, entry, person.id, person.fullName, isoOf(person.birth),
      'Bệnh viện Phụ sản Hà Nội', person.fatherId, person.motherId,
    ]);
  }

  private registerDeath(person: Person, history: WardHistory): void {
    const died = person.death as Day;
    const registeredOn = Math.min(this.asOf - 1, died + this.random.int(1, 15));
    const unit = wardOn(history, registeredOn);
    const { book, entry } = this.counters.registerEntry('death', unit, yearOf(registeredOn));
    this.emit('deaths', [++this.counters.deathId, unit, isoOf(registeredOn), book, entry, person.id, isoOf(died), 'Tại nhà']);
  }

  /** A couple married after both turned 18, before their first child, registered where they lived. */
  private registerMarriage(head: Person, spouse: Person, members: readonly Person[], history: WardHistory): void {
    const r = this.random;
    const adultFrom = Math.max(head.birth, spouse.birth) + Math.round(18 * YEAR);
    const firstChild = members.filter((m) => m.relation === 'CHILD').reduce((min, c) => Math.min(min, c.birth), Number.POSITIVE_INFINITY);
    const latest = Math.min(this.asOf - 1, firstChild - 60, adultFrom + Math.round(12 * YEAR));
    const married = latest > adultFrom ? r.int(adultFrom + Math.round(2 * YEAR) < latest ? adultFrom + Math.round(2 * YEAR) : adultFrom, latest) : adultFrom;
    if (married < EPOCH_DAY || married >= this.asOf) return;
    const unit = wardOn(history, married);
    const { book, entry } = this.counters.registerEntry('marriage', unit, yearOf(married));
    const [husband, wife] = head.sex === 'MALE' ? [head, spouse] : [spouse, head];
    this.emit('marriages', [++this.counters.marriageId, unit, isoOf(married), book, entry, husband.id, wife.id]);
  }

  private maybeLand(members: readonly Person[], history: WardHistory, address: string): void {
    const r = this.random;
    const head = members[0] as Person;
    if (!r.chance(0.4)) return;
    const from = Math.max(dayOf('1994-01-01'), head.birth + Math.round(20 * YEAR));
    const to = Math.min(DAY_2025 - 1, this.asOf - 1);
    if (from >= to) return;
    const issued = r.int(from, to);
    const id = ++this.counters.certificateId;
    const series = r.pick(['AD', 'AK', 'BĐ', 'BX', 'CS']);
    const area = (25 + Math.min(380, -Math.log(1 - r.float()) * 45)).toFixed(1);
    this.emit('certificates', [
      id, `${series} ${String(id).padStart(7, '0')}`, isoOf(issued), this.plan.spec.code, r.int(1, 60), r.int(1, 450), address,
      history.from2025, area, r.chance(0.94) ? 'ODT' : 'TMD',
    ]);
    this.emit('certificateOwners', [id, head.id]);
    const spouse = members.find((m) => m.relation === 'SPOUSE');
    if (spouse && r.chance(0.85)) this.emit('certificateOwners', [id, spouse.id]);
  }

  private maybeBusiness(person: Person, history: WardHistory, address: string): void {
    const r = this.random;
    const age = (this.asOf - person.birth) / YEAR;
    if (person.death !== null || age < 20 || age > 75 || !r.chance(0.045)) return;
    const from = Math.max(dayOf('2000-01-01'), person.birth + Math.round(20 * YEAR));
    const registered = r.int(from, this.asOf - 1);
    const id = ++this.counters.businessId;
    const [line, shop] = r.pick(LINES_OF_BUSINESS);
    const given = person.fullName.slice(person.fullName.lastIndexOf(' ') + 1);
    const statusRoll = r.float();
    const status = statusRoll < 0.74 ? 'ACTIVE' : statusRoll < 0.82 ? 'SUSPENDED' : 'CLOSED';
    const issuer = registered < DAY_2025 ? this.plan.spec.code : history.from2025;
    this.emit('householdBusinesses', [
      id, `01H${this.plan.spec.tag.slice(-2)}${String(id).padStart(7, '0')}`, `${shop} ${given}`, person.id,
      r.chance(0.7) ? address : `Số ${r.int(1, 200)} phố ${r.pick(this.plan.wards[this.wardIndex]?.streets ?? ['Phố Huế'])}`,
      history.from2025, line, isoOf(registered), issuer, status,
    ]);
  }
}

function pickWeighted(random: Random, options: ReadonlyArray<readonly [string, number]>): string {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let target = random.float() * total;
  for (const [code, weight] of options) {
    target -= weight;
    if (target < 0) return code;
  }
  return (options[options.length - 1] as readonly [string, number])[0];
}
