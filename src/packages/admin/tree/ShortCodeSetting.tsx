import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { todayBeijing } from '../../../../types/dates';
import { defaultShortCode, formatCaseNo, ShortCode } from '../../../../types/case-no';
import type { Unit } from '../../../../types/org';
import { validate } from '../../../../types/validation';
import { Field } from '../../../components/Field';
import { SubmitButton } from '../../../components/SubmitButton';
import { setShortCode } from '../../../services/tree';

/**
 * 案号简称 of the chosen unit: what its case numbers read now (its own, or the default from its
 * name), and setting it. Numbers already given keep the 简称 they were given with.
 */
export function ShortCodeSetting({ unit, parent, onSaved }: { unit: Unit; parent: Unit | null; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const current = unit.shortCode || defaultShortCode(unit, parent);

  const save = async () => {
    const checked = validate(ShortCode, value);
    if (!checked.ok) return setError(Object.values(checked.fields)[0]);
    setBusy(true);
    setError(undefined);
    try {
      await setShortCode(unit._id, checked.output);
      Taro.showToast({ title: '简称已保存', icon: 'success' });
      setEditing(false);
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id='short-code'>
      <Text className='muted' id='short-code-current'>
        案号简称:{current}{unit.shortCode ? '' : '(按名称默认)'},如 {formatCaseNo(todayBeijing().slice(0, 4), current, 1)}
      </Text>
      {editing ? (
        <View>
          <Field label='案号简称(1至6个汉字)' error={error}>
            <Input id='short-code-input' className='input' placeholder={current} maxlength={6} value={value} onInput={(e) => setValue(e.detail.value)} />
          </Field>
          <SubmitButton id='short-code-save' busy={busy} onClick={save}>保存简称</SubmitButton>
          <Text className='link' onClick={() => setEditing(false)}>取消</Text>
        </View>
      ) : (
        <Button id='short-code-edit' className='btn btn--plain' onClick={() => { setValue(current); setError(undefined); setEditing(true); }}>设置案号简称</Button>
      )}
    </View>
  );
}
