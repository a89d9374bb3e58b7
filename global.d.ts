/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
    /** CloudBase environment id for the weapp build (see README). */
    TARO_APP_CLOUD_ENV?: string;
  }
}
