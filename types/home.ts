/**
 * The home page's tiles and who gets each. Built on who records what and who sees figures,
 * so a user gets a tile exactly when the functions would let them use what it opens.
 */
import { ACCOUNT_MANAGERS, DISTRICT_ACTS, IMPORTERS, RECORDERS, VIEWERS, type Role } from './org';

/** In the order the home page lists them. */
const HOME_TILES = {
  disputeForm: RECORDERS.dispute,
  myLedger: RECORDERS.dispute,
  // 矛盾纠纷排查: the rounds are recorded by those who record cases.
  screening: RECORDERS.dispute,
  trainings: RECORDERS.training,
  // 名册: supervisors too, who merge two entries of one person there.
  roster: [...RECORDERS.person, 'supervisor'],
  publicity: RECORDERS.publicity,
  summary: VIEWERS,
  report: VIEWERS,
  stats: VIEWERS,
  // 报送审核: approving is a supervisor's; the figures of who reported are theirs too.
  review: ['supervisor'],
  ledgerImport: IMPORTERS,
  // Anyone may read the settings; the tile is for those who change them.
  settings: DISTRICT_ACTS.settings,
  // 组织架构: admins change the tree below their grant.
  tree: ['admin'],
  invite: ACCOUNT_MANAGERS,
  users: ACCOUNT_MANAGERS,
} as const satisfies Record<string, readonly Role[]>;
export type HomeTile = keyof typeof HOME_TILES;

export function homeTiles(roles: readonly Role[]): HomeTile[] {
  return (Object.keys(HOME_TILES) as HomeTile[]).filter((t) => HOME_TILES[t].some((r) => roles.includes(r)));
}
