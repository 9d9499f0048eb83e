import type { Request, Response } from 'express';
import type { Catalog, SearchIndex, User } from '@verbatim/core';
import type { FoiaService, FoiaStore } from '@verbatim/foia';
import type { ItScreens } from './it/it-screens.port';
import type { FoiaDeskPort } from './foia-desk.port';

/** The signed-in person and the CSRF token their forms must carry. */
export interface WebSession {
  user: User;
  csrfToken: string;
}

/**
 * What the pages need from the process that serves them. Sessions are the API's (one cookie for pages and
 * API calls alike), so signing in and out are handed over rather than re-implemented here.
 */
export interface WebDependencies {
  catalog: Catalog;
  searchIndex: SearchIndex;
  townName: string;
  timeZone: string;
  currentSession(request: Request): Promise<WebSession | null>;
  /** Checks the password, starts a session and sets its cookie; false when the email or password is wrong. */
  signIn(email: string, password: string, request: Request, response: Response): Promise<boolean>;
  signOut(request: Request, response: Response): Promise<void>;
  logError(error: unknown): void;
  foia: FoiaService;
  foiaStore: FoiaStore;
  /** Hands a new request's notifications to the queue now (the relay retries when Redis is down). */
  relayNotifications(): Promise<void>;
  /** Gathering records, decisions and bundles: the same desk the JSON API uses. */
  foiaDesk: FoiaDeskPort;
  // IT screens
  /** Agencies, accounts, syncs and people: the same functions the JSON API's routes call. */
  it: ItScreens;
}
