import {
  fromColumnBatch,
  toColumnBatch,
  type Attachment,
  type ColumnBatch,
  type FieldList,
  type PreparedItem,
} from '@verbatim/core';

type ScalarItemField = Exclude<keyof PreparedItem, 'author' | 'attachments'>;

const ITEM_FIELDS = {
  platformId: true,
  kind: true,
  parentPlatformId: true,
  threadRootPlatformId: true,
  author: true,
  text: true,
  url: true,
  postedAt: true,
  editedAt: true,
  hidden: true,
  attachments: true,
  contentHash: true,
} satisfies FieldList<PreparedItem>;
const SCALAR_ITEM_FIELDS = Object.keys(ITEM_FIELDS).filter(
  (field) => field !== 'author' && field !== 'attachments',
) as ScalarItemField[];

/**
 * A page's items as columns for the catalog thread (see column-batch.ts in core): the scalar fields, the author's
 * fields flattened, and attachments only for the items that have any (most have none).
 */
export interface ItemColumns {
  scalars: ColumnBatch<ScalarItemField>;
  authors: ColumnBatch<'id' | 'name' | 'handle'>;
  attachments: Array<[position: number, attachments: Attachment[]]>;
}

export function itemsToColumns(items: readonly PreparedItem[]): ItemColumns {
  const attachments: ItemColumns['attachments'] = [];
  items.forEach((item, position) => {
    if (item.attachments.length > 0) attachments.push([position, item.attachments]);
  });
  return {
    scalars: toColumnBatch(items, SCALAR_ITEM_FIELDS),
    authors: toColumnBatch(
      items.map((item) => item.author),
      ['id', 'name', 'handle'],
    ),
    attachments,
  };
}

export function itemsFromColumns(columns: ItemColumns): PreparedItem[] {
  const items = fromColumnBatch<PreparedItem>(columns.scalars, SCALAR_ITEM_FIELDS);
  const authors = fromColumnBatch<PreparedItem['author']>(columns.authors, ['id', 'name', 'handle']);
  for (let position = 0; position < items.length; position += 1) {
    items[position].author = authors[position];
    items[position].attachments = [];
  }
  for (const [position, attachments] of columns.attachments) items[position].attachments = attachments;
  return items;
}
