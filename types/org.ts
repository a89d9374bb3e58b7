import * as v from 'valibot';

export const UNIT_KINDS = ['区', '乡镇街道', '村社区', '区直'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A node of the organisation tree. `path` lists ancestor ids from the district down to itself. */
export interface Unit {
  _id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  path: string[];
  /** 已撤销: no new records in it; what was recorded stays in the figures. */
  retired?: boolean;
  /** 不需报送: records nothing by nature (区司法局), so it is not expected in the reporting cycle. */
  exempt?: boolean;
  /** 单位简称 in its case numbers (types/case-no.ts); unset: made from its name. */
  shortCode?: string;
}

export const ROLES = ['mediator', 'trainer', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  mediator: '调解员',
  trainer: '培训员',
  supervisor: '主管',
  admin: '管理员',
};

/** Who may record what: the roles the functions authorise a save by, and the units a form offers. */
export const RECORDERS = {
  dispute: ['mediator'],
  training: ['trainer', 'admin'],
  publicity: ['trainer', 'mediator', 'admin'],
  person: ['trainer', 'mediator', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

/** Who may list an area's records of a kind (培训, 宣传活动, 名册): those who record them, and supervisors. */
export function listersOf(kind: keyof typeof RECORDERS): Role[] {
  return [...RECORDERS[kind], 'supervisor'];
}

/** Who sees an area's figures (汇总, 数字明细, 年度报告). */
export const VIEWERS = ['supervisor', 'admin'] as const satisfies readonly Role[];
/** Who invites and administers users, for the units they reach (what they may grant: types/account.ts grantableRoles). */
export const ACCOUNT_MANAGERS = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** Who may take in a ledger (导入台账) for the units they reach. */
export const IMPORTERS = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** District-wide acts: allowed only to a grant at the top of the tree (`districtGrant`). */
export const DISTRICT_ACTS = {
  lock: ['supervisor'],
  settings: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

/** A role held at one unit; it reaches that unit and everything below it. */
export interface RoleGrant {
  role: Role;
  unitId: string;
}

/** A registered user. `_id` is the WeChat OPENID the platform hands the function. */
export interface User {
  _id: string;
  name: string;
  roles: RoleGrant[];
  /** Normalised mobile (11 digits), given when joining; unique among users. */
  phone?: string;
  /** Absent = active; a deactivated user can neither sign in nor write. */
  active?: boolean;
  /** When they last called a function, kept to the hour. */
  lastActiveAt?: string;
  createdAt?: string;
  /** Counts the administrative changes to this user, naming their audit lines (absent = none yet). */
  version?: number;
}

export const UnitIdSchema = v.pipe(v.string('请选择单位'), v.minLength(1, '请选择单位'), v.maxLength(200, '单位不存在'));

/** What `me.whoami` answers: who I am, where I can record, and my form defaults. */
export interface Me {
  user: { name: string; roles: RoleGrant[] };
  units: Unit[];
  disputeTypes: readonly string[];
  defaults: { unitId?: string; channel?: string; type?: string };
}
