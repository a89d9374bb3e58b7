/** The first admin of a new deployment: a one-time link whose opener joins as the district's admin. */
import { bootstrapInvitation } from '../../cloudfunctions/core/app/invitations';
import { C, type Store } from '../../cloudfunctions/core/platform/port';

/** Until someone has joined, `npm run serve` makes a fresh link at each start. */
export async function nobodyYet(store: Store): Promise<boolean> {
  return (await store.count(C.users, {})) === 0;
}

/** A fresh single-use admin invitation (24 h) as the join page's link. The district is named on a new store only. */
export async function bootstrapLink(store: Store, now: Date, baseUrl: string, districtName = process.env.DISTRICT_NAME ?? '本区'): Promise<string> {
  const code = await bootstrapInvitation(store, now, districtName);
  return `${baseUrl.replace(/\/+$/, '')}/#/pages/join/index?code=${code}`;
}

export function printBootstrap(link: string): void {
  console.log(`\n首位管理员:请在 24 小时内用浏览器打开下面的一次性链接,设置手机号和密码,成为本区管理员:\n  ${link}\n`);
}
