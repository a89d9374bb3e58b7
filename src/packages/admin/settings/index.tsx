import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { beijingDateTime } from '../../../../types/dates';
import { ChecklistSettings } from '../../../components/ChecklistSettings';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { SubmitButton } from '../../../components/SubmitButton';
import { TypedInput } from '../../../components/TypedInput';
import { useRemote } from '../../../hooks/useRemote';
import { isStale } from '../../../services/backend';
import {
  checkSettingsForm, formFromSettings, getSettings, hasUnsavedChanges, movedUp, saveSettings, withType, type SettingsForm,
} from '../../../services/settings';
import { FollowUpDaysCard } from './FollowUpDaysCard';
import './index.css';

const EDITING = { own: '仅限登记人本人', unit: '同单位调解员均可' } as const;

/**
 * 区级设置: the district admin decides which dispute types the 登记纠纷 form offers (and in
 * what order), and whether mediators of one unit may edit each other's cases. Others read it.
 */
export default function SettingsPage() {
  const remote = useRemote(getSettings);
  const [form, setForm] = useState<SettingsForm>();
  const [newType, setNewType] = useState('');
  const [addError, setAddError] = useState<string>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (remote.data) setForm(formFromSettings(remote.data));
  }, [remote.data]);

  if (!remote.data || !form) return <StateView loading={remote.loading} error={remote.error} onRetry={remote.retry} />;
  const s = remote.data;
  const types = form.disputeTypes;
  const setTypes = (disputeTypes: string[]) => {
    setForm({ ...form, disputeTypes });
    setError(undefined);
  };

  const add = () => {
    const r = withType(types, newType);
    if (!r.ok) return setAddError(r.error);
    setTypes(r.list);
    setNewType('');
    setAddError(undefined);
  };

  const save = async () => {
    const checked = checkSettingsForm(form);
    if (!checked.ok) return setError(Object.values(checked.errors)[0]);
    setSaving(true);
    try {
      // The answer is what is saved now: the form is set from it, with no second request.
      remote.replace(await saveSettings(checked.input));
      Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (err) {
      if (!isStale(err)) return setError((err as Error).message);
      // Someone saved in between: this form edits an old version and would be refused every time.
      setError('区级设置已被他人修改,您的修改未保存。页面已显示现在的设置,请在此基础上重新修改后保存。');
      remote.reload();
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page form'>
      {s.canEdit ? null : <View className='notice'><Text>只有区级管理员可以修改这些设置。</Text></View>}
      <View className='card'>
        <Text className='section-title'>纠纷类型</Text>
        <Text className='muted'>登记纠纷时按此顺序列出。删除的类型不再供新案件选择,已登记的案件保留原类型。</Text>
        {types.map((t, i) => (
          <View key={t} className='type-row'>
            <Text className='type-row__no'>{i + 1}</Text>
            <Text className='type-row__name'>{t}</Text>
            {s.canEdit ? (
              <View className='type-row__actions'>
                {i > 0 ? <Button className='btn btn--plain type-row__btn' onClick={() => setTypes(movedUp(types, i))}>上移</Button> : null}
                <Button className='btn btn--plain type-row__btn' onClick={() => setTypes(types.filter((x) => x !== t))}>删除</Button>
              </View>
            ) : null}
          </View>
        ))}
        {s.canEdit ? (
          <View>
            <Field label='新增类型' error={addError}>
              <View className='type-add'>
                <Input
                  id='new-type'
                  className='input'
                  placeholder='如:消费纠纷'
                  maxlength={12}
                  value={newType}
                  onInput={(e) => setNewType(e.detail.value)}
                  onConfirm={add}
                />
                <Button className='btn btn--plain type-row__btn' onClick={add}>添加</Button>
              </View>
            </Field>
            <Text className='link' onClick={() => setTypes([...s.defaultDisputeTypes])}>恢复默认列表</Text>
          </View>
        ) : null}
      </View>
      <View className='card'>
        <Text className='section-title'>案件修改权限</Text>
        <Text className='muted'>调解员可以修改、删除哪些案件。</Text>
        {s.canEdit ? (
          <ChoiceChips
            options={[EDITING.own, EDITING.unit]}
            value={form.unitWideEditing ? EDITING.unit : EDITING.own}
            onChange={(v) => setForm({ ...form, unitWideEditing: v === EDITING.unit })}
          />
        ) : (
          <Text>{s.unitWideEditing ? EDITING.unit : EDITING.own}</Text>
        )}
      </View>
      <View className='card'>
        <Text className='section-title'>月报截止日</Text>
        <Text className='muted'>各单位每月的人民调解统计须在次月此日前上报,逾期的记为“逾期”。</Text>
        {s.canEdit ? (
          <Field label='次月几日前(1–28)'>
            <TypedInput id='due-day' kind='integer' maxlength={2} value={form.dueDay} onChange={(dueDay) => setForm({ ...form, dueDay })} />
          </Field>
        ) : (
          <Text>次月{s.dueDay}日</Text>
        )}
      </View>
      <ChecklistSettings value={form.reviewChecklist} canEdit={s.canEdit} onChange={(reviewChecklist) => setForm({ ...form, reviewChecklist })} />
      <FollowUpDaysCard canEdit={s.canEdit} saved={s.followUpDays} value={form.followUpDays} onChange={(followUpDays) => setForm({ ...form, followUpDays })} />
      {error ? <Text className='field__error'>{error}</Text> : null}
      {s.canEdit && hasUnsavedChanges(form, s) ? (
        <View id='settings-unsaved' className='notice'>
          <Text>有未保存的修改,点“保存设置”后生效</Text>
        </View>
      ) : null}
      {s.canEdit ? <SubmitButton busy={saving} onClick={save}>保存设置</SubmitButton> : null}
      {s.version && s.updatedAt ? <Text className='muted'>第{s.version}版 · 最后修改于 {beijingDateTime(s.updatedAt)}</Text> : null}
    </View>
  );
}
