import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { UserLine } from '../../../../types/account';
import { beijingDateTime } from '../../../../types/dates';
import { ACCOUNT_MANAGERS, ROLE_LABELS, type Me, type Role } from '../../../../types/org';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Field } from '../../../components/Field';
import { SearchBox } from '../../../components/SearchBox';
import { StateView } from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { grantRole, listUsers, managedUnits, moveUser, resetLink, resetTarget, revokeRole, rolesAt, setActive } from '../../../services/accounts';
import { myArea } from '../../../services/units';
import './index.css';

/** One user's changes: roles, unit, 停用, reset link. Each answers the user as now stored. */
function Manage({ me, user, onChanged }: { me: Pick<Me, 'user' | 'units'>; user: UserLine; onChanged: (u: UserLine) => void }) {
  const units = managedUnits(me);
  const [unitId, setUnitId] = useState(units.find((u) => user.roles.some((g) => g.unitId === u._id))?._id ?? units[0]?._id ?? '');
  const [role, setRole] = useState<Role | ''>('');
  const [moveTo, setMoveTo] = useState('');
  const [reset, setReset] = useState<string>();
  const [busy, setBusy] = useState(false);
  const unit = units.find((u) => u._id === unitId);
  const offered = rolesAt(me, unit).filter((r) => !user.roles.some((g) => g.role === r && g.unitId === unitId));
  const held = user.roles.some((g) => g.unitId === unitId);

  const run = async (work: () => Promise<UserLine | void>, done?: string) => {
    setBusy(true);
    try {
      const next = await work();
      if (next) onChanged(next);
      if (done) Taro.showToast({ title: done, icon: 'success' });
    } catch (err) {
      Taro.showToast({ title: (err as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const toggleActive = async () => {
    if (user.active) {
      const { confirm } = await Taro.showModal({ title: '停用账号', content: `停用后${user.name}不能再登记或查看,已登记的记录保留。`, confirmText: '停用' });
      if (!confirm) return;
    }
    await run(() => setActive(user._id, !user.active), user.active ? '已停用' : '已启用');
  };

  return (
    <View className='manage'>
      <Field label='单位'>
        <ChoiceChips options={units.map((u) => u._id)} labels={Object.fromEntries(units.map((u) => [u._id, u.name]))} value={unitId} onChange={(id) => { setUnitId(id); setRole(''); setMoveTo(''); }} />
      </Field>
      {offered.length ? (
        <Field label='添加角色'>
          <ChoiceChips options={offered} labels={ROLE_LABELS} value={role} onChange={(r) => setRole(r as Role)} />
          {role ? <Button className='btn btn--plain' disabled={busy || undefined} onClick={() => run(() => grantRole(user._id, role, unitId), '已添加').then(() => setRole(''))}>在{unit?.name}添加{ROLE_LABELS[role]}</Button> : null}
        </Field>
      ) : null}
      {held ? (
        <Field label='调到其他单位' hint='其在本单位的角色随之调动,已登记的记录留在原单位'>
          <ChoiceChips options={units.filter((u) => u._id !== unitId).map((u) => u._id)} labels={Object.fromEntries(units.map((u) => [u._id, u.name]))} value={moveTo} onChange={setMoveTo} />
          {moveTo ? <Button className='btn btn--plain' disabled={busy || undefined} onClick={() => run(() => moveUser(user._id, unitId, moveTo), '已调动').then(() => setMoveTo(''))}>调到{units.find((u) => u._id === moveTo)?.name}</Button> : null}
        </Field>
      ) : null}
      <View className='actions'>
        <Button id={`user-active-${user._id}`} className={`btn ${user.active ? 'btn--danger' : 'btn--plain'} manage__btn`} disabled={busy || undefined} onClick={toggleActive}>{user.active ? '停用账号' : '重新启用'}</Button>
        {/* Passwords exist only in the browser deployment; WeChat users sign in with WeChat. */}
        {process.env.TARO_ENV === 'h5' ? (
          <Button className='btn btn--plain manage__btn' disabled={busy || undefined} onClick={() => run(async () => setReset(resetTarget((await resetLink(user._id)).token, window.location.origin)))}>重设密码链接</Button>
        ) : null}
      </View>
      {reset ? (
        <View className='notice'>
          <Text>请把此链接发给{user.name}本人,24小时内有效,只能用一次:</Text>
          <Text className='qr__url' userSelect>{reset}</Text>
          <Text className='link' onClick={() => Taro.setClipboardData({ data: reset })}>复制链接</Text>
        </View>
      ) : null}
    </View>
  );
}

/**
 * 用户管理: the members of the units an admin or supervisor reaches, searched by name or phone;
 * their roles, their unit, 停用 / 启用, and a one-time link to set a new password.
 */
export default function UsersPage() {
  const me = useMe();
  const units = useMemo(() => (me.data ? managedUnits(me.data) : []), [me.data]);
  const [unitId, setUnitId] = useState<string>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string>();
  const shownUnit = unitId ?? myArea(me.data, ACCOUNT_MANAGERS);
  const list = useRemote(() => (shownUnit ? listUsers({ unitId: shownUnit, ...(q ? { q } : {}) }) : Promise.resolve(undefined)), [shownUnit, q]);

  if (!me.data) return <StateView loading={me.loading} error={me.error} onRetry={me.retry} />;
  if (!units.length) return <View className='page'><StateView empty='只有管理员和主管可以管理用户' /></View>;
  const changed = (u: UserLine) => list.data && list.replace({ ...list.data, items: list.data.items.map((x) => (x._id === u._id ? u : x)) });
  const remove = async (u: UserLine, g: UserLine['roles'][number]) => {
    const { confirm } = await Taro.showModal({ title: '移除角色', content: `移除${u.name}在${g.unitName}的${ROLE_LABELS[g.role]}角色?`, confirmText: '移除' });
    if (!confirm) return;
    try {
      changed(await revokeRole(u._id, g.role, g.unitId));
    } catch (err) {
      Taro.showToast({ title: (err as Error).message, icon: 'none' });
    }
  };

  return (
    <View className='page'>
      <View className='filters'>
        <ChoiceChips options={units.map((u) => u._id)} labels={Object.fromEntries(units.map((u) => [u._id, u.name]))} value={shownUnit ?? ''} onChange={setUnitId} />
        <SearchBox id='users-search' placeholder='姓名或手机号' value={typed} onChange={setTyped} onSearch={() => setQ(typed.trim())} withButton />
      </View>
      <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.retry} empty={list.data && !list.data.items.length ? '没有找到用户' : undefined} />
      {list.data && list.data.total > list.data.items.length ? <Text className='muted'>共{list.data.total}人,显示前{list.data.items.length}人,请用搜索查找</Text> : null}
      {list.data?.items.map((u) => (
        <View key={u._id} id={`user-${u._id}`} className={`card user ${u.active ? '' : 'user--off'}`}>
          <View className='user__head' onClick={() => setOpen(open === u._id ? undefined : u._id)}>
            <Text className='user__name'>{u.name}</Text>
            <Text className={`badge ${u.active ? 'badge--ok' : ''}`}>{u.active ? '在用' : '已停用'}</Text>
          </View>
          <Text className='muted'>{u.phone} · 登记{u.records}条{u.lastActiveAt ? ` · 最近使用 ${beijingDateTime(u.lastActiveAt)}` : ' · 尚未使用'}</Text>
          {u.roles.map((g) => (
            <View key={`${g.role}@${g.unitId}`} className='user__role'>
              <Text>{ROLE_LABELS[g.role]} · {g.unitName}</Text>
              {rolesAt(me.data!, me.data!.units.find((x) => x._id === g.unitId)).includes(g.role) ? (
                <Text className='link user__remove' onClick={() => remove(u, g)}>移除</Text>
              ) : null}
            </View>
          ))}
          {open === u._id ? <Manage me={me.data!} user={u} onChanged={changed} /> : <Text className='link' onClick={() => setOpen(u._id)}>管理</Text>}
        </View>
      ))}
    </View>
  );
}
