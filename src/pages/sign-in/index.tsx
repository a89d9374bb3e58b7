import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ResetInput, SignInInput } from '../../../types/account';
import { ROLE_LABELS, type Role } from '../../../types/org';
import { validate, type FieldErrors } from '../../../types/validation';
import { Field } from '../../components/Field';
import { StateView } from '../../components/StateView';
import { SubmitButton } from '../../components/SubmitButton';
import { useRemote } from '../../hooks/useRemote';
import { BackendError, fetchDemoUsers } from '../../services/backend';
import { demoUser, signInAs } from '../../services/demo-session';
import { resetPassword, signInWithPassword, useDeploymentMode } from '../../services/deployment';
import { forgetMe } from '../../services/ledger';
import { PAGES } from '../../services/routes';
import { outbox } from '../../services/sync';
import { TypedInput } from '../../components/TypedInput';

/** Browser build only: the demo's user picker, or (npm run serve) phone and password. In WeChat the platform knows who is calling. */
export default function SignIn() {
  const mode = useDeploymentMode();
  const { reset } = useRouter().params;
  if (!mode) return <StateView loading />;
  if (mode === 'demo') return <DemoPicker />;
  return reset ? <NewPassword token={decodeURIComponent(reset)} /> : <PasswordSignIn />;
}

/** A refusal (wrong password, locked) in the form's red, large enough to read. */
const REFUSED = { background: '#fff1f0', color: '#cf1322', fontSize: '30px' };

/** Queued writes go as the user who made them: switching user should be a choice. */
async function mayLeave(): Promise<boolean> {
  const waiting = outbox.pending();
  if (!waiting) return true;
  const r = await Taro.showModal({
    title: `还有 ${waiting} 条待上传`,
    content: '这些记录保存在本机,联网后仍以原登记人身份上传,不会丢失。确定切换用户吗?',
    confirmText: '切换',
  });
  return r.confirm;
}

/** The form's state: values, per-field messages, the refusal (wrong password, locked) and busy. */
function useForm<K extends string>(keys: readonly K[]) {
  const [values, setValues] = useState(() => Object.fromEntries(keys.map((k) => [k, ''])) as Record<K, string>);
  const [fields, setFields] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: K, v: string) => setValues((old) => ({ ...old, [k]: v }));
  /** Validates `input` with `schema`, then runs `send` (false: the user changed their mind); a refusal's message is shown above the button. */
  const submit = async (schema: Parameters<typeof validate>[0], input: unknown, send: () => Promise<unknown>) => {
    const checked = validate(schema, input);
    setFields(checked.ok ? {} : checked.fields);
    setRefusal('');
    if (!checked.ok) return;
    setBusy(true);
    try {
      if ((await send()) !== false) Taro.reLaunch({ url: PAGES.home });
    } catch (err) {
      if (err instanceof BackendError && err.error.fields) setFields(err.error.fields);
      setRefusal(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { values, set, fields, refusal, busy, submit };
}

function PasswordSignIn() {
  const form = useForm(['phone', 'password'] as const);
  return (
    <View className='page'>
      <View className='card'>
        <Field label='手机号' required error={form.fields.phone}>
          <TypedInput id='phone' kind='phone' maxlength={20} placeholder='登记时填写的手机号' value={form.values.phone} onChange={(v) => form.set('phone', v)} />
        </Field>
        <Field label='密码' required error={form.fields.password}>
          <Input id='password' className='input' password placeholder='请输入密码' value={form.values.password} onInput={(e) => form.set('password', e.detail.value)} />
        </Field>
        {form.refusal ? <View className='notice' style={REFUSED} id='sign-in-error'><Text>{form.refusal}</Text></View> : null}
        <SubmitButton id='sign-in' busy={form.busy} onClick={() => form.submit(SignInInput, form.values, async () => (await mayLeave()) && signInWithPassword(form.values))}>
          登录
        </SubmitButton>
      </View>
      <View className='notice'>
        <Text>还没有账号?请向管理员索取邀请链接。忘记密码?请管理员为您生成重设密码的链接。</Text>
      </View>
    </View>
  );
}

function NewPassword({ token }: { token: string }) {
  const form = useForm(['password', 'again'] as const);
  const send = async () => {
    if (form.values.again !== form.values.password) throw new Error('两次输入的密码不一致');
    await resetPassword(token, form.values.password);
  };
  return (
    <View className='page'>
      <View className='card'>
        <Field label='新密码' required error={form.fields.password} hint='至少8位'>
          <Input id='password' className='input' password value={form.values.password} onInput={(e) => form.set('password', e.detail.value)} />
        </Field>
        <Field label='再输入一次' required>
          <Input id='again' className='input' password value={form.values.again} onInput={(e) => form.set('again', e.detail.value)} />
        </Field>
        {form.refusal ? <View className='notice' style={REFUSED}><Text>{form.refusal}</Text></View> : null}
        <SubmitButton id='reset' busy={form.busy} onClick={() => form.submit(ResetInput, { token, password: form.values.password }, send)}>
          设置密码并登录
        </SubmitButton>
      </View>
    </View>
  );
}

function DemoPicker() {
  const users = useRemote(fetchDemoUsers);
  const current = demoUser();
  const choose = async (openid: string) => {
    if (openid !== current && !(await mayLeave())) return;
    signInAs(openid);
    forgetMe();
    Taro.reLaunch({ url: PAGES.home });
  };
  return (
    <View className='page'>
      <View className='notice'>
        <Text>演示模式:请选择以哪位用户的身份使用。微信小程序中由微信识别身份,正式部署(npm run serve)用手机号和密码登录。</Text>
      </View>
      <StateView loading={users.loading} error={users.error} onRetry={users.retry} />
      {users.data?.map((u) => (
        <View key={u.openid} className={`tile ${u.openid === current ? 'tile--on' : ''}`} onClick={() => choose(u.openid)}>
          <Text className='tile__title'>{u.name}</Text>
          <Text className='tile__hint'>
            {u.roles.map((r, i) => `${ROLE_LABELS[r as Role] ?? r} · ${u.units[i]}`).join(';')}
          </Text>
        </View>
      ))}
    </View>
  );
}
