/** 账号: invitations (invite, list, revoke; preview and join by code) and 用户管理 (list, roles, move, deactivate, reset link). */
import {
  ActiveInput, InvitationCodeRef, InvitationInput, InvitationListQuery, InvitationRef, JoinInput, MoveUserInput, RoleChange, UserListQuery, UserRef,
} from '../../types/account';
import { invite, join, listInvitations, previewInvitation, revokeInvitation } from '../core/app/invitations';
import { grantRole, listUsers, moveUser, resetLink, revokeRole, setActive } from '../core/app/users';
import { parse, type CloudFunction } from '../core/platform/runtime';

export const account: CloudFunction = {
  invite: (payload, call) => invite(call, parse(InvitationInput, payload)),
  invitations: (payload, call) => listInvitations(call, parse(InvitationListQuery, payload ?? {})),
  revoke: (payload, call) => revokeInvitation(call, parse(InvitationRef, payload).id),
  preview: { public: true, run: (payload, deps) => previewInvitation(deps, parse(InvitationCodeRef, payload).code) },
  join: { joining: true, run: (payload, deps, openid) => join(deps, openid, parse(JoinInput, payload)) },
  users: (payload, call) => listUsers(call, parse(UserListQuery, payload ?? {})),
  grant: (payload, call) => grantRole(call, parse(RoleChange, payload)),
  revokeRole: (payload, call) => revokeRole(call, parse(RoleChange, payload)),
  moveUser: (payload, call) => moveUser(call, parse(MoveUserInput, payload)),
  setActive: (payload, call) => setActive(call, parse(ActiveInput, payload)),
  resetLink: (payload, call) => resetLink(call, parse(UserRef, payload).userId),
};
