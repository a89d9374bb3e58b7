import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Person } from '../../../../types/training';
import { RECORDERS } from '../../../../types/org';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { DraftNotice } from '../../../components/DraftNotice';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { UnitField } from '../../../components/UnitField';
import { FaultNotice } from '../../../components/FaultNotice';
import { SubmitButton } from '../../../components/SubmitButton';
import { toastSaved, useDraftForm } from '../../../hooks/useDraftForm';
import { useMe } from '../../../hooks/useMe';
import { clearDraft } from '../../../services/drafts';
import { blankPersonForm, checkPersonForm, duplicateText, formFromPerson } from '../../../services/person-form';
import { getPerson, savePerson } from '../../../services/training';
import { leaveTo } from '../../../services/navigation';
import { PAGES } from '../../../services/routes';
import { newRecordUnit, unitNamer, unitsFor } from '../../../services/units';
import { TypedInput } from '../../../components/TypedInput';
import { KeyValue } from '../../../components/KeyValue';
import { MergePerson } from './MergePerson';
import { PersonHistory } from './PersonHistory';

const YES = '是';
const NO = '否';

/**
 * Add a person to the roster (`?unitId=` preselects the village), or `?id=` to edit one.
 * A new entry that looks like someone already there is offered back: use that one, or
 * create a second entry anyway.
 */
export default function PersonFormPage() {
  const { id: editId, unitId } = useRouter().params;
  const me = useMe();
  const [duplicate, setDuplicate] = useState<Person>();
  const draftName = editId ? `person:${editId}` : 'person:new';
  const units = me.data ? unitsFor(me.data, RECORDERS.person) : [];
  const f = useDraftForm({
    draftName,
    load: me.data ? () => (editId ? getPerson(editId).then(formFromPerson) : blankPersonForm(newRecordUnit(me.data!, 'person', unitId))) : undefined,
    check: checkPersonForm,
  });

  if (!me.data || !f.form) {
    return <StateView loading={!me.error && !f.loadError} error={me.error ?? f.loadError} onRetry={me.error ? me.retry : f.retry} />;
  }
  const { form, set, errorOf } = f;
  const unitName = unitNamer(me.data);
  // Only those who may save the entry see it as a form: a supervisor reads it (to merge a duplicate).
  const canSave = units.some((u) => u._id === form.unitId);

  const save = (confirmNew: boolean) =>
    f.submit(async (input) => {
      const result = await savePerson(confirmNew ? { ...input, confirmNew: true } : input);
      if (result.outcome === 'sent' && result.data.kind === 'duplicate') {
        setDuplicate(result.data.existing);
        return false;
      }
      toastSaved(result);
      leaveTo(PAGES.roster);
      return true;
    });

  const useExisting = () => {
    clearDraft(draftName);
    Taro.showToast({ title: '已使用名册中的记录', icon: 'none' });
    leaveTo(PAGES.roster);
  };

  return (
    <View className='page form'>
      {f.restored ? <DraftNotice onStartOver={f.startOver} /> : null}
      {canSave ? (
        <>
          <UnitField units={units} label='所属单位' value={form.unitId} onChange={(v) => set('unitId', v)} error={errorOf('unitId')} />
          <Field label='姓名' required error={errorOf('name')}>
            <Input id='person-name' className='input' value={form.name} onInput={(e) => { set('name', e.detail.value); setDuplicate(undefined); }} />
          </Field>
          <Field label='手机号' error={errorOf('phone')} hint='仅您和上级主管可见,名册中只显示 138****8000'>
            <TypedInput id='person-phone' kind='phone' value={form.phone} onChange={(v) => { set('phone', v); setDuplicate(undefined); }} />
          </Field>
          <Field label='法律明白人' error={errorOf('isLawPerson')}>
            <ChoiceChips options={[YES, NO]} value={form.isLawPerson ? YES : NO} onChange={(v) => set('isLawPerson', v === YES)} />
          </Field>
        </>
      ) : (
        <View id='person-readonly' className='card'>
          <KeyValue k='所属单位' v={unitName(form.unitId)} />
          <KeyValue k='姓名' v={form.name} />
          <KeyValue k='手机号' v={form.phone} />
          <KeyValue k='法律明白人' v={form.isLawPerson ? YES : NO} />
        </View>
      )}
      {duplicate ? (
        <View id='duplicate-offer' className='notice duplicate'>
          <Text className='duplicate__text'>{duplicateText(duplicate, unitName(duplicate.unitId))}</Text>
          <Text>是同一个人吗?</Text>
          <View className='actions'>
            <Button id='use-existing' className='btn btn--primary' onClick={useExisting}>使用已有</Button>
            <Button id='create-anyway' className='btn btn--plain' onClick={() => save(true)}>仍然新建</Button>
          </View>
        </View>
      ) : (
        <>
          {f.fault ? <FaultNotice message={f.fault} onRetry={() => void f.retrySave()} busy={f.saving} /> : null}
          {canSave ? (
            <SubmitButton id='save-person' busy={f.saving} onClick={() => save(false)}>
              {editId ? '保存修改' : '加入名册'}
            </SubmitButton>
          ) : null}
        </>
      )}
      {editId ? <PersonHistory me={me.data} personId={editId} /> : null}
      {editId ? <MergePerson me={me.data} personId={editId} /> : null}
    </View>
  );
}
