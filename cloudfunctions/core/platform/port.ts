/**
 * The one data-access port. Everything the handlers and domain need from a database,
 * in MongoDB JSON terms so that CloudBase takes it as is (`options({ raw: true })`)
 * and the embedded adapter can reproduce its meaning on one machine.
 */
import type { PushKind, PushMessage } from '../../../types/notify';
import type { User } from '../../../types/org';

export interface Doc {
  _id: string;
}

/** A MongoDB query document: `{ mediatorId: 'x', resolvedDate: { $gte: '2024-01-01' } }`. */
export type Filter = Record<string, unknown>;

/** The condition a search box's text makes: the text anywhere in the field, its regex metacharacters taken literally. */
export function containsText(text: string): { $regex: string } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') };
}

/** A MongoDB aggregation pipeline: `[{ $match: … }, { $group: … }]`. */
export type Pipeline = Record<string, unknown>[];

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  /** Adapters page through results; unset means all matches. */
  limit?: number;
}

/**
 * Operations allowed inside a transaction: single documents by id only, because
 * that is all a CloudBase transaction may hold.
 */
export interface Tx {
  /**
   * Which shard of the documents every writer adds to (the rollups) this attempt writes:
   * an engine with many concurrent writers picks one at random per attempt so that they
   * rarely collide; unset (0) where writes take turns anyway.
   */
  readonly shard?: number;
  get<T extends Doc>(coll: string, id: string): Promise<T | null>;
  /** Create or replace the whole document. */
  set<T extends Doc>(coll: string, doc: T): Promise<void>;
  remove(coll: string, id: string): Promise<void>;
}

export interface Store extends Tx {
  find<T extends Doc>(coll: string, filter: Filter, opts?: FindOptions): Promise<T[]>;
  count(coll: string, filter: Filter): Promise<number>;
  aggregate<T>(coll: string, pipeline: Pipeline): Promise<T[]>;
  /**
   * Runs `fn` atomically: all of its writes land or none do. The adapter may run
   * `fn` again on a write conflict, so `fn` must only read and write through `tx`.
   */
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  /**
   * How many small units of work (rows of a ledger import) one transaction should carry:
   * what this engine commits quickly and can hold. Unset: one per transaction.
   */
  readonly batchSize?: number;
  close(): Promise<void>;
}

/**
 * Files (evidence photos, exported reports, uploaded ledgers): cloud storage on
 * CloudBase, a folder under DATA_DIR locally. `url` is what a client downloads from.
 */
export interface FileStore {
  put(path: string, bytes: Uint8Array): Promise<{ fileId: string; url: string }>;
  get(fileId: string): Promise<Uint8Array>;
  /** A URL the client can fetch the file from now (CloudBase's are temporary). */
  url(fileId: string): Promise<string>;
}

/**
 * The platform's push channel (WeChat's 订阅消息 on CloudBase): it knows the template each kind
 * is sent with, and sends one message to one user (by the OPENID that is their id).
 */
export interface Notifier {
  /** The template a phone asks its user to accept for this kind; undefined when none is configured. */
  templateOf(kind: PushKind): string | undefined;
  /** True when the platform took the message; false when it refused it (the user withdrew, the template changed, …). */
  push(userId: string, message: PushMessage): Promise<boolean>;
}

/** What a use case runs with: the platform's store and files, and its clock. */
export interface Deps {
  store: Store;
  files: FileStore;
  now: () => Date;
  /** Absent where the platform has no push channel: notices then show in the app only. */
  notifier?: Notifier;
}

/** A registered user's call: whose OPENID the platform vouched for. */
export interface Call extends Deps {
  caller: User;
}

/** Collection names, one place. */
export const C = {
  units: 'units',
  users: 'users',
  disputes: 'disputes',
  rollups: 'rollups',
  audit: 'audit',
  settings: 'settings',
  people: 'people',
  trainings: 'trainings',
  publicity: 'publicity',
  /** 矛盾纠纷排查 rounds (排查次数, 发现, 预防 of the monthly statistics). */
  screenings: 'screenings',
  /** Per unit × period × person: how many counted sessions they attended (for distinct T2). */
  coverage: 'coverage',
  locks: 'locks',
  /** Invitations to join at a unit in a role (issue 12), by the id the inviting phone made. */
  invitations: 'invitations',
  /** One-time password-reset tokens, keyed by the token's sha256 (the token itself is never stored). */
  resets: 'resets',
  /** One per in-app ledger import: how far it has got, for the page to show while it runs. */
  imports: 'imports',
  /** One per unit being moved in the tree: where it goes and how far the move has got, so it can resume. */
  moves: 'moves',
  /** `npm run serve`'s sign-in sessions, by a hash of the cookie's id (scripts/auth/). */
  sessions: 'sessions',
  /** `npm run serve`'s password hashes, by user id, with the normalized phone one signs in with. */
  credentials: 'credentials',
  /** Who put each stored file and for which unit: the gateway's /files/ checks it. */
  files: 'files',
  /** Which user a normalized phone belongs to, by the phone: claimed in a join's transaction, so two joining at once with one number cannot both have it. */
  phones: 'phones',
  /** The reporting cycle: one per unit × month submitted (上报 / 审核 / 退回), keyed `${unitId}:${period}`. */
  submissions: 'submissions',
  /** Notices on a unit's home page: 提醒报送 (kind remind), a 重大/群体性 case (kind flag, types/alerts.ts). */
  notices: 'notices',
  /** One-time grants to push a user a message (订阅消息), each used by one message. */
  subscriptions: 'subscriptions',
  /** 案号 counters, one per unit × year (`caseNo:${unitId}:${year}`): the last N given. */
  counters: 'counters',
} as const;

