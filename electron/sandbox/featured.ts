// The hand-written featured members (resources/sandbox/featured-members.json). Imported as a JSON module so a
// bundler inlines it and the packaged app needs no file lookup.
import type { Profile } from '../haravan/types.ts';
import featuredFile from '../../resources/sandbox/featured-members.json' with { type: 'json' };
import type { Member } from './state.ts';

export interface FeaturedMember extends Member {
  /** Why this member exists: the case it lets tests, docs and Training mode show. */
  why: string;
}

export function featuredMembers(): FeaturedMember[] {
  return (featuredFile.members as unknown as FeaturedMember[]).map((member) => ({
    why: member.why,
    tags: member.tags,
    profile: structuredClone(member.profile) as Profile,
  }));
}
