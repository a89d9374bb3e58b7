import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { MAX_ATTACHMENTS, PHOTO_HOLDERS, type Attachment, type AttachmentKind, type PhotosOf } from '../../types/attachments';
import { forgetUnqueuedPhotos } from '../services/photo-queue';
import { attachPhotos, previewPhoto, removePhoto, roomFor, takePhotos, waitingPhotos, type PhotoRecord } from '../services/photos';
import { discardAfterAsking, useOutbox } from '../services/sync';
import { toastError } from '../services/toast';
import { ChoiceChips } from './ChoiceChips';
import './RecordPhotos.css';

interface Props {
  of: PhotosOf;
  /** The case or session; `canEdit` (its recorder) may add and remove photos, others (supervisors above) only look. */
  record: { _id: string; attachments?: Attachment[] };
  canEdit: boolean;
  /** Where each of `record.attachments` shows from, in order. */
  urls: string[];
  /** The record changed on the server (a photo recorded or removed): read it again. */
  onChanged: () => void;
}

/** What the section is called and tells the recorder, for each kind of record. */
const WORDING: Record<PhotosOf, { title: string; hint: string; removing: string }> = {
  case: {
    title: '照片与扫描件',
    hint: `拍下签字的协议书、现场和履行凭证,随案卷保存。请勿拍摄身份证等证件或身份证号码。每起案件最多${MAX_ATTACHMENTS}张,照片在手机上压缩后上传;没有网络时先存在本机,有网络时自动上传。`,
    removing: '移除后不再列在案卷中;修改记录中仍可查到。',
  },
  session: {
    title: '现场照片',
    hint: `拍下培训现场,随培训记录保存。每场培训最多${MAX_ATTACHMENTS}张,照片在手机上压缩后上传;没有网络时先存在本机,有网络时自动上传。`,
    removing: '移除后不再列在本场培训中。',
  },
};

/** A record's photos on its page: thumbnails (tap to open), 待上传 ones still on the phone, and adding or removing them. */
export function RecordPhotos({ of, record, canEdit, urls, onChanged }: Props) {
  const { items } = useOutbox();
  const target: PhotoRecord = { of, _id: record._id };
  const waiting = waitingPhotos(items, target);
  const kinds = PHOTO_HOLDERS[of].kinds;
  const [kind, setKind] = useState<AttachmentKind>(kinds[0]);
  const [busy, setBusy] = useState(false);
  const recorded = record.attachments ?? [];

  useEffect(() => forgetUnqueuedPhotos(items), []); // eslint-disable-line react-hooks/exhaustive-deps
  // A waiting photo that left the outbox was recorded (the outbox sent it when the network came back): show it from the record.
  const waitingIds = waiting.map((p) => p.id).join(',');
  const before = useRef(waitingIds);
  useEffect(() => {
    const gone = before.current.split(',').some((id) => id && !waitingIds.split(',').includes(id));
    before.current = waitingIds;
    if (gone) onChanged();
  }, [waitingIds, onChanged]);

  if (!canEdit && !recorded.length) return null;

  const add = async (source: 'camera' | 'album') => {
    setBusy(true);
    try {
      const photos = await takePhotos(of, source, roomFor(recorded, waiting.length));
      if (!photos?.length) return;
      const { sent, queued } = await attachPhotos(target, kind, photos);
      if (sent) onChanged();
      void Taro.showToast({ title: queued ? '已存入待上传,有网络时自动上传' : '照片已保存', icon: queued ? 'none' : 'success', duration: 2500 });
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (a: Attachment) => {
    const ok = await Taro.showModal({ title: '移除这张照片?', content: WORDING[of].removing, confirmText: '移除' });
    if (!ok.confirm) return;
    try {
      const r = await removePhoto(target, a);
      if (r.outcome === 'sent') onChanged();
      else void Taro.showToast({ title: '已存入待上传,有网络时自动移除', icon: 'none', duration: 2500 });
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View id={`${of}-photos`} className='card'>
      <Text className='section-title'>
        {WORDING[of].title}({recorded.length + waiting.length}/{MAX_ATTACHMENTS})
      </Text>
      <View className='record-photos'>
        {recorded.map((a, i) => (
          <View key={a.id} className='record-photo'>
            <Image className='record-photo__img' src={urls[i]} mode='aspectFill' onClick={() => previewPhoto(urls[i], urls)} />
            <Text className='record-photo__kind'>{a.kind}</Text>
            {canEdit ? (
              <Button className='record-photo__remove' onClick={() => remove(a)}>
                移除
              </Button>
            ) : null}
          </View>
        ))}
        {waiting.map((p) => (
          <View key={p.id} className='record-photo record-photo--waiting'>
            <Image className='record-photo__img' src={p.src} mode='aspectFill' />
            <Text className='record-photo__kind'>{p.kind}</Text>
            {p.refused ? (
              <>
                <Text className='record-photo__refused'>{p.refused}</Text>
                <Button className='record-photo__remove' onClick={() => discardAfterAsking(p.write)}>
                  放弃
                </Button>
              </>
            ) : (
              <Text className='badge badge--open'>待上传</Text>
            )}
          </View>
        ))}
      </View>
      {canEdit ? (
        <>
          <Text className='muted'>{WORDING[of].hint}</Text>
          {kinds.length > 1 ? <ChoiceChips options={kinds} value={kind} onChange={(k) => setKind(k as AttachmentKind)} /> : null}
          <View className='actions'>
            <Button id='photo-camera' className='btn btn--primary' disabled={busy || undefined} loading={busy || undefined} onClick={() => add('camera')}>
              拍照
            </Button>
            <Button id='photo-album' className='btn btn--plain' disabled={busy || undefined} onClick={() => add('album')}>
              从相册选
            </Button>
          </View>
        </>
      ) : null}
    </View>
  );
}
