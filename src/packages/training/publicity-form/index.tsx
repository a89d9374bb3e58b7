import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { DateField } from '../../../components/DateField';
import { DraftNotice } from '../../../components/DraftNotice';
import { Field } from '../../../components/Field';
import { StateView } from '../../../components/StateView';
import { UnitField } from '../../../components/UnitField';
import { FaultNotice } from '../../../components/FaultNotice';
import { SubmitButton } from '../../../components/SubmitButton';
import { toastSaved, useDraftForm } from '../../../hooks/useDraftForm';
import { useMe } from '../../../hooks/useMe';
import { uploadFile } from '../../../services/backend';
import { PAGES } from '../../../services/routes';
import { confirmAndRemove, toastError } from '../../../services/toast';
import { blankPublicityForm, checkPublicityForm, formFromPublicity, MAX_PHOTOS } from '../../../services/publicity-form';
import { getPublicity, removePublicity, savePublicity } from '../../../services/training';
import { unitsFor } from '../../../services/units';
import { leaveTo } from '../../../services/navigation';
import { RECORDERS } from '../../../../types/org';
import { TypedInput } from '../../../components/TypedInput';

/** 登记宣传活动, or `?id=` to edit one; up to 3 photos as evidence. */
export default function PublicityFormPage() {
  const editId = useRouter().params.id;
  const me = useMe();
  const [uploading, setUploading] = useState(false);
  const f = useDraftForm({
    draftName: editId ? `publicity:${editId}` : 'publicity:new',
    load: me.data ? () => (editId ? getPublicity(editId).then(formFromPublicity) : blankPublicityForm(me.data!)) : undefined,
    check: checkPublicityForm,
  });

  if (!me.data || !f.form) {
    return <StateView loading={!me.error && !f.loadError} error={me.error ?? f.loadError} onRetry={me.error ? me.retry : f.retry} />;
  }
  const { form, set, errorOf } = f;
  const units = unitsFor(me.data, RECORDERS.publicity);

  /** Photos go to file storage as soon as they are picked; the record keeps their ids. */
  const addPhotos = async () => {
    let paths: string[];
    try {
      paths = (await Taro.chooseImage({ count: MAX_PHOTOS - form.photos.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths;
    } catch {
      return; // cancelled
    }
    setUploading(true);
    const added = [...form.photos];
    try {
      for (const path of paths.slice(0, MAX_PHOTOS - added.length)) {
        added.push({ fileId: await uploadFile(path, `publicity-${form.id}.jpg`), url: path });
        set('photos', [...added]);
      }
    } catch (err) {
      toastError(err, '照片未能上传:');
    } finally {
      setUploading(false);
    }
  };

  const submit = () =>
    f.submit(async (input) => {
      toastSaved(await savePublicity(input));
      if (editId) leaveTo(PAGES.publicityList);
      else Taro.redirectTo({ url: PAGES.publicityList });
      return true;
    });

  const remove = () => {
    const version = form.baseVersion;
    if (version) void confirmAndRemove({ title: '删除这次宣传活动?', content: '删除后不再计入汇总。' }, () => removePublicity({ _id: form.id, version }), PAGES.publicityList);
  };

  return (
    <View className='page form'>
      {f.restored ? <DraftNotice onStartOver={f.startOver} /> : null}
      <UnitField units={units} value={form.unitId} onChange={(v) => set('unitId', v)} error={errorOf('unitId')} />
      <Field label='活动日期' required error={errorOf('date')}>
        <DateField id='pub-date' value={form.date} onChange={(v) => set('date', v)} />
      </Field>
      <Field label='活动名称' required error={errorOf('title')}>
        <Input id='pub-title' className='input' placeholder='如:宪法宣传日集中宣传' value={form.title} onInput={(e) => set('title', e.detail.value)} />
      </Field>
      <View className='row'>
        <Field label='发放资料(份)' error={errorOf('materials')}>
          <TypedInput id='pub-materials' kind='integer' placeholder='0' value={form.materials} onChange={(v) => set('materials', v)} />
        </Field>
        <Field label='现场咨询(人次)' error={errorOf('consulted')}>
          <TypedInput id='pub-consulted' kind='integer' placeholder='0' value={form.consulted} onChange={(v) => set('consulted', v)} />
        </Field>
      </View>
      <Field label={`现场照片(选填,最多${MAX_PHOTOS}张)`} error={errorOf('photos')}>
        <View className='photos'>
          {form.photos.map((p) => (
            <View key={p.fileId} className='photo'>
              <Image className='photo__img' src={p.url} mode='aspectFill' />
              <Text className='photo__remove' onClick={() => set('photos', form.photos.filter((x) => x.fileId !== p.fileId))}>×</Text>
            </View>
          ))}
          {form.photos.length < MAX_PHOTOS ? (
            <View id='add-photo' className='photo photo--add' onClick={uploading ? undefined : addPhotos}>
              <Text>{uploading ? '上传中…' : '+ 照片'}</Text>
            </View>
          ) : null}
        </View>
      </Field>
      {f.fault ? <FaultNotice message={f.fault} onRetry={() => void f.retrySave()} busy={f.saving} /> : null}
      <SubmitButton id='save-publicity' busy={f.saving} disabled={uploading} onClick={submit}>
        {editId ? '保存修改' : '提交'}
      </SubmitButton>
      {editId ? <Button className='btn btn--danger' onClick={remove}>删除</Button> : null}
    </View>
  );
}
