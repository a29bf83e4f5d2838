/**
 * The emulated Drive: who may open and edit each file, resolved the way Drive resolves it.
 *
 * Why a model of its own: the product's hardest promise ("who may see what") rests on Drive sharing,
 * so the emulator must never grant more than Google would. A person's access to a file is the best
 * role among their direct share, every Google Group they are in (groups may nest) and the file's
 * link sharing; the owner always has it; a trashed file gives nobody anything. The school's admin
 * policy for sharing outside the domain is modelled too, because it changes what a script's
 * addEditor may do and who keeps access.
 *
 * Emails compare case-insensitively; the stored sets keep the address as it was given.
 */

export type FileKind = 'spreadsheet' | 'form';
/** A person's effective role on a file. */
export type DriveRole = 'owner' | 'editor' | 'commenter' | 'viewer';
/** A role a file can be shared with. */
export type ShareRole = 'editor' | 'commenter' | 'viewer';
/** Who the link opens the file for: nobody, people signed in at the school's domain, anyone. */
export type LinkAudience = 'none' | 'domain' | 'anyone';
export type LinkRole = 'viewer' | 'editor';
/** The domain admin's setting for sharing outside the domain (Admin console › Drive › Sharing options). */
export type OutsideSharingPolicy = 'allowed' | 'warned' | 'blocked';

export interface LinkSharing {
  audience: LinkAudience;
  role: LinkRole;
}

/** A Drive file's identity and sharing. */
export interface DriveFile {
  id: string;
  kind: FileKind;
  name: string;
  owner: string;
  /** Direct shares, people or group addresses. A principal is in at most one of the three sets. */
  editors: Set<string>;
  commenters: Set<string>;
  viewers: Set<string>;
  link: LinkSharing;
  trashed: boolean;
}

const RANK: Record<DriveRole, number> = { viewer: 1, commenter: 2, editor: 3, owner: 4 };

export const lower = (email: string): string => email.trim().toLowerCase();
export const domainOf = (email: string): string => lower(email).slice(lower(email).lastIndexOf('@') + 1);

/**
 * The refusal when the admin has turned sharing outside the domain off (the self-test's refusedShare check
 * records the tenant's own text). (unconfirmed: no Apps Script
 * text for this refusal could be found; Drive's API reports it with the reason `shareOutNotPermitted`.)
 */
export const outsideSharingBlocked = (email: string, domain: string): string =>
  `Sharing with ${email} is not allowed: the administrator of ${domain} has turned off sharing outside the domain.`;

/**
 * The refusal of domain link sharing for a file owned by a consumer account. The Drive reference for
 * `Access.DOMAIN_WITH_LINK`: "This setting is available only for users of a Google Workspace domain."
 * https://developers.google.com/apps-script/reference/drive/access (message text unconfirmed)
 */
export const NO_WORKSPACE_DOMAIN =
  'Domain sharing is available only for files owned by a Google Workspace domain.';

