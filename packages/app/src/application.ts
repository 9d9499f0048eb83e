import type {
  Catalog,
  DispositionControl,
  VerificationControl,
  ExportImportStore,
  ImportControl,
  JobControl,
  ModerationLedgerStore,
  ModerationStore,
  ObjectStore,
  PeopleStore,
  RetentionStore,
  ReindexControl,
  RecentJobs,
  SearchGenerations,
  SearchIndex,
  SignInFailures,
} from '@verbatim/core';
import type { RenderPdfToFile, TownSigningKey } from '@verbatim/bundles/production';
import type { BundleStore, ComplianceStore, FoiaService, FoiaStore } from '@verbatim/foia';
import { createItDesk, type ItDesk } from './accounts/it-desk';
import { ImportDesk } from './imports/import-desk';
import { FoiaDesk } from './foia/foia-desk';
import { FoiaSettingsDesk } from './foia/foia-settings-desk';
import { NotificationDesk } from './foia/notification-desk';
import { RequestLog } from './foia/request-log';
import { Sessions } from './people/sessions';
import { OidcSignIn, type OidcSignInSettings } from './people/oidc-sign-in';
import { DEFAULT_SIGN_IN_THROTTLE, SignInThrottle } from './people/sign-in-throttle';
import { ModerationDesk } from './moderation/moderation-desk';
import { ModerationLedgerDesk } from './moderation/moderation-ledger-desk';
import { PolicyCategories } from './moderation/policy-categories';
import { RecordDesk } from './records/record-desk';
import { SearchIndexDesk } from './search/search-index-desk';
import { DispositionDesk } from './retention/disposition-desk';
import { RetentionDesk } from './retention/retention-desk';
import { ComplianceDesk } from './compliance/compliance-desk';
import { AuditDesk } from './audit/audit-desk';
import { VerificationDesk } from './integrity/verification-desk';
import { GrantNotices } from './people/grant-notices';
import { CorruptObjectNotices } from './integrity/corrupt-object-notices';

/** The ports and settings the use cases run on, wired by the process that hosts them (services/embedded). */
export interface ApplicationDependencies {
  catalog: Catalog;
  people: PeopleStore;
  /** Retention rules, legal holds and dispositions, in the catalog's database. */
  retention: RetentionStore;
  /** Removal categories and moderation reviews. */
  moderation: ModerationStore;
  /** Every hide and disappearance the archive saw, once. */
  moderationLedger: ModerationLedgerStore;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  jobs: JobControl;
  /** Recent jobs of every queue, for IT; absent in a process that knows no queues (the list then says so). */
  recentJobs?: RecentJobs;
  reindexControl: ReindexControl;
  /** Imports of platform exports and their reports. */
  exportImports: ExportImportStore;
  /** Queues imports. */
  importControl: ImportControl;
  /** Queues the dispositions the attorney approves. */
  dispositionControl: DispositionControl;
  /** Queues verifications of the archive. */
  verificationControl: VerificationControl;
  /** Where uploads are spooled while hashed (DATA_DIR/tmp). */
  scratchDir?: string;
  /** Rebuilding the search index beside the live one; absent where the backend cannot yet. */
  searchGenerations?: SearchGenerations;
  foia: FoiaService;
  foiaStore: FoiaStore;
  bundleStore: BundleStore;
  /** Policy documents, receipts, account people history, approvals and announced compliance. */
  complianceStore: ComplianceStore;
  /** REQUIRE_ACCOUNT_APPROVAL: new accounts wait for the Communications Manager's approval. */
  requireAccountApproval: boolean;
  /** Failed sign-ins shared by every process that signs people in (Redis); this process's memory when absent. */
  signInFailures?: SignInFailures;
  /** PUBLIC_URL, for links in reports. */
  publicUrl?: string;
  /** Hands new outbox deliveries to the queue now; never throws (the relay loop catches up when Redis is down). */
  relayNotifications: () => Promise<void>;
  /** Queues a bundle's build; throws while Redis is down. */
  enqueueBundle: (bundleId: string) => Promise<void>;
  /** Renders a bundle's PDF off the event loop (verify rebuilds with it). */
  renderPdf: RenderPdfToFile;
  /** The public half of the town's bundle-signing key, shown on /signing-key and served as PEM. */
  townSigningKey: Pick<TownSigningKey, 'publicKeyPem' | 'fingerprint'>;
  townName: string;
  /** The town's IANA time zone (TOWN_TIME_ZONE): exports show times on the town's clock. */
  timeZone: string;
  /**
   * Sign-in through the town's OpenID Connect provider, when configured (OIDC_ISSUER); `only` (OIDC_ONLY) turns
   * password sign-in off.
   */
  oidc?: OidcSignInSettings & { only: boolean };
}

