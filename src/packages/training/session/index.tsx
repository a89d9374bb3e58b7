import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { CheckinCode } from '../../../components/CheckinCode';
import { KeyValue } from '../../../components/KeyValue';
import { RecordPhotos } from '../../../components/RecordPhotos';
import { StateView } from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { PAGES } from '../../../services/routes';
import { confirmAndRemove } from '../../../services/toast';
import { getTraining, removeTraining } from '../../../services/training';
import { unitNamer } from '../../../services/units';
import { OfflineNotice } from '../../../components/OfflineNotice';
import { sessionDayView } from '../../../services/trainer-work';
import { Attendance } from './Attendance';
import { AttendanceSheet } from './AttendanceSheet';

/** One session: its details, its check-in code, and attendance taken from the area's roster. */
export default function SessionPage() {
  const id = useRouter().params.id ?? '';
  const me = useMe();
  const view = useRemote(() => getTraining(id), [id]);
  useDidShow(() => view.reload());

  if (!view.data) return <StateView loading={view.loading} error={view.error} onRetry={view.retry} />;
  const { training: t, canEdit, checkinToken } = view.data;
  const day = sessionDayView(t.date);

  const remove = () =>
    confirmAndRemove({ title: '删除这场培训?', content: '删除后其签到不再计入覆盖人数。' }, () => removeTraining(t), PAGES.trainingList);

  return (
    <View className='page'>
      <OfflineNotice at={view.offlineAt} />
      <View className='card'>
        <Text id='session-topic' className='case__type'>{t.topic}</Text>
        <KeyValue k='培训类别' v={t.category} />
        <KeyValue k='日期' v={t.date} />
        <KeyValue k='单位' v={unitNamer(me.data)(t.unitId)} />
        <KeyValue k='培训人' v={t.trainer} />
        <KeyValue k='地点' v={t.place} />
        <KeyValue k='学时' v={t.hours || undefined} />
        {canEdit ? (
          <View className='actions'>
            <Button className='btn btn--plain' onClick={() => Taro.navigateTo({ url: `${PAGES.trainingForm}?id=${t._id}` })}>修改</Button>
            <Button className='btn btn--danger' onClick={remove}>删除</Button>
          </View>
        ) : null}
      </View>
      {checkinToken && day.showCode ? <CheckinCode trainingId={t._id} token={checkinToken} note={day.codeNote} /> : null}
      {day.notYet ? <View id='not-yet' className='notice'><Text>{day.notYet}</Text></View> : null}
      <AttendanceSheet trainingId={t._id} />
      <RecordPhotos of='session' record={t} canEdit={canEdit} urls={view.data.photoUrls} onChanged={view.reload} />
      <Attendance t={t} canEdit={canEdit && day.mayTick} me={me.data} />
    </View>
  );
}
