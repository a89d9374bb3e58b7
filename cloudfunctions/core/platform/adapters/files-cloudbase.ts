/** Files in CloudBase cloud storage. */
import tcb from '@cloudbase/node-sdk';
import type { FileStore } from '../port';

type App = ReturnType<typeof tcb.init>;

export class CloudbaseFileStore implements FileStore {
  constructor(private readonly app: App) {}

  async put(path: string, bytes: Uint8Array) {
    const res = await this.app.uploadFile({ cloudPath: path, fileContent: Buffer.from(bytes) });
    const fileId = res.fileID as string;
    return { fileId, url: await this.url(fileId) };
  }

  async get(fileId: string) {
    const res = await this.app.downloadFile({ fileID: fileId });
    return new Uint8Array(res.fileContent as Buffer);
  }

  async url(fileId: string) {
    const res = await this.app.getTempFileURL({ fileList: [fileId] });
    return res.fileList[0].tempFileURL as string;
  }
}