/**
 * What people and jobs do with the archive, for every adapter alike: the JSON API and the pages call these, so
 * both apply the same rules and leave the same audit trail. The ports stay reachable for plain reads (lists,
 * counts) that no rule or audit entry goes with.
 */
export interface Application extends ApplicationDependencies {
  sessions: Sessions;
  /** Present when the town's identity provider is configured. */
  oidcSignIn?: OidcSignIn;
  it: ItDesk;
  records: RecordDesk;
  requestLog: RequestLog;
  foiaDesk: FoiaDesk;
  foiaSettings: FoiaSettingsDesk;
  notificationDesk: NotificationDesk;
  searchIndexDesk: SearchIndexDesk;
  retentionDesk: RetentionDesk;
  dispositionDesk: DispositionDesk;
  compliance: ComplianceDesk;
  policyCategories: PolicyCategories;
  moderationDesk: ModerationDesk;
  moderationLedgerDesk: ModerationLedgerDesk;
  imports: ImportDesk;
  auditDesk: AuditDesk;
  verifications: VerificationDesk;
  /** Announces grants of attorney or auditor (people and tokens) to the attorney's office. */
  grantNotices: GrantNotices;
}

export function createApplication(dependencies: ApplicationDependencies): Application {
  const { catalog, people, jobs, searchIndex, objectStore, foia, foiaStore, relayNotifications, timeZone } =
    dependencies;
  const { complianceStore: compliance, requireAccountApproval } = dependencies;
  const grantNotices = new GrantNotices({ settings: foia, people, tokens: catalog });
  const corruptObjects = new CorruptObjectNotices({
    store: foiaStore,
    settings: foia,
    people,
    catalog,
    relayNotifications,
  });
  const oidc = dependencies.oidc;
  const sessions = new Sessions(
    people,
    catalog,
    new SignInThrottle(DEFAULT_SIGN_IN_THROTTLE, dependencies.signInFailures),
    { passwordSignIn: !oidc?.only, signInInstead: oidc?.provider.name },
  );
  return {
    ...dependencies,
    grantNotices,
    sessions,
    oidcSignIn: oidc ? new OidcSignIn(people, catalog, sessions, oidc) : undefined,
    it: createItDesk({
      catalog,
      people,
      jobs,
      foiaStore,
      compliance,
      requireAccountApproval,
      grants: grantNotices,
      relayNotifications,
    }),
    compliance: new ComplianceDesk(dependencies),
    records: new RecordDesk({
      catalog,
      searchIndex,
      objectStore,
      retention: dependencies.retention,
      corruptObjects,
    }),
    requestLog: new RequestLog({ catalog, foia, foiaStore, relayNotifications, timeZone }),
    foiaDesk: new FoiaDesk(dependencies),
    foiaSettings: new FoiaSettingsDesk(dependencies),
    notificationDesk: new NotificationDesk({ catalog, foiaStore, relayNotifications }),
    searchIndexDesk: new SearchIndexDesk(dependencies),
    retentionDesk: new RetentionDesk(dependencies),
    dispositionDesk: new DispositionDesk(dependencies),
    policyCategories: new PolicyCategories({ store: dependencies.moderation, audit: catalog }),
    moderationDesk: new ModerationDesk({
      store: dependencies.moderation,
      catalog,
      foia,
      relayNotifications,
    }),
    moderationLedgerDesk: new ModerationLedgerDesk({
      ledger: dependencies.moderationLedger,
      reviews: dependencies.moderation,
      catalog,
    }),
    imports: new ImportDesk(dependencies),
    auditDesk: new AuditDesk(catalog),
    verifications: new VerificationDesk(dependencies),
  };
}
