import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { Unit } from '../../../../types/org';
import { CHILD_KINDS, type MoveProgress } from '../../../../types/tree';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { SubmitButton } from '../../../components/SubmitButton';
import { useRemote } from '../../../hooks/useRemote';
import { setExpected } from '../../../services/reporting';
import { addUnit, getTree, moveTargets, moveUnit, renameUnit, retireUnit, treeRows } from '../../../services/tree';
import { ShortCodeSetting } from './ShortCodeSetting';
import './index.css';

type Mode = 'add' | 'rename' | 'move';

/**
 * 组织架构: the admin's tree. Tap a unit to choose it; ▸ opens what is under it. A chosen unit can
 * take a sub-unit, be renamed, move under another parent with everything recorded under it
 * (the page shows how far the move has got), be retired (no new records) and restored, or be
 * marked 不需报送 (it records nothing by nature, like 区司法局: 报送情况 and 审核 leave it out).
 */
export default function TreePage() {
  const remote = useRemote(getTree);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [chosenId, setChosenId] = useState<string>();
  const [mode, setMode] = useState<Mode>();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<MoveProgress>();

  const units = remote.data?.units;
  const open = useMemo(() => new Set([...expanded, ...(remote.data?.roots ?? [])]), [expanded, remote.data]);
  if (!units) return <StateView loading={remote.loading} error={remote.error} onRetry={remote.retry} />;
  const rows = treeRows(units, open);
  const chosen = units.find((u) => u._id === chosenId);
  const byId = new Map(units.map((u) => [u._id, u]));

  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };
  const choose = (u: Unit) => {
    setChosenId(u._id);
    setMode(undefined);
    setError(undefined);
  };
  const start = (m: Mode, u: Unit) => {
    setMode(m);
    setError(undefined);
    setName(m === 'rename' ? u.name : '');
    setKind(CHILD_KINDS[u.kind][0] ?? '');
  };
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      Taro.showToast({ title: done, icon: 'success' });
      setMode(undefined);
      remote.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  };

  const add = (parent: Unit) =>
    run(async () => {
      const u = await addUnit({ name, kind: kind as Unit['kind'], parentId: parent._id });
      setExpanded(new Set([...expanded, parent._id]));
      setChosenId(u._id);
    }, '已添加');
  const rename = (u: Unit) => run(() => renameUnit(u._id, name), '已改名');
  const move = async (u: Unit, to: Unit) => {
    const r = await Taro.showModal({
      title: '移动单位',
      content: `把「${u.name}」连同其下的全部单位和记录移到「${to.name}」之下?各级汇总数字随之调整。`,
      confirmText: '移动',
    });
    if (!r.confirm) return;
    await run(async () => {
      await moveUnit(u._id, to._id, setProgress);
      setExpanded(new Set([...expanded, to._id]));
    }, '已移动');
  };
  const retire = async (u: Unit) => {
    const retiring = !u.retired;
    const r = await Taro.showModal({
      title: retiring ? '撤销单位' : '恢复单位',
      content: retiring ? `撤销后「${u.name}」不能再新增记录,已有记录仍计入当年数字。` : `恢复后「${u.name}」可以再新增记录。`,
      confirmText: retiring ? '撤销' : '恢复',
    });
    if (r.confirm) await run(() => retireUnit(u._id, retiring), retiring ? '已撤销' : '已恢复');
  };
  const exempt = async (u: Unit) => {
    const exempting = !u.exempt;
    const r = await Taro.showModal({
      title: exempting ? '不需报送' : '恢复报送',
      content: exempting ? `「${u.name}」不再计入应报单位,报送情况和报送审核不再列出它。` : `「${u.name}」重新计入应报单位,每月须上报。`,
      confirmText: exempting ? '不需报送' : '恢复报送',
    });
    if (r.confirm) await run(() => setExpected(u._id, !exempting), exempting ? '已设为不需报送' : '已恢复报送');
  };

  return (
    <View className='page'>
      <View className='card'>
        <Text className='muted'>点单位名称选中它;点 ▸ 展开下级。</Text>
        {rows.map(({ unit, depth, hasChildren }) => (
          <View
            key={unit._id}
            id={`unit-${unit._id}`}
            className={`tree-row ${unit._id === chosenId ? 'tree-row--on' : ''} ${unit.retired ? 'tree-row--retired' : ''}`}
            style={{ paddingLeft: `${depth * 40}px` }}
          >
            <Text className='tree-row__toggle' onClick={() => hasChildren && toggle(unit._id)}>{hasChildren ? (open.has(unit._id) ? '▾' : '▸') : ''}</Text>
            <Text className='tree-row__name' onClick={() => choose(unit)}>{unit.name}</Text>
            <Text className='tree-row__kind'>{unit.retired ? '已撤销' : unit.exempt ? `${unit.kind} · 不需报送` : unit.kind}</Text>
          </View>
        ))}
      </View>

      {chosen ? (
        <View className='card' id='unit-actions'>
          <Text className='section-title'>{chosen.name}</Text>
          {progress ? (
            <Text className='tree-progress' id='move-progress'>正在移动:已处理 {progress.done} / {progress.total} 条记录,请勿关闭页面</Text>
          ) : null}
          {!mode ? (
            <View className='tree-actions'>
              {CHILD_KINDS[chosen.kind].length && !chosen.retired ? <Button className='btn btn--plain' onClick={() => start('add', chosen)}>添加下级</Button> : null}
              <Button className='btn btn--plain' onClick={() => start('rename', chosen)}>改名</Button>
              {chosen.parentId ? <Button className='btn btn--plain' onClick={() => start('move', chosen)}>移动</Button> : null}
              {chosen.parentId ? (
                <Button className={`btn ${chosen.retired ? 'btn--plain' : 'btn--danger'}`} disabled={busy || undefined} onClick={() => retire(chosen)}>
                  {chosen.retired ? '恢复' : '撤销'}
                </Button>
              ) : null}
              {chosen.parentId ? (
                <Button className='btn btn--plain' disabled={busy || undefined} onClick={() => exempt(chosen)}>{chosen.exempt ? '恢复报送' : '不需报送'}</Button>
              ) : null}
            </View>
          ) : null}
          {!mode ? <ShortCodeSetting key={chosen._id} unit={chosen} parent={byId.get(chosen.parentId ?? '') ?? null} onSaved={remote.reload} /> : null}
          {mode === 'add' || mode === 'rename' ? (
            <View>
              <Field label={mode === 'add' ? `在「${chosen.name}」下添加` : '新名称'}>
                <Input id='unit-name' className='input' placeholder='单位名称' maxlength={50} value={name} onInput={(e) => setName(e.detail.value)} />
              </Field>
              {mode === 'add' && CHILD_KINDS[chosen.kind].length > 1 ? (
                <Field label='类型'>
                  <ChoiceChips options={CHILD_KINDS[chosen.kind]} value={kind} onChange={setKind} />
                </Field>
              ) : null}
              <SubmitButton busy={busy} onClick={() => (mode === 'add' ? add(chosen) : rename(chosen))}>{mode === 'add' ? '添加' : '保存名称'}</SubmitButton>
            </View>
          ) : null}
          {mode === 'move' ? (
            <View id='move-targets'>
              <Text className='muted'>现属「{byId.get(chosen.parentId ?? '')?.name ?? ''}」。选择新的上级单位:</Text>
              {moveTargets(units, chosen).map((to) => (
                <Text key={to._id} className='tree-target link' onClick={() => !busy && move(chosen, to)}>{to.name}</Text>
              ))}
            </View>
          ) : null}
          {mode ? <Text className='link' onClick={() => setMode(undefined)}>取消</Text> : null}
          {error ? <Text className='field__error' id='tree-error'>{error}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
