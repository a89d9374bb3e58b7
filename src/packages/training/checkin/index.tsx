import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CheckinInput } from '../../../../types/training';
import { validate } from '../../../../types/validation';
import { Field } from '../../../components/Field';
import { KeyValue } from '../../../components/KeyValue';
import { StateView } from '../../../components/StateView';
import { SubmitButton } from '../../../components/SubmitButton';
import { useRemote } from '../../../hooks/useRemote';
import { toastError } from '../../../services/toast';
import { checkin, checkinInfo } from '../../../services/training';
import { TypedInput } from '../../../components/TypedInput';

/**
 * Self check-in, opened by scanning a session's code (`?t=<session>&k=<token>`). Works for
 * someone who is not a user: they give their name and phone, and are found on the
 * area's roster or added to it, and recorded once.
 */
export default function CheckinPage() {
  const { t = '', k = '' } = useRouter().params;
  const info = useRemote(() => checkinInfo(t, k), [t, k]);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string>();

  if (!info.data) return <StateView loading={info.loading} error={info.error} onRetry={info.retry} />;
  const checked = validate(CheckinInput, { trainingId: t, token: k, name, phone });
  const errorOf = (key: string) => (tried && !checked.ok ? checked.fields[key] : undefined);

  const submit = async () => {
    setTried(true);
    if (!checked.ok) return;
    setSaving(true);
    try {
      const r = await checkin(checked.output);
      setDone(`签到成功:${r.name}`);
    } catch (err) {
      toastError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page form'>
      <View className='card'>
        <Text className='case__type'>{info.data.topic}</Text>
        <KeyValue k='培训类别' v={info.data.category} />
        <KeyValue k='日期' v={info.data.date} />
        <KeyValue k='单位' v={info.data.unitName} />
      </View>
      {done ? (
        <View id='checkin-done' className='card done'>
          <Text className='done__title'>{done}</Text>
          <Text className='muted'>感谢参加培训。再次扫码不会重复签到。</Text>
        </View>
      ) : (
        <View>
          <Field label='姓名' required error={errorOf('name')}>
            <Input id='checkin-name' className='input' value={name} onInput={(e) => setName(e.detail.value)} />
          </Field>
          <Field label='手机号' required error={errorOf('phone')} hint='用于在名册中找到您,不会公开显示'>
            <TypedInput id='checkin-phone' kind='phone' value={phone} onChange={setPhone} />
          </Field>
          <SubmitButton id='checkin-submit' busy={saving} onClick={submit}>签到</SubmitButton>
        </View>
      )}
    </View>
  );
}
