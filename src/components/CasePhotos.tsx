import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { ATTACHMENT_KINDS, MAX_ATTACHMENTS, type Attachment, type AttachmentKind } from '../../types/attachments';
import type { DisputeView } from '../../types/ledger';
import { forgetUnqueuedPhotos } from '../services/photo-queue';
import { attachPhotos, previewPhoto, removePhoto, roomFor, takePhotos, waitingPhotos } from '../services/photos';
import { discardAfterAsking, useOutbox } from '../services/sync';
import { toastError } from '../services/toast';
import { ChoiceChips } from './ChoiceChips';
import './CasePhotos.css';

interface Props {
  /** The case; `canEdit` (the recording mediator) may add and remove photos, others (supervisors above) only look. */
  view: DisputeView;
  /** The case changed on the server (a photo recorded or removed): read it again. */
  onChanged: () => void;
}

/** 照片与扫描件 on the case page: thumbnails (tap to open), 待上传 ones still on the phone, and adding or removing them. */
export function CasePhotos({ view: { record: d, canEdit, photoUrls: urls }, onChanged }: Props) {
  const { items } = useOutbox();
  const waiting = waitingPhotos(items, d._id);
  const [kind, setKind] = useState<AttachmentKind>('协议书');
  const [busy, setBusy] = useState(false);
  const recorded = d.attachments ?? [];

  useEffect(() => forgetUnqueuedPhotos(items), []); // eslint-disable-line react-hooks/exhaustive-deps
  // A waiting photo that left the outbox was recorded (the outbox sent it when the network came back): show it from the case.
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
      const photos = await takePhotos(source, roomFor(d, waiting.length));
      if (!photos?.length) return;
      const { sent, queued } = await attachPhotos(d, kind, photos);
      if (sent) onChanged();
      void Taro.showToast({ title: queued ? '已存入待上传,有网络时自动上传' : '照片已保存', icon: queued ? 'none' : 'success', duration: 2500 });
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (a: Attachment) => {
    const ok = await Taro.showModal({ title: '移除这张照片?', content: '移除后不再列在案卷中;修改记录中仍可查到。', confirmText: '移除' });
    if (!ok.confirm) return;
    try {
      const r = await removePhoto(d, a);
      if (r.outcome === 'sent') onChanged();
      else void Taro.showToast({ title: '已存入待上传,有网络时自动移除', icon: 'none', duration: 2500 });
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View id='case-photos' className='card'>
      <Text className='section-title'>照片与扫描件({recorded.length + waiting.length}/{MAX_ATTACHMENTS})</Text>
      <View className='case-photos'>
        {recorded.map((a, i) => (
          <View key={a.id} className='case-photo'>
            <Image className='case-photo__img' src={urls[i]} mode='aspectFill' onClick={() => previewPhoto(urls[i], urls)} />
            <Text className='case-photo__kind'>{a.kind}</Text>
            {canEdit ? (
              <Button className='case-photo__remove' onClick={() => remove(a)}>
                移除
              </Button>
            ) : null}
          </View>
        ))}
        {waiting.map((p) => (
          <View key={p.id} className='case-photo case-photo--waiting'>
            <Image className='case-photo__img' src={p.src} mode='aspectFill' />
            <Text className='case-photo__kind'>{p.kind}</Text>
            {p.refused ? (
              <>
                <Text className='case-photo__refused'>{p.refused}</Text>
                <Button className='case-photo__remove' onClick={() => discardAfterAsking(p.write)}>
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
          <Text className='muted'>
            拍下签字的协议书、现场和履行凭证,随案卷保存。请勿拍摄身份证等证件或身份证号码。每起案件最多{MAX_ATTACHMENTS}张,照片在手机上压缩后上传;没有网络时先存在本机,有网络时自动上传。
          </Text>
          <ChoiceChips options={ATTACHMENT_KINDS} value={kind} onChange={(k) => setKind(k as AttachmentKind)} />
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
