import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/** A desk-width window (WeChat's PC client, a browser): wide enough for a table instead of cards. */
const DESK_WIDTH = 768;

const isWide = () => Taro.getWindowInfo().windowWidth >= DESK_WIDTH;

/** True while the window is desk-width; follows the window as it is resized. */
export function useWideWindow(): boolean {
  const [wide, setWide] = useState(isWide);
  useEffect(() => {
    // The window is asked again: the browser build's resize event carries the screen's size, not the window's.
    const onResize = () => setWide(isWide());
    Taro.onWindowResize(onResize);
    return () => Taro.offWindowResize(onResize);
  }, []);
  return wide;
}
