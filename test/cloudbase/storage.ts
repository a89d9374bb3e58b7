/**
 * Cloud storage, stood in for on the test's side (the parent process).
 *
 * Where the SDK is intercepted (see hook.js): `app.uploadFile`, `app.downloadFile` and
 * `app.getTempFileURL` each start with one CloudBase API call through
 * `tcbapirequester.request` (`storage.getUploadMetadata`, `storage.batchGetDownloadUrl`); the
 * file's bytes then travel by plain HTTP to the URL that call answered (a PUT to COS, a GET of
 * the temporary URL). Only that API call is replaced: `api()` below answers it with URLs on
 * the stand-in's HTTP server, so the SDK's own upload and download code moves the bytes.
 *
 * Modelled: file IDs of CloudBase's form (`cloud://<env>.<bucket>/<path>`), overwrite on the
 * same path, a missing file's `STORAGE_FILE_NONEXIST` in the download list. Not modelled:
 * permissions, URL expiry, size limits, COS signatures.
 */

/** The COS-like route the byte transfers use; serve.ts mounts it. */
export const COS_ROUTE = '/cos/';

interface DownloadItem {
  fileID: string;
  code: string;
  tempFileURL: string;
}

export class StorageStandIn {
  private readonly files = new Map<string, Buffer>();
  readonly stats = { uploads: 0, downloads: 0 };

  constructor(
    readonly env = 'standin-env',
    private readonly bucket = '7374-standin-1250000000',
  ) {}

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.env}.${this.bucket}/${cloudPath}`;
  }

  /** The cloud path a file ID of this bucket names, or undefined. */
  private pathOf(fileId: string): string | undefined {
    const prefix = `cloud://${this.env}.${this.bucket}/`;
    return fileId.startsWith(prefix) ? fileId.slice(prefix.length) : undefined;
  }

  /** Stores a file as a phone's upload would; answers its file ID. */
  put(cloudPath: string, bytes: Uint8Array): string {
    this.files.set(cloudPath, Buffer.from(bytes));
    return this.fileIdOf(cloudPath);
  }

  get(fileId: string): Buffer | undefined {
    const p = this.pathOf(fileId);
    return p === undefined ? undefined : this.files.get(p);
  }

  /** Cloud paths stored, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The HTTP side: a PUT to COS. */
  receive(cloudPath: string, bytes: Buffer): void {
    this.stats.uploads += 1;
    this.files.set(cloudPath, bytes);
  }

  /** The HTTP side: a GET of a temporary URL. */
  send(cloudPath: string): Buffer | undefined {
    this.stats.downloads += 1;
    return this.files.get(cloudPath);
  }

  /**
   * Answers a storage action of the CloudBase API as the SDK's `tcbapirequester.request`
   * returns it. `baseUrl` is the stand-in's server, where the byte transfers go.
   */
  api(action: string, params: Record<string, unknown>, baseUrl: string): unknown {
    const requestId = `standin-${action}`;
    // A temporary URL as CloudBase hands it out: the path unencoded, since downloadFile runs encodeURI on it.
    const urlOf = (cloudPath: string) => `${baseUrl}${COS_ROUTE}${cloudPath}`;
    if (action === 'storage.getUploadMetadata') {
      const cloudPath = String(params.path ?? '');
      if (!cloudPath) return { code: 'INVALID_PARAM', message: 'cloudPath 不能为空', requestId };
      return {
        requestId,
        data: {
          url: encodeURI(urlOf(cloudPath)),
          token: 'standin-token',
          authorization: 'standin-authorization',
          fileId: this.fileIdOf(cloudPath),
          cosFileId: `standin-cos-${cloudPath}`,
        },
      };
    }
    if (action === 'storage.batchGetDownloadUrl') {
      const list = (params.file_list ?? []) as { fileid: string }[];
      const download_list: DownloadItem[] = list.map(({ fileid }) => {
        const p = this.pathOf(fileid);
        return p !== undefined && this.files.has(p)
          ? { fileID: fileid, code: 'SUCCESS', tempFileURL: urlOf(p) }
          : { fileID: fileid, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' };
      });
      return { requestId, data: { download_list } };
    }
    return { code: 'STANDIN_UNSUPPORTED', message: `the storage stand-in does not model ${action}`, requestId };
  }
}
