import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useQrCode } from '../hooks/useQrCode';
import { PAGES } from '../services/routes';

/**
 * The session's self check-in code. Browser build: a QR code of the local address of the
 * check-in page, drawn here (the `qrcode` package is loaded only in that build). WeChat:
 * the check-in page's path; turning it into a mini-program code needs WeChat's
 * server-side wxacode API, which this app does not call yet.
 */
export function CheckinCode({ trainingId, token, note }: { trainingId: string; token: string; note?: string }) {
  const query = `t=${encodeURIComponent(trainingId)}&k=${encodeURIComponent(token)}`;
  const target = process.env.TARO_ENV === 'h5' ? `${window.location.origin}/#${PAGES.checkin}?${query}` : `${PAGES.checkin.slice(1)}?${query}`;
  const qr = useQrCode(target);

  return (
    <View className='card checkin-code'>
      <Text className='section-title'>扫码签到</Text>
      {process.env.TARO_ENV === 'h5' ? (
        qr ? <Image id='checkin-qr' className='qr' src={qr} /> : <Text className='muted'>{qr === '' ? '二维码生成失败,请使用下方地址' : '正在生成二维码…'}</Text>
      ) : (
        <Text className='muted'>小程序签到页路径(用于生成小程序码):</Text>
      )}
      <Text id='checkin-url' className='qr__url' userSelect>{target}</Text>
      {/* Printed ahead: the day it works, in large type on the sheet. */}
      {note ? <View id='checkin-note' className='notice'><Text>{note}</Text></View> : null}
      <Text className='muted'>参会人员扫码后填写姓名和手机号即可签到;仅限培训当天有效。</Text>
      <Text className='link' onClick={() => Taro.setClipboardData({ data: target })}>复制{process.env.TARO_ENV === 'h5' ? '地址' : '路径'}</Text>
    </View>
  );
}
