import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { JoinInput } from '../../../types/account';
import { ROLE_LABELS } from '../../../types/org';
import { validate, type FieldErrors } from '../../../types/validation';
import { Field } from '../../components/Field';
import { StateView } from '../../components/StateView';
import { SubmitButton } from '../../components/SubmitButton';
import { useRemote } from '../../hooks/useRemote';
import { BackendError } from '../../services/backend';
import { codeFromRoute, joinByInvitation, previewInvitation } from '../../services/accounts';
import { useDeploymentMode } from '../../services/deployment';
import { PAGES } from '../../services/routes';
import './index.css';
import { TypedInput } from '../../components/TypedInput';

/**
 * 加入: opened by an invitation's link (?code=) or its scanned code (?scene=c%3D<code>). Shows the
 * unit and role it invites to; name and phone (and, in `npm run serve`, a password) join.
 */
export default function JoinPage() {
  const code = codeFromRoute(useRouter().params);
  const preview = useRemote(() => (code ? previewInvitation(code) : Promise.reject(new Error('链接不完整:缺少邀请码,请重新打开邀请链接'))), [code]);
  const mode = useDeploymentMode();
  const [values, setValues] = useState({ name: '', phone: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof values, value: string) => {
    setValues({ ...values, [k]: value });
    setErrors({});
  };

  if (!preview.data) return <StateView loading={preview.loading} error={preview.error} onRetry={code ? preview.retry : undefined} />;
  const p = preview.data;
  const withPassword = mode === 'session';

  const submit = async () => {
    if (withPassword && !values.password) return setErrors({ password: '请设置密码' });
    const checked = validate(JoinInput, { code, name: values.name, phone: values.phone, ...(withPassword ? { password: values.password } : {}) });
    if (!checked.ok) return setErrors(checked.fields);
    setBusy(true);
    try {
      await joinByInvitation(checked.output);
      Taro.showToast({ title: '已加入', icon: 'success' });
      Taro.reLaunch({ url: PAGES.home });
    } catch (err) {
      setErrors({ form: (err as Error).message, ...(err instanceof BackendError ? err.error.fields : {}) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page form'>
      <View className='card'>
        <Text className='section-title'>邀请您加入</Text>
        <Text id='join-unit' className='join__unit'>{p.unitName}</Text>
        <Text className='muted'>角色:{ROLE_LABELS[p.role]}</Text>
      </View>
      {p.state === '有效' ? (
        <View className='card'>
          <Field label='姓名' required error={errors.name}>
            <Input id='join-name' className='input' maxlength={30} placeholder='您的真实姓名' value={values.name} onInput={(e) => set('name', e.detail.value)} />
          </Field>
          <Field label='手机号' required error={errors.phone}>
            <TypedInput id='join-phone' kind='phone' maxlength={20} placeholder='11位手机号' value={values.phone} onChange={(v) => set('phone', v)} />
          </Field>
          {withPassword ? (
            <Field label='设置密码' required error={errors.password} hint='至少8位,以后用手机号和此密码登录'>
              <Input id='join-password' className='input' password value={values.password} onInput={(e) => set('password', e.detail.value)} />
            </Field>
          ) : null}
          {errors.form ? <Text className='field__error'>{errors.form}</Text> : null}
          <SubmitButton id='join-submit' busy={busy} onClick={submit}>加入</SubmitButton>
        </View>
      ) : (
        <View className='state state--error'>
          <Text id='join-state'>此邀请{p.state},不能再用于加入。请联系邀请您的人重新发送邀请。</Text>
        </View>
      )}
    </View>
  );
}
