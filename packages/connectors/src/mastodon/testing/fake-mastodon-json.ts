import type { FakeMastodonModel, StatusRef } from './fake-mastodon-model';

export const FAKE_ACCOUNT_ID = '42';
export const FAKE_USERNAME = 'townofx';
const TOPICS = ['Water main repair tonight', 'Leaf pickup starts Monday', 'Budget hearing Thursday', 'Road closed'];

/** Renders the model's statuses as Mastodon's JSON entities, on an instance at `origin`. */
export class FakeMastodonJson {
  constructor(
    private readonly model: FakeMastodonModel,
    private readonly origin: string,
  ) {}

  account(): object {
    return {
      id: FAKE_ACCOUNT_ID,
      username: FAKE_USERNAME,
      acct: FAKE_USERNAME,
      display_name: 'Town of X',
      url: `${this.origin}/@${FAKE_USERNAME}`,
    };
  }

  /** A status as `/statuses/:id` and listings show it; `broken` drops `created_at`, as a malformed item. */
  status(ref: StatusRef, step: number, broken = false): Record<string, unknown> {
    const id = this.model.idOf(ref);
    const edits = this.model.editTimes(ref, step);
    const isPost = ref.reply < 0;
    const parent = isPost ? null : this.model.parentOf(ref.post, ref.reply);
    const author = isPost ? this.account() : this.resident(ref);
    const status: Record<string, unknown> = {
      id,
      created_at: iso(this.model.created(ref, step)!),
      edited_at: edits.length > 0 ? iso(edits[edits.length - 1]) : null,
      in_reply_to_id: parent === null ? null : this.model.idOf({ post: ref.post, reply: parent }),
      in_reply_to_account_id:
        parent === null ? null : parent === -1 ? FAKE_ACCOUNT_ID : this.residentId({ post: ref.post, reply: parent }),
      sensitive: false,
      spoiler_text: '',
      visibility: isPost && this.model.isPrivate(ref.post) ? 'private' : 'public',
      language: 'en',
      uri: `${this.origin}/users/${isPost ? FAKE_USERNAME : 'resident'}/statuses/${id}`,
      url: `${this.origin}/@${isPost ? FAKE_USERNAME : 'resident'}/${id}`,
      replies_count: this.directReplies(ref, step),
      reblogs_count: 0,
      favourites_count: 0,
      content: this.content(ref, edits.length),
      reblog: null,
      account: author,
      media_attachments: this.media(ref),
      mentions: [],
      tags: [],
      emojis: [],
    };
    if (broken) delete status.created_at;
    return status;
  }

  /** `/statuses/:id/history`: the original, then each edit, oldest first. */
  history(ref: StatusRef, step: number): object[] {
    const edits = this.model.editTimes(ref, step);
    const times = [this.model.created(ref, step)!, ...edits];
    return times.map((time, version) => ({
      content: this.content(ref, version),
      spoiler_text: '',
      sensitive: false,
      created_at: iso(time),
      account: ref.reply < 0 ? this.account() : this.resident(ref),
      media_attachments: this.media(ref),
      emojis: [],
    }));
  }

  content(ref: StatusRef, version: number): string {
    const revised = version > 0 ? ` (update ${version})` : '';
    if (ref.reply < 0) {
      const topic = TOPICS[ref.post % TOPICS.length];
      return (
        `<p>${topic} &amp; notice ${ref.post}${revised}.</p><p>Details: <a href="https://town.example/n/${ref.post}" ` +
        `rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">` +
        `town.example/n/${ref.post}</span><span class="invisible"></span></a><br>Thanks!</p>`
      );
    }
    return (
      `<p><span class="h-card"><a href="${this.origin}/@${FAKE_USERNAME}" class="u-url mention">@<span>` +
      `${FAKE_USERNAME}</span></a></span> Question ${ref.reply} on notice ${ref.post}${revised}?</p>`
    );
  }

  mediaUrl(ref: StatusRef): string {
    return `${this.origin}/system/media_attachments/files/${this.model.idOf(ref)}/original/image.png`;
  }

  private media(ref: StatusRef): object[] {
    if (ref.reply >= 0 || !this.model.hasMedia(ref.post)) return [];
    const url = this.mediaUrl(ref);
    return [
      {
        id: this.model.idOf(ref),
        type: 'image',
        url,
        preview_url: url.replace('/original/', '/small/'),
        remote_url: null,
        description: `Map for notice ${ref.post}`,
        blurhash: 'UFO|b2-;~q-;-;j[j[j[~qj[M{j[',
        meta: { original: { width: 8, height: 6 } },
      },
    ];
  }

  private directReplies(ref: StatusRef, step: number): number {
    const visible = this.model.visibleReplies(ref.post, step);
    return visible.filter((reply) => this.model.parentOf(ref.post, reply) === ref.reply).length;
  }

  private residentId(ref: StatusRef): string {
    return String(1000 + this.model.residentOf(ref.post, ref.reply));
  }

  private resident(ref: StatusRef): object {
    const number = this.model.residentOf(ref.post, ref.reply);
    return {
      id: String(1000 + number),
      username: `resident${number}`,
      acct: `resident${number}@mastodon.social`,
      display_name: `Resident ${number}`,
      url: `https://mastodon.social/@resident${number}`,
    };
  }
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
