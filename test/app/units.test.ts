/** Each form offers the units of the roles that may record it, and starts at one it offers. */
import { RECORDERS, type Me, type Unit } from '../../types/org';
import { blankForm } from '../../src/services/dispute-form';
import { blankPublicityForm } from '../../src/services/publicity-form';
import { blankTrainingForm } from '../../src/services/training-form';
import { newPersonUnit, offeredUnit, unitsFor } from '../../src/services/units';

const unit = (_id: string, kind: Unit['kind'], path: string[]): Unit => ({ _id, name: _id, kind, parentId: path[path.length - 2] ?? null, path });
const TOWNSHIP = unit('xhy', '乡镇街道', ['sfq', 'xhy']);
const QJ = unit('xhy-qj', '村社区', ['sfq', 'xhy', 'xhy-qj']);
const SL = unit('xhy-sl', '村社区', ['sfq', 'xhy', 'xhy-sl']);
const HX = unit('jy-hx', '村社区', ['sfq', 'jy', 'jy-hx']);
const ids = (units: Unit[]) => units.map((u) => u._id);

/** A trainer of 杏花营镇 who is also the mediator of 和谐社区 (in another township). */
const trainerAndMediator: Me = {
  user: { name: '王培训', roles: [{ role: 'trainer', unitId: 'xhy' }, { role: 'mediator', unitId: 'jy-hx' }] },
  units: [TOWNSHIP, QJ, SL, HX],
  disputeTypes: ['邻里'],
  defaults: { unitId: 'jy-hx' },
};

test('登记纠纷 offers the mediator\'s units only; 培训 the trainer\'s; 宣传活动 and 名册 both', () => {
  expect(ids(unitsFor(trainerAndMediator, RECORDERS.dispute))).toEqual(['jy-hx']);
  expect(ids(unitsFor(trainerAndMediator, RECORDERS.training))).toEqual(['xhy', 'xhy-qj', 'xhy-sl']);
  expect(ids(unitsFor(trainerAndMediator, RECORDERS.publicity))).toEqual(['xhy', 'xhy-qj', 'xhy-sl', 'jy-hx']);
  expect(ids(unitsFor(trainerAndMediator, RECORDERS.person))).toEqual(['xhy', 'xhy-qj', 'xhy-sl', 'jy-hx']);
  // A supervisor's reach is offered by no form.
  const supervisor: Me = { ...trainerAndMediator, user: { name: '赵所长', roles: [{ role: 'supervisor', unitId: 'xhy' }] } };
  expect(unitsFor(supervisor, RECORDERS.dispute)).toEqual([]);
});

test('a form starts at my last case\'s unit only if it offers it, else at the first unit it offers', () => {
  expect(blankForm(trainerAndMediator).unitId).toBe('jy-hx');
  expect(blankTrainingForm(trainerAndMediator).unitId).toBe('xhy');
  expect(blankPublicityForm(trainerAndMediator).unitId).toBe('jy-hx');

  // A mediator moved from 和谐社区 to 前进村, whose 'me' still names the old unit.
  const moved: Me = {
    user: { name: '李调解', roles: [{ role: 'mediator', unitId: 'xhy-qj' }] },
    units: [QJ],
    disputeTypes: ['邻里'],
    defaults: { unitId: 'jy-hx', channel: '民调' },
  };
  expect(blankForm(moved).unitId).toBe('xhy-qj');
  expect(offeredUnit([], 'jy-hx')).toBe('');
});

test('a new roster entry: the village asked for if offered, else the first village, else the first unit', () => {
  const offered = unitsFor(trainerAndMediator, RECORDERS.person);
  expect(newPersonUnit(offered, 'xhy-sl')).toBe('xhy-sl');
  expect(newPersonUnit(offered, 'elsewhere')).toBe('xhy-qj');
  expect(newPersonUnit(offered)).toBe('xhy-qj');
  expect(newPersonUnit([TOWNSHIP])).toBe('xhy');
});