export type Collection = (typeof C)[keyof typeof C];

/**
 * The indexes the functions' filters and sorts use, per collection: each a list of fields, one
 * compound index, equality fields first, then the sort, then a range (so one index serves the
 * query whole). `npm run cloud -- init` creates them on CloudBase, the embedded store the same
 * (EMBEDDED_INDEXES; those an array field leads as side tables, EMBEDDED_MULTIKEY). Collections
 * read by `_id` alone need none.
 */
export const INDEXES: Record<Collection, readonly (readonly string[])[]> = {
  // A unit's children; a subtree (every unit whose path holds the root).
  units: [['parentId'], ['path']],
  // A user by the phone they join with (unique among users).
  users: [['phone']],
  disputes: [
    // 我的台账, newest first (an import's rows share createdAt: then by 受理日期).
    ['mediatorId', 'createdAt', 'acceptedDate'],
    // 我的台账 of one 受理月份, by 受理日期: the month's page walks only its own cases.
    ['mediatorId', 'acceptedDate', 'createdAt'],
    // The records behind D1–D4: a subtree's 调解成功 cases of a period, newest first (the channel
    // is checked on each: an index holding it before the date could not hold the order).
    ['unitPath', 'outcome', 'resolvedDate'],
    // 台账导出: a subtree's cases accepted, and those resolved, on each day of the year.
    ['unitPath', 'acceptedDate'],
    ['unitPath', 'resolvedDate'],
    // The home page's counts (dueFilter): a mediator's 在办 and 司法确认待申请 (outcome, then the
    // 30-day window), and the 回访 due by today, the mediator's and a subtree's.
    ['mediatorId', 'outcome', 'resolvedDate'],
    ['mediatorId', 'followUpDue'],
    ['unitPath', 'followUpDue'],
  ],
  // Shards of a rollup, read by unit and period.
  rollups: [['unitId', 'period']],
  // A record's 修改记录.
  audit: [['recordId']],
  settings: [],
  // The same person by phone in a village (a village's roster); a subtree's roster by name, and a name in it.
  people: [['unitId', 'phoneKey'], ['unitPath', 'name']],
  // A subtree's sessions and activities of a year, newest first; one user's (用户管理's record count,
  // a trainer's totals of a year); a person's 培训记录, newest first (attendees: each tick an entry).
  trainings: [['unitPath', 'date'], ['createdBy', 'date'], ['attendees', 'date']],
  publicity: [['unitPath', 'date'], ['createdBy']],
  // A subtree's 排查 rounds, newest first.
  screenings: [['unitPath', 'date']],
  // Read by _id ranges (unit × period prefixes).
  coverage: [],
  locks: [],
  // The join page's look-up by code; a subtree's invitations, newest first.
  invitations: [['code'], ['unitPath', 'createdAt']],
  resets: [],
  imports: [],
  // The running move, if any (a handful of documents).
  moves: [['state']],
  // A user's sessions, ended together on a password reset.
  sessions: [['userId']],
  // Sign-in by phone.
  credentials: [['phone']],
  // Exports older than a day, for the hourly clean-up.
  files: [['temporary', 'at']],
  phones: [],
  // A subtree's months in the cycle (报送情况 over a year).
  submissions: [['unitPath', 'period']],
  // A unit's notices, newest first (the home page).
  notices: [['unitId', 'at']],
  // A user's grants of a kind (how many left); the grants of a kind held at the units reminded.
  subscriptions: [['userId', 'kind'], ['kind', 'unitIds']],
  counters: [],
};

/** An index's name on CloudBase: its fields joined. */
export const indexName = (fields: readonly string[]): string => fields.join('_');