const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export class DriveStore {
  readonly files = new Map<string, DriveFile>();
  /** Google Groups: group address → member addresses (people or groups), all lower-case. */
  private readonly groups = new Map<string, Set<string>>();
  private policy: OutsideSharingPolicy = 'allowed';
  private seq = 0;

  /** @param schoolOwner the workspace owner (read when needed); their domain is the school's domain. */
  constructor(private readonly schoolOwner: () => string) {}

  /** The school's domain: the domain of the workspace owner. */
  get domain(): string {
    return domainOf(this.schoolOwner());
  }

  get outsideSharingPolicy(): OutsideSharingPolicy {
    return this.policy;
  }

  create(kind: FileKind, name: string, owner: string): DriveFile {
    this.seq += 1;
    const prefix = kind === 'spreadsheet' ? 'ss' : 'fm';
    const id = `${prefix}${String(this.seq).padStart(4, '0')}${'x'.repeat(36)}`.slice(0, 44);
    const file: DriveFile = {
      id,
      kind,
      name,
      owner,
      editors: new Set(),
      commenters: new Set(),
      viewers: new Set(),
      link: { audience: 'none', role: 'viewer' },
      trashed: false,
    };
    this.files.set(id, file);
    return file;
  }

  get(id: string): DriveFile | undefined {
    return this.files.get(id);
  }

  private fileOrThrow(fileId: string): DriveFile {
    const file = this.files.get(fileId);
    if (!file) throw new Error(`no Drive file ${fileId}`);
    return file;
  }

  // --- groups ----------------------------------------------------------------------------------------

  isGroup(email: string): boolean {
    return this.groups.has(lower(email));
  }

  /** Whether `email` is in `group`, directly or through a nested group. */
  isMember(email: string, group: string, seen: Set<string> = new Set()): boolean {
    const g = lower(group);
    const members = this.groups.get(g);
    if (!members || seen.has(g)) return false;
    seen.add(g);
    const e = lower(email);
    if (members.has(e)) return true;
    for (const m of members) if (this.groups.has(m) && this.isMember(e, m, seen)) return true;
    return false;
  }

  /** Whether `principal` (a person or a group on some list) stands for `email`. */
  covers(principal: string, email: string): boolean {
    return lower(principal) === lower(email) || this.isMember(email, principal);
  }

  // --- resolving access --------------------------------------------------------------------------------

  private outside(email: string): boolean {
    return domainOf(email) !== this.domain;
  }

  /**
   * The best role `email` has on the file, or null. With outside sharing blocked, an account outside
   * the domain keeps nothing it was given before, as a person or through a group (a Workspace admin's
   * report: files shared with @gmail.com addresses showed "Permission required" once the setting was
   * on, and adding the outside address to a group did not help; https://codenote.net/en/posts/2693 —
   * not in Google's own reference, so unconfirmed; the stricter reading).
   */
  roleOf(email: string, fileId: string): DriveRole | null {
    const f = this.files.get(fileId);
    if (!f || f.trashed) return null;
    const e = lower(email);
    if (lower(f.owner) === e) return 'owner';
    if (this.policy === 'blocked' && this.outside(e)) return null;
    let best: DriveRole | null = null;
    const offer = (role: DriveRole): void => {
      if (best === null || RANK[role] > RANK[best]) best = role;
    };
    const lists: Array<[Set<string>, ShareRole]> = [
      [f.editors, 'editor'],
      [f.commenters, 'commenter'],
      [f.viewers, 'viewer'],
    ];
    for (const [set, role] of lists) for (const p of set) if (this.covers(p, e)) offer(role);
    // Link sharing: whoever has the link. The emulator assumes a link reaches anyone it may reach.
    if (f.link.audience === 'anyone' || (f.link.audience === 'domain' && !this.outside(e)))
      offer(f.link.role);
    return best;
  }

  canEdit(email: string, id: string): boolean {
    const role = this.roleOf(email, id);
    return role === 'owner' || role === 'editor';
  }

  /** Owner, editor, commenter or viewer: can open the file. */
  canView(email: string, id: string): boolean {
    return this.roleOf(email, id) !== null;
  }

  /** Every file the person can open (owner, editor, commenter, viewer, through a group or the link). */
  openableBy(email: string): DriveFile[] {
    return [...this.files.values()].filter((f) => this.canView(email, f.id));
  }

  /** Whether every account at the school's domain can edit the file (through its link sharing). */
  domainCanEdit(fileId: string): boolean {
    const f = this.files.get(fileId);
    return !!f && !f.trashed && f.link.role === 'editor' && f.link.audience !== 'none';
  }

  // --- sharing (used by the script facades and the test side) ------------------------------------------

  /**
   * Throws where the admin policy forbids sharing with `email`. 'warned' lets it through: the Admin
   * help says the warning is shown "in Docs editor or Drive sharing dialogs when users share files
   * outside your organization" (Admin help, "Set sharing permissions"), and a script has no dialog
   * (that scripts see no warning: unconfirmed).
   */
  /** Whether the admin's policy forbids sharing with `email`. */
  refuses(email: string): boolean {
    return this.policy === 'blocked' && this.outside(email);
  }

  assertMayShareWith(email: string): void {
    if (this.policy === 'blocked' && this.outside(email)) {
      throw new Error(outsideSharingBlocked(email, this.domain));
    }
  }

  /** The direct share of `email` on the file, if any. */
  directRole(fileId: string, email: string): ShareRole | null {
    const f = this.fileOrThrow(fileId);
    const e = lower(email);
    if ([...f.editors].some((x) => lower(x) === e)) return 'editor';
    if ([...f.commenters].some((x) => lower(x) === e)) return 'commenter';
    if ([...f.viewers].some((x) => lower(x) === e)) return 'viewer';
    return null;
  }

  /** Removes `email` from every direct-share list of the file. */
  private clearDirect(f: DriveFile, email: string): void {
    const e = lower(email);
    for (const set of [f.editors, f.commenters, f.viewers]) {
      for (const x of [...set]) if (lower(x) === e) set.delete(x);
    }
  }

  /** Sets the direct share of `email` to exactly `role` (no effect on the owner). */
  setDirect(fileId: string, email: string, role: ShareRole): void {
    const f = this.fileOrThrow(fileId);
    if (lower(f.owner) === lower(email)) return;
    this.clearDirect(f, email);
    const set = role === 'editor' ? f.editors : role === 'commenter' ? f.commenters : f.viewers;
    set.add(email);
  }

  /** Removes a direct share (role `only`, if given: other roles are left alone). */
  removeDirect(fileId: string, email: string, only?: ShareRole | ShareRole[]): void {
    const f = this.fileOrThrow(fileId);
    const roles = only === undefined ? null : Array.isArray(only) ? only : [only];
    const current = this.directRole(fileId, email);
    if (current === null || (roles !== null && !roles.includes(current))) return;
    this.clearDirect(f, email);
  }

  // --- test side: people and the admin -------------------------------------------------------------

  /** A person shares the file in the Drive UI (subject to the outside-sharing policy). */
  share(fileId: string, email: string, role: ShareRole): void {
    this.fileOrThrow(fileId);
    this.assertMayShareWith(email);
    this.setDirect(fileId, email, role);
  }

  /** A person removes someone's direct share in the Drive UI. */
  unshare(fileId: string, email: string): void {
    this.removeDirect(fileId, email);
  }

  /** Creates (or replaces) a Google Group. */
  addGroup(groupEmail: string, members: string[]): void {
    this.groups.set(lower(groupEmail), new Set(members.map(lower)));
  }

  addGroupMember(groupEmail: string, member: string): void {
    const members = this.groups.get(lower(groupEmail));
    if (!members) throw new Error(`no group ${groupEmail}`);
    members.add(lower(member));
  }

  removeGroupMember(groupEmail: string, member: string): void {
    const members = this.groups.get(lower(groupEmail));
    if (!members) throw new Error(`no group ${groupEmail}`);
    members.delete(lower(member));
  }

  /**
   * The file's link sharing. The Drive reference (`Access`): "Domain administrators can prohibit this
   * setting [ANYONE, ANYONE_WITH_LINK] for users of a Google Workspace domain", and DOMAIN_WITH_LINK "is
   * available only for users of a Google Workspace domain".
   * https://developers.google.com/apps-script/reference/drive/access
   */
  setLinkSharing(fileId: string, audience: LinkAudience, role: LinkRole = 'viewer'): void {
    const f = this.fileOrThrow(fileId);
    if (audience === 'anyone' && this.policy === 'blocked') {
      throw new Error(outsideSharingBlocked('anyone with the link', this.domain));
    }
    if (audience === 'domain' && CONSUMER_DOMAINS.has(domainOf(f.owner)))
      throw new Error(NO_WORKSPACE_DOMAIN);
    f.link = { audience, role };
  }

  setOutsideSharingPolicy(policy: OutsideSharingPolicy): void {
    this.policy = policy;
  }

  /** Moves the file to the trash: nobody can open or edit it. */
  trash(fileId: string): void {
    this.fileOrThrow(fileId).trashed = true;
  }

  /** JSON for the workspace snapshot: the policy, the groups and every file's sharing. */
  snapshot(): Record<string, unknown> {
    return {
      domain: this.domain,
      outsideSharingPolicy: this.policy,
      groups: Object.fromEntries([...this.groups].map(([g, m]) => [g, [...m].sort()])),
      files: [...this.files.values()].map((f) => DriveStore.sharingJson(f)),
    };
  }

  static sharingJson(f: DriveFile): Record<string, unknown> {
    return {
      id: f.id,
      kind: f.kind,
      name: f.name,
      owner: f.owner,
      editors: [...f.editors],
      commenters: [...f.commenters],
      viewers: [...f.viewers],
      linkSharing: { ...f.link },
      trashed: f.trashed,
    };
  }
}
