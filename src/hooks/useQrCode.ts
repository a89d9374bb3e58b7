import { useEffect, useState } from 'react';

/**
 * A QR code of `target` as an image URL, in the browser build only (the `qrcode` package is
 * loaded there on first use). undefined while it is made, '' when making it failed.
 */
export function useQrCode(target: string): string | undefined {
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    // A block, not an early return: webpack drops the import from the WeChat bundle only inside a constant-false branch.
    if (process.env.TARO_ENV === 'h5') {
      let live = true;
      import('qrcode')
        .then((QRCode) => QRCode.toDataURL(target, { margin: 1, width: 480, errorCorrectionLevel: 'M' }))
        .then((url) => live && setQr(url), () => live && setQr(''));
      return () => {
        live = false;
      };
    }
  }, [target]);
  return qr;
}
