import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import type { InvitationView } from '../../../../types/account';
import { beijingDateTime } from '../../../../types/dates';
import { ACCOUNT_MANAGERS, ROLE_LABELS, type Role } from '../../../../types/org';
import type { FieldErrors } from '../../../../types/validation';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { SubmitButton } from '../../../components/SubmitButton';
import { UnitField } from '../../../components/UnitField';
import { useMe } from '../../../hooks/useMe';
import { useQrCode } from '../../../hooks/useQrCode';
import { useRemote } from '../../../hooks/useRemote';
import {
  blankInviteForm, checkInviteForm, inviteMember, joinTarget, listInvitations, managedUnits, revokeInvitation, rolesAt, type InviteForm,
} from '../../../services/accounts';
import { myArea } from '../../../services/units';
import './index.css';
import { TypedInput } from '../../../components/TypedInput';

const h5 = process.env.TARO_ENV === 'h5';
const targetOf = (inv: InvitationView) => joinTarget(inv, process.env.TARO_ENV, h5 ? window.location.origin : '');

/** The invitation's QR code (browser build; the `qrcode` package is loaded only there), its link to copy. */
function InviteCode({ inv }: { inv: InvitationView }) {
  const target = targetOf(inv);
  const qr = useQrCode(target);
  return (
    <View className='invite-code'>
      {h5 ? (qr ? <Image id='invite-qr' className='qr' src={qr} /> : <Text className='muted'>{qr === '' ? '二维码生成失败,请复制链接' : '正在生成二维码…'}</Text>) : (
        <Text className='muted'>小程序加入页路径(用于生成小程序码):</Text>
      )}
      <Text id='invite-url' className='qr__url' userSelect>{target}</Text>
    </View>
  );
}

/**
 * 邀请成员: an admin or supervisor makes an invitation to one of their units with one role;
 * whoever opens its link (or scans its code) and fills in name and phone joins with that role.
 */
export default function InvitePage() {
  const me = useMe();
  const units = useMemo(() => (me.data ? managedUnits(me.data) : []), [me.data]);
  const [form, setForm] = useState<InviteForm>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState<string>();
  const area = myArea(me.data, ACCOUNT_MANAGERS);
  const list = useRemote(() => (area ? listInvitations(area) : Promise.resolve([])), [area]);

  useEffect(() => {
    if (!me.data || form) return;
    const unit = units.find((u) => u._id === area) ?? units[0];
    setForm(blankInviteForm(unit?._id ?? '', rolesAt(me.data, unit).includes('mediator') ? 'mediator' : ''));
  }, [me.data, form, units, area]);

  if (!me.data || !form) return <StateView loading={me.loading} error={me.error} onRetry={me.retry} />;
  if (!units.length) return <View className='page'><StateView empty='只有管理员和主管可以邀请成员' /></View>;
  const unit = units.find((u) => u._id === form.unitId);
  const roles = rolesAt(me.data, unit);
  const set = (patch: Partial<InviteForm>) => {
    setForm({ ...form, ...patch });
    setErrors({});
  };
  // Another unit may offer other roles: a chosen role it does not offer is dropped.
  const setUnit = (unitId: string) => {
    const offered = rolesAt(me.data!, units.find((u) => u._id === unitId));
    set({ unitId, role: form.role && offered.includes(form.role) ? form.role : '' });
  };

  const create = async () => {
    const checked = checkInviteForm(form);
    if (!checked.ok) return setErrors(checked.errors);
    setSaving(true);
    try {
      const inv = await inviteMember(checked.input);
      setShown(inv._id);
      // A fresh id: the next invitation is a new one, not a resend of this.
      setForm(blankInviteForm(form.unitId, form.role));
      list.reload();
      Taro.showToast({ title: '已生成邀请', icon: 'success' });
    } catch (err) {
      setErrors({ form: (err as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (inv: InvitationView) => {
    const { confirm } = await Taro.showModal({ title: '撤销邀请', content: '撤销后此链接和二维码不能再用于加入,已加入的成员不受影响。', confirmText: '撤销' });
    if (!confirm) return;
    try {
      await revokeInvitation(inv._id);
      list.reload();
    } catch (err) {
      Taro.showToast({ title: (err as Error).message, icon: 'none' });
    }
  };

  return (
    <View className='page form'>
      <View className='card'>
        <Text className='section-title'>新邀请</Text>
        <UnitField label='加入单位' units={units} value={form.unitId} onChange={setUnit} error={errors.unitId} />
        {units.length === 1 ? <Text className='muted'>加入单位:{units[0].name}</Text> : null}
        <Field label='角色' required error={errors.role}>
          <ChoiceChips options={roles} labels={ROLE_LABELS} value={form.role} onChange={(role) => set({ role: role as Role })} />
        </Field>
        <Field label='可加入人数' error={errors.uses} hint='最多500人'>
          <TypedInput id='invite-uses' kind='integer' value={form.uses} onChange={(uses) => set({ uses })} />
        </Field>
        <Field label='有效天数' error={errors.days} hint='最长90天'>
          <TypedInput id='invite-days' kind='integer' value={form.days} onChange={(days) => set({ days })} />
        </Field>
        {errors.form || errors.id ? <Text className='field__error'>{errors.form ?? errors.id}</Text> : null}
        <SubmitButton id='invite-create' busy={saving} onClick={create}>生成邀请</SubmitButton>
      </View>

      <Text className='section-title'>已发出的邀请</Text>
      <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.retry} empty={list.data && !list.data.length ? '还没有邀请' : undefined} />
      {list.data?.map((inv) => (
        <View key={inv._id} className='card invite' id={`invite-${inv.code}`}>
          <View className='invite__head'>
            <Text className='invite__title'>{inv.unitName} · {ROLE_LABELS[inv.role]}</Text>
            <Text className={`badge ${inv.state === '有效' ? 'badge--ok' : ''}`}>{inv.state}</Text>
          </View>
          <Text className='muted'>邀请码 {inv.code} · 已加入 {inv.joined.length}/{inv.uses} 人 · {beijingDateTime(inv.expiresAt)} 到期</Text>
          <Text className='muted'>{inv.byName} 发出于 {beijingDateTime(inv.createdAt)}</Text>
          {inv.joined.length ? <Text className='invite__joined'>已加入:{inv.joined.map((j) => j.name).join('、')}</Text> : null}
          {inv.state === '有效' ? (
            <View>
              {shown === inv._id ? <InviteCode inv={inv} /> : null}
              <View className='actions'>
                <Button className='btn btn--plain invite__btn' onClick={() => Taro.setClipboardData({ data: targetOf(inv) })}>复制链接</Button>
                <Button className='btn btn--plain invite__btn' onClick={() => setShown(shown === inv._id ? undefined : inv._id)}>{shown === inv._id ? '收起二维码' : '二维码'}</Button>
                <Button className='btn btn--danger invite__btn' onClick={() => revoke(inv)}>撤销</Button>
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
